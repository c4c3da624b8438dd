"""Read models for the caseworker's pages, built on the scopes in portal.access."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import aliased, lazyload

from portal import access
from portal.auth.models import User
from portal.db import db, utcnow
from portal.i18n import LOCAL_TZ
from portal.joblog import queries as joblog_queries
from portal.meetings import cadence
from portal.meetings import queries as meeting_queries
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
    cadence: Cadence | None = None
    joblog: JoblogMonth | None = None


@dataclass(frozen=True)
class JoblogMonth:
    """Applications sent in the last four weeks against what the plan asks for in that time."""

    sent: int
    required: int | None

    @property
    def short(self) -> bool:
        return self.required is not None and self.sent < self.required


def _joblog_month(sent: int, requirement) -> JoblogMonth:
    if requirement is None:
        return JoblogMonth(sent, None)
    return JoblogMonth(sent, requirement.count * (4 if requirement.period == "week" else 1))


@dataclass(frozen=True)
class Cadence:
    rules: cadence.RuleSet
    assessment: cadence.Assessment


def _cadence(rule_set_name: str, first_contact: date | None, meetings: list[tuple[datetime, datetime]]) -> Cadence:
    """`meetings` are the (start, end) of the citizen's meetings that are not cancelled."""
    now = utcnow()
    days = [(start.astimezone(LOCAL_TZ).date(), end < now) for start, end in meetings]
    rules = cadence.rule_set(rule_set_name)
    return Cadence(rules, cadence.assess(rules, first_contact, days, date.today()))


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
        select(User, next_meeting, Questionnaire, CitizenProfile.first_contact_date, Jobcentre.meeting_rules)
        .join(citizens, citizens.c.id == User.id)
        .join(Jobcentre, Jobcentre.id == User.jobcentre_id)
        .outerjoin(CitizenProfile, CitizenProfile.user_id == User.id)
        .outerjoin(next_meeting, next_meeting.id == next_meeting_id)
        .outerjoin(Questionnaire, Questionnaire.meeting_id == next_meeting.id)
        .order_by(next_meeting.starts_at.is_(None), next_meeting.starts_at, User.name)
        # The meeting's eager caseworker join is an inner join: it would drop citizens with no meeting.
        .options(lazyload(next_meeting.caseworker))
    ).all()
    citizen_ids = [row[0].id for row in rows]
    waiting = plans.waiting_by_citizen(citizen_ids)
    follow_up = meeting_queries.follow_up_by_citizen(citizen_ids, date.today())
    times = meeting_queries.meeting_times_by_citizen(citizen_ids)
    sent = joblog_queries.sent_since_by_citizen(citizen_ids, date.today() - timedelta(days=27))
    requirements = joblog_queries.requirements_by_citizen(citizen_ids)
    return [
        CaseloadRow(user, meeting,
                    questionnaires.progress(questionnaire, meeting.kind.value) if meeting is not None else None,
                    waiting.get(user.id), follow_up.get(user.id), _cadence(rules, first_contact, times[user.id]),
                    _joblog_month(sent.get(user.id, 0), requirements.get(user.id)))
        for user, meeting, questionnaire, first_contact, rules in rows
    ]


def cadence_for(citizen: User, meetings: list[Meeting]) -> Cadence:
    """The citizen's meetings against their jobcentre's rule set (portal/meetings/rule_sets.yaml)."""
    first_contact, rule_set_name = db.session.execute(
        select(CitizenProfile.first_contact_date, Jobcentre.meeting_rules)
        .select_from(User).outerjoin(CitizenProfile, CitizenProfile.user_id == User.id)
        .join(Jobcentre, Jobcentre.id == User.jobcentre_id).where(User.id == citizen.id)).one()
    return _cadence(rule_set_name, first_contact, [(m.starts_at, m.ends_at) for m in meetings if not m.is_cancelled])
