"""'Mine data': everything the portal holds about a citizen, for GDPR art. 15 and 20.

Each section is read in one statement, so the export costs the same however much there is (Beskeder
too: every thread with its messages in one, what a thread is about taken from the sections already
read). Left out: the password hash and session tokens (security, not data about the person), the
joblog's search column (a copy of title and employer), an activation link's token hash, a message's
idempotency key (a random value that makes a form sent twice send once), and a meeting summary the
caseworker has not shared yet (a draft; it is the citizen's once published).

People are never given by the portal's internal user ids: a row written by the citizen says "Du", one
written by staff gives the role, and the name only where the portal shows it to the citizen anyway
(the caseworker of a meeting, the author of a comment on the plan, the caseworkers in "caseworkers",
the writer of a message in Beskeder).
The columns that only point back at the citizen (citizen_id, user_id) are left out.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import inspect, select
from sqlalchemy.orm import Mapper

from portal.access import Role
from portal.account.queries import accesses
from portal.auth.models import Invitation, User
from portal.db import db
from portal.i18n import gettext as _
from portal.joblog.models import JobLogEntry
from portal.meetings.models import Homework, Meeting, MeetingChange, MeetingComment
from portal.messages import queries as messages
from portal.messages.models import Message, MessageThread
from portal.organisation.models import CitizenProfile
from portal.organisation.queries import history_of
from portal.plan.models import Plan, PlanChange, PlanComment, PlanItem
from portal.questionnaire.models import Answer, Questionnaire, SensitiveAnswer

LEFT_OUT = {"search_text", "value_json", "token_hash", "citizen_id", "user_id"}
ACCOUNT_FIELDS = ("id", "email", "name", "preferred_language", "created_at")
#: Columns naming a person whom the citizen sees by name in the portal itself.
NAMED = {(Meeting, "caseworker_id"), (PlanComment, "author_id")}


def _plain(value):
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return getattr(value, "value", value)  # enums by their code


_PERSON_COLUMNS: dict[type, frozenset[str]] = {}


def _person_columns(model: type) -> frozenset[str]:
    """The model's columns that hold a user account's id (worked out once per model)."""
    if model not in _PERSON_COLUMNS:
        mapper: Mapper = inspect(model)
        _PERSON_COLUMNS[model] = frozenset(
            attr.key
            for attr in mapper.column_attrs
            if any(key.target_fullname == "user_account.id" for column in attr.columns for key in column.foreign_keys)
        )
    return _PERSON_COLUMNS[model]


class _People:
    """Who is behind a person column, as the citizen may read it (see the module's docstring)."""

    def __init__(self, citizen: User, rows: list) -> None:
        self.citizen_id = citizen.id
        ids = {getattr(row, key) for row in rows for key in _person_columns(type(row)) if key not in LEFT_OUT}
        ids -= {None, citizen.id}
        self.people: dict[int, tuple[str, Role]] = {}
        if ids:
            found = db.session.execute(select(User.id, User.name, User.role).where(User.id.in_(ids)))
            self.people = {user_id: (name, role) for user_id, name, role in found}

    def describe(self, model, key: str, user_id: int | None) -> str | None:
        if user_id is None:
            return None
        if user_id == self.citizen_id:
            return _("Du")
        name, role = self.people[user_id]
        if (model, key) in NAMED:
            return name
        return _("Sagsbehandler") if role is Role.CASEWORKER else _("Medarbejder")


def _record(row, people: _People) -> dict:
    model = type(row)
    persons = _person_columns(model)
    record = {}
    for column in inspect(model).column_attrs:
        key, value = column.key, getattr(row, column.key)
        if key in LEFT_OUT:
            continue
        if key in persons:
            record[key.removesuffix("_id")] = people.describe(model, key, value)
        else:
            record[key] = _plain(value)
    if isinstance(row, (Answer, SensitiveAnswer)):
        record["value"] = row.value
    if isinstance(row, Meeting) and row.summary_published_at is None:
        record["summary"] = None
    return record


def _assignment(assignment) -> dict:
    """Who was the citizen's caseworker when, by name, with the handover note the new one was given."""
    return {
        "caseworker": assignment.caseworker.name,
        "valid_from": _plain(assignment.valid_from),
        "valid_to": _plain(assignment.valid_to),
        "previous_caseworker": assignment.previous_caseworker.name if assignment.previous_caseworker else None,
        "handover_note": assignment.handover_note,
    }


#: What a thread may be about: its column, the kind the download names, and the section holding it.
_ABOUT = (
    ("plan_item_id", "plan_item", "plan_items"),
    ("meeting_id", "meeting", "meetings"),
    ("homework_id", "homework", "homework"),
)


def _about(thread: MessageThread, targets: dict[tuple[str, int], object]) -> dict | None:
    """What a thread is about: a plan item or homework by its title, a meeting by its time."""
    for column, kind, section in _ABOUT:
        target_id = getattr(thread, column)
        if target_id is None:
            continue
        target = targets.get((section, target_id))
        about = {"kind": kind, "id": target_id}
        if isinstance(target, Meeting):
            about["starts_at"] = _plain(target.starts_at)
        elif target is not None:
            about["title"] = getattr(target, "title", None)
        return about
    return None


def _message(message: Message, author_name: str) -> dict:
    return {
        "author": _("Dig") if message.by_citizen else author_name,
        "created_at": _plain(message.created_at),
        "text": message.body,
        "read_at": _plain(message.read_at),
    }


def _conversations(citizen: User, rows: dict[str, list]) -> list[dict]:
    """Every thread in Beskeder with its messages, oldest first."""
    targets = {(section, row.id): row for _column, _kind, section in _ABOUT for row in rows[section]}
    threads: dict[int, dict] = {}
    for thread, message, author_name in messages.all_for_my_data(citizen):
        record = threads.get(thread.id)
        if record is None:
            record = threads[thread.id] = {
                "id": thread.id,
                "subject": thread.subject,
                "state": _plain(thread.state),
                "about": _about(thread, targets),
                "close_note": thread.close_note,
                "messages": [],
            }
        record["messages"].append(_message(message, author_name))
    return list(threads.values())


def collect(citizen: User) -> dict:
    questionnaires = select(Questionnaire.id).where(Questionnaire.citizen_id == citizen.id)
    plans = select(Plan.id).where(Plan.citizen_id == citizen.id)
    meetings = select(Meeting.id).where(Meeting.citizen_id == citizen.id)
    sections = {
        "profile": select(CitizenProfile).where(CitizenProfile.user_id == citizen.id),
        "questionnaires": select(Questionnaire).where(Questionnaire.citizen_id == citizen.id),
        "answers": select(Answer).where(Answer.questionnaire_id.in_(questionnaires)),
        "sensitive_answers": select(SensitiveAnswer).where(SensitiveAnswer.questionnaire_id.in_(questionnaires)),
        "plan": select(Plan).where(Plan.citizen_id == citizen.id),
        "plan_items": select(PlanItem).where(PlanItem.plan_id.in_(plans)),
        "plan_comments": select(PlanComment).where(PlanComment.plan_id.in_(plans)),
        "plan_history": select(PlanChange).where(PlanChange.plan_id.in_(plans)),
        "meetings": select(Meeting).where(Meeting.citizen_id == citizen.id).order_by(Meeting.starts_at),
        "meeting_changes": select(MeetingChange).where(MeetingChange.meeting_id.in_(meetings)),
        "meeting_comments": select(MeetingComment).where(MeetingComment.meeting_id.in_(meetings)),
        "homework": select(Homework).where(Homework.citizen_id == citizen.id),
        "joblog": select(JobLogEntry)
        .where(JobLogEntry.citizen_id == citizen.id)
        .order_by(JobLogEntry.applied_on.desc(), JobLogEntry.id.desc()),
        "invitations": select(Invitation).where(Invitation.citizen_id == citizen.id).order_by(Invitation.id),
    }
    rows = {name: list(db.session.scalars(query)) for name, query in sections.items()}
    people = _People(citizen, [row for section in rows.values() for row in section])
    reads, _more = accesses(citizen, size=100_000)
    return {
        "account": {name: _plain(getattr(citizen, name)) for name in ACCOUNT_FIELDS},
        **{name: [_record(row, people) for row in section] for name, section in rows.items()},
        "messages": _conversations(citizen, rows),
        "caseworkers": [_assignment(assignment) for assignment in history_of(citizen)],
        "access_log": [{"at": read.at.isoformat(), "what": read.what, "purpose": read.purpose} for read in reads],
    }
