"""A caseworker adds a citizen, the citizen chooses a password with a one-time link: as the caseworker,
the citizen and an attacker holding a wrong, old or used link would see it."""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime, timedelta
from urllib.parse import urlsplit

import pytest
from freezegun import freeze_time
from sqlalchemy import func, select

from portal.access import Role
from portal.audit import AuditEntry
from portal.auth import invitations
from portal.auth.models import AuthSession, Invitation, Jobcentre, User
from portal.auth.passwords import verify_password
from portal.db import db
from portal.organisation.models import CitizenProfile
from tests.factories import PASSWORD, csrf_token_from, log_in, post_form
from tests.pages import parse_page

NEW_URL = "/caseworker/invitations/new"
NEW_PASSWORD = "en lang og god adgangskode"
BASE_URL = "https://minplan.example.dk"


# --- helpers ------------------------------------------------------------------------------------


def add_citizen(client, name="Anna Holm", email="anna.holm@example.dk", first_contact_date=""):
    """Fill in and send the caseworker's "Tilføj en borger" form."""
    return post_form(
        client, NEW_URL, {"name": name, "email": email, "first_contact_date": first_contact_date}, page_url=NEW_URL
    )


def link_on(response) -> str:
    """The activation link shown to the caseworker."""
    page = parse_page(response)
    field = page.find("input", id="activation-link")
    assert field is not None and field.has_attr("readonly")
    return field["value"]


def path_of(url: str) -> str:
    return urlsplit(url).path


def token_of(url: str) -> str:
    return path_of(url).rsplit("/", 1)[1]


def choose_password(client, link_path, password=NEW_PASSWORD, repeat=None):
    """The citizen opens the link and sends the password form."""
    page = client.get(link_path)
    assert page.status_code == 200, page.status_code
    token = csrf_token_from(page.get_data(as_text=True))
    return client.post(
        link_path, data={"password": password, "repeat": password if repeat is None else repeat, "csrf_token": token}
    )


def error_texts(page) -> list[str]:
    summary = page.find(attrs={"data-module": "error-summary"})
    assert summary is not None, "the page has an error summary"
    return [li.get_text(" ", strip=True) for li in summary.find_all("li")]


def user_by_email(session, email):
    session.expire_all()
    return session.scalar(select(User).where(User.email == email))


def invitation_rows(session, citizen_id):
    session.expire_all()
    return session.scalars(select(Invitation).where(Invitation.citizen_id == citizen_id).order_by(Invitation.id)).all()


@pytest.fixture
def caseworker(make_caseworker):
    return make_caseworker(name="Sofie Sagsbehandler")


@pytest.fixture
def cw_client(client, caseworker):
    """The caseworker's browser, logged in."""
    assert log_in(client, caseworker.email).status_code == 302
    return client


@pytest.fixture
def citizen_client(app):
    """The citizen's own browser (no one logged in)."""
    return app.test_client()


@pytest.fixture
def invited(cw_client, session):
    """A citizen the caseworker has just added: (citizen row, the link's path)."""
    url = link_on(add_citizen(cw_client))
    return user_by_email(session, "anna.holm@example.dk"), path_of(url)


# --- the caseworker adds a citizen ---------------------------------------------------------------


def test_adding_a_citizen_shows_a_link_and_stores_only_its_hash(cw_client, caseworker, session):
    """The caseworker sees the link once; the database holds a hash of the token, never the token."""
    response = add_citizen(cw_client, email="Anna.Holm@Example.DK", first_contact_date="23.11.2026")
    page = parse_page(response)
    assert page.h1.get_text(strip=True) == "Giv borgeren linket"
    url = link_on(response)
    assert url.startswith("http://127.0.0.1:5000/activate/")
    token = token_of(url)
    assert len(token) >= 40

    citizen = user_by_email(session, "anna.holm@example.dk")
    assert citizen is not None, "the e-mail is stored lower-case"
    assert citizen.role is Role.CITIZEN and citizen.name == "Anna Holm"
    assert citizen.password_hash is None
    assert citizen.jobcentre_id == caseworker.jobcentre_id
    profile = session.get(CitizenProfile, citizen.id)
    assert profile.first_contact_date == date(2026, 11, 23)

    rows = invitation_rows(session, citizen.id)
    assert len(rows) == 1
    row = rows[0]
    assert row.token_hash == hashlib.sha256(token.encode()).hexdigest()
    stored = " ".join(
        str(getattr(r, column.key))
        for r in session.scalars(select(Invitation))
        for column in Invitation.__table__.columns
    )
    assert token not in stored, "no invitation row holds the token itself"
    assert row.created_by_id == caseworker.id and row.used_at is None and row.revoked_at is None
    assert timedelta(days=6, hours=23) < row.expires_at - datetime.now(UTC) <= timedelta(days=7)

    audit_rows = session.scalars(select(AuditEntry).where(AuditEntry.action == "invitation.created")).all()
    assert [(a.actor_id, a.actor_role, a.citizen_id) for a in audit_rows] == [(caseworker.id, "caseworker", citizen.id)]
    assert audit_rows[0].purpose
    everything = " ".join(f"{a.purpose} {a.detail}" for a in session.scalars(select(AuditEntry)))
    assert token not in everything, "the audit log does not hold the token"


