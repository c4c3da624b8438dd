"""Reading meetings; callers pass a citizen they already obtained through portal.access."""
from __future__ import annotations

from sqlalchemy import exists, select

from portal.auth.models import User
from portal.db import db, utcnow
from portal.meetings.models import Homework, Meeting


def next_for_citizen(citizen: User) -> Meeting | None:
    return db.session.scalar(
        select(Meeting).where(Meeting.citizen_id == citizen.id, Meeting.starts_at >= utcnow())
        .order_by(Meeting.starts_at).limit(1)
    )


def all_for_citizen(citizen: User) -> list[Meeting]:
    return list(db.session.scalars(
        select(Meeting).where(Meeting.citizen_id == citizen.id).order_by(Meeting.starts_at.desc())
    ))


def split_upcoming(meetings: list[Meeting]) -> tuple[list[Meeting], list[Meeting]]:
    """Upcoming meetings soonest first, past meetings latest first."""
    now = utcnow()
    upcoming = sorted((m for m in meetings if m.ends_at >= now), key=lambda m: m.starts_at)
    past = sorted((m for m in meetings if m.ends_at < now), key=lambda m: m.starts_at, reverse=True)
    return upcoming, past


def has_open_homework(citizen_id: int) -> bool:
    """Whether the citizen has homework from a meeting that is not ticked off yet."""
    return bool(db.session.scalar(select(exists().where(Homework.citizen_id == citizen_id,
                                                        Homework.done_at.is_(None)))))
