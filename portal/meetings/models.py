"""Meetings between a citizen and their caseworker."""
from __future__ import annotations

import enum
from datetime import date, datetime, timedelta

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.auth.models import User, enum_column
from portal.db import Base, UTCDateTime, utcnow


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


class Meeting(Base):
    __tablename__ = "meeting"
    __table_args__ = (Index("ix_meeting_citizen_starts", "citizen_id", "starts_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    citizen_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    caseworker_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    duration_minutes: Mapped[int] = mapped_column(default=45)
    channel: Mapped[Channel] = mapped_column(enum_column(Channel, "channel"))
    kind: Mapped[MeetingKind] = mapped_column(enum_column(MeetingKind, "meeting_kind"), default=MeetingKind.FOLLOW_UP,
                                              server_default=MeetingKind.FOLLOW_UP.value)
    #: Address for a meeting in person; phone number or video details otherwise.
    place: Mapped[str | None] = mapped_column(String(300))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    caseworker: Mapped[User] = relationship(foreign_keys=[caseworker_id], lazy="joined", innerjoin=True)

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
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    def __repr__(self) -> str:
        return f"<Homework {self.id} citizen={self.citizen_id} done={self.done_at is not None}>"
