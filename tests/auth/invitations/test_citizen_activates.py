"""The citizen opens the link and chooses a password: once, within seven days, with a good password; a renewed
link replaces the old one."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from freezegun import freeze_time
from sqlalchemy import func, select

from portal.audit import AuditEntry
from portal.auth import invitations, throttle
from portal.auth.models import AuthSession, User
from portal.auth.passwords import verify_password
from portal.db import db
from tests.auth.invitations.steps import (
    NEW_PASSWORD,
    add_citizen,
    choose_password,
    error_texts,
    invitation_rows,
    link_on,
    path_of,
    token_of,
    user_by_email,
)
from tests.factories import PASSWORD, csrf_token_from, log_in, post_form
from tests.pages import parse_page


def test_citizen_sets_password_is_logged_in_and_can_log_in_again(citizen_client, invited, session):
    """The whole path: open the link, choose a password, land on the overview, log out, log in again."""
    citizen, link = invited
    form_page = parse_page(citizen_client.get(link))
    assert form_page.h1.get_text(strip=True) == "Velkommen til Min Plan"
    assert "anna.holm@example.dk" in form_page.get_text()

    response = choose_password(citizen_client, link)
    assert response.status_code == 302 and response.headers["Location"] == "/"
    overview = parse_page(citizen_client.get("/"))
    assert overview.h1.get_text(strip=True) == "Hej Anna"
    assert "Din adgangskode er gemt, og du er logget ind" in overview.get_text(" ", strip=True)

    stored = user_by_email(session, citizen.email)
    assert stored.password_hash and NEW_PASSWORD not in stored.password_hash
    assert verify_password(stored.password_hash, NEW_PASSWORD)
    (row,) = invitation_rows(session, citizen.id)
    assert row.used_at is not None
    used = session.scalars(select(AuditEntry).where(AuditEntry.action == "invitation.used")).all()
    assert [(a.actor_id, a.citizen_id) for a in used] == [(citizen.id, citizen.id)]

    # The caseworker saw the link (no mail server here): the citizen's access log says so.
    access_log = parse_page(citizen_client.get("/account/access-log")).get_text(" ", strip=True)
    assert "Linket til at vælge din adgangskode" in access_log

    post_form(citizen_client, "/logout")
    assert citizen_client.get("/").status_code == 302, "logged out"
    assert log_in(citizen_client, "anna.holm@example.dk", NEW_PASSWORD).status_code == 302
    assert parse_page(citizen_client.get("/")).h1.get_text(strip=True) == "Hej Anna"


def test_used_link_answers_410_already_used(citizen_client, app, invited, session):
    # test that a used link shows "Linket er allerede brugt" (410) and cannot set another password
    citizen, link = invited
    assert choose_password(citizen_client, link).status_code == 302
    stranger = app.test_client()
    page = parse_page(stranger.get(link), status=410)
    assert page.h1.get_text(strip=True) == "Linket er allerede brugt"
    token = csrf_token_from(stranger.get("/login").get_data(as_text=True))
    again = stranger.post(
        link, data={"password": "attacker-password-1", "repeat": "attacker-password-1", "csrf_token": token}
    )
    assert again.status_code == 410
    assert stranger.get("/").status_code == 302, "the second user of the link is not logged in"
    assert verify_password(user_by_email(session, citizen.email).password_hash, NEW_PASSWORD)


def test_form_opened_twice_second_submit_gets_410(app, invited, session):
    # test that a password form left open in a second tab cannot overwrite the password after the first submit
    citizen, link = invited
    tab1, tab2 = app.test_client(), app.test_client()
    csrf1 = csrf_token_from(tab1.get(link).get_data(as_text=True))
    csrf2 = csrf_token_from(tab2.get(link).get_data(as_text=True))
    first = tab1.post(link, data={"password": NEW_PASSWORD, "repeat": NEW_PASSWORD, "csrf_token": csrf1})
    second = tab2.post(
        link, data={"password": "another-password-2", "repeat": "another-password-2", "csrf_token": csrf2}
    )
    assert first.status_code == 302
    assert second.status_code == 410 and "Linket er allerede brugt" in second.get_data(as_text=True)
    assert verify_password(user_by_email(session, citizen.email).password_hash, NEW_PASSWORD)
    assert tab2.get("/").status_code == 302


def test_after_activation_caseload_mark_and_renew_button_are_gone(cw_client, citizen_client, invited, session):
    # test that once the citizen chose a password the caseworker no longer sees the warning and cannot renew
    citizen, link = invited
    choose_password(citizen_client, link)
    caseload = parse_page(cw_client.get("/caseworker/")).get_text(" ", strip=True)
    assert "Anna Holm" in caseload and "Har ikke valgt adgangskode" not in caseload
    citizen_page = parse_page(cw_client.get(f"/caseworker/citizens/{citizen.id}")).get_text(" ", strip=True)
    assert "Borgeren har ikke valgt en adgangskode endnu" not in citizen_page
    assert "Lav et nyt link" not in citizen_page

    response = post_form(
        cw_client, f"/caseworker/citizens/{citizen.id}/invitation", page_url=f"/caseworker/citizens/{citizen.id}"
    )
    assert response.status_code == 302
    assert response.headers["Location"] == f"/caseworker/citizens/{citizen.id}"
    followed = parse_page(cw_client.get(response.headers["Location"])).get_text(" ", strip=True)
    assert "Borgeren har allerede valgt en adgangskode og kan logge ind" in followed
    assert len(invitation_rows(session, citizen.id)) == 1, "no new link was made"


def test_link_works_for_seven_days_then_shows_expired(client, caseworker, app, session):
    # test that the link still works just before 7 days have passed and answers 410 "Linket er udløbet" after
    start = datetime.now(UTC).replace(microsecond=0) + timedelta(days=30)
    with freeze_time(start):
        log_in(client, caseworker.email)
        link = path_of(link_on(add_citizen(client)))
    citizen = user_by_email(session, "anna.holm@example.dk")
    visitor = app.test_client()
    with freeze_time(start + timedelta(days=7) - timedelta(minutes=1)):
        assert parse_page(visitor.get(link)).h1.get_text(strip=True) == "Velkommen til Min Plan"
    with freeze_time(start + timedelta(days=7, seconds=1)):
        page = parse_page(visitor.get(link), status=410)
        assert page.h1.get_text(strip=True) == "Linket er udløbet"
        assert "Kontakt din sagsbehandler" in page.get_text(" ", strip=True)
        log_in(client, caseworker.email)
        citizen_page = parse_page(client.get(f"/caseworker/citizens/{citizen.id}")).get_text(" ", strip=True)
        assert "Linket virker ikke længere. Lav et nyt link til borgeren." in citizen_page


def test_expired_link_cannot_set_a_password(citizen_client, invited, session):
    # test that a POST to an expired link (expiry set in the past in the database) is refused with 410
    citizen, link = invited
    csrf = csrf_token_from(citizen_client.get(link).get_data(as_text=True))
    (row,) = invitation_rows(session, citizen.id)
    row.expires_at = datetime.now(UTC) - timedelta(minutes=1)
    session.commit()
    response = citizen_client.post(link, data={"password": NEW_PASSWORD, "repeat": NEW_PASSWORD, "csrf_token": csrf})
    assert response.status_code == 410 and "Linket er udløbet" in response.get_data(as_text=True)
    assert user_by_email(session, citizen.email).password_hash is None
    assert citizen_client.get("/").status_code == 302


def test_renewed_link_replaces_the_old_one(cw_client, citizen_client, invited, session, caseworker):
    """ "Lav et nyt link": the old link answers 410 "Der er sendt et nyere link", the new one works."""
    citizen, old_link = invited
    response = post_form(
        cw_client, f"/caseworker/citizens/{citizen.id}/invitation", page_url=f"/caseworker/citizens/{citizen.id}"
    )
    page = parse_page(response)
    assert page.h1.get_text(strip=True) == "Giv borgeren linket"
    assert "Ældre links virker ikke længere" in page.get_text(" ", strip=True)
    new_link = path_of(link_on(response))
    assert new_link != old_link

    old = parse_page(citizen_client.get(old_link), status=410)
    assert old.h1.get_text(strip=True) == "Der er sendt et nyere link"
    assert choose_password(citizen_client, new_link).status_code == 302
    assert parse_page(citizen_client.get("/")).h1.get_text(strip=True) == "Hej Anna"

    first, second = invitation_rows(session, citizen.id)
    assert first.revoked_at is not None and first.used_at is None
    assert second.used_at is not None and second.revoked_at is None
    created = session.scalars(
        select(AuditEntry).where(AuditEntry.action == "invitation.created", AuditEntry.citizen_id == citizen.id)
    ).all()
    assert len(created) == 2 and all(a.actor_id == caseworker.id for a in created)


def test_an_expired_link_can_be_renewed(cw_client, citizen_client, invited, session):
    # test that after expiry the caseworker's new link lets the citizen in and the old one says "replaced"
    citizen, old_link = invited
    (row,) = invitation_rows(session, citizen.id)
    row.expires_at = datetime.now(UTC) - timedelta(days=1)
    session.commit()
    new_link = path_of(
        link_on(
            post_form(
                cw_client,
                f"/caseworker/citizens/{citizen.id}/invitation",
                page_url=f"/caseworker/citizens/{citizen.id}",
            )
        )
    )
    assert "Der er sendt et nyere link" in parse_page(citizen_client.get(old_link), status=410).h1.get_text()
    assert choose_password(citizen_client, new_link).status_code == 302


@pytest.mark.parametrize(
    "password, repeat, message",
    [
        ("kort-kode", "kort-kode", "Brug mindst 12 tegn"),
        ("en lang og god adgangskode", "en lang og god adgangskodE", "Skriv den samme adgangskode begge steder"),
        ("", "", "Skriv en adgangskode"),
        ("en lang og god adgangskode", "", "Skriv adgangskoden igen"),
    ],
)
def test_bad_password_shows_error_and_keeps_link_valid(citizen_client, invited, session, password, repeat, message):
    # test that a refused password shows the error summary, stores nothing, logs nobody in, and the link still works
    citizen, link = invited
    response = choose_password(citizen_client, link, password=password, repeat=repeat)
    page = parse_page(response)
    assert any(message in item for item in error_texts(page))
    assert not page.find("input", id="password").get("value"), "the password is not sent back"
    assert user_by_email(session, citizen.email).password_hash is None
    (row,) = invitation_rows(session, citizen.id)
    assert row.used_at is None and row.revoked_at is None
    assert citizen_client.get("/").status_code == 302, "nobody is logged in"
    assert parse_page(citizen_client.get(link)).h1.get_text(strip=True) == "Velkommen til Min Plan"


def test_password_of_exactly_12_characters_is_accepted(citizen_client, invited, session):
    # test the boundary: 12 characters are enough
    citizen, link = invited
    assert choose_password(citizen_client, link, password="123456789012").status_code == 302
    assert verify_password(user_by_email(session, citizen.email).password_hash, "123456789012")


def test_two_simultaneous_uses_only_one_wins(app, invited, session):
    """Two requests that both found the link valid: the second `activate` returns None and changes nothing."""
    citizen, link = invited
    token = token_of(link)
    with app.test_request_context(link, method="POST"):  # request A reads the link ...
        seen_by_a = invitations.find(token)
        assert invitations.state(seen_by_a) == "valid"
        db.session.commit()  # end A's read transaction, as the real request's would be separate
        with app.app_context(), app.test_request_context(link, method="POST"):  # ... B does too, and wins
            seen_by_b = invitations.find(token)
            assert invitations.state(seen_by_b) == "valid"
            winner = invitations.activate(seen_by_b, "password-of-request-b")
        loser = invitations.activate(seen_by_a, "password-of-request-a")
    assert winner is not None and winner.id == citizen.id
    assert loser is None
    stored = user_by_email(session, citizen.email)
    assert verify_password(stored.password_hash, "password-of-request-b")
    assert not verify_password(stored.password_hash, "password-of-request-a")
    assert (
        session.scalar(select(func.count()).select_from(AuditEntry).where(AuditEntry.action == "invitation.used")) == 1
    )
    assert session.scalar(select(func.count()).select_from(AuthSession).where(AuthSession.user_id == citizen.id)) == 1


def test_activate_twice_in_a_row_returns_none_the_second_time(app, invited, session):
    # test that calling invitations.activate again on the same (used) invitation returns None
    citizen, link = invited
    with app.test_request_context(link, method="POST"):
        invitation = invitations.find(token_of(link))
        assert invitations.activate(invitation, "first-password-123") is not None
    with app.test_request_context(link, method="POST"):
        invitation = invitations.find(token_of(link))
        assert invitations.activate(invitation, "second-password-456") is None
    assert verify_password(user_by_email(session, citizen.email).password_hash, "first-password-123")


def test_account_without_password_cannot_log_in(invited, citizen_client, session):
    # test that nobody logs in to an invited-but-not-activated account, whatever password they try
    citizen, _link = invited
    for guess in (PASSWORD, "None", "null", " " * 12, "anna.holm@example.dk"):
        # Each guess is checked, not held back by the waits after failures (test_password_guessing.py).
        throttle.reset(citizen_client.application)
        response = log_in(citizen_client, citizen.email, guess)
        page = parse_page(response)
        assert "E-mailadressen eller adgangskoden er forkert" in page.get_text(" ", strip=True), guess
        assert citizen_client.get("/").status_code == 302
    empty = parse_page(log_in(citizen_client, citizen.email, ""))
    assert any("Skriv din adgangskode" in item for item in error_texts(empty))
    assert session.scalar(select(func.count()).select_from(AuthSession).where(AuthSession.user_id == citizen.id)) == 0
    failed = session.scalars(
        select(AuditEntry).where(AuditEntry.action == "login.failed", AuditEntry.actor_id == citizen.id)
    ).all()
    assert len(failed) == 5


def test_deactivating_the_account_revokes_its_open_link(app, invited, session, citizen_client):
    """A deactivated citizen's link is revoked in the database, not only refused while inactive."""
    from portal.auth import services as accounts

    citizen, link_path = invited
    with app.app_context():
        accounts.deactivate(db.session.get(User, citizen.id))
        db.session.commit()
    assert all(row.revoked_at is not None for row in invitation_rows(session, citizen.id))
    assert citizen_client.get(link_path).status_code == 404
