"""A citizen's joblog entries, by id: None or 404 for anyone else's, as for one that does not exist."""

from __future__ import annotations

from sqlalchemy import select

from portal import access
from portal.auth.models import User
from portal.db import db
from portal.joblog.models import JobLogEntry


def find_entry(citizen: User, entry_id: int, *, deleted: bool = False) -> JobLogEntry | None:
    """One of the citizen's entries (live, or deleted and not yet purged); None for anyone else's."""
    state = JobLogEntry.deleted_at.is_not(None) if deleted else JobLogEntry.deleted_at.is_(None)
    return db.session.scalar(
        select(JobLogEntry).where(JobLogEntry.id == entry_id, JobLogEntry.citizen_id == citizen.id, state)
    )


def entry_of(citizen: User, entry_id: int, *, deleted: bool = False) -> JobLogEntry:
    """As find_entry, answering 404 for an id that is not the citizen's."""
    return access.found(find_entry(citizen, entry_id, deleted=deleted))
