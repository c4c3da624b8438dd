"""Writing the joblog: add, change (refused from an outdated page), delete with undo, restore, purge.

A citizen's own entries are theirs to keep: writes are audited without their content.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import delete

from portal import audit, locking
from portal.auth.models import User
from portal.clock import utcnow
from portal.db import db
from portal.joblog.models import DELETED_KEPT_DAYS, JobLogEntry, search_text


def _apply(entry: JobLogEntry, values: dict) -> None:
    for name, value in values.items():
        setattr(entry, name, value)
    entry.search_text = search_text(entry.job_title, entry.employer)[:500]
    entry.updated_at = utcnow()


def add(citizen: User, values: dict) -> JobLogEntry:
    entry = JobLogEntry(citizen_id=citizen.id, created_at=utcnow())
    _apply(entry, values)
    db.session.add(entry)
    db.session.flush()
    audit.record(db.session, "joblog.added", actor=citizen, citizen_id=citizen.id, entry_id=entry.id)
    db.session.commit()
    return entry


def change(entry: JobLogEntry, citizen: User, values: dict, shown_version: str | None) -> None:
    with locking.saving():
        locking.check(entry, shown_version)
        _apply(entry, values)
        audit.record(db.session, "joblog.changed", actor=citizen, citizen_id=citizen.id, entry_id=entry.id)


def remove(entry: JobLogEntry, citizen: User, shown_version: str | None) -> None:
    """Deleted entries are kept for 30 days, so "Fortryd" and "Slettet for nylig" can bring them back."""
    with locking.saving():
        locking.check(entry, shown_version)
        entry.deleted_at = utcnow()
        audit.record(db.session, "joblog.deleted", actor=citizen, citizen_id=citizen.id, entry_id=entry.id)


def restore(entry: JobLogEntry, citizen: User) -> None:
    with locking.saving():
        entry.deleted_at = None
        audit.record(db.session, "joblog.restored", actor=citizen, citizen_id=citizen.id, entry_id=entry.id)


def purge() -> int:
    """Remove entries deleted more than 30 days ago for good; returns how many."""
    cutoff = utcnow() - timedelta(days=DELETED_KEPT_DAYS)
    removed = db.changed_rows(delete(JobLogEntry).where(JobLogEntry.deleted_at < cutoff))
    audit.record(db.session, "joblog.purged", entries=removed)
    db.session.commit()
    return removed
