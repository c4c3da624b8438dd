"""A citizen with something on every page (a meeting with an absence and a comment, a sent
questionnaire with a sensitive answer, a plan with a comment, homework done, a joblog entry, a
handover note), and the URL of every GET route a role may use, built from the app's url_map and
portal/access.py so that a new route is walked as soon as it exists; and (`world`) a citizen with
something on every page a citizen types into."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

import pytest

from portal.access import ROUTE_ACCESS
from portal.auth.models import Jobcentre, User
from portal.clock import local_today
from portal.db import db
from portal.joblog.models import JobLogEntry, search_text
from portal.meetings.models import Homework, Meeting, MeetingComment
from portal.messages.models import AuthorRole, Message, MessageThread
from portal.plan.models import ItemKind, Plan, PlanComment, PlanItem
from portal.questionnaire.definition import CURRENT_VERSION
from portal.questionnaire.models import Answer, Questionnaire, SensitiveAnswer, Status
from tests.factories import log_in, post_form

#: Query strings a route needs to show its page (the rest take only the ids in their path).
QUERIES = {"caseworker_plan.new_item": "?kind=milestone"}


@dataclass
class Case:
    caseworker: User
    citizen: User
    meeting: Meeting
    homework: Homework
    item: PlanItem
    entry: JobLogEntry
    #: A thread about the homework, with a message each way that nobody has read.
    thread: MessageThread

    def path_values(self) -> dict:
        return {
            "citizen_id": self.citizen.id,
            "meeting_id": self.meeting.id,
            "homework_id": self.homework.id,
            "item_id": self.item.id,
            "entry_id": self.entry.id,
            "thread_id": self.thread.id,
            "section_key": "A",
        }

    def get_urls(self, app, role) -> dict[str, str]:
        """endpoint -> URL for every GET route `role` may use that needs a login."""
        values = self.path_values()
        urls = {}
        for rule in app.url_map.iter_rules():
            allowed = ROUTE_ACCESS[rule.endpoint]
            if "GET" not in rule.methods or role not in allowed or "anonymous" in allowed:
                continue
            missing = set(rule.arguments) - set(values) - set(rule.defaults or {})
            assert not missing, f"{rule.endpoint}: give the case a value for {missing}"
            path = rule.build(values, append_unknown=False)[1]
            urls.setdefault(rule.endpoint, path + QUERIES.get(rule.endpoint, ""))
        return urls


@pytest.fixture
def case(app, session, make_caseworker, make_citizen, make_meeting) -> Case:
    from portal.organisation.services import assign

    caseworker = make_caseworker(name="Karen Holm")
    predecessor = make_caseworker(name="Lene Vestergaard", jobcentre=session.get(Jobcentre, caseworker.jobcentre_id))
    citizen = make_citizen(caseworker=predecessor, name="Maria Jensen")
    with app.app_context():
        assign(db.session.merge(citizen), db.session.merge(caseworker), by=predecessor, note="Er i gang med AMU.")
        db.session.commit()
    now = datetime.now(UTC).replace(microsecond=0)
    meeting = make_meeting(
        citizen,
        caseworker,
        days=4,
        absence_reason="Jeg er syg",
        absence_reported_at=now,
        summary="Vi talte om lager",
        summary_published_at=now,
    )
    questionnaire = Questionnaire(
        citizen_id=citizen.id,
        meeting_id=meeting.id,
        definition_version=CURRENT_VERSION,
        meeting_kind=meeting.kind.value,
        status=Status.SENT,
        sent_at=now,
        consent_given_at=now,
    )
    session.add(questionnaire)
    session.flush()
    answer = Answer(questionnaire_id=questionnaire.id, question_key="A2")
    answer.value = "Mit CV og praktik"
    sensitive = SensitiveAnswer(questionnaire_id=questionnaire.id, question_key="H2")
    sensitive.value = "Jeg har dårlig ryg"
    plan = Plan(citizen_id=citizen.id, end_goal="Fast job som kok", end_goal_kind="job")
    session.add_all([answer, sensitive, plan])
    session.flush()
    # A practicum that has ended: the citizen's evaluation page is open for it.
    item = PlanItem(
        plan_id=plan.id,
        kind=ItemKind.ACTIVITY,
        activity_type="praktik",
        title="Praktik hos Coop",
        status="active",
        starts_on=now.date() - timedelta(days=30),
        ends_on=now.date() - timedelta(days=1),
        created_by_id=caseworker.id,
    )
    homework = Homework(
        citizen_id=citizen.id, meeting_id=meeting.id, title="Opdater cv", done_at=now - timedelta(hours=1)
    )
    entry = JobLogEntry(citizen_id=citizen.id, job_title="Lagermedarbejder", employer="Coop", applied_on=now.date())
    session.add_all(
        [
            item,
            homework,
            entry,
            MeetingComment(meeting_id=meeting.id, author_id=citizen.id, text="Tak for mødet"),
            PlanComment(plan_id=plan.id, author_id=citizen.id, author_role="citizen", text="Kan jeg starte før?"),
        ]
    )
    session.flush()
    thread = MessageThread(citizen_id=citizen.id, subject="Hvornår skal cv'et være klar?", homework_id=homework.id)
    session.add(thread)
    session.flush()
    session.add_all(
        [
            Message(
                thread_id=thread.id,
                author_id=citizen.id,
                author_role=AuthorRole.CITIZEN,
                body="Er fredag nok?",
                idempotency_key="case-citizen-0000001",
            ),
            Message(
                thread_id=thread.id,
                author_id=caseworker.id,
                author_role=AuthorRole.CASEWORKER,
                body="Ja, fredag er fint.",
                idempotency_key="case-caseworker-0001",
            ),
        ]
    )
    session.commit()
    return Case(caseworker, citizen, meeting, homework, item, entry, thread)


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
    thread = MessageThread(citizen_id=citizen.id, subject="Praktikken")
    session.add_all([homework, entry, thread])
    session.flush()
    session.add(
        Message(
            thread_id=thread.id,
            author_id=caseworker.id,
            author_role=AuthorRole.CASEWORKER,
            body="Husk sikkerhedssko.",
            idempotency_key="world-caseworker-001",
        )
    )
    session.commit()
    ids |= {
        "thread": thread.id,
        "summarised_meeting": summarised.id,
        "next_meeting": upcoming.id,
        "homework": homework.id,
        "entry": entry.id,
    }
    log_in(client, citizen.email)
    started = post_form(client, f"/questionnaire/{upcoming.id}/start", page_url="/questionnaire/")
    ids["questionnaire_step"] = urlsplit(started.headers["Location"]).path
    return ids
