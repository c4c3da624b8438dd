"""Configuration: safe defaults, overridden by the environment, checked before production starts.

Environment variables: DATABASE_URL, SECRET_KEY, REDIS_URL, PORTAL_ENV (development | production)
and any PORTAL_<NAME> for the other settings below (e.g. PORTAL_SESSION_IDLE_MINUTES=15;
PORTAL_SMTP_HOST, PORTAL_SMTP_PORT, PORTAL_SMTP_USERNAME, PORTAL_SMTP_PASSWORD, PORTAL_SMTP_STARTTLS,
PORTAL_MAIL_FROM and PORTAL_BASE_URL for e-mail reminders).
"""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent

#: Keys that appear in this repository or its documentation; never accepted in production.
KNOWN_SECRET_KEYS = frozenset(
    {
        "dev",
        "development",
        "secret",
        "changeme",
        "change-me",
        "dev-only-insecure-key-do-not-use-in-production",
    }
)
DEV_SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"
MIN_SECRET_KEY_BYTES = 32
#: The wall-clock zone of Danish jobcentres (portal/clock.py).
DEFAULT_TIMEZONE = "Europe/Copenhagen"


class ConfigError(RuntimeError):
    """Raised when the portal is asked to start with settings that are unsafe for its environment."""


def default_sqlite_url() -> str:
    return f"sqlite:///{REPO_ROOT / 'instance' / 'portal.sqlite3'}"


def load_config(overrides: dict | None = None) -> dict:
    """Build the configuration mapping: defaults, then the environment, then explicit overrides."""
    env = os.environ
    portal_env = (overrides or {}).get("PORTAL_ENV") or env.get("PORTAL_ENV", "development")
    production = portal_env == "production"
    config: dict = {
        "PORTAL_ENV": portal_env,
        "SECRET_KEY": env.get("SECRET_KEY") or (None if production else DEV_SECRET_KEY),
        "DATABASE_URL": env.get("DATABASE_URL") or default_sqlite_url(),
        "REDIS_URL": env.get("REDIS_URL") or None,
        "DEBUG": False,
        "TESTING": False,
        # Sessions: opaque token in a signed cookie, state in the database (see auth/sessions.py).
        "SESSION_IDLE_MINUTES": 30,
        "SESSION_ABSOLUTE_HOURS": 8,
        "SESSION_TOUCH_SECONDS": 60,
        "SESSION_COOKIE_NAME": "__Host-session" if production else "session",
        "SESSION_COOKIE_SECURE": production,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_PATH": "/",
        "SESSION_COOKIE_DOMAIN": None,
        "REMEMBER_COOKIE_DURATION": 0,
        "WTF_CSRF_ENABLED": True,
        # A questionnaire left open for hours must still save; the session itself limits the token.
        "WTF_CSRF_TIME_LIMIT": 8 * 3600,
        "HSTS": production,
        "PROXY_FIX": production,
        "LOGIN_RATE_LIMIT": "10 per minute;50 per hour",
        "RATELIMIT_ENABLED": True,
        "BABEL_DEFAULT_LOCALE": "da",
        "BABEL_DEFAULT_TIMEZONE": DEFAULT_TIMEZONE,
        "BABEL_TRANSLATION_DIRECTORIES": str(REPO_ROOT / "translations"),
        "LANGUAGES": ("da", "en"),
        "AUDIT_RETENTION_DAYS": 183,
        "SUPPORT_EMAIL": None,
        # E-mail reminders (portal/meetings/reminders.py): off while PORTAL_SMTP_HOST is unset.
        "SMTP_HOST": None,
        "SMTP_PORT": 25,
        "SMTP_USERNAME": None,
        "SMTP_PASSWORD": None,
        "SMTP_STARTTLS": False,
        "MAIL_FROM": "Min Plan <noreply@localhost>",
        #: Where the portal is reached from outside, for links in e-mails.
        "BASE_URL": "http://127.0.0.1:5000",
    }
    for key, value in env.items():
        if key.startswith("PORTAL_") and key != "PORTAL_ENV":
            name = key.removeprefix("PORTAL_")
            if name in config and isinstance(config[name], int) and not isinstance(config[name], bool):
                config[name] = int(value)
            elif name in config and isinstance(config[name], bool):
                config[name] = value.lower() in {"1", "true", "yes", "on"}
            else:
                config[name] = value
    config.update(overrides or {})
    config["SQLALCHEMY_URL"] = normalise_database_url(config["DATABASE_URL"])
    config["RATELIMIT_STORAGE_URI"] = config.get("REDIS_URL") or "memory://"
    check_config(config)
    return config


def normalise_database_url(url: str) -> str:
    """Accept the common `postgres://` and `postgresql://` forms and use the psycopg 3 driver."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def check_config(config: dict) -> None:
    """Refuse settings that would make production unsafe; raises ConfigError with the reason."""
    if config["PORTAL_ENV"] not in {"development", "production"}:
        raise ConfigError("PORTAL_ENV must be 'development' or 'production'")
    if config["PORTAL_ENV"] != "production":
        return
    key = config.get("SECRET_KEY") or ""
    if not key:
        raise ConfigError("SECRET_KEY is missing: set a random value of at least 32 bytes")
    if len(key.encode()) < MIN_SECRET_KEY_BYTES:
        raise ConfigError("SECRET_KEY is too short: use at least 32 random bytes")
    if key.lower() in KNOWN_SECRET_KEYS:
        raise ConfigError("SECRET_KEY is a published example value: generate a new one")
    if config.get("DEBUG") or config.get("TESTING"):
        raise ConfigError("DEBUG and TESTING must be off in production")
