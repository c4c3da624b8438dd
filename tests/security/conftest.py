"""What the security tests share: a citizen with something on every page a citizen types into."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

import pytest

from portal.clock import local_today
from portal.joblog.models import JobLogEntry, search_text
from portal.meetings.models import Homework
from portal.plan.models import ItemKind, Plan, PlanItem
from tests.factories import log_in, post_form


@pytest.fixture
def world(client, session, make_caseworker, make_citizen, make_meeting):
    """A citizen with something on every page a citizen types into; the ids of those things."""
    caseworker = make_caseworker(name="Karen Holm")
    citizen = make_citizen(caseworker=caseworker, name="Maria Jensen")
    today = local_today()
    plan = Plan(citizen_id=citizen.id, end_goal="Fast job som kok", end_goal_kind="job")
    session.add(plan)
    session.flush()

    def item(kind, **fields) -> int:
        row = PlanItem(plan_id=plan.id, kind=kind, created_by_id=caseworker.id, **fields)
        session.add(row)
        session.flush()
        return row.id

    practicum = {"title": "Praktik i kantine", "activity_type": "praktik", "status": "planned"}
    ids = {
        "citizen": citizen,
        "caseworker": caseworker,
        "milestone": item(ItemKind.MILESTONE, title="CV opdateret", status="planned", owner="citizen"),
        "practicum": item(
            ItemKind.ACTIVITY, **practicum, starts_on=today - timedelta(days=3), ends_on=today + timedelta(days=20)
        ),
        "ended_practicum": item(
            ItemKind.ACTIVITY, **practicum, starts_on=today - timedelta(days=30), ends_on=today - timedelta(days=2)
        ),
    }
    summarised = make_meeting(
        citizen, caseworker, days=-7, summary="Vi aftalte praktik.", summary_published_at=datetime.now(UTC)
    )
    upcoming = make_meeting(citizen, caseworker, days=3)
    homework = Homework(citizen_id=citizen.id, meeting_id=upcoming.id, title="Opdater dit cv", due_date=today)
    entry = JobLogEntry(
        citizen_id=citizen.id,
        job_title="Lagermedarbejder",
        employer="Coop",
        applied_on=today,
        search_text=search_text("Lagermedarbejder", "Coop"),
        application_type="advertised",
        status="applied",
    )
    session.add_all([homework, entry])
    session.commit()
    ids |= {
        "summarised_meeting": summarised.id,
        "next_meeting": upcoming.id,
        "homework": homework.id,
        "entry": entry.id,
    }
    log_in(client, citizen.email)
    started = post_form(client, f"/questionnaire/{upcoming.id}/start", page_url="/questionnaire/")
    ids["questionnaire_step"] = urlsplit(started.headers["Location"]).path
    return ids
