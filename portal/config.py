"""Configuration: safe defaults, overridden by the environment, checked before production starts.

Environment variables: DATABASE_URL, MIGRATION_DATABASE_URL, SECRET_KEY, REDIS_URL (required in production), PORTAL_ENV
(development | production) and any PORTAL_<NAME> for the other settings below (e.g.
PORTAL_SESSION_IDLE_MINUTES=15; PORTAL_BASE_URL, the public https:// address, required in production;
PORTAL_SMTP_HOST, PORTAL_SMTP_PORT, PORTAL_SMTP_USERNAME, PORTAL_SMTP_PASSWORD, PORTAL_SMTP_STARTTLS or
PORTAL_SMTP_SSL and PORTAL_MAIL_FROM for e-mail reminders). The logins' settings
(PORTAL_MITID_*, PORTAL_STAFF_*, PORTAL_CPR_KEY, PORTAL_PASSWORD_LOGIN) are described in the README,
"Connecting MitID and the staff login".
"""

from __future__ import annotations

import ipaddress
import os
from email.utils import parseaddr
from pathlib import Path
from urllib.parse import urlsplit

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
#: The CPR key of development and the demo; production refuses it like any published value.
DEV_CPR_KEY = "dev-only-cpr-key-never-use-in-production"
#: The development identity provider's staff client secret (devidp/server.mjs, started by `make run`).
DEV_STAFF_CLIENT_SECRET = "dev-only-staff-client-secret"
DEV_IDP = "http://127.0.0.1:5001"
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
        #: The role that owns the tables, for migrations and the retention run (portal/migrate.py);
        #: unset, those connect as DATABASE_URL. Only the processes that run them need it.
        "MIGRATION_DATABASE_URL": env.get("MIGRATION_DATABASE_URL") or None,
        "REDIS_URL": env.get("REDIS_URL") or None,
        #: How long a request waits for a new database connection, and for one SQL statement
        #: (PostgreSQL), before the person gets the 503 page instead of a page that never comes.
        "DB_CONNECT_TIMEOUT_SECONDS": 3,
        "DB_STATEMENT_TIMEOUT_SECONDS": 5,
        #: /healthz answers within this, whatever the database does.
        "HEALTHZ_TIMEOUT_SECONDS": 1.0,
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
        #: No request body is read beyond this, chunked ones included (413 with a friendly page).
        "MAX_CONTENT_LENGTH": 1_000_000,
        "WTF_CSRF_ENABLED": True,
        # A questionnaire left open for hours must still save; the session itself limits the token.
        "WTF_CSRF_TIME_LIMIT": 8 * 3600,
        "HSTS": production,
        "PROXY_FIX": production,
        "LOGIN_RATE_LIMIT": "10 per minute;50 per hour",
        #: "Tilføj en borger" sent, per caseworker.
        "INVITATION_RATE_LIMIT": "30 per hour;100 per day",
        # Beskeder, per person: far above a real conversation, far below a script filling a case.
        "MESSAGE_RATE_LIMIT": "30 per hour",
        "RATELIMIT_ENABLED": True,
        "BABEL_DEFAULT_LOCALE": "da",
        "BABEL_DEFAULT_TIMEZONE": DEFAULT_TIMEZONE,
        "BABEL_TRANSLATION_DIRECTORIES": str(REPO_ROOT / "translations"),
        #: The languages turned on in this installation (each jobcentre then chooses among them what
        #: it offers its citizens). Arabic and Ukrainian are on in development and the demo; in
        #: production once a native speaker has reviewed them (translations/README.md).
        "LANGUAGES": ("da", "en") if production else ("da", "en", "ar", "uk"),
        #: What staff pages are offered in.
        "STAFF_LANGUAGES": ("da", "en"),
        # Retention (portal/retention.py, `flask --app wsgi retention purge` daily), in days.
        "AUDIT_RETENTION_DAYS": 183,
        "RETENTION_SESSION_DAYS": 30,
        "RETENTION_INVITATION_DAYS": 30,
        #: A closed case (deactivated citizen) is deleted this long after closing; None keeps it
        #: until the municipality decides (its journal rules, arkivloven).
        "RETENTION_CLOSED_CASE_DAYS": None,
        "SUPPORT_EMAIL": None,
        # E-mail reminders (portal/meetings/reminders.py): off while PORTAL_SMTP_HOST is unset.
        "SMTP_HOST": None,
        "SMTP_PORT": 25,
        "SMTP_USERNAME": None,
        "SMTP_PASSWORD": None,
        "SMTP_STARTTLS": False,
        #: SMTP over TLS from the first byte (usually port 465), instead of STARTTLS.
        "SMTP_SSL": False,
        "MAIL_FROM": "Min Plan <noreply@localhost>",
        #: Where the portal is reached from outside: links in e-mails and calendar files, the login
        #: providers' callbacks. In production it also names the one host requests may come to.
        "BASE_URL": "http://127.0.0.1:5000",
        #: Host names a request may carry (Host, or X-Forwarded-Host behind the proxy); others get 400.
        #: In production BASE_URL's host unless set (PORTAL_TRUSTED_HOSTS, space-separated).
        "TRUSTED_HOSTS": None,
        # Logins (portal/auth/federation.py). The CPR number's keyed hash finds the citizen.
        "CPR_KEY": None if production else DEV_CPR_KEY,
        #: E-mail and password: for development and the demo; in production only when turned on,
        #: and never for staff there.
        "PASSWORD_LOGIN": not production,
        #: How long the portal waits for a provider (discovery, token endpoint, keys).
        "OIDC_TIMEOUT_SECONDS": 5,
        # Citizens: a MitID broker speaking OpenID Connect. No issuer, no "Log ind med MitID".
        "MITID_ISSUER": None if production else f"{DEV_IDP}/mitid",
        "MITID_CLIENT_ID": "min-plan",
        #: private_key_jwt (MITID_PRIVATE_KEY_FILE) or client_secret_basic (MITID_CLIENT_SECRET).
        "MITID_CLIENT_AUTH": "private_key_jwt",
        "MITID_CLIENT_SECRET": None,
        "MITID_PRIVATE_KEY_FILE": None if production else str(REPO_ROOT / "instance" / "mitid-client-key.pem"),
        "MITID_SCOPE": "openid profile mitid",
        "MITID_CPR_CLAIM": "dk:cpr",
        #: The lowest NSIS level let in: Low, Substantial or High.
        "MITID_MIN_LEVEL": "Substantial",
        # Staff: the municipality's identity provider (Entra ID, AD FS, a broker) over OpenID Connect.
        "STAFF_ISSUER": None if production else f"{DEV_IDP}/staff",
        "STAFF_CLIENT_ID": "min-plan-staff",
        "STAFF_CLIENT_AUTH": "client_secret_basic",
        "STAFF_CLIENT_SECRET": None if production else DEV_STAFF_CLIENT_SECRET,
        "STAFF_PRIVATE_KEY_FILE": None,
        "STAFF_SCOPE": "openid profile email groups",
        #: acr values that also count as multi-factor (space-separated), beside "mfa" in amr.
        "STAFF_MFA_ACR": "",
        "STAFF_ROLE_CLAIM": "groups",
        #: group or role id = portal role (caseworker, auditor), space-separated.
        "STAFF_ROLES": "minplan-sagsbehandler=caseworker minplan-revisor=auditor",
        #: Whether an employee's first staff login takes over an existing employee account with the
        #: same e-mail (moving password accounts over). Only where the provider's e-mail claim is
        #: the municipality's own (a single-tenant Entra ID, AD FS): anyone who can set it takes
        #: over the account.
        "STAFF_LINK_BY_EMAIL": not production,
        "STAFF_JOBCENTRE_CLAIM": "groups",
        #: group id = the jobcentre's municipality code, space-separated.
        "STAFF_JOBCENTRES": "jobcenter-holbaek=0316 jobcenter-aarhus=0751",
    }
    for key, value in env.items():
        if key.startswith("PORTAL_") and key != "PORTAL_ENV":
            name = key.removeprefix("PORTAL_")
            if name in config and isinstance(config[name], int) and not isinstance(config[name], bool):
                config[name] = int(value)
            elif name in config and isinstance(config[name], bool):
                config[name] = value.lower() in {"1", "true", "yes", "on"}
            elif name in config and isinstance(config[name], float):
                config[name] = float(value)
            else:
                config[name] = value
    config.update(overrides or {})
    for name in ("LANGUAGES", "STAFF_LANGUAGES"):
        if isinstance(config[name], str):  # PORTAL_LANGUAGES="da en ar"
            config[name] = tuple(config[name].split())
    config["TRUSTED_HOSTS"] = trusted_hosts(config, production)
    config["SQLALCHEMY_URL"] = normalise_database_url(config["DATABASE_URL"])
    config["SQLALCHEMY_MIGRATION_URL"] = normalise_database_url(
        config.get("MIGRATION_DATABASE_URL") or config["DATABASE_URL"]
    )
    config["RATELIMIT_STORAGE_URI"] = config.get("REDIS_URL") or "memory://"
    # Redis down must not stop logins: each worker then counts in memory (a limit still, if a
    # looser one) and Flask-Limiter logs one warning, and goes back to Redis when it answers again.
    # Failing open instead would lift the limit on password guessing whenever Redis is unreachable.
    config["RATELIMIT_IN_MEMORY_FALLBACK_ENABLED"] = True
    if config.get("REDIS_URL"):
        # A Redis that accepts and never answers must not hold a login for longer than this.
        config["RATELIMIT_STORAGE_OPTIONS"] = {"socket_connect_timeout": 1, "socket_timeout": 1}
    check_config(config)
    return config


