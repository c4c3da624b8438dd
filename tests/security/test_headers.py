"""Security headers on every response, error pages included (route sweep)."""

from __future__ import annotations

import pytest

from tests.factories import log_in
from tests.settings import PRODUCTION


def routes(app):
    """One concrete URL per GET rule of the app (ids filled with 1)."""
    urls = []
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods:
            continue
        values = dict.fromkeys(rule.arguments, 1)
        if rule.endpoint == "static":
            values = {"filename": "css/portal.css"}
        urls.append(rule.build(values, append_unknown=False)[1])
    return sorted(set(urls)) + ["/does-not-exist", "/logout"]


def assert_security_headers(response, url):
    headers = response.headers
    csp = headers.get("Content-Security-Policy", "")
    for directive in (
        "default-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
        "script-src 'self'",
    ):
        assert directive in csp, f"{url}: CSP lacks {directive}"
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert headers.get("X-Content-Type-Options") == "nosniff", url
    assert headers.get("Referrer-Policy") == "same-origin", url


def test_headers_on_every_route_anonymous(app, client):
    for url in routes(app):
        assert_security_headers(client.get(url), url)


def test_headers_and_no_store_on_every_route_logged_in(app, client, make_caseworker, make_citizen):
    caseworker = make_caseworker()
    make_citizen(caseworker=caseworker)
    log_in(client, caseworker.email)
    for url in routes(app):
        response = client.get(url)
        assert_security_headers(response, url)
        if not url.startswith("/static/"):
            assert response.headers.get("Cache-Control") == "no-store", url


def test_static_files_may_be_cached(client):
    response = client.get("/static/css/portal.css")
    assert response.status_code == 200
    assert response.headers.get("Cache-Control") != "no-store"


def test_no_hsts_in_development(client):
    assert "Strict-Transport-Security" not in client.get("/login").headers


@pytest.fixture
def production_app(make_app):
    return make_app(**PRODUCTION)


def test_hsts_on_every_response_in_production(production_app):
    client = production_app.test_client()
    for url in routes(production_app):
        response = client.get(url, base_url="https://portal.example")
        assert response.headers.get("Strict-Transport-Security") == "max-age=31536000; includeSubDomains", url


def test_production_session_cookie_is_host_prefixed_secure_httponly_lax(production_app):
    client = production_app.test_client()
    response = client.get("/login", base_url="https://portal.example")
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith("__Host-session=")
    attributes = {part.strip().split("=")[0].lower() for part in cookie.split(";")[1:]}
    assert {"secure", "httponly", "path"} <= attributes
    assert "domain" not in attributes
    assert "SameSite=Lax" in cookie
    assert "Path=/" in cookie
    assert "expires" not in attributes, "the cookie lives for the browser session only"


def test_development_cookie_is_httponly_lax(client):
    cookie = client.get("/login").headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
