"""Production refuses unsafe settings; development works out of the box."""

from __future__ import annotations

import pytest

from demodata.cli import demo_cli
from portal import create_app
from portal.config import DEV_CPR_KEY, DEV_SECRET_KEY, DEV_STAFF_CLIENT_SECRET, ConfigError
from tests.settings import PRODUCTION


@pytest.mark.parametrize("key", [None, "", "short-key", DEV_SECRET_KEY, "changeme"])
def test_production_refuses_weak_secret_key(database_url, monkeypatch, key):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(ConfigError):
        create_app({"DATABASE_URL": database_url, **PRODUCTION, "SECRET_KEY": key})


def test_production_refuses_debug(database_url, monkeypatch):
    with pytest.raises(ConfigError):
        create_app({"DATABASE_URL": database_url, **PRODUCTION, "DEBUG": True})
    monkeypatch.setenv("FLASK_DEBUG", "1")
    with pytest.raises(ConfigError):
        create_app({"DATABASE_URL": database_url, **PRODUCTION})


def test_unknown_environment_is_refused(database_url):
    with pytest.raises(ConfigError):
        create_app({"DATABASE_URL": database_url, "PORTAL_ENV": "staging"})


def test_production_starts_with_strong_key_and_debug_off(make_app):
    app = make_app(**PRODUCTION)
    assert app.debug is False
    assert app.config["SESSION_COOKIE_SECURE"] is True


def test_environment_variables_configure_the_app(database_url, monkeypatch):
    monkeypatch.setenv("PORTAL_SESSION_IDLE_MINUTES", "15")
    monkeypatch.setenv("DATABASE_URL", "postgres://someone@db.example/portal")
    from portal.config import load_config

    config = load_config()
    assert config["SESSION_IDLE_MINUTES"] == 15
    assert config["SQLALCHEMY_URL"] == "postgresql+psycopg://someone@db.example/portal"


def test_production_refuses_demo_seeding(make_app):
    app = make_app(**PRODUCTION)
    result = app.test_cli_runner().invoke(demo_cli, ["seed"])
    assert result.exit_code != 0
    assert "never seeded in production" in result.output


def test_production_error_page_hides_internals(make_app):
    app = make_app(**PRODUCTION)

    @app.get("/boom")
    def boom():
        raise RuntimeError("secret internal detail /srv/portal/app.py SELECT * FROM user_account")

    from portal.access import PUBLIC, ROUTE_ACCESS

    ROUTE_ACCESS["boom"] = PUBLIC
    try:
        response = app.test_client().get("/boom", base_url="https://portal.example")
    finally:
        del ROUTE_ACCESS["boom"]
    html = response.get_data(as_text=True)
    assert response.status_code == 500
    assert "Der skete en fejl hos os" in html
    for leak in ("secret internal detail", "Traceback", "SELECT", "/srv/portal"):
        assert leak not in html


@pytest.mark.parametrize("key", [None, "", "short", DEV_CPR_KEY, "changeme"])
def test_production_refuses_a_missing_or_weak_cpr_key(database_url, key):
    with pytest.raises(ConfigError, match="CPR_KEY"):
        create_app({"DATABASE_URL": database_url, **PRODUCTION, "CPR_KEY": key})


@pytest.mark.parametrize(
    ("settings", "complaint"),
    [
        ({"MITID_ISSUER": "http://broker.example.dk/mitid"}, "https"),
        ({"MITID_ISSUER": "https://broker.example.dk", "MITID_PRIVATE_KEY_FILE": None}, "PRIVATE_KEY_FILE"),
        ({"MITID_ISSUER": "https://broker.example.dk", "MITID_CLIENT_AUTH": "none"}, "CLIENT_AUTH"),
        ({"STAFF_ISSUER": "https://login.example.dk", "STAFF_CLIENT_SECRET": None}, "CLIENT_SECRET"),
        ({"STAFF_ISSUER": "https://login.example.dk", "STAFF_CLIENT_SECRET": DEV_STAFF_CLIENT_SECRET}, "CLIENT_SECRET"),
        ({"MITID_ISSUER": "https://broker.example.dk", "MITID_PRIVATE_KEY_FILE": "/nowhere/key.pem"}, "cannot be read"),
    ],
)
def test_production_refuses_a_provider_it_cannot_use_safely(database_url, settings, complaint):
    with pytest.raises(ConfigError, match=complaint):
        create_app({"DATABASE_URL": database_url, **PRODUCTION, **settings})


def test_development_without_the_client_key_simply_offers_no_mitid(make_app, tmp_path):
    app = make_app(MITID_ISSUER="http://127.0.0.1:5001/mitid", MITID_PRIVATE_KEY_FILE=str(tmp_path / "missing.pem"))
    page = app.test_client().get("/login").get_data(as_text=True)
    assert "Log ind med MitID" not in page and "adgangskode" in page


#: Production mail as an operator should set it: a real sender, the public address, STARTTLS.
MAIL = {
    "SMTP_HOST": "smtp.holbaek.dk",
    "SMTP_PORT": 587,
    "SMTP_STARTTLS": True,
    "MAIL_FROM": "Min Plan <minplan@holbaek.dk>",
    "BASE_URL": "https://minplan.holbaek.dk",
}


