"""Read models for the caseworker's pages, built on the scopes in portal.access."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import bindparam, select
from sqlalchemy.orm import aliased, lazyload

from portal.auth.models import Jobcentre, User
from portal.clock import local_date, local_today, utcnow
from portal.db import db
from portal.joblog import queries as joblog_queries
from portal.meetings import cadence
from portal.meetings import queries as meeting_queries
from portal.meetings.models import Meeting, MeetingStatus
from portal.messages import queries as messages
from portal.organisation import queries as assignments
from portal.organisation import scopes as caseload_scope
from portal.organisation.models import CitizenProfile
from portal.plan import queries as plans
from portal.questionnaire import queries as questionnaires
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
    assignment: assignments.AssignmentFacts | None = None
    #: What waits for the caseworker in Beskeder; None when nothing does.
    messages: messages.Waiting | None = None


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
    days = [(local_date(start), end < now) for start, end in meetings]
    rules = cadence.rule_set(rule_set_name)
    return Cadence(rules, cadence.assess(rules, first_contact, days, local_today()))


def _caseload_statement(single: bool):
    """The caseload's main statement, built once for the whole caseload and once for one citizen:
    building it cost more than running it. Values: caseload_scope.caseload_parameters, `now` (and `only`)."""
    next_meeting_id = (
        select(Meeting.id)
        .where(
            Meeting.citizen_id == User.id,
            Meeting.starts_at >= bindparam("now", type_=Meeting.starts_at.type),
            Meeting.status == MeetingStatus.PLANNED,
        )
        .order_by(Meeting.starts_at, Meeting.id)
        .limit(1)
        .correlate(User)
        .scalar_subquery()
    )
    scope = caseload_scope.CASELOAD_CITIZENS
    if single:
        scope = scope.where(User.id == bindparam("only"))
    citizens = scope.subquery()
    next_meeting = aliased(Meeting)
    return (
        select(
            User,
            next_meeting,
            Questionnaire,
            CitizenProfile.first_contact_date,
            Jobcentre.meeting_rules,
            Jobcentre.message_answer_days,
            *assignments.facts_columns(User.id),
        )
        .join(citizens, citizens.c.id == User.id)
        .join(Jobcentre, Jobcentre.id == User.jobcentre_id)
        .outerjoin(CitizenProfile, CitizenProfile.user_id == User.id)
        .outerjoin(next_meeting, next_meeting.id == next_meeting_id)
        .outerjoin(Questionnaire, Questionnaire.meeting_id == next_meeting.id)
        .order_by(next_meeting.starts_at.is_(None), next_meeting.starts_at, User.name)
        # The meeting's eager caseworker join is an inner join: it would drop citizens with no meeting.
        .options(lazyload(next_meeting.caseworker))
    )


_CASELOAD = _caseload_statement(single=False)
_CASELOAD_ONE = _caseload_statement(single=True)


def caseload(caseworker: User, only: int | None = None) -> list[CaseloadRow]:
    """Every citizen on the caseload (or just the one with id `only`) with what the caseworker should
    know before the next meeting: a fixed number of statements, however many citizens."""
    parameters = caseload_scope.caseload_parameters(caseworker)
    if parameters is None:
        return []
    parameters["now"] = utcnow()
    if only is not None:
        parameters["only"] = only
    rows = db.session.execute(_CASELOAD if only is None else _CASELOAD_ONE, parameters).all()
    citizen_ids = [row[0].id for row in rows]
    today = local_today()
    waiting = plans.waiting_by_citizen(citizen_ids)
    follow_up = meeting_queries.follow_up_by_citizen(citizen_ids, today)
    times = meeting_queries.meeting_times_by_citizen(citizen_ids)
    sent = joblog_queries.sent_since_by_citizen(citizen_ids, today - timedelta(days=27))
    requirements = joblog_queries.requirements_by_citizen(citizen_ids)
    # The scope keeps every citizen in the caseworker's jobcentre, so the jobcentre joined to any row
    # is the caseworker's: its answer time comes with the rows instead of in a statement of its own.
    waiting_messages = messages.waiting_by_citizen(citizen_ids, rows[0].message_answer_days) if rows else {}
    return [
        CaseloadRow(
            user,
            meeting,
            questionnaires.progress(questionnaire, meeting.kind.value) if meeting is not None else None,
            waiting.get(user.id),
            follow_up.get(user.id),
            _cadence(rules, first_contact, times[user.id]),
            _joblog_month(sent.get(user.id, 0), requirements.get(user.id)),
            assignments.AssignmentFacts(changes, bool(unread_handover)),
            waiting_messages.get(user.id),
        )
        for user, meeting, questionnaire, first_contact, rules, _answer_days, changes, unread_handover in rows
    ]
