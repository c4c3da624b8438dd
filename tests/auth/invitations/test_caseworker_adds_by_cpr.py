"""A caseworker adds a citizen by CPR number and name (e-mail optional): the CPR number is checked as
typed, stored only as its keyed hash, never shown again, and a second citizen with the same number
is refused. Where password login is off (MitID only), no activation link is made."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from portal.audit import AuditEntry
from portal.auth import cpr
from portal.auth.models import Invitation, User
from tests.auth.invitations.steps import NEW_URL, add_citizen, error_texts, link_on
from tests.identity import PORTAL, STAFF_SECRET, log_in_through, staff
from tests.pages import parse_page


def citizen_named(session, name: str) -> User | None:
    session.expire_all()
    return session.scalar(select(User).where(User.name == name))


def test_the_cpr_number_is_stored_only_as_its_keyed_hash(app, cw_client, session):
    response = add_citizen(cw_client, name="Anna Holm", cpr_number="150390-1234")
    assert "150390" not in response.get_data(as_text=True) and "1234" not in link_on(response)
    anna = citizen_named(session, "Anna Holm")
    assert anna.cpr_hash == cpr.keyed_hash("1503901234", app.config["CPR_KEY"])
    everything = " ".join(f"{row.action} {row.detail} {row.purpose}" for row in session.scalars(select(AuditEntry)))
    assert "1503901234" not in everything and "150390" not in everything


def test_a_citizen_without_an_e_mail_is_added_for_mitid_and_gets_no_password_link(cw_client, session):
    response = add_citizen(cw_client, name="Uden Mail", email="")
    assert response.status_code == 302, "no link page: there is no e-mail to log in with a password"
    page = parse_page(cw_client.get(response.headers["Location"]))
    text = page.get_text(" ", strip=True)
    assert "Borgeren er tilføjet og logger ind med MitID." in text
    assert page.h1.get_text(strip=True) == "Uden Mail", "the page names the citizen, the message does not"
    assert "E-mail: ikke oplyst" in text and "Logger ind med MitID" in text
    assert "har ikke valgt en adgangskode" not in text
    assert citizen_named(session, "Uden Mail").email is None
    assert session.scalar(select(func.count()).select_from(Invitation)) == 0


def test_the_e_mail_field_says_it_is_optional(cw_client):
    page = parse_page(cw_client.get(NEW_URL))
    assert page.find("label", attrs={"for": "email"}).get_text(" ", strip=True) == "Borgerens e-mail (frivilligt)"
    assert "(frivilligt)" not in page.find("label", attrs={"for": "cpr_number"}).get_text()


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "Skriv borgerens CPR-nummer"),
        ("12345", "Skriv CPR-nummeret med 10 cifre"),
        ("320190-1234", "Tjek de første 6 cifre"),
        ("0113901234", "Tjek de første 6 cifre"),
        ("010190 1234", "Skriv CPR-nummeret med 10 cifre"),
        ("010190--1234", "Skriv CPR-nummeret med 10 cifre"),
        ("٠١٠١٩٠١٢٣٤", "Skriv CPR-nummeret med 10 cifre"),
        ("01019012345", "Skriv CPR-nummeret med 10 cifre"),
    ],
)
def test_a_cpr_number_that_cannot_be_one_is_refused(cw_client, session, typed, message):
    before = session.scalar(select(func.count()).select_from(User))
    page = parse_page(add_citizen(cw_client, name="Anna Holm", cpr_number=typed or " "))
    assert any(message in item for item in error_texts(page)), error_texts(page)
    assert page.find("input", id="name")["value"] == "Anna Holm"
    session.expire_all()
    assert session.scalar(select(func.count()).select_from(User)) == before


def test_a_form_sent_back_with_errors_never_shows_the_cpr_number(cw_client):
    response = add_citizen(cw_client, name="", email="", cpr_number="150390-1234")
    page = parse_page(response)
    assert page.find("input", id="cpr_number").get("value", "") == ""
    assert "150390" not in response.get_data(as_text=True)


def test_the_same_cpr_number_twice_is_refused_and_audited(cw_client, session):
    add_citizen(cw_client, name="Første", email="", cpr_number="0101801111")
    page = parse_page(add_citizen(cw_client, name="Anden", email="", cpr_number="010180-1111"))
    assert any("Borgeren er allerede i Min Plan" in item for item in error_texts(page))
    assert citizen_named(session, "Anden") is None
    refused = session.scalars(select(AuditEntry).where(AuditEntry.action == "account.create_refused")).one()
    assert json.loads(refused.detail) == {"reason": "cpr_taken"}


def test_with_mitid_only_no_activation_link_is_made(make_app, devidp, make_jobcentre, session):
    holbaek = make_jobcentre("Jobcenter Holbæk")
    holbaek.municipality_code = "0316"
    session.commit()
    mitid_only = make_app(
        PASSWORD_LOGIN=False, BASE_URL=PORTAL, STAFF_ISSUER=f"{devidp}/staff", STAFF_CLIENT_SECRET=STAFF_SECRET
    )
    browser = mitid_only.test_client()
    assert log_in_through(browser, "staff", staff("karen")).response.status_code == 302
    response = add_citizen(browser, name="Kun MitID", email="kun.mitid@example.dk")
    assert response.status_code == 302
    page = parse_page(browser.get(response.headers["Location"]))
    assert "Borgeren er tilføjet og logger ind med MitID." in page.get_text()
    assert session.scalar(select(func.count()).select_from(Invitation)) == 0
