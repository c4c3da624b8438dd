""" "Log ind som medarbejder" through the municipality's login (the development provider's /staff
issuer, client_secret_basic): MFA required, role and jobcentre from groups, the account made or
brought up to date at each login, and refused without MFA, without a role or when deactivated."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from portal.access import Role
from portal.audit import AuditEntry
from portal.auth import services as accounts
from portal.auth.models import User
from portal.db import db
from tests.identity import PORTAL, STAFF_SECRET, arm_fault, log_in_through, staff
from tests.pages import parse_page


@pytest.fixture
def portal(federated_app):
    return federated_app.test_client()


@pytest.fixture
def holbaek(make_jobcentre, session):
    jobcentre = make_jobcentre("Jobcenter Holbæk")
    jobcentre.municipality_code = "0316"
    session.commit()
    return jobcentre


def last_failure(session) -> dict:
    row = session.scalars(
        select(AuditEntry).where(AuditEntry.action == "login.failed").order_by(AuditEntry.id.desc())
    ).first()
    return json.loads(row.detail)


def account(session, email: str) -> User | None:
    session.expire_all()
    return session.scalar(select(User).where(User.email == email))


def test_a_new_caseworker_gets_an_account_at_first_login(portal, holbaek, session):
    trip = log_in_through(portal, "staff", staff("karen"))
    assert trip.response.status_code == 302
    assert portal.get("/").headers["Location"] == "/caseworker/"
    karen = account(session, "caseworker@demo.dk")
    assert karen.role is Role.CASEWORKER and karen.name == "Karen Holm" and karen.jobcentre_id == holbaek.id
    assert karen.staff_subject == "karen" and karen.password_hash is None
    actions = [row.action for row in session.scalars(select(AuditEntry).order_by(AuditEntry.id))]
    assert actions[-2:] == ["account.created", "login.succeeded"]


def test_an_existing_caseworker_account_is_taken_over_and_kept_up_to_date(portal, holbaek, make_caseworker, session):
    existing = make_caseworker(email="caseworker@demo.dk", name="K. Holm")
    assert existing.jobcentre_id != holbaek.id
    log_in_through(portal, "staff", staff("karen"))
    karen = account(session, "caseworker@demo.dk")
    assert karen.id == existing.id and karen.name == "Karen Holm" and karen.jobcentre_id == holbaek.id
    updated = session.scalars(select(AuditEntry).where(AuditEntry.action == "account.updated")).one()
    assert set(json.loads(updated.detail)["fields"]) == {"staff_subject", "name", "jobcentre_id"}


def test_an_auditor_lands_on_a_page_with_no_citizen_data(portal, session):
    log_in_through(portal, "staff", staff("rikke"))
    page = parse_page(portal.get("/"))
    assert page.h1.get_text(strip=True) == "Revision"
    assert account(session, "auditor@demo.dk").role is Role.AUDITOR
    assert portal.get("/caseworker/").status_code == 403


def test_without_mfa_the_login_is_refused(portal, holbaek, session):
    trip = log_in_through(portal, "staff", staff("karen", mfa=False))
    assert parse_page(trip.response, status=403).h1.get_text(strip=True) == "Log ind med to-faktor"
    assert last_failure(session) == {"provider": "staff", "reason": "no_mfa"}
    assert account(session, "caseworker@demo.dk") is None, "no account made"


def test_without_a_mapped_role_the_login_is_refused(portal, holbaek, session):
    trip = log_in_through(portal, "staff", staff("ole"))
    assert parse_page(trip.response, status=403).h1.get_text(strip=True) == "Du har ikke adgang til Min Plan"
    assert last_failure(session) == {"provider": "staff", "reason": "no_role"}
    assert account(session, "ole.berg@demo.dk") is None


def test_a_caseworker_of_an_unknown_jobcentre_is_refused(portal, session):
    trip = log_in_through(portal, "staff", staff("karen"))
    assert trip.response.status_code == 403
    assert last_failure(session)["reason"] == "no_jobcentre"


def test_a_deactivated_employee_stays_out(portal, holbaek, session):
    log_in_through(portal, "staff", staff("karen"))
    karen = account(session, "caseworker@demo.dk")
    with portal.application.app_context():
        accounts.deactivate(db.session.get(User, karen.id))
    assert portal.get("/caseworker/").status_code == 302, "deactivating ended the session at once"
    trip = log_in_through(portal, "staff", staff("karen"))
    assert parse_page(trip.response, status=403).h1.get_text(strip=True) == "Din konto i Min Plan er lukket"
    assert account(session, "caseworker@demo.dk").is_active is False


def test_a_citizens_email_is_never_taken_over_by_a_staff_login(portal, holbaek, make_citizen, session):
    citizen = make_citizen(email="caseworker@demo.dk")
    trip = log_in_through(portal, "staff", staff("karen"))
    assert trip.response.status_code == 403
    assert last_failure(session)["reason"] == "email_in_use"
    assert account(session, "caseworker@demo.dk").role is Role.CITIZEN and citizen.staff_subject is None


def test_without_link_by_email_an_existing_account_is_not_taken_over(
    make_app, devidp, holbaek, make_caseworker, session
):
    make_caseworker(email="caseworker@demo.dk")
    app = make_app(
        BASE_URL=PORTAL, STAFF_ISSUER=f"{devidp}/staff", STAFF_CLIENT_SECRET=STAFF_SECRET, STAFF_LINK_BY_EMAIL=False
    )
    trip = log_in_through(app.test_client(), "staff", staff("karen"))
    assert trip.response.status_code == 403 and last_failure(session)["reason"] == "email_in_use"
    assert account(session, "caseworker@demo.dk").staff_subject is None


def test_link_by_email_is_off_in_production(make_app):
    from tests.settings import PRODUCTION

    assert make_app(**PRODUCTION).config["STAFF_LINK_BY_EMAIL"] is False


def test_an_e_mail_that_moved_to_another_account_is_refused_not_a_crash(portal, holbaek, make_caseworker, session):
    log_in_through(portal, "staff", staff("karen"))
    karen = account(session, "caseworker@demo.dk")
    karen.email = "karen.old@example.test"
    session.commit()
    make_caseworker(email="caseworker@demo.dk")  # someone else has the address the login now sends
    trip = log_in_through(portal.application.test_client(), "staff", staff("karen"))
    assert trip.response.status_code == 403 and last_failure(session)["reason"] == "email_in_use"


def test_a_token_with_an_empty_subject_logs_no_one_in(portal, devidp, holbaek, make_user, session):
    """An empty `sub` must never be looked up: it would match every account without a staff
    subject (the administrator's, say) and make it an employee's."""
    admin = make_user(Role.ADMIN)
    arm_fault(devidp, "empty-subject")
    trip = log_in_through(portal, "staff", staff("rikke"))
    assert parse_page(trip.response, status=400).h1.get_text(strip=True) == "Vi kunne ikke bekræfte dit login"
    assert last_failure(session)["reason"] == "invalid_token"
    session.expire_all()
    assert session.get(User, admin.id).role is Role.ADMIN
    assert portal.get("/").status_code == 302
