"""Threads and messages made straight in the database, as the caseworker's tests need them: written
days ago, read or not, by either side."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from portal.access import Role
from portal.audit import AuditEntry
from portal.auth.models import User
from portal.messages.models import AuthorRole, Message, MessageThread, ThreadState
from portal.organisation.models import CitizenProfile


def add_thread(session, citizen: User, subject: str = "Praktikken", **fields) -> MessageThread:
    thread = MessageThread(citizen_id=citizen.id, subject=subject, state=ThreadState.OPEN, **fields)
    session.add(thread)
    session.commit()
    return thread


def add_message(
    session, thread: MessageThread, author: User, body: str, *, days_ago: int = 0, read: bool = False
) -> Message:
    sent_at = datetime.now(UTC).replace(microsecond=0) - timedelta(days=days_ago)
    message = Message(
        thread_id=thread.id,
        author_id=author.id,
        author_role=AuthorRole.CITIZEN if author.role is Role.CITIZEN else AuthorRole.CASEWORKER,
        body=body,
        idempotency_key=secrets.token_urlsafe(18),
        created_at=sent_at,
        read_at=sent_at + timedelta(hours=1) if read else None,
    )
    thread.last_message_at = sent_at
    session.add(message)
    session.commit()
    return message


def nothing_else_needs_attention(session, *citizens: User) -> None:
    """Without a first contact date the meeting rules say nothing, so only Beskeder can put the
    citizen on the "Kræver opmærksomhed" list."""
    for citizen in citizens:
        session.get(CitizenProfile, citizen.id).first_contact_date = None
    session.commit()


def audit_rows(session, action: str, citizen: User) -> list[AuditEntry]:
    return list(
        session.scalars(
            select(AuditEntry)
            .where(AuditEntry.action == action, AuditEntry.citizen_id == citizen.id)
            .order_by(AuditEntry.id)
        )
    )
