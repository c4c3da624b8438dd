"""Concurrent saves against an app that commits for real, into a database of its own (PostgreSQL
when TEST_DATABASE_URL is set): several people, or tabs, press "Gem" at the same instant."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
from bs4 import BeautifulSoup

from portal import create_app
from portal.access import Role
from portal.auth.models import Jobcentre, User
from portal.clock import local_today
from portal.db import db
from portal.joblog.models import JobLogEntry, search_text
from portal.meetings.models import Channel, Homework, Meeting
from portal.organisation.models import CaseloadAssignment, CitizenProfile
from portal.plan.models import ItemKind, Plan, PlanItem
from tests.databases import migrated_database
from tests.factories import PASSWORD, log_in

#: Saves fired at once in each round, and rounds per record.
AT_ONCE = 6
ROUNDS = 4


@pytest.fixture(scope="module")
def race_app(tmp_path_factory, password_hash):
    url = migrated_database("races", tmp_path_factory)
    app = create_app({"DATABASE_URL": url, "SECRET_KEY": "r" * 40, "PORTAL_ENV": "development", "REDIS_URL": None})
    app.config["PASSWORD_HASH"] = password_hash
    yield app
    db.state(app).engine.dispose()


@dataclass
class People:
    caseworker: User
    citizen: User
    meeting: Meeting
    plan: Plan
    item: PlanItem
    practicum: PlanItem
    entry: JobLogEntry
    homework: list[Homework]


@pytest.fixture
def people(race_app) -> People:
    """A caseworker and a citizen on their caseload, with a meeting, homework, a plan and a joblog."""
    marker = datetime.now(UTC).strftime("%H%M%S%f")
    with race_app.app_context():
        session = db.session
        jobcentre = Jobcentre(name=f"Jobcenter Kapløb {marker}")
        session.add(jobcentre)
        session.flush()

        def person(role: Role, name: str) -> User:
            user = User(
                email=f"{role.value}-{marker}@kapløb.test",
                password_hash=race_app.config["PASSWORD_HASH"],
                role=role,
                name=name,
                jobcentre_id=jobcentre.id,
            )
            session.add(user)
            session.flush()
            return user

        caseworker, citizen = person(Role.CASEWORKER, "Karen Kapløb"), person(Role.CITIZEN, "Maria Kapløb")
        today = local_today()
        session.add(CitizenProfile(user_id=citizen.id, first_contact_date=today - timedelta(days=30)))
        session.add(
            CaseloadAssignment(
                caseworker_id=caseworker.id, citizen_id=citizen.id, valid_from=today - timedelta(days=30)
            )
        )
        meeting = Meeting(
            citizen_id=citizen.id,
            caseworker_id=caseworker.id,
            starts_at=datetime.now(UTC).replace(microsecond=0) + timedelta(days=5),
            duration_minutes=45,
            channel=Channel.IN_PERSON,
            place="Jobcentret",
        )
        plan = Plan(citizen_id=citizen.id, end_goal_kind="job", end_goal="Kok")
        session.add_all([meeting, plan])
        session.flush()
        item = PlanItem(
            plan_id=plan.id,
            kind=ItemKind.MILESTONE,
            title="Delmål",
            status="planned",
            owner="citizen",
            created_by_id=caseworker.id,
        )
        practicum = PlanItem(
            plan_id=plan.id,
            kind=ItemKind.ACTIVITY,
            title="Praktik",
            status="active",
            activity_type="praktik",
            practicum_purpose="train_skills",
            starts_on=today,
            ends_on=today + timedelta(days=20),
            created_by_id=caseworker.id,
        )
        entry = JobLogEntry(
            citizen_id=citizen.id,
            job_title="Kok",
            employer="Kantinen",
            applied_on=today,
            application_type="advertised",
            status="applied",
            search_text=search_text("Kok", "Kantinen"),
        )
        homework = [Homework(citizen_id=citizen.id, meeting_id=None, title=f"Opgave {n}") for n in range(ROUNDS)]
        session.add_all([item, practicum, entry, *homework])
        session.commit()
        return People(caseworker, citizen, meeting, plan, item, practicum, entry, homework)


def logged_in(app, user: User):
    client = app.test_client()
    response = log_in(client, user.email, PASSWORD)
    assert response.status_code == 302, "login failed"
    return client


def shown_form(client, url: str, form_id: str | None = None) -> dict[str, str]:
    """What a browser would send from the page's form with a `version` (or the one with `form_id`),
    as the page was shown: every field's current value."""
    page = BeautifulSoup(client.get(url).get_data(as_text=True), "html5lib")
    if form_id:
        form = page.find("form", id=form_id)
    else:
        form = next(f for f in page.find_all("form") if f.find("input", attrs={"name": "version"}))
    values: dict[str, str] = {}
    for field in form.find_all(["input", "textarea", "select"]):
        name = field.get("name")
        if not name or field.get("type") == "submit":
            continue
        if field.name == "textarea":
            values[name] = field.get_text()
        elif field.name == "select":
            chosen = field.find("option", selected=True) or field.find("option")
            values[name] = chosen.get("value", "") if chosen else ""
        elif field.get("type") in ("radio", "checkbox"):
            if field.has_attr("checked"):
                values[name] = field.get("value", "y")
        else:
            values[name] = field.get("value", "")
    return values


def race(app, client, url: str, forms: list[dict]) -> list:
    """POST every form to `url` at the same instant, each from its own client on the same login."""
    cookie = client.get_cookie("session")
    barrier = threading.Barrier(len(forms))
    responses: list = [None] * len(forms)

    def post(index: int) -> None:
        own = app.test_client()
        own.set_cookie(cookie.key, cookie.value, domain=cookie.domain)
        barrier.wait()
        responses[index] = own.post(url, data=forms[index])

    threads = [threading.Thread(target=post, args=(n,)) for n in range(len(forms))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return responses