def trusted_hosts(config: dict, production: bool) -> list[str] | None:
    """The hosts Flask lets in (TRUSTED_HOSTS). Behind the proxy, ProxyFix takes the host from
    X-Forwarded-Host, which the client can set: production lets in only the portal's own name, so no
    page, link or redirect is ever built from a name someone else chose."""
    hosts = config.get("TRUSTED_HOSTS")
    if isinstance(hosts, str):
        hosts = hosts.split()
    if hosts is None and production:
        own = urlsplit(config.get("BASE_URL") or "").hostname
        hosts = [own] if own else []
    return list(hosts) if hosts is not None else None


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
    check_cpr_key(config.get("CPR_KEY") or "")
    if not config.get("REDIS_URL"):
        # Each worker would count logins on its own: with n workers an attacker gets n times the
        # tries, and a lock on one worker is no lock on the others.
        raise ConfigError("REDIS_URL is missing: the login limits must be shared by every worker")
    check_transport(config)
    for provider in ("MITID", "STAFF"):
        check_provider(config, provider)
    check_mail(config)


def check_transport(config: dict) -> None:
    """What keeps a session and its forms to the person and to https: refused in production when
    switched off (e.g. PORTAL_HSTS=false left from a test setup)."""
    if not config.get("SESSION_COOKIE_SECURE"):
        raise ConfigError("SESSION_COOKIE_SECURE must be on: the session cookie must never travel over http")
    if not config.get("SESSION_COOKIE_HTTPONLY") or config.get("SESSION_COOKIE_SAMESITE") not in {"Lax", "Strict"}:
        raise ConfigError("SESSION_COOKIE_HTTPONLY must be on and SESSION_COOKIE_SAMESITE Lax or Strict")
    if not config.get("HSTS"):
        raise ConfigError("HSTS must be on: browsers must come back over https only")
    if not config.get("WTF_CSRF_ENABLED"):
        raise ConfigError("WTF_CSRF_ENABLED must be on: every form needs its CSRF token")
    base = urlsplit(config.get("BASE_URL") or "")
    if base.scheme != "https" or not base.hostname or _is_local(base.hostname):
        raise ConfigError(
            "BASE_URL must be the portal's public https:// address: e-mails, calendar files and logins link to it"
        )
    if not config.get("TRUSTED_HOSTS"):
        raise ConfigError("TRUSTED_HOSTS is empty: name the host(s) the portal answers to")


