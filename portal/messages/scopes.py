"""A citizen's threads, by id: 404 for any other citizen's, as for one that does not exist. The
caller holds the citizen through a scope already (their own account, or a caseload)."""

from __future__ import annotations

from sqlalchemy import select

from portal import access
from portal.auth.models import User
from portal.db import db
from portal.messages.models import MessageThread


def find_thread(citizen: User, thread_id: int) -> MessageThread | None:
    return db.session.scalar(
        select(MessageThread).where(MessageThread.id == thread_id, MessageThread.citizen_id == citizen.id)
    )


def thread_of(citizen: User, thread_id: int) -> MessageThread:
    """One of the citizen's threads; 404 (logged) for an id that is not theirs."""
    return access.found(find_thread(citizen, thread_id))
