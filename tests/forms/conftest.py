"""A jobcentre where every form the portal has is on some page: a citizen with a plan of every kind of
item (a proposal waiting, a practicum under way and one ended), a meeting summarised and one coming
with homework, a joblog entry, sent answers with a sensitive one and a conversation in Beskeder; a
colleague to hand over to; a citizen who has a link to choose a password. And the URL of every page
each role may open, built from the app's route table, so that a new page is walked as soon as it
exists."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime, timedelta

import pytest

from portal.access import ROUTE_ACCESS, Role
from portal.auth import sessions
from portal.auth.models import Invitation, Jobcentre
from portal.clock import local_today
from portal.joblog.models import JobLogEntry, search_text
from portal.meetings.models import Homework
from portal.messages.models import AuthorRole, Message, MessageThread
from portal.plan.models import ItemKind, Plan, PlanItem, ProposalStatus
from portal.questionnaire.definition import CURRENT_VERSION
from portal.questionnaire.models import Answer, Questionnaire, SensitiveAnswer, Status
from tests.factories import PASSWORD, log_in
from tests.forms.walker import Walk

#: Pages opened with other values than the world's defaults, (endpoint or rule) -> values; a value
#: that names something in the world (world["named"]) stands for its id.
VARIANTS = {
    "caseworker_plan.new_item": [{"kind": kind.value} for kind in ItemKind],
    "caseworker_plan.edit_item": [{"item_id": kind.value} for kind in ItemKind],
    "/plan/items/<int:item_id>/expectations": [{"item_id": "practicum"}],
    "/plan/items/<int:item_id>/evaluation": [{"item_id": "ended_practicum"}],
    "meetings.meeting": [{}, {"meeting_id": "past_meeting"}],
    "caseworker_meetings.summary": [{}, {"meeting_id": "past_meeting"}],
}


@pytest.fixture
def world(session, make_caseworker, make_citizen, make_meeting, make_user):
    caseworker = make_caseworker(name="Karen Holm")
    jobcentre = session.get(Jobcentre, caseworker.jobcentre_id)
    make_caseworker(name="Lene Vestergaard", jobcentre=jobcentre)  # someone to hand over to
    citizen = make_citizen(caseworker=caseworker, name="Maria Jensen")
    today, now = local_today(), datetime.now(UTC).replace(microsecond=0)
    plan = Plan(citizen_id=citizen.id, end_goal="Fast job som kok", end_goal_kind="job")
    session.add(plan)
    session.flush()

    def item(kind: ItemKind, **fields) -> int:
        fields.setdefault("status", "planned")
        row = PlanItem(plan_id=plan.id, kind=kind, created_by_id=caseworker.id, **fields)
        session.add(row)
        session.flush()
        return row.id

    practicum = {"title": "Praktik i kantine", "activity_type": "praktik"}
    ids = {
        ItemKind.MILESTONE.value: item(ItemKind.MILESTONE, title="CV opdateret", owner="citizen"),
        ItemKind.JOB_GOAL.value: item(ItemKind.JOB_GOAL, title="Kok", track="A", status="active"),
        ItemKind.AGREEMENT.value: item(ItemKind.AGREEMENT, title="Søg 5 job", owner="citizen", status="open"),
        "practicum": item(
            ItemKind.ACTIVITY, **practicum, starts_on=today - timedelta(days=3), ends_on=today + timedelta(days=20)
        ),
        "ended_practicum": item(
            ItemKind.ACTIVITY, **practicum, starts_on=today - timedelta(days=30), ends_on=today - timedelta(days=2)
        ),
    }
    ids[ItemKind.ACTIVITY.value] = ids["practicum"]
    session.add(
        PlanItem(
            plan_id=plan.id,
            kind=ItemKind.MILESTONE,
            title="Truckcertifikat",
            status="planned",
            created_by_id=citizen.id,
            proposal_status=ProposalStatus.PENDING,
        )
    )
    summarised = make_meeting(citizen, caseworker, days=-7, summary="Vi aftalte praktik.", summary_published_at=now)
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
    answers = Questionnaire(
        citizen_id=citizen.id,
        meeting_id=summarised.id,
        definition_version=CURRENT_VERSION,
        meeting_kind=summarised.kind.value,
        status=Status.SENT,
        sent_at=now - timedelta(days=8),
        consent_given_at=now - timedelta(days=8),
    )
    thread = MessageThread(citizen_id=citizen.id, subject="Praktikken", homework_id=None)
    session.add_all([homework, entry, answers, thread])
    session.flush()
    session.add(
        Message(
            thread_id=thread.id,
            author_id=caseworker.id,
            author_role=AuthorRole.CASEWORKER,
            body="Husk sikkerhedssko.",
            idempotency_key="forms-world-message-1",
        )
    )
    ordinary, sensitive = (
        Answer(questionnaire_id=answers.id, question_key="A2"),
        SensitiveAnswer(questionnaire_id=answers.id, question_key="H2"),
    )
    ordinary.value, sensitive.value = "Mit CV", "Jeg har dårlig ryg"
    newcomer = make_citizen(caseworker=caseworker, name="Ny Borger")
    newcomer.password_hash = None
    token = secrets.token_urlsafe(16)
    session.add_all([ordinary, sensitive, newcomer])
    session.add(
        Invitation(
            token_hash=sessions.token_hash(token),
            citizen_id=newcomer.id,
            created_by_id=caseworker.id,
            expires_at=now + timedelta(days=7),
        )
    )
    thread = MessageThread(citizen_id=citizen.id, subject="Praktikken")
    session.add(thread)
    session.flush()
    session.add(
        Message(
            thread_id=thread.id,
            author_id=citizen.id,
            author_role=AuthorRole.CITIZEN,
            body="Skal jeg have sikkerhedssko med?",
            idempotency_key="forms-world-citizen-01",
        )
    )
    session.commit()
    ids["past_meeting"] = summarised.id
    return {
        "caseworker": caseworker,
        "citizen": citizen,
        "named": ids,
        "values": {
            "citizen_id": citizen.id,
            "meeting_id": upcoming.id,
            "homework_id": homework.id,
            "item_id": ids[ItemKind.MILESTONE.value],
            "entry_id": entry.id,
            "thread_id": thread.id,
            "section_key": "A",
            "token": token,
            "provider": "mitid",
        },
    }


def page_urls(app, world, role) -> dict[str, str]:
    """Every page `role` may open (GET), with the world's values: a label -> the URL."""
    urls = {}
    for rule in app.url_map.iter_rules():
        allowed = ROUTE_ACCESS[rule.endpoint]
        if "GET" not in rule.methods or rule.endpoint == "static":
            continue
        if ("anonymous" in allowed) != (role == "anonymous") or (role != "anonymous" and role not in allowed):
            continue
        for variant in VARIANTS.get(rule.rule, VARIANTS.get(rule.endpoint, [{}])):
            values = dict(world["values"])
            for key, value in variant.items():
                values[key] = world["named"].get(value, value) if key.endswith("_id") else value
            missing = set(rule.arguments) - set(values) - set(rule.defaults or {})
            assert not missing, f"{rule.endpoint}: give the world a value for {missing}"
            path = rule.build(values, append_unknown=False)[1]
            query = f"?kind={variant['kind']}" if "kind" in variant else ""
            urls[f"{rule.endpoint} {variant}" if variant else rule.endpoint] = path + query
    return urls


@pytest.fixture
def walk_as(app, client, connection, world):
    """walk_as(role) -> a Walk for a browser logged in as that role (or anonymous)."""

    def _walk(role: str) -> Walk:
        people = {Role.CITIZEN.value: world["citizen"], Role.CASEWORKER.value: world["caseworker"]}
        known = {}
        if role in people:
            assert log_in(client, people[role].email).status_code == 302
        else:
            known = {"email": world["citizen"].email, "password": PASSWORD}
        return Walk(app, client, connection, known)

    return _walk
