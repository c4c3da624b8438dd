"""Read models for the caseworker's pages, built on the scopes in portal.access."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import aliased, lazyload

from portal import access
from portal.auth.models import User
from portal.db import db, utcnow
from portal.meetings.models import Meeting
from portal.plan import queries as plans
from portal.questionnaire import services as questionnaires
from portal.questionnaire.models import Questionnaire


@dataclass(frozen=True)
class CaseloadRow:
    citizen: User
    next_meeting: Meeting | None
    preparation: questionnaires.Progress | None
    waiting: plans.Waiting | None = None


def caseload(caseworker: User) -> list[CaseloadRow]:
    """Every citizen on the caseload with their next meeting and its questionnaire, in one statement."""
    next_meeting_id = (
        select(Meeting.id)
        .where(Meeting.citizen_id == User.id, Meeting.starts_at >= utcnow())
        .order_by(Meeting.starts_at, Meeting.id)
        .limit(1)
        .correlate(User)
        .scalar_subquery()
    )
    citizens = access.caseload_citizens(caseworker).subquery()
    next_meeting = aliased(Meeting)
    rows = db.session.execute(
        select(User, next_meeting, Questionnaire)
        .join(citizens, citizens.c.id == User.id)
        .outerjoin(next_meeting, next_meeting.id == next_meeting_id)
        .outerjoin(Questionnaire, Questionnaire.meeting_id == next_meeting.id)
        .order_by(next_meeting.starts_at.is_(None), next_meeting.starts_at, User.name)
        # The meeting's eager caseworker join is an inner join: it would drop citizens with no meeting.
        .options(lazyload(next_meeting.caseworker))
    ).all()
    waiting = plans.waiting_by_citizen([user.id for user, _, _ in rows])
    return [
        CaseloadRow(user, meeting,
                    questionnaires.progress(questionnaire, meeting.kind.value) if meeting is not None else None,
                    waiting.get(user.id))
        for user, meeting, questionnaire in rows
    ]
