"""Read models for the caseworker's pages, built on the scopes in portal.access."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import aliased, lazyload

from portal import access
from portal.auth.models import User
from portal.db import db, utcnow
from portal.meetings import cadence
from portal.meetings import queries as meeting_queries
from portal.meetings.calendar import COPENHAGEN
from portal.meetings.models import Meeting, MeetingStatus
from portal.organisation.models import CitizenProfile, Jobcentre
from portal.plan import queries as plans
from portal.questionnaire import services as questionnaires
from portal.questionnaire.models import Questionnaire


@dataclass(frozen=True)
class CaseloadRow:
    citizen: User
    next_meeting: Meeting | None
    preparation: questionnaires.Progress | None
    waiting: plans.Waiting | None = None
    follow_up: meeting_queries.FollowUp | None = None


def caseload(caseworker: User) -> list[CaseloadRow]:
    """Every citizen on the caseload with their next meeting and its questionnaire, in one statement."""
    next_meeting_id = (
        select(Meeting.id)
        .where(Meeting.citizen_id == User.id, Meeting.starts_at >= utcnow(), Meeting.status == MeetingStatus.PLANNED)
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
    citizen_ids = [user.id for user, _, _ in rows]
    waiting = plans.waiting_by_citizen(citizen_ids)
    follow_up = meeting_queries.follow_up_by_citizen(citizen_ids, date.today())
    return [
        CaseloadRow(user, meeting,
                    questionnaires.progress(questionnaire, meeting.kind.value) if meeting is not None else None,
                    waiting.get(user.id), follow_up.get(user.id))
        for user, meeting, questionnaire in rows
    ]


@dataclass(frozen=True)
class Cadence:
    rules: cadence.RuleSet
    assessment: cadence.Assessment


def cadence_for(citizen: User, meetings: list[Meeting]) -> Cadence:
    """The citizen's meetings against their jobcentre's rule set (portal/meetings/rule_sets.yaml)."""
    first_contact, rule_set_name = db.session.execute(
        select(CitizenProfile.first_contact_date, Jobcentre.meeting_rules)
        .select_from(User).outerjoin(CitizenProfile, CitizenProfile.user_id == User.id)
        .join(Jobcentre, Jobcentre.id == User.jobcentre_id).where(User.id == citizen.id)).one()
    now = utcnow()
    counted = [(m.starts_at.astimezone(COPENHAGEN).date(), m.ends_at < now) for m in meetings if not m.is_cancelled]
    rules = cadence.rule_set(rule_set_name)
    return Cadence(rules, cadence.assess(rules, first_contact, counted, date.today()))