def check_cpr_key(key: str) -> None:
    if not key:
        raise ConfigError("CPR_KEY is missing: set PORTAL_CPR_KEY to a random value of at least 32 bytes")
    if len(key.encode()) < MIN_SECRET_KEY_BYTES:
        raise ConfigError("CPR_KEY is too short: use at least 32 random bytes")
    if key.lower() in KNOWN_SECRET_KEYS | {DEV_CPR_KEY}:
        raise ConfigError("CPR_KEY is a published example value: generate a new one")


def check_provider(config: dict, provider: str) -> None:
    """A provider that is switched on (its issuer set) must be reached over https and have a way to
    prove the portal is itself."""
    issuer = config.get(f"{provider}_ISSUER")
    if not issuer:
        return
    if not str(issuer).startswith("https://"):
        raise ConfigError(f"{provider}_ISSUER must be an https:// URL in production")
    method = config.get(f"{provider}_CLIENT_AUTH")
    if method == "private_key_jwt":
        if not config.get(f"{provider}_PRIVATE_KEY_FILE"):
            raise ConfigError(f"{provider}_PRIVATE_KEY_FILE is needed for private_key_jwt")
    elif method == "client_secret_basic":
        secret = config.get(f"{provider}_CLIENT_SECRET") or ""
        if not secret or secret == DEV_STAFF_CLIENT_SECRET:
            raise ConfigError(f"{provider}_CLIENT_SECRET is missing or a published example value")
    else:
        raise ConfigError(f"{provider}_CLIENT_AUTH must be private_key_jwt or client_secret_basic")


def check_mail(config: dict) -> None:
    """With SMTP on, mail must not go out as development left it: from noreply@localhost, or in clear
    text on the way to the mail server (its links come from BASE_URL, checked in check_transport)."""
    if not config.get("SMTP_HOST"):
        return
    address = parseaddr(config.get("MAIL_FROM") or "")[1]
    domain = address.rpartition("@")[2].lower()
    if "@" not in address or "." not in domain or _is_local(domain):
        raise ConfigError("MAIL_FROM must be an address at the municipality's own domain, not noreply@localhost")
    starttls, tls = bool(config.get("SMTP_STARTTLS")), bool(config.get("SMTP_SSL"))
    if not (starttls or tls):
        raise ConfigError("SMTP must be encrypted: set PORTAL_SMTP_STARTTLS=true or PORTAL_SMTP_SSL=true")
    if starttls and tls:
        raise ConfigError("SMTP_STARTTLS and SMTP_SSL exclude each other: SMTP_SSL is TLS from the start")


def _is_local(host: str) -> bool:
    """localhost, or a loopback address: a name only this machine can reach."""
    host = host.strip("[]").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
