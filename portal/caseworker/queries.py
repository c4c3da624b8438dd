"""Read models for the caseworker's pages, built on the scopes in portal.access."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone

from sqlalchemy import func, select

from portal import access
from portal.auth.models import User
from portal.db import db, utcnow
from portal.meetings.models import Meeting


@dataclass(frozen=True)
class CaseloadRow:
    citizen: User
    next_meeting_at: datetime | None


def caseload(caseworker: User) -> list[CaseloadRow]:
    """Every citizen on the caseload with their next meeting, in one statement."""
    next_meeting = (
        select(Meeting.citizen_id, func.min(Meeting.starts_at).label("starts_at"))
        .where(Meeting.starts_at >= utcnow())
        .group_by(Meeting.citizen_id)
        .subquery()
    )
    citizens = access.caseload_citizens(caseworker).subquery()
    rows = db.session.execute(
        select(User, next_meeting.c.starts_at)
        .join(citizens, citizens.c.id == User.id)
        .outerjoin(next_meeting, next_meeting.c.citizen_id == User.id)
        .order_by(next_meeting.c.starts_at.is_(None), next_meeting.c.starts_at, User.name)
    ).all()
    return [CaseloadRow(user, _aware(starts_at)) for user, starts_at in rows]


def _aware(value: datetime | None) -> datetime | None:
    # Aggregates bypass the column type, so SQLite hands back a naive (UTC) value.
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=timezone.utc)
    return value