def test_link_page_is_not_cached_and_says_it_was_not_mailed_without_smtp(cw_client):
    # test that without SMTP the caseworker is told to hand over the link, and the page is never stored
    response = add_citizen(cw_client)
    text = parse_page(response).get_text(" ", strip=True)
    assert "Linket er ikke sendt på e-mail" in text
    assert "Linket er sendt til" not in text
    assert response.headers["Cache-Control"] == "no-store"


def test_new_citizen_is_on_caseload_marked_without_password(cw_client, invited):
    # test that the caseload lists the added citizen with "Har ikke valgt adgangskode"
    citizen, _link = invited
    page = parse_page(cw_client.get("/caseworker/"))
    rows = {
        tr.find("td").find("a").get_text(strip=True): tr.find("td").get_text(" ", strip=True)
        for tr in page.select("tbody tr")
    }
    assert "Anna Holm" in rows
    assert "Har ikke valgt adgangskode" in rows["Anna Holm"]


def test_citizen_page_offers_a_new_link_but_never_shows_the_old_one(cw_client, invited):
    # test that the citizen page warns about the missing password, offers "Lav et nyt link", and hides the token
    citizen, link = invited
    response = cw_client.get(f"/caseworker/citizens/{citizen.id}")
    page = parse_page(response)
    text = page.get_text(" ", strip=True)
    assert "Borgeren har ikke valgt en adgangskode endnu" in text
    assert "Linket til at vælge adgangskode virker til og med" in text
    button = page.find("button", string=lambda s: s and "Lav et nyt link" in s)
    assert button is not None
    assert button.find_parent("form")["action"] == f"/caseworker/citizens/{citizen.id}/invitation"
    assert token_of(link) not in response.get_data(as_text=True)


# --- the citizen uses the link -------------------------------------------------------------------


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


# --- expired, replaced and unknown links ---------------------------------------------------------


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


GARBAGE = [
    "x",
    "a" * 43,
    "A" * 100,
    "B" * 101,
    "z" * 5000,
    "æøå-🙂-ﬁ",
    "%00",
    "%20",
    "..",
    "' OR 1=1 --",
    "<svg onload=alert(1)>",
]


@pytest.mark.parametrize("token", GARBAGE)
def test_garbage_tokens_answer_404_link_does_not_work(client, token):
    # test that made-up tokens show the 404 page "Linket virker ikke", for GET and for POST
    page = parse_page(client.get(f"/activate/{token}"), status=404)
    assert page.h1.get_text(strip=True) == "Linket virker ikke"
    csrf = csrf_token_from(client.get("/login").get_data(as_text=True))
    posted = client.post(
        f"/activate/{token}", data={"password": NEW_PASSWORD, "repeat": NEW_PASSWORD, "csrf_token": csrf}
    )
    assert posted.status_code == 404


@pytest.mark.parametrize(
    "path",
    [
        "/activate/",
        "/activate",
        "/activate/../login",
        "/activate/..%2f..%2fetc%2fpasswd",
        "/activate/a/b",
        "/activate/%2e%2e/%2e%2e/",
    ],
)
def test_malformed_activation_paths_never_fail_with_5xx(client, path):
    # test that paths that do not hold exactly one token segment answer 404, never 5xx
    response = client.get(path)
    assert response.status_code == 404
    assert "Velkommen til Min Plan" not in response.get_data(as_text=True)


