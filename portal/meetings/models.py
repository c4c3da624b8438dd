"""Meetings between a citizen and their caseworker, their summaries, and the homework set at them.

A meeting is never deleted: it is cancelled with a reason. A change of time, place or channel is
kept as a MeetingChange so the citizen sees "Flyttet fra ... til ..." and can be told by e-mail.
"""

from __future__ import annotations

import enum
from datetime import date, datetime, timedelta

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.auth.models import User
from portal.clock import utcnow
from portal.db import Base, UTCDateTime, enum_column


class Channel(enum.StrEnum):
    IN_PERSON = "in_person"
    PHONE = "phone"
    VIDEO = "video"


class MeetingKind(enum.StrEnum):
    """Where the meeting sits in the progression (seeds/002); decides the questionnaire's sections."""

    FIRST = "first"
    FOLLOW_UP = "follow_up"
    BEFORE_PRACTICUM = "before_practicum"
    AFTER_PRACTICUM = "after_practicum"


class MeetingStatus(enum.StrEnum):
    PLANNED = "planned"
    CANCELLED = "cancelled"


class Meeting(Base):
    __tablename__ = "meeting"
    __table_args__ = (Index("ix_meeting_citizen_starts", "citizen_id", "starts_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    citizen_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    caseworker_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    duration_minutes: Mapped[int] = mapped_column(default=45)
    channel: Mapped[Channel] = mapped_column(enum_column(Channel, "channel"))
    kind: Mapped[MeetingKind] = mapped_column(
        enum_column(MeetingKind, "meeting_kind"),
        default=MeetingKind.FOLLOW_UP,
        server_default=MeetingKind.FOLLOW_UP.value,
    )
    #: Address for a meeting in person; phone number or video details otherwise.
    place: Mapped[str | None] = mapped_column(String(300))
    status: Mapped[MeetingStatus] = mapped_column(
        enum_column(MeetingStatus, "meeting_status"),
        default=MeetingStatus.PLANNED,
        server_default=MeetingStatus.PLANNED.value,
    )
    #: Why the caseworker cancelled it (the citizen reads this).
    cancel_reason: Mapped[str | None] = mapped_column(Text)
    #: Why we meet, in plain words.
    purpose: Mapped[str | None] = mapped_column(Text)
    #: One topic a line; starts from the template for the meeting's step in the progression.
    agenda: Mapped[str | None] = mapped_column(Text)
    #: What the citizen should prepare or bring.
    preparation: Mapped[str | None] = mapped_column(Text)
    # "Jeg kan ikke komme": the citizen's reason, when they said it, when the caseworker saw it.
    absence_reason: Mapped[str | None] = mapped_column(Text)
    absence_reported_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    absence_seen_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: The caseworker's summary (referat); the citizen sees it once published.
    summary: Mapped[str | None] = mapped_column(Text)
    summary_published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # "Jeg har brug for en tolk" (portal/meetings/interpreters.py): the language the citizen asked for
    # (a code of interpreters.LANGUAGES; None: no interpreter wanted), in their own words when it is
    # "other", and when they asked or last changed it.
    interpreter_language: Mapped[str | None] = mapped_column(String(20))
    interpreter_language_other: Mapped[str | None] = mapped_column(String(100))
    interpreter_requested_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: "Tolk er bestilt": when and by whom, for the language asked for now. A change of language,
    #: a withdrawal, a move or a cancellation of the meeting clears it.
    interpreter_confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    interpreter_confirmed_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    # The language of the interpreter the caseworker last said they booked, kept until they book again
    # or say it is cancelled: with the confirmation cleared, it is the booking to change or cancel.
    interpreter_booked_language: Mapped[str | None] = mapped_column(String(20))
    interpreter_booked_language_other: Mapped[str | None] = mapped_column(String(100))
    version: Mapped[int] = mapped_column(default=1, server_default="1")
    #: SQLAlchemy's optimistic lock: every UPDATE checks and raises it (portal/locking.py).
    __mapper_args__ = {"version_id_col": version}
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    caseworker: Mapped[User] = relationship(foreign_keys=[caseworker_id], lazy="joined", innerjoin=True)
    #: Loaded when read: only the meeting's own page for the caseworker reads it.
    interpreter_confirmed_by: Mapped[User | None] = relationship(foreign_keys=[interpreter_confirmed_by_id])

    @property
    def is_cancelled(self) -> bool:
        return self.status is MeetingStatus.CANCELLED

    @property
    def agenda_lines(self) -> list[str]:
        return [line.strip() for line in (self.agenda or "").splitlines() if line.strip()]

    @property
    def ends_at(self) -> datetime:
        return self.starts_at + timedelta(minutes=self.duration_minutes)

    def __repr__(self) -> str:
        return f"<Meeting {self.id} citizen={self.citizen_id} {self.starts_at:%Y-%m-%d %H:%M}>"


class Homework(Base):
    """A task agreed at a meeting ("hjemmeopgave"): what, why, by when; the citizen ticks it off."""

    __tablename__ = "homework"
    __table_args__ = (Index("ix_homework_citizen_done", "citizen_id", "done_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    citizen_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    #: The meeting where it was agreed.
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meeting.id"))
    title: Mapped[str] = mapped_column(String(300))
    why: Mapped[str | None] = mapped_column(String(1000))
    due_date: Mapped[date | None]
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: The citizen's optional note when ticking it off.
    done_note: Mapped[str | None] = mapped_column(String(2000))
    #: When the caseworker marked the citizen's work as seen.
    seen_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    version: Mapped[int] = mapped_column(default=1, server_default="1")
    #: SQLAlchemy's optimistic lock: every UPDATE checks and raises it (portal/locking.py).
    __mapper_args__ = {"version_id_col": version}
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    @property
    def is_done(self) -> bool:
        return self.done_at is not None

    def is_overdue(self, today: date) -> bool:
        return self.done_at is None and self.due_date is not None and self.due_date < today

    def __repr__(self) -> str:
        return f"<Homework {self.id} citizen={self.citizen_id} done={self.done_at is not None}>"


class MeetingChange(Base):
    """A change of time, length, place, channel or status, as the citizen will read it."""

    __tablename__ = "meeting_change"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id"), index=True)
    actor_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    #: starts_at | duration_minutes | channel | place | status
    field: Mapped[str] = mapped_column(String(30))
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class MeetingComment(Base):
    """The citizen's comment on a published summary ("Jeg husker det anderledes")."""

    __tablename__ = "meeting_comment"
    # The caseload counts comments not yet read; read ones pile up and must not be scanned.
    __table_args__ = (
        Index(
            "ix_meeting_comment_unseen",
            "meeting_id",
            sqlite_where=text("seen_at IS NULL"),
            postgresql_where=text("seen_at IS NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    #: When the caseworker read it.
    seen_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class ReminderSent(Base):
    """One e-mail reminder that went out; the unique key is what makes sending safe to repeat."""

    __tablename__ = "reminder_sent"
    __table_args__ = (UniqueConstraint("kind", "reference"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    #: meeting_tomorrow | meeting_changed | homework_due | caseworker_changed | message_new
    kind: Mapped[str] = mapped_column(String(30))
    #: What the reminder was about, e.g. "meeting:12:2026-11-24T09:00:00+00:00"; a moved meeting gets a new one.
    reference: Mapped[str] = mapped_column(String(200))
    recipient_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
