"""A caseworker adds a citizen: the one-time link, the caseload mark, the form's errors, the e-mail and the
audit row."""

from __future__ import annotations

import hashlib
import json
import re
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from portal.access import Role
from portal.audit import AuditEntry
from portal.auth.models import Invitation, Jobcentre, User
from portal.organisation.models import CitizenProfile
from tests.auth.invitations.steps import (
    BASE_URL,
    add_citizen,
    error_texts,
    invitation_rows,
    link_on,
    path_of,
    token_of,
    user_by_email,
)
from tests.factories import post_form
from tests.pages import parse_page


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


def link_shown_rows(session):
    session.expire_all()
    rows = session.scalars(select(AuditEntry).where(AuditEntry.action == "invitation.link_shown")).all()
    return [(row.actor_id, row.citizen_id, json.loads(row.detail)["reason"]) for row in rows]


def test_without_smtp_the_caseworker_gets_the_link_is_told_why_and_the_log_says_they_saw_it(
    cw_client, caseworker, session
):
    response = add_citizen(cw_client)
    text = parse_page(response).get_text(" ", strip=True)
    assert "Linket er ikke sendt på e-mail" in text
    assert "Du ser linket, fordi det ikke kunne sendes på e-mail" in text
    assert "Det er skrevet i loggen, at du har set det" in text
    assert "Linket er sendt til" not in text
    assert link_on(response)
    assert response.headers["Cache-Control"] == "no-store"
    citizen = user_by_email(session, "anna.holm@example.dk")
    assert link_shown_rows(session) == [(caseworker.id, citizen.id, "no_mail_server")]


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


NEUTRAL = "Min Plan kan ikke bruge denne e-mail til borgeren. Tjek adressen, eller tilføj borgeren uden e-mail."


def refusals(session):
    session.expire_all()
    rows = session.scalars(select(AuditEntry).where(AuditEntry.action == "account.create_refused")).all()
    return [(row.actor_id, json.loads(row.detail)) for row in rows]


@pytest.mark.parametrize("typed", ["ANNA.HOLM@EXAMPLE.DK", "Anna.Holm@example.dk", "  anna.holm@example.dk  "])
def test_existing_email_in_any_case_is_refused_without_saying_an_account_has_it(
    cw_client, caseworker, make_citizen, make_jobcentre, session, typed
):
    # A citizen at another jobcentre: the caseworker learns nothing about them, and the attempt is logged.
    existing = make_citizen(email="anna.holm@example.dk", name="Første Anna", jobcentre=make_jobcentre())
    page = parse_page(add_citizen(cw_client, name="Anden Anna", email=typed))
    assert error_texts(page) == [NEUTRAL]
    text = page.get_text(" ", strip=True).lower()
    assert "konto" not in text and "allerede" not in text and "første anna" not in text
    assert page.find("input", id="activation-link") is None
    session.expire_all()
    assert (
        session.scalar(select(func.count()).select_from(User).where(func.lower(User.email) == "anna.holm@example.dk"))
        == 1
    )
    assert session.scalar(select(User.name).where(User.id == existing.id)) == "Første Anna"
    assert session.scalar(select(User.password_hash).where(User.id == existing.id)) is not None
    assert invitation_rows(session, existing.id) == []
    assert refusals(session) == [(caseworker.id, {"reason": "email_taken", "account_id": existing.id})]


def test_an_employees_email_gets_the_same_answer_as_a_citizens(
    cw_client, caseworker, make_caseworker, make_citizen, session
):
    # test that an employee's e-mail cannot be turned into a citizen account, and the page cannot tell
    # an employee's address from a citizen's
    colleague = make_caseworker(email="kollega@example.dk")
    neighbour = make_citizen(email="nabo@example.dk")
    for_colleague = parse_page(add_citizen(cw_client, email="Kollega@Example.DK"))
    for_citizen = parse_page(add_citizen(cw_client, email="nabo@example.dk"))
    assert error_texts(for_colleague) == error_texts(for_citizen) == [NEUTRAL]
    assert for_colleague.find("main").get_text(" ", strip=True) == for_citizen.find("main").get_text(" ", strip=True)
    session.expire_all()
    assert session.get(User, colleague.id).role is Role.CASEWORKER
    assert invitation_rows(session, colleague.id) == []
    assert [detail["account_id"] for _actor, detail in refusals(session)] == [colleague.id, neighbour.id]


def test_a_citizen_already_in_min_plan_is_named_by_the_cpr_number_not_refused_for_the_e_mail(cw_client, session):
    # The CPR number's answer is kept (a separate decision): with both taken, that is the one given.
    add_citizen(cw_client, name="Anna Holm", email="anna.holm@example.dk", cpr_number="0101801111")
    page = parse_page(add_citizen(cw_client, name="Anna Holm", email="anna.holm@example.dk", cpr_number="0101801111"))
    assert any("Borgeren er allerede i Min Plan" in item for item in error_texts(page))
    assert NEUTRAL not in error_texts(page)
    assert [detail["reason"] for _actor, detail in refusals(session)] == ["cpr_taken"]