def test_a_near_miss_of_a_real_token_does_not_work(client, invited):
    # test that the real token with one character changed, upper-cased or cut short is unknown
    _citizen, link = invited
    token = token_of(link)
    flipped = token[:-1] + ("A" if token[-1] != "A" else "B")
    for guess in (flipped, token.upper() if token.upper() != token else token.lower(), token[:-1], token + "x"):
        assert client.get(f"/activate/{guess}").status_code == 404, guess
    assert client.get(link).status_code == 200


def test_link_of_a_deactivated_citizen_does_not_work(citizen_client, invited, session):
    # test that deactivating the citizen makes their open link unknown (404)
    citizen, link = invited
    stored = user_by_email(session, citizen.email)
    stored.is_active = False
    session.commit()
    assert parse_page(citizen_client.get(link), status=404).h1.get_text(strip=True) == "Linket virker ikke"


def test_link_page_does_not_leak_the_token_to_other_sites(citizen_client, invited):
    # test that the activation page is not stored and sends no Referer with the token to other sites
    _citizen, link = invited
    response = citizen_client.get(link)
    assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["Referrer-Policy"] in {"same-origin", "no-referrer", "strict-origin"}


# --- password rules -------------------------------------------------------------------------------


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


def test_activation_post_without_csrf_token_is_refused(citizen_client, invited, session):
    # test that a cross-site POST (no CSRF token) cannot set the password
    citizen, link = invited
    response = citizen_client.post(link, data={"password": NEW_PASSWORD, "repeat": NEW_PASSWORD})
    assert response.status_code == 400
    assert user_by_email(session, citizen.email).password_hash is None


def test_activation_posts_are_rate_limited(citizen_client, invited, session):
    # test that guessing through the password form is limited like login (429 after a burst)
    citizen, link = invited
    csrf = csrf_token_from(citizen_client.get(link).get_data(as_text=True))
    statuses = [
        citizen_client.post(link, data={"password": "short", "repeat": "short", "csrf_token": csrf}).status_code
        for _ in range(15)
    ]
    assert statuses[0] == 200 and 429 in statuses
    assert user_by_email(session, citizen.email).password_hash is None


# --- two uses at once ----------------------------------------------------------------------------


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


# --- an account without password ------------------------------------------------------------------


def test_account_without_password_cannot_log_in(invited, citizen_client, session):
    # test that nobody logs in to an invited-but-not-activated account, whatever password they try
    citizen, _link = invited
    for guess in (PASSWORD, "None", "null", " " * 12, "anna.holm@example.dk"):
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


# --- the invitation form: duplicates and bad input --------------------------------------------------


@pytest.mark.parametrize("typed", ["ANNA.HOLM@EXAMPLE.DK", "Anna.Holm@example.dk", "  anna.holm@example.dk  "])
def test_existing_email_in_any_case_is_refused(cw_client, make_citizen, session, typed):
    # test that an e-mail already in use (any case, padded) gives a form error and no second account
    existing = make_citizen(email="anna.holm@example.dk", name="Første Anna")
    page = parse_page(add_citizen(cw_client, name="Anden Anna", email=typed))
    assert any("Der er allerede en konto med denne e-mail" in item for item in error_texts(page))
    assert page.find("input", id="activation-link") is None
    session.expire_all()
    assert (
        session.scalar(select(func.count()).select_from(User).where(func.lower(User.email) == "anna.holm@example.dk"))
        == 1
    )
    assert session.scalar(select(User.name).where(User.id == existing.id)) == "Første Anna"
    assert session.scalar(select(User.password_hash).where(User.id == existing.id)) is not None
    assert invitation_rows(session, existing.id) == []


def test_email_of_a_caseworker_is_refused_too(cw_client, make_caseworker, session):
    # test that an employee's e-mail cannot be turned into a citizen account
    colleague = make_caseworker(email="kollega@example.dk")
    page = parse_page(add_citizen(cw_client, email="Kollega@Example.DK"))
    assert any("Der er allerede en konto med denne e-mail" in item for item in error_texts(page))
    session.expire_all()
    assert session.get(User, colleague.id).role is Role.CASEWORKER
    assert invitation_rows(session, colleague.id) == []


