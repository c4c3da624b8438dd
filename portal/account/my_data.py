"""'Mine data': everything the portal holds about a citizen, for GDPR art. 15 and 20.

Each section is read in one statement, so the export costs the same however much there is. Left
out: the password hash and session tokens (security, not data about the person), the joblog's search
column (a copy of title and employer), an activation link's token hash, and a meeting summary the
caseworker has not shared yet (a draft; it is the citizen's once published).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import inspect, select

from portal.account.queries import accesses
from portal.auth.models import Invitation, User
from portal.db import db
from portal.joblog.models import JobLogEntry
from portal.meetings.models import Homework, Meeting, MeetingChange, MeetingComment
from portal.organisation.models import CitizenProfile
from portal.organisation.queries import history_of
from portal.plan.models import Plan, PlanChange, PlanComment, PlanItem
from portal.questionnaire.models import Answer, Questionnaire, SensitiveAnswer

LEFT_OUT = {"search_text", "value_json", "token_hash"}
ACCOUNT_FIELDS = ("id", "email", "name", "preferred_language", "created_at")


def _plain(value):
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return getattr(value, "value", value)  # enums by their code


def _record(row) -> dict:
    record = {
        column.key: _plain(getattr(row, column.key))
        for column in inspect(type(row)).column_attrs
        if column.key not in LEFT_OUT
    }
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


def collect(citizen: User) -> dict:
    def rows(query):
        return [_record(row) for row in db.session.scalars(query)]

    questionnaires = select(Questionnaire.id).where(Questionnaire.citizen_id == citizen.id)
    plans = select(Plan.id).where(Plan.citizen_id == citizen.id)
    meetings = select(Meeting.id).where(Meeting.citizen_id == citizen.id)
    reads, _ = accesses(citizen, size=100_000)
    return {
        "account": {name: _plain(getattr(citizen, name)) for name in ACCOUNT_FIELDS},
        "profile": rows(select(CitizenProfile).where(CitizenProfile.user_id == citizen.id)),
        "questionnaires": rows(select(Questionnaire).where(Questionnaire.citizen_id == citizen.id)),
        "answers": rows(select(Answer).where(Answer.questionnaire_id.in_(questionnaires))),
        "sensitive_answers": rows(select(SensitiveAnswer).where(SensitiveAnswer.questionnaire_id.in_(questionnaires))),
        "plan": rows(select(Plan).where(Plan.citizen_id == citizen.id)),
        "plan_items": rows(select(PlanItem).where(PlanItem.plan_id.in_(plans))),
        "plan_comments": rows(select(PlanComment).where(PlanComment.plan_id.in_(plans))),
        "plan_history": rows(select(PlanChange).where(PlanChange.plan_id.in_(plans))),
        "meetings": rows(select(Meeting).where(Meeting.citizen_id == citizen.id).order_by(Meeting.starts_at)),
        "meeting_changes": rows(select(MeetingChange).where(MeetingChange.meeting_id.in_(meetings))),
        "meeting_comments": rows(select(MeetingComment).where(MeetingComment.meeting_id.in_(meetings))),
        "homework": rows(select(Homework).where(Homework.citizen_id == citizen.id)),
        "joblog": rows(
            select(JobLogEntry)
            .where(JobLogEntry.citizen_id == citizen.id)
            .order_by(JobLogEntry.applied_on.desc(), JobLogEntry.id.desc())
        ),
        "caseworkers": [_assignment(assignment) for assignment in history_of(citizen)],
        "invitations": rows(select(Invitation).where(Invitation.citizen_id == citizen.id).order_by(Invitation.id)),
        "access_log": [{"at": read.at.isoformat(), "what": read.what, "purpose": read.purpose} for read in reads],
    }
