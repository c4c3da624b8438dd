"""Reading meetings and homework; callers pass a citizen they already obtained through portal.access."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import BindParameter, and_, bindparam, exists, func, or_, select

from portal.auth.models import User
from portal.clock import utcnow
from portal.db import db
from portal.meetings import interpreters
from portal.meetings.models import Homework, Meeting, MeetingChange, MeetingComment, MeetingStatus

#: The citizen sees a change of these; a change of purpose or agenda is not "moved".
VISIBLE_CHANGES = ("starts_at", "duration_minutes", "channel", "place", "status")


# Statements the citizen's overview runs on every visit, built once: building a select costs about
# as much as running it.
_NEXT_MEETING = (
    select(Meeting)
    .where(
        Meeting.citizen_id == bindparam("citizen_id"),
        Meeting.starts_at >= bindparam("now", type_=Meeting.starts_at.type),
        Meeting.status == MeetingStatus.PLANNED,
    )
    .order_by(Meeting.starts_at)
    .limit(1)
)
_HOMEWORK = (
    select(Homework)
    .where(Homework.citizen_id == bindparam("citizen_id"))
    .order_by(
        Homework.done_at.is_not(None),
        Homework.due_date.is_(None),
        Homework.due_date,
        Homework.done_at.desc(),
        Homework.id,
    )
)


def next_for_citizen(citizen: User) -> Meeting | None:
    return db.session.scalar(_NEXT_MEETING, {"citizen_id": citizen.id, "now": utcnow()})


def all_for_citizen(citizen: User) -> list[Meeting]:
    return list(
        db.session.scalars(select(Meeting).where(Meeting.citizen_id == citizen.id).order_by(Meeting.starts_at.desc()))
    )


def split_upcoming(meetings: list[Meeting]) -> tuple[list[Meeting], list[Meeting]]:
    """Upcoming meetings soonest first, past meetings latest first."""
    upcoming = sorted((m for m in meetings if is_upcoming(m)), key=lambda m: m.starts_at)
    past = sorted((m for m in meetings if not is_upcoming(m)), key=lambda m: m.starts_at, reverse=True)
    return upcoming, past


def open_for_preparation(meeting: Meeting) -> bool:
    """The citizen's answers for a meeting can be changed, also after sending, until it starts."""
    return utcnow() < meeting.starts_at


def is_upcoming(meeting: Meeting) -> bool:
    return meeting.ends_at >= utcnow()


def changes_for(meeting: Meeting) -> list[MeetingChange]:
    return list(
        db.session.scalars(
            select(MeetingChange)
            .where(MeetingChange.meeting_id == meeting.id, MeetingChange.field.in_(VISIBLE_CHANGES))
            .order_by(MeetingChange.created_at.desc(), MeetingChange.id.desc())
        )
    )


def comments_for(meeting: Meeting) -> list[MeetingComment]:
    return list(
        db.session.scalars(
            select(MeetingComment).where(MeetingComment.meeting_id == meeting.id).order_by(MeetingComment.created_at)
        )
    )


def homework_of_meeting(meeting: Meeting) -> list[Homework]:
    return list(
        db.session.scalars(
            select(Homework)
            .where(Homework.meeting_id == meeting.id)
            .order_by(Homework.due_date.is_(None), Homework.due_date, Homework.id)
        )
    )


def homework_for(citizen: User) -> list[Homework]:
    """Open homework first by due date (none last), then done homework, latest done first."""
    return list(db.session.scalars(_HOMEWORK, {"citizen_id": citizen.id}))


def has_open_homework(citizen_id: int) -> bool:
    """Whether the citizen has homework from a meeting that is not ticked off yet."""
    return bool(
        db.session.scalar(select(exists().where(Homework.citizen_id == citizen_id, Homework.done_at.is_(None))))
    )


@dataclass
class FollowUp:
    """What waits for the caseworker from one citizen's meetings and homework."""

    open_homework: int = 0
    overdue_homework: int = 0
    #: Done by the citizen and not yet marked seen.
    done_unseen: int = 0
    #: Upcoming meetings the citizen said they cannot come to, not yet seen.
    absences: int = 0
    #: Comments on summaries not yet seen.
    comments: int = 0
    #: Meetings not begun with an interpreter to book (or book again), and bookings to cancel.
    interpreters_to_book: int = 0
    interpreters_to_cancel: int = 0

    @property
    def interpreters(self) -> int:
        return self.interpreters_to_book + self.interpreters_to_cancel

    @property
    def anything(self) -> bool:
        return bool(self.open_homework or self.done_unseen or self.absences or self.comments or self.interpreters)