@pytest.mark.parametrize(
    "name, email, first_contact, message",
    [
        ("", "", "", "Skriv borgerens navn"),
        ("", "", "", "Skriv borgerens e-mailadresse"),
        ("N" * 300, "anna.holm@example.dk", "", "Skriv højst 200 tegn"),
        ("\x00\x01\x1f\x7f", "anna.holm@example.dk", "", "Skriv borgerens navn"),
        ("Anna Holm", "anna.holm", "", "Skriv en e-mailadresse som navn@eksempel.dk"),
        ("Anna Holm", "anna holm@example.dk", "", "Skriv en e-mailadresse som navn@eksempel.dk"),
        ("Anna Holm", "anna@example.dk\r\nBcc: evil@example.dk", "", "Skriv en e-mailadresse som navn@eksempel.dk"),
        ("Anna Holm", "a" * 250 + "@example.dk", "", "Skriv højst 254 tegn"),
        ("Anna Holm", "anna.holm@example.dk", "31.02.2026", "Skriv en rigtig dato"),
        ("Anna Holm", "anna.holm@example.dk", "i morgen", "Skriv en rigtig dato"),
        ("Anna Holm", "anna.holm@example.dk", "99.99.99999999999999999999", "Skriv en rigtig dato"),
        ("Anna Holm", "anna.holm@example.dk", "1.1.1800", "Skriv en dato mellem år"),
    ],
)
def test_bad_invitation_input_shows_errors_and_creates_nothing(cw_client, session, name, email, first_contact, message):
    # test that bad input gives 200 with the error in the summary and creates no account and no link
    before = session.scalar(select(func.count()).select_from(User))
    page = parse_page(add_citizen(cw_client, name=name, email=email, first_contact_date=first_contact))
    assert any(message in item for item in error_texts(page)), error_texts(page)
    assert page.find("input", id="activation-link") is None
    session.expire_all()
    assert session.scalar(select(func.count()).select_from(User)) == before
    assert session.scalar(select(func.count()).select_from(Invitation)) == 0


def test_control_characters_inside_a_name_are_removed(cw_client, session):
    # test that control characters typed into the name are stripped before the account is made
    response = add_citizen(cw_client, name="\x00Anna\x07 Holm\x1b ", email="anna.holm@example.dk\x00")
    assert link_on(response)
    citizen = user_by_email(session, "anna.holm@example.dk")
    assert citizen.name == "Anna Holm"


def test_invitation_form_keeps_what_was_typed_after_an_error(cw_client):
    # test that the caseworker does not have to retype the name after a bad e-mail
    page = parse_page(add_citizen(cw_client, name="Anna Holm", email="anna.holm", first_contact_date="23.11.2026"))
    assert page.find("input", id="name")["value"] == "Anna Holm"
    assert page.find("input", id="email")["value"] == "anna.holm"
    assert page.find("input", id="first_contact_date")["value"] == "23.11.2026"


# --- scoping ---------------------------------------------------------------------------------------


def test_other_caseworker_cannot_renew_someone_elses_link(app, invited, make_caseworker, session, caseworker):
    # test that a colleague (same jobcentre) gets 404 for a citizen who is not theirs, and no link is made
    citizen, link = invited
    colleague = make_caseworker(jobcentre=session.get(Jobcentre, caseworker.jobcentre_id))
    other = app.test_client()
    log_in(other, colleague.email)
    response = post_form(other, f"/caseworker/citizens/{citizen.id}/invitation", page_url="/caseworker/")
    assert response.status_code == 404
    assert "Giv borgeren linket" not in response.get_data(as_text=True)
    rows = invitation_rows(session, citizen.id)
    assert len(rows) == 1 and rows[0].revoked_at is None, "the citizen's link still works"
    assert app.test_client().get(link).status_code == 200
    denied = session.scalars(
        select(AuditEntry).where(AuditEntry.action == "access.denied", AuditEntry.actor_id == colleague.id)
    ).all()
    assert len(denied) == 1


def test_caseworker_at_another_jobcentre_gets_404(app, invited, make_caseworker, session):
    # test that a caseworker elsewhere cannot renew the link either
    citizen, _link = invited
    stranger = make_caseworker()
    other = app.test_client()
    log_in(other, stranger.email)
    assert post_form(other, f"/caseworker/citizens/{citizen.id}/invitation", page_url="/caseworker/").status_code == 404
    assert post_form(other, "/caseworker/citizens/999999/invitation", page_url="/caseworker/").status_code == 404
    assert len(invitation_rows(session, citizen.id)) == 1


