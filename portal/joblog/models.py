"""The joblog: the citizen's job applications and other job-search activities (LAB § 20).

Fields follow Jobnet's joblog (DOMAIN.md §2). A deleted entry is kept for 30 days so it can be
restored ("Fortryd", "Slettet for nylig"); `flask joblog purge` removes it for good after that.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from portal.clock import utcnow
from portal.db import Base, UTCDateTime

ENTRY_TYPES = ("application", "other")
#: How the citizen applied; the job-search methods of "krav til jobsøgning".
APPLICATION_TYPES = ("advertised", "unsolicited", "network", "in_person", "phone", "temp_agency")
#: What kind of other activity ("Anden aktivitet").
ACTIVITY_KINDS = ("job_fair", "network_meeting", "course", "other")
STATUSES = ("saved", "applied", "interview", "closed")
RESULTS = ("rejected", "got_job", "no_answer")
TRACKS = ("A", "B", "C")
#: Statuses that count as an application sent.
SENT_STATUSES = ("applied", "interview", "closed")
DELETED_KEPT_DAYS = 30


def search_text(*parts: str | None) -> str:
    """What a search matches: casefolded here, so "Æblegården" finds "æblegården" on any database."""
    return " ".join(part for part in parts if part).casefold()


class JobLogEntry(Base):
    __tablename__ = "joblog_entry"
    __table_args__ = (
        # The list: a citizen's live entries newest first, paged by (date, id).
        Index("ix_joblog_entry_citizen_list", "citizen_id", "deleted_at", "applied_on", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    citizen_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    entry_type: Mapped[str] = mapped_column(String(20), default="application")
    #: The job applied for, or the activity's name ("Jobmesse i Holbæk").
    job_title: Mapped[str] = mapped_column(String(200))
    #: The employer, or who held the activity.
    employer: Mapped[str | None] = mapped_column(String(200))
    location: Mapped[str | None] = mapped_column(String(200))
    application_type: Mapped[str | None] = mapped_column(String(20))
    activity_kind: Mapped[str | None] = mapped_column(String(20))
    #: When the citizen applied, or when the activity took place.
    applied_on: Mapped[date]
    deadline: Mapped[date | None]
    contact_person: Mapped[str | None] = mapped_column(String(200))
    link: Mapped[str | None] = mapped_column(String(500))
    status: Mapped[str] = mapped_column(String(20), default="applied")
    result: Mapped[str | None] = mapped_column(String(20))
    track: Mapped[str | None] = mapped_column(String(1))
    notes: Mapped[str | None] = mapped_column(Text)
    search_text: Mapped[str] = mapped_column(String(500), default="")
    version: Mapped[int] = mapped_column(default=1)
    #: SQLAlchemy's optimistic lock: every UPDATE checks and raises it (portal/locking.py).
    __mapper_args__ = {"version_id_col": version}
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    @property
    def is_application(self) -> bool:
        return self.entry_type == "application"

    @property
    def counts_as_sent(self) -> bool:
        return self.is_application and self.status in SENT_STATUSES

    def __repr__(self) -> str:
        return f"<JobLogEntry {self.id} citizen={self.citizen_id} {self.applied_on} {self.status}>"
