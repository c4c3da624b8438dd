"""Threads and their messages. A message is fixed once sent: the database refuses a change to what
it says, who wrote it and when (trigger message_fixed, and on PostgreSQL the application role may not
UPDATE or DELETE beyond the read mark). A correction is a new message."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from portal.clock import utcnow
from portal.db import Base, UTCDateTime, enum_column

SUBJECT_MAX = 120
BODY_MAX = 5000
CLOSE_NOTE_MAX = 300


class ThreadState(enum.StrEnum):
    #: The citizen (or the caseworker, starting it) waits for the other's answer.
    OPEN = "open"
    #: The caseworker has asked something and waits for the citizen ("Venter på svar fra dig").
    WAITING_ON_CITIZEN = "waiting_on_citizen"
    #: Closed by the caseworker with a note; a new message from the citizen opens it again.
    CLOSED = "closed"


class AuthorRole(enum.StrEnum):
    CITIZEN = "citizen"
    CASEWORKER = "caseworker"


class MessageThread(Base):
    __tablename__ = "message_thread"
    __table_args__ = (Index("ix_message_thread_citizen_activity", "citizen_id", "last_message_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    #: Whose case it belongs to: it follows the citizen to a new caseworker.
    citizen_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    subject: Mapped[str] = mapped_column(String(SUBJECT_MAX))
    #: What it is about, when started from "Spørg om dette" (at most one is set).
    plan_item_id: Mapped[int | None] = mapped_column(ForeignKey("plan_item.id"))
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meeting.id"))
    homework_id: Mapped[int | None] = mapped_column(ForeignKey("homework.id"))
    state: Mapped[ThreadState] = mapped_column(
        enum_column(ThreadState, "message_thread_state"), default=ThreadState.OPEN
    )
    #: The caseworker's short note when closing it (the citizen reads it).
    close_note: Mapped[str | None] = mapped_column(String(CLOSE_NOTE_MAX))
    last_message_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    version: Mapped[int] = mapped_column(default=1, server_default="1")
    #: SQLAlchemy's optimistic lock: two caseworker presses on one thread cannot both change its state.
    __mapper_args__ = {"version_id_col": version}

    def __repr__(self) -> str:
        return f"<MessageThread {self.id} citizen={self.citizen_id} {self.state}>"


class Message(Base):
    __tablename__ = "message"
    __table_args__ = (
        Index("ix_message_thread_sent", "thread_id", "id"),
        # A form sent twice (a double press, a retry on a slow network) sends once.
        UniqueConstraint("author_id", "idempotency_key", name="uq_message_author_idempotency_key"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    thread_id: Mapped[int] = mapped_column(ForeignKey("message_thread.id"))
    author_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    author_role: Mapped[AuthorRole] = mapped_column(enum_column(AuthorRole, "message_author_role"))
    body: Mapped[str] = mapped_column(Text)
    idempotency_key: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    #: When the other side first read it (the citizen sees "Læst af din sagsbehandler den …").
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    @property
    def by_citizen(self) -> bool:
        return self.author_role is AuthorRole.CITIZEN

    def __repr__(self) -> str:
        return f"<Message {self.id} thread={self.thread_id} {self.author_role}>"
