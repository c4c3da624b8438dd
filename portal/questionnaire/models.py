"""A citizen's questionnaire for one meeting, and their answers (sensitive ones kept apart)."""

from __future__ import annotations

import enum
import json
from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, declared_attr, mapped_column, relationship

from portal.clock import utcnow
from portal.db import Base, UTCDateTime, enum_column


class Status(enum.StrEnum):
    DRAFT = "draft"
    SENT = "sent"


class Questionnaire(Base):
    __tablename__ = "questionnaire"

    id: Mapped[int] = mapped_column(primary_key=True)
    citizen_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id"), unique=True)
    #: The definition version the questions were asked in (definitions/v<N>.yaml).
    definition_version: Mapped[int]
    #: first | follow_up | before_practicum | after_practicum, copied from the meeting at start.
    meeting_kind: Mapped[str] = mapped_column(String(20))
    status: Mapped[Status] = mapped_column(enum_column(Status, "questionnaire_status"), default=Status.DRAFT)
    #: Section keys the citizen has passed with "Næste", comma-separated, in order.
    completed_sections: Mapped[str] = mapped_column(String(100), default="")
    #: Where "fortsæt" takes the citizen: the section they were last on.
    resume_section: Mapped[str | None] = mapped_column(String(10))
    #: Raised by every save; a form carries the number it was shown with (no silent overwrite).
    version: Mapped[int] = mapped_column(default=1)
    #: SQLAlchemy's optimistic lock: every UPDATE checks and raises it (portal/locking.py).
    __mapper_args__ = {"version_id_col": version}
    consent_given_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    consent_withdrawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: The last change made after sending (the caseworker sees that the answers moved).
    changed_after_sending_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: The questionnaire the answers were carried over from, if any.
    carried_from_id: Mapped[int | None] = mapped_column(ForeignKey("questionnaire.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    answers: Mapped[list[Answer]] = relationship(
        back_populates="questionnaire", lazy="raise", cascade="all, delete-orphan"
    )

    @property
    def completed(self) -> list[str]:
        return [key for key in self.completed_sections.split(",") if key]

    @property
    def has_consent(self) -> bool:
        return self.consent_given_at is not None

    def __repr__(self) -> str:
        return f"<Questionnaire {self.id} meeting={self.meeting_id} {self.status.value} v{self.version}>"


class _AnswerColumns:
    id: Mapped[int] = mapped_column(primary_key=True)
    question_key: Mapped[str] = mapped_column(String(20))
    #: JSON: a string, a list of option values, a number, true/false, or an ISO date.
    value_json: Mapped[str | None] = mapped_column(Text)
    #: "Det vil jeg gerne tale om" — the citizen wants to discuss this at the meeting.
    talk_about: Mapped[bool] = mapped_column(default=False)
    #: The questionnaire version this answer was last written in (to spot a stale form).
    written_in_version: Mapped[int] = mapped_column(default=1)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    @declared_attr
    def questionnaire_id(cls) -> Mapped[int]:
        return mapped_column(ForeignKey("questionnaire.id"))

    @property
    def value(self):
        return None if self.value_json is None else json.loads(self.value_json)

    @value.setter
    def value(self, new_value) -> None:
        self.value_json = None if new_value in (None, "", []) else json.dumps(new_value, ensure_ascii=False)


class Answer(_AnswerColumns, Base):
    __tablename__ = "questionnaire_answer"
    __table_args__ = (UniqueConstraint("questionnaire_id", "question_key"),)

    questionnaire: Mapped[Questionnaire] = relationship(back_populates="answers")

    def __repr__(self) -> str:
        return f"<Answer {self.questionnaire_id}:{self.question_key}>"


class SensitiveAnswer(_AnswerColumns, Base):
    """Health, family, finances: only with consent, deleted when consent is withdrawn, and shown to
    the caseworker only when they ask (audited)."""

    __tablename__ = "questionnaire_sensitive_answer"
    __table_args__ = (
        UniqueConstraint("questionnaire_id", "question_key"),
        Index("ix_questionnaire_sensitive_answer_questionnaire", "questionnaire_id"),
    )

    #: "Det vil jeg hellere tale om til mødet" — the citizen chose to say this in person.
    prefer_in_person: Mapped[bool] = mapped_column(default=False)

    def __repr__(self) -> str:
        return f"<SensitiveAnswer {self.questionnaire_id}:{self.question_key}>"