@pytest.mark.parametrize(
    ("settings", "complaint"),
    [
        ({"MAIL_FROM": "Min Plan <noreply@localhost>"}, "MAIL_FROM"),
        ({"MAIL_FROM": "noreply@127.0.0.1"}, "MAIL_FROM"),
        ({"MAIL_FROM": "noreply"}, "MAIL_FROM"),
        ({"SMTP_STARTTLS": False}, "STARTTLS"),
        ({"SMTP_SSL": True}, "exclude each other"),
    ],
)
def test_production_with_smtp_refuses_the_development_mail_settings(database_url, settings, complaint):
    with pytest.raises(ConfigError, match=complaint):
        create_app({"DATABASE_URL": database_url, **PRODUCTION, **MAIL, **settings})


def test_production_with_smtp_starts_with_real_mail_settings(make_app):
    assert make_app(**{**PRODUCTION, **MAIL}).config["SMTP_STARTTLS"] is True
    over_tls = make_app(**{**PRODUCTION, **MAIL, "SMTP_STARTTLS": False, "SMTP_SSL": True, "SMTP_PORT": 465})
    assert over_tls.config["SMTP_SSL"] is True


def test_production_without_smtp_keeps_the_mail_defaults(make_app):
    # No mail goes out, so nothing carries the development sender or links.
    app = make_app(**PRODUCTION)
    assert app.config["SMTP_HOST"] is None and app.config["MAIL_FROM"] == "Min Plan <noreply@localhost>"


def test_the_environment_turns_on_smtp_over_tls(monkeypatch):
    from portal.config import load_config

    monkeypatch.setenv("PORTAL_SMTP_SSL", "true")
    assert load_config()["SMTP_SSL"] is True


@pytest.mark.parametrize(
    ("settings", "complaint"),
    [
        ({"REDIS_URL": None}, "REDIS_URL"),
        ({"REDIS_URL": ""}, "REDIS_URL"),
        ({"SESSION_COOKIE_SECURE": False}, "SESSION_COOKIE_SECURE"),
        ({"SESSION_COOKIE_HTTPONLY": False}, "HTTPONLY"),
        ({"SESSION_COOKIE_SAMESITE": None}, "SAMESITE"),
        ({"HSTS": False}, "HSTS"),
        ({"WTF_CSRF_ENABLED": False}, "CSRF"),
        ({"BASE_URL": "http://127.0.0.1:5000"}, "BASE_URL"),
        ({"BASE_URL": "http://minplan.holbaek.dk"}, "BASE_URL"),
        ({"BASE_URL": "https://localhost"}, "BASE_URL"),
        ({"BASE_URL": "https://[::1]:8443"}, "BASE_URL"),
        ({"BASE_URL": ""}, "BASE_URL"),
        ({"TRUSTED_HOSTS": ""}, "TRUSTED_HOSTS"),
    ],
)
def test_production_refuses_unsafe_combinations(database_url, settings, complaint):
    # Each is a switch a test setup or a hurried operator might leave off; none may reach production.
    with pytest.raises(ConfigError, match=complaint):
        create_app({"DATABASE_URL": database_url, **PRODUCTION, **settings})


@pytest.mark.parametrize(
    ("variable", "value", "complaint"),
    [
        ("PORTAL_SESSION_COOKIE_SECURE", "false", "SESSION_COOKIE_SECURE"),
        ("PORTAL_HSTS", "off", "HSTS"),
        ("PORTAL_WTF_CSRF_ENABLED", "0", "CSRF"),
        ("PORTAL_BASE_URL", "http://minplan.holbaek.dk", "BASE_URL"),
    ],
)
def test_production_refuses_them_from_the_environment_too(database_url, monkeypatch, variable, value, complaint):
    monkeypatch.setenv(variable, value)
    settings = {name: setting for name, setting in PRODUCTION.items() if f"PORTAL_{name}" != variable}
    with pytest.raises(ConfigError, match=complaint):
        create_app({"DATABASE_URL": database_url, **settings})


def test_production_without_smtp_still_needs_a_public_https_address(database_url):
    # The .ics links, the login callbacks and the trusted host come from BASE_URL, mail or no mail.
    settings = {**PRODUCTION, "BASE_URL": "http://127.0.0.1:5000", "SMTP_HOST": None}
    with pytest.raises(ConfigError, match="BASE_URL"):
        create_app({"DATABASE_URL": database_url, **settings})


def test_production_trusts_only_base_urls_host_unless_told_otherwise(make_app, monkeypatch):
    assert make_app(**PRODUCTION).config["TRUSTED_HOSTS"] == ["portal.example"]
    monkeypatch.setenv("PORTAL_TRUSTED_HOSTS", "minplan.holbaek.dk www.minplan.holbaek.dk")
    assert make_app(**PRODUCTION).config["TRUSTED_HOSTS"] == ["minplan.holbaek.dk", "www.minplan.holbaek.dk"]


def test_development_trusts_any_host(app):
    assert app.config["TRUSTED_HOSTS"] is None


@pytest.mark.parametrize(
    "request_headers",
    [
        {"Host": "evil.example"},
        {"X-Forwarded-Host": "evil.example"},  # the proxy passes on what the client sent
        {"X-Forwarded-Host": "portal.example.evil.example"},
        {"Host": "portal.example:443@evil.example"},
    ],
)
def test_production_answers_a_foreign_host_with_400(make_app, request_headers):
    client = make_app(**PRODUCTION).test_client()
    assert client.get("/login").status_code == 200, "the portal's own host is let in"
    response = client.get("/login", headers=request_headers)
    assert response.status_code == 400
    assert "evil" not in response.get_data(as_text=True), "nothing on the page is built from the foreign host"