def test_renew_without_csrf_token_is_refused(cw_client, invited, session):
    # test that a cross-site POST cannot replace the citizen's link
    citizen, link = invited
    response = cw_client.post(f"/caseworker/citizens/{citizen.id}/invitation")
    assert response.status_code == 400
    assert len(invitation_rows(session, citizen.id)) == 1


def test_citizen_gets_403_on_the_invitation_form(client, make_citizen, session):
    # test that a logged-in citizen can neither see nor send the caseworker's invitation form
    citizen = make_citizen()
    log_in(client, citizen.email)
    assert client.get(NEW_URL).status_code == 403
    response = post_form(client, NEW_URL, {"name": "Snyd", "email": "snyd@example.dk"})
    assert response.status_code == 403
    assert session.scalar(select(User).where(User.email == "snyd@example.dk")) is None


def test_anonymous_is_sent_to_login_from_the_invitation_form(client, session):
    # test that nobody logged out can add a citizen
    assert client.get(NEW_URL).status_code == 302
    response = post_form(client, NEW_URL, {"name": "Snyd", "email": "snyd@example.dk"}, page_url="/login")
    assert response.status_code == 302 and response.headers["Location"].startswith("/login")
    assert session.scalar(select(User).where(User.email == "snyd@example.dk")) is None


# --- e-mail ---------------------------------------------------------------------------------------


@pytest.fixture
def mail_client(make_app, inbox, caseworker):
    """The caseworker's browser on an app with SMTP and a public BASE_URL."""
    mail_app = make_app(SMTP_HOST="127.0.0.1", SMTP_PORT=inbox.port, BASE_URL=BASE_URL + "/")
    browser = mail_app.test_client()
    assert log_in(browser, caseworker.email).status_code == 302
    return browser


def test_with_smtp_the_link_is_mailed_to_the_citizen(mail_client, inbox, caseworker, session):
    # test that with SMTP the citizen gets a mail with the same working link, and the page says where it went
    response = add_citizen(mail_client)
    text = parse_page(response).get_text(" ", strip=True)
    assert "Linket er sendt til anna.holm@example.dk" in text
    url = link_on(response)
    assert url.startswith(BASE_URL + "/activate/"), "the link uses BASE_URL without a double slash"
    assert len(inbox.messages) == 1
    message = inbox.messages[0]
    assert message["To"] == "anna.holm@example.dk"
    assert message["Subject"] == "Din adgang til Min Plan"
    body = message.get_content()
    assert url in body
    assert "Hej Anna Holm" in body
    assert session.get(Jobcentre, caseworker.jobcentre_id).name in body
    assert mail_client.application.test_client().get(path_of(url)).status_code == 200


def test_refused_mail_still_gives_the_caseworker_the_link(mail_client, inbox, session):
    # test that when the mail server refuses, the page says the link was not mailed and the link still works
    inbox.refuse = True
    response = add_citizen(mail_client)
    text = parse_page(response).get_text(" ", strip=True)
    assert "Linket er ikke sendt på e-mail" in text
    url = link_on(response)
    assert inbox.messages == []
    assert user_by_email(session, "anna.holm@example.dk") is not None
    assert mail_client.application.test_client().get(path_of(url)).status_code == 200


def test_deactivating_the_account_revokes_its_open_link(app, invited, session, citizen_client):
    """A deactivated citizen's link is revoked in the database, not only refused while inactive."""
    from portal.auth import services as accounts

    citizen, link_path = invited
    with app.app_context():
        accounts.deactivate(db.session.get(User, citizen.id))
        db.session.commit()
    assert all(row.revoked_at is not None for row in invitation_rows(session, citizen.id))
    assert citizen_client.get(link_path).status_code == 404


def test_the_account_creation_is_audited_with_the_caseworker_and_the_citizen(invited, caseworker, session):
    """The audit log says which caseworker created the citizen's account, and for whom (an auditor's export)."""
    citizen, _link = invited
    created = session.scalar(
        select(AuditEntry).where(AuditEntry.action == "account.created", AuditEntry.citizen_id == citizen.id)
    )
    assert created is not None and created.actor_id == caseworker.id