_CITIZEN_IDS: BindParameter[list[int]] = bindparam("citizen_ids", expanding=True)
# The caseload's counts, built once: building them cost more than running them.
_HOMEWORK_COUNTS = (
    select(
        Homework.citizen_id,
        func.count().filter(Homework.done_at.is_(None)),
        func.count().filter(Homework.done_at.is_(None), Homework.due_date < bindparam("today")),
        func.count().filter(Homework.done_at.is_not(None), Homework.seen_at.is_(None)),
    )
    .where(Homework.citizen_id.in_(_CITIZEN_IDS))
    .group_by(Homework.citizen_id)
)
# Absences and interpreters of the meetings not begun, in one statement.
_UPCOMING_COUNTS = (
    select(
        Meeting.citizen_id,
        func.count().filter(
            Meeting.absence_reported_at.is_not(None),
            Meeting.absence_seen_at.is_(None),
            Meeting.status == MeetingStatus.PLANNED,
        ),
        func.count().filter(interpreters.TO_BOOK),
        func.count().filter(interpreters.TO_CANCEL),
    )
    .where(
        Meeting.citizen_id.in_(_CITIZEN_IDS),
        Meeting.starts_at >= bindparam("now", type_=Meeting.starts_at.type),
        or_(
            and_(Meeting.absence_reported_at.is_not(None), Meeting.absence_seen_at.is_(None)),
            interpreters.TO_BOOK,
            interpreters.TO_CANCEL,
        ),
    )
    .group_by(Meeting.citizen_id)
)
_UNSEEN_COMMENT_COUNTS = (
    select(Meeting.citizen_id, func.count(MeetingComment.id))
    .join(
        MeetingComment,
        and_(
            MeetingComment.meeting_id == Meeting.id,
            MeetingComment.seen_at.is_(None),
            MeetingComment.author_id == Meeting.citizen_id,
        ),
    )
    .where(Meeting.citizen_id.in_(_CITIZEN_IDS))
    .group_by(Meeting.citizen_id)
)
_MEETING_TIMES = select(Meeting.citizen_id, Meeting.starts_at, Meeting.duration_minutes).where(
    Meeting.citizen_id.in_(_CITIZEN_IDS), Meeting.status == MeetingStatus.PLANNED
)


def follow_up_by_citizen(citizen_ids: list[int], today: date) -> dict[int, FollowUp]:
    """Counts for many citizens in three statements, however many citizens and rows."""
    result: dict[int, FollowUp] = defaultdict(FollowUp)
    if not citizen_ids:
        return result
    for citizen_id, open_count, overdue, done_unseen in db.session.execute(
        _HOMEWORK_COUNTS, {"citizen_ids": citizen_ids, "today": today}
    ):
        result[citizen_id].open_homework = open_count
        result[citizen_id].overdue_homework = overdue
        result[citizen_id].done_unseen = done_unseen
    upcoming = db.session.execute(_UPCOMING_COUNTS, {"citizen_ids": citizen_ids, "now": utcnow()})
    for citizen_id, absences, to_book, to_cancel in upcoming:
        found = result[citizen_id]
        found.absences, found.interpreters_to_book, found.interpreters_to_cancel = absences, to_book, to_cancel
    for citizen_id, count in db.session.execute(_UNSEEN_COMMENT_COUNTS, {"citizen_ids": citizen_ids}):
        result[citizen_id].comments = count
    return result


def meeting_times_by_citizen(citizen_ids: list[int]) -> dict[int, list[tuple[datetime, datetime]]]:
    """(start, end) of every meeting that is not cancelled, for many citizens in one statement."""
    found: dict[int, list[tuple[datetime, datetime]]] = defaultdict(list)
    if citizen_ids:
        for citizen_id, starts_at, minutes in db.session.execute(_MEETING_TIMES, {"citizen_ids": citizen_ids}):
            found[citizen_id].append((starts_at, starts_at + timedelta(minutes=minutes)))
    return found
