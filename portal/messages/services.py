"""Writing Beskeder: start a thread, answer in it, mark what was read, and the caseworker's "Venter
på svar fra borgeren" and closing with a note. Every write has an audit row, without the words.

Nothing lost: a message is one INSERT, and the thread's activity is moved on by a plain UPDATE that
does not check the thread's version, so two people writing at once both get their message in. A
form sent twice (the same idempotency key from the same author) sends once."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from flask import current_app
from flask_login import current_user
from sqlalchemy import select, true, update
from sqlalchemy.exc import IntegrityError

from portal import audit, locking
from portal.access import Role
from portal.auth.models import User
from portal.clock import utcnow
from portal.db import db
from portal.messages.models import AuthorRole, Message, MessageThread, ThreadState

KEY_LENGTH = 32
#: The largest id an INTEGER column holds on PostgreSQL.
MAX_ID = 2**31 - 1


def per_person() -> str:
    """The rate limit's key: one count per writer, citizen or caseworker, wherever they write from."""
    return f"messages:{current_user.get_id()}"


def message_limit() -> str:
    return current_app.config["MESSAGE_RATE_LIMIT"]


def new_idempotency_key() -> str:
    """The key a message form carries, made when the form is shown."""
    return secrets.token_urlsafe(24)


def usable_key(key: str | None) -> str:
    """The key as sent, or a fresh one when it is missing or not one of ours (that send is then not
    deduplicated, but it is sent)."""
    key = (key or "").strip()
    if 16 <= len(key) <= KEY_LENGTH * 2 and key.replace("-", "").replace("_", "").isalnum() and key.isascii():
        return key
    return new_idempotency_key()


def _role_of(author: User) -> AuthorRole:
    return AuthorRole.CITIZEN if author.role is Role.CITIZEN else AuthorRole.CASEWORKER


def _already_sent(author: User, key: str) -> Message | None:
    return db.session.scalar(select(Message).where(Message.author_id == author.id, Message.idempotency_key == key))


@dataclass(frozen=True)
class Link:
    """What a new thread is about (at most one): from "Spørg om dette"."""

    plan_item_id: int | None = None
    meeting_id: int | None = None
    homework_id: int | None = None


def start_thread(citizen: User, author: User, subject: str, body: str, key: str, link: Link | None = None) -> int:
    """A new thread in the citizen's case with its first message; returns the thread's id. The same
    key sent again by the same author returns the thread it started the first time."""
    if (sent := _already_sent(author, key)) is not None:
        return sent.thread_id
    now = utcnow()
    link = link or Link()
    thread = MessageThread(
        citizen_id=citizen.id,
        subject=subject,
        plan_item_id=link.plan_item_id,
        meeting_id=link.meeting_id,
        homework_id=link.homework_id,
        state=ThreadState.OPEN,
        last_message_at=now,
        created_at=now,
    )
    db.session.add(thread)
    try:
        db.session.flush()
        message = _add_message(thread.id, author, body, key, now)
    except IntegrityError:
        return _sent_meanwhile(author, key)
    audit.record(
        db.session,
        "messages.thread_started",
        actor=author,
        citizen_id=citizen.id,
        thread_id=thread.id,
        message_id=message.id,
    )
    db.session.commit()
    return thread.id


def reply(thread: MessageThread, author: User, body: str, key: str) -> int:
    """A message in the thread; returns its id. From the citizen it opens the thread again (closed, or
    waited on); from the caseworker it marks what the citizen wrote as read (they answered it)."""
    if (sent := _already_sent(author, key)) is not None:
        return sent.id
    now = utcnow()
    role = _role_of(author)
    try:
        message = _add_message(thread.id, author, body, key, now)
    except IntegrityError:
        return _sent_meanwhile(author, key, thread_id=False)
    values: dict = {"last_message_at": now, "version": MessageThread.version + 1}
    if role is AuthorRole.CITIZEN:
        values.update(state=ThreadState.OPEN, close_note=None)
    else:
        _mark_read(thread.id, AuthorRole.CASEWORKER, up_to=message.id, now=now)
    db.session.execute(update(MessageThread).where(MessageThread.id == thread.id).values(**values))
    audit.record(
        db.session,
        "messages.sent",
        actor=author,
        citizen_id=thread.citizen_id,
        thread_id=thread.id,
        message_id=message.id,
    )
    db.session.commit()
    db.session.expire(thread)
    return message.id


def _add_message(thread_id: int, author: User, body: str, key: str, now) -> Message:
    message = Message(
        thread_id=thread_id,
        author_id=author.id,
        author_role=_role_of(author),
        body=body,
        idempotency_key=key,
        created_at=now,
    )
    db.session.add(message)
    db.session.flush()
    return message


def _sent_meanwhile(author: User, key: str, *, thread_id: bool = True) -> int:
    """The same form was sent twice at once, and the other send won: answer as it did."""
    db.session.rollback()
    sent = _already_sent(author, key)
    if sent is None:
        raise RuntimeError("a message insert failed for another reason than its key")
    return sent.thread_id if thread_id else sent.id


def _mark_read(thread_id: int, reader: AuthorRole, *, up_to: int | None, now) -> int:
    """Mark the other side's unread messages in the thread read, up to id `up_to` (None: all)."""
    other = AuthorRole.CASEWORKER if reader is AuthorRole.CITIZEN else AuthorRole.CITIZEN
    return db.changed_rows(
        update(Message)
        .where(
            Message.thread_id == thread_id,
            Message.author_role == other,
            Message.read_at.is_(None),
            Message.id <= up_to if up_to is not None else true(),
        )
        .values(read_at=now)
    )


def mark_read(thread: MessageThread, reader: User, up_to: int) -> int:
    """The reader saw the thread's messages up to id `up_to` (those the page showed): the other
    side's are marked read. Returns how many were unread."""
    # An id past the column's range (a forged form) reads as "all": the column is a 32-bit integer
    # on PostgreSQL, and a larger number would be a database error, not a refusal.
    marked = _mark_read(thread.id, _role_of(reader), up_to=up_to if up_to <= MAX_ID else None, now=utcnow())
    if marked:
        audit.record(
            db.session,
            "messages.read",
            actor=reader,
            citizen_id=thread.citizen_id,
            thread_id=thread.id,
            messages=marked,
        )
    db.session.commit()
    return marked


def wait_on_citizen(thread: MessageThread, caseworker: User, shown_version: str | None) -> None:
    """ "Venter på svar fra borgeren": the citizen sees that an answer from them is waited for."""
    with locking.saving():
        locking.check(thread, shown_version)
        thread.state = ThreadState.WAITING_ON_CITIZEN
        _mark_read(thread.id, AuthorRole.CASEWORKER, up_to=None, now=utcnow())
        _record(caseworker, "messages.waiting", thread)


def close(thread: MessageThread, caseworker: User, note: str, shown_version: str | None) -> None:
    """Closed with a short note the citizen reads; a new message from the citizen opens it again."""
    with locking.saving():
        locking.check(thread, shown_version)
        thread.state = ThreadState.CLOSED
        thread.close_note = note
        _mark_read(thread.id, AuthorRole.CASEWORKER, up_to=None, now=utcnow())
        _record(caseworker, "messages.closed", thread)


def _record(actor: User, action: str, thread: MessageThread) -> None:
    audit.record(db.session, action, actor=actor, citizen_id=thread.citizen_id, thread_id=thread.id)
