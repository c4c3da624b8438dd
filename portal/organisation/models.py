"""Jobcentres, citizens' profiles and who is whose caseworker."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, Index, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.auth.models import User
from portal.clock import utcnow
from portal.db import Base, UTCDateTime


class CitizenProfile(Base):
    """What the portal knows about a citizen beyond their account."""

    __tablename__ = "citizen_profile"

    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), primary_key=True)
    #: The day the citizen first asked the municipality for help; meeting rules count from it.
    first_contact_date: Mapped[date | None]
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    user: Mapped[User] = relationship(lazy="joined", innerjoin=True)

    def __repr__(self) -> str:
        return f"<CitizenProfile {self.user_id}>"


class CaseloadAssignment(Base):
    """A caseworker's responsibility for a citizen over a period; history is kept.

    At most one open assignment (valid_to is NULL) per citizen, enforced by a partial unique index.
    """

    __tablename__ = "caseload_assignment"
    __table_args__ = (
        Index(
            "uq_caseload_assignment_current_citizen",
            "citizen_id",
            unique=True,
            sqlite_where=text("valid_to IS NULL"),
            postgresql_where=text("valid_to IS NULL"),
        ),
        Index("ix_caseload_assignment_caseworker_current", "caseworker_id", "valid_to"),
        # A citizen's history and number of changes: without it each caseload row scanned the table.
        Index("ix_caseload_assignment_citizen_history", "citizen_id", "valid_from"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    caseworker_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    citizen_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    valid_from: Mapped[date]
    valid_to: Mapped[date | None]
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    #: Who made the assignment; None when it was made from the command line.
    assigned_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    #: The caseworker the citizen had before this assignment; None for the first one.
    previous_caseworker_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    #: What the new caseworker should know (required when a citizen is moved, seeds/001).
    handover_note: Mapped[str | None] = mapped_column(Text)
    #: A thread of Beskeder the handover note points the new caseworker to.
    message_thread_id: Mapped[int | None] = mapped_column(ForeignKey("message_thread.id"))
    #: When the new caseworker marked the handover note read.
    handover_read_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: When the citizen acknowledged the notice that their caseworker changed.
    citizen_informed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    caseworker: Mapped[User] = relationship(foreign_keys=[caseworker_id])
    citizen: Mapped[User] = relationship(foreign_keys=[citizen_id])
    previous_caseworker: Mapped[User | None] = relationship(foreign_keys=[previous_caseworker_id])

    @property
    def is_handover(self) -> bool:
        return self.previous_caseworker_id is not None

    def __repr__(self) -> str:
        return f"<CaseloadAssignment {self.caseworker_id}->{self.citizen_id} {self.valid_from}..{self.valid_to}>"