@pytest.mark.parametrize(
    "name, email, first_contact, message",
    [
        ("", "", "", "Skriv borgerens navn"),
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


def link_in(message) -> str:
    found = re.search(r"https?://\S+/activate/[\w-]+", message.get_content())
    assert found, "the mail holds the link"
    return found.group(0)


def test_with_smtp_only_the_citizen_gets_the_link(mail_client, inbox, caseworker, session):
    """A caseworker who held the link could choose the citizen's password and act as them: when the mail
    goes out, the page says where it went and shows no link, and no one is logged as having seen it."""
    response = add_citizen(mail_client)
    page = parse_page(response)
    text = page.get_text(" ", strip=True)
    assert page.h1.get_text(strip=True) == "Linket er sendt til borgeren"
    assert "Linket er sendt til anna.holm@example.dk" in text
    assert "Du ser ikke selv linket" in text
    assert page.find("input", id="activation-link") is None
    assert len(inbox.messages) == 1
    message = inbox.messages[0]
    assert message["To"] == "anna.holm@example.dk"
    assert message["Subject"] == "Din adgang til Min Plan"
    url = link_in(message)
    assert url.startswith(BASE_URL + "/activate/"), "the link uses BASE_URL without a double slash"
    assert token_of(url) not in response.get_data(as_text=True), "the token is nowhere in the page"
    body = message.get_content()
    assert "Hej Anna Holm" in body
    assert session.get(Jobcentre, caseworker.jobcentre_id).name in body
    assert mail_client.application.test_client().get(path_of(url)).status_code == 200
    assert link_shown_rows(session) == []


def test_a_renewed_link_is_mailed_and_not_shown_either(mail_client, inbox, session):
    add_citizen(mail_client)
    citizen = user_by_email(session, "anna.holm@example.dk")
    response = post_form(
        mail_client, f"/caseworker/citizens/{citizen.id}/invitation", page_url=f"/caseworker/citizens/{citizen.id}"
    )
    page = parse_page(response)
    assert "Ældre links virker ikke længere" in page.get_text(" ", strip=True)
    assert page.find("input", id="activation-link") is None
    first, second = (link_in(message) for message in inbox.messages)
    assert first != second and token_of(second) not in response.get_data(as_text=True)
    assert link_shown_rows(session) == []


def test_refused_mail_still_gives_the_caseworker_the_link(mail_client, inbox, caseworker, session):
    # test that when the mail server refuses, the page says the link was not mailed, the link still works
    # and the log says the caseworker saw it
    inbox.refuse = True
    response = add_citizen(mail_client)
    text = parse_page(response).get_text(" ", strip=True)
    assert "Linket er ikke sendt på e-mail" in text
    url = link_on(response)
    assert inbox.messages == []
    citizen = user_by_email(session, "anna.holm@example.dk")
    assert citizen is not None
    assert mail_client.application.test_client().get(path_of(url)).status_code == 200
    assert link_shown_rows(session) == [(caseworker.id, citizen.id, "mail_failed")]


def test_the_account_creation_is_audited_with_the_caseworker_and_the_citizen(invited, caseworker, session):
    """The audit log says which caseworker created the citizen's account, and for whom (an auditor's export)."""
    citizen, _link = invited
    created = session.scalar(
        select(AuditEntry).where(AuditEntry.action == "account.created", AuditEntry.citizen_id == citizen.id)
    )
    assert created is not None and created.actor_id == caseworker.id


def test_a_caseworker_who_sends_the_form_too_often_is_stopped_and_a_colleague_is_not(
    make_app, make_caseworker, session
):
    """Every try looks up a CPR number and an e-mail: the form is no way to probe many of them."""
    from tests.factories import log_in

    app = make_app(INVITATION_RATE_LIMIT="2 per hour")
    prober, colleague = app.test_client(), app.test_client()
    assert log_in(prober, make_caseworker(email="prober@example.dk").email).status_code == 302
    assert log_in(colleague, make_caseworker(email="colleague@example.dk").email).status_code == 302
    for attempt in range(2):
        assert add_citizen(prober, name="Prøve", email=f"p{attempt}@example.dk").status_code == 200
    stopped = add_citizen(prober, name="Prøve", email="p3@example.dk")
    assert stopped.status_code == 429
    told = parse_page(stopped, 429).get_text(" ", strip=True)
    assert "Du har prøvet for mange gange" in told and "Vent 60 minutter, og prøv så igen." in told
    assert session.scalar(select(func.count()).select_from(User).where(User.email == "p3@example.dk")) == 0
    assert add_citizen(colleague, name="Kollegas borger", email="k@example.dk").status_code == 200
    assert prober.get("/caseworker/invitations/new").status_code == 200  # reading the form is not a try
