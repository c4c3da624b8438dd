"""Password login: on in development and the demo; in production off unless a setting turns it on,
and even then never for employees (they come through the staff login with MFA)."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from portal.audit import AuditEntry
from tests.factories import log_in
from tests.pages import parse_page
from tests.settings import PRODUCTION


@pytest.fixture
def production_app(make_app):
    return make_app(**PRODUCTION)


def test_production_has_no_password_login_unless_turned_on(production_app, make_citizen):
    client = production_app.test_client()
    page = parse_page(client.get("/login"))
    assert page.find("input", attrs={"type": "password"}) is None
    assert "Login er ikke sat op endnu" in page.get_text(), "no provider and no password: it says so"
    citizen = make_citizen()
    log_in(client, citizen.email)
    assert client.get("/").status_code == 302, "a posted password logs no one in"


def test_production_with_password_login_lets_citizens_in(make_app, make_citizen):
    client = make_app(**PRODUCTION, PASSWORD_LOGIN=True).test_client()
    assert log_in(client, make_citizen().email).headers["Location"] == "/"


def test_production_with_password_login_refuses_employees_without_telling_the_password_was_right(
    make_app, make_caseworker, session
):
    client = make_app(**PRODUCTION, PASSWORD_LOGIN=True).test_client()
    caseworker = make_caseworker()
    right = parse_page(log_in(client, caseworker.email)).find(class_="alert-error").get_text(" ", strip=True)
    wrong = parse_page(log_in(client, caseworker.email, "wrong")).find(class_="alert-error").get_text(" ", strip=True)
    assert right == wrong and "forkert" in right
    assert client.get("/caseworker/").status_code == 302, "not logged in"
    reasons = [
        json.loads(row.detail)["reason"]
        for row in session.scalars(select(AuditEntry).where(AuditEntry.action == "login.failed"))
    ]
    assert reasons == ["staff_password_login", "staff_password_login"]


def test_development_can_turn_password_login_off(make_app, make_citizen):
    client = make_app(PASSWORD_LOGIN=False).test_client()
    assert parse_page(client.get("/login")).find("input", attrs={"type": "password"}) is None
    log_in(client, make_citizen().email)
    assert client.get("/").status_code == 302
