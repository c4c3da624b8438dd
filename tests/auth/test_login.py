"""Logging in and out as a person would, and as an attacker would try."""

from __future__ import annotations

from sqlalchemy import select

from portal.access import Role
from portal.audit import AuditEntry
from portal.auth.models import AuthSession
from tests.factories import PASSWORD, csrf_token_from, log_in, post_form
from tests.pages import parse_page


def test_login_page_is_a_real_form(get_page):
    page = get_page("/login")
    form = page.find("form", attrs={"action": "/login"})
    assert form["method"] == "post"
    assert page.find("label", attrs={"for": "email"}).get_text(strip=True) == "E-mail"
    assert page.find("input", id="password")["type"] == "password"
    assert page.find("input", id="email")["autocomplete"] == "username"
    assert not page.find("input", attrs={"name": "remember"}), "no remember-me"


def test_citizen_logs_in_and_lands_on_overview(client, make_citizen):
    citizen = make_citizen(name="Maria Jensen")
    response = log_in(client, citizen.email)
    assert response.status_code == 302 and response.headers["Location"] == "/"
    page = parse_page(client.get("/"))
    assert page.h1.get_text(strip=True) == "Hej Maria"


def test_caseworker_lands_on_caseload(client, make_caseworker):
    caseworker = make_caseworker()
    log_in(client, caseworker.email)
    response = client.get("/")
    assert response.status_code == 302 and response.headers["Location"] == "/caseworker/"


def test_email_is_case_insensitive(client, make_citizen):
    citizen = make_citizen()
    assert log_in(client, citizen.email.upper()).status_code == 302


def test_wrong_password_and_unknown_email_get_the_same_answer(client, make_citizen):
    citizen = make_citizen()
    wrong_password = log_in(client, citizen.email, "not-the-password")
    unknown_email = log_in(client, "nobody@example.test", "not-the-password")
    for response in (wrong_password, unknown_email):
        page = parse_page(response)
        assert "E-mailadressen eller adgangskoden er forkert" in page.get_text()
    text = lambda r: parse_page(r).find("main").get_text(" ", strip=True)  # noqa: E731
    assert text(wrong_password).replace(citizen.email, "X") == text(unknown_email).replace("nobody@example.test", "X")


def test_failed_login_keeps_email_not_password(client, make_citizen):
    citizen = make_citizen()
    page = parse_page(log_in(client, citizen.email, "wrong-password-here"))
    assert page.find("input", id="email")["value"] == citizen.email
    assert not page.find("input", id="password").get("value")


def test_empty_form_shows_error_summary_and_inline_errors(client):
    token = csrf_token_from(client.get("/login").get_data(as_text=True))
    page = parse_page(client.post("/login", data={"csrf_token": token, "email": "", "password": ""}))
    summary = page.find(attrs={"data-module": "error-summary"})
    assert summary is not None
    links = [a["href"] for a in summary.find_all("a")]
    assert links == ["#email", "#password"]
    assert "Skriv din e-mailadresse" in page.find(id="email-error").get_text()
    assert page.find("input", id="email")["aria-invalid"] == "true"
    assert page.title.get_text().startswith("Fejl")


def test_deactivated_account_cannot_log_in(client, make_citizen):
    citizen = make_citizen(active=False)
    response = log_in(client, citizen.email)
    assert response.status_code == 200
    assert "forkert" in response.get_data(as_text=True)


def test_session_id_changes_at_login(client, make_citizen, session):
    citizen = make_citizen()
    client.get("/login")
    before = client.get_cookie("session").value
    log_in(client, citizen.email)
    after = client.get_cookie("session").value
    assert before != after
    # The pre-login cookie does not carry the login.
    other = client.application.test_client()
    other.set_cookie("session", before)
    assert other.get("/").status_code == 302


def test_logout_ends_session_server_side_and_replayed_cookie_is_logged_out(client, make_citizen, session):
    citizen = make_citizen()
    log_in(client, citizen.email)
    stolen = client.get_cookie("session").value
    response = post_form(client, "/logout")
    assert response.status_code == 302 and response.headers["Location"].startswith("/login")
    attacker = client.application.test_client()
    attacker.set_cookie("session", stolen)
    replay = attacker.get("/")
    assert replay.status_code == 302 and replay.headers["Location"].startswith("/login")
    row = session.scalar(select(AuthSession).where(AuthSession.user_id == citizen.id))
    assert row.end_reason == "logout" and row.ended_at is not None


def test_logout_is_post_only(client, make_citizen):
    log_in(client, make_citizen().email)
    assert client.get("/logout").status_code == 405
    assert client.get("/").status_code == 200, "a GET to /logout does not log out"


def test_logout_tells_the_person(client, make_citizen):
    log_in(client, make_citizen().email)
    response = post_form(client, "/logout")
    page = parse_page(client.get(response.headers["Location"]))
    assert "Du er nu logget af" in page.get_text()


def test_logged_in_person_visiting_login_goes_home(client, make_citizen):
    log_in(client, make_citizen().email)
    response = client.get("/login")
    assert response.status_code == 302 and response.headers["Location"] == "/"


def test_login_and_failures_are_audited_without_secrets(client, make_citizen, session):
    citizen = make_citizen()
    log_in(client, citizen.email, "wrong-password-1")
    log_in(client, "ghost@example.test", "wrong-password-2")
    log_in(client, citizen.email)
    rows = session.scalars(select(AuditEntry).where(AuditEntry.action.like("login.%")).order_by(AuditEntry.id)).all()
    assert [(r.action, r.actor_id) for r in rows] == [
        ("login.failed", citizen.id),
        ("login.failed", None),
        ("login.succeeded", citizen.id),
    ]
    assert all(r.occurred_at.tzinfo is not None and r.request_id for r in rows)
    dumped = " ".join(f"{r.detail}" for r in rows)
    for secret in (PASSWORD, "wrong-password-1", "wrong-password-2", "ghost@example.test"):
        assert secret not in dumped


def test_role_is_read_from_database_not_cookie(client, make_user):
    citizen = make_user(Role.CITIZEN)
    log_in(client, citizen.email)
    assert client.get("/caseworker/").status_code == 403
