"""The audit log: who did what to whose data, when, and why.

Rows are added to the caller's session so they commit (or roll back) with the action they record;
a request whose audit row cannot be written fails. Never put passwords, answers or tokens in `detail`.
"""

from __future__ import annotations

import json
from datetime import datetime

from flask import g, has_request_context
from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, Session, mapped_column

from portal.clock import utcnow
from portal.db import Base, UTCDateTime


class AuditEntry(Base):
    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    #: None when nobody is logged in (a failed login for an unknown e-mail).
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"), index=True)
    actor_role: Mapped[str | None] = mapped_column(String(20))
    #: Dotted verb, e.g. "login.succeeded", "caseworker.citizen.viewed".
    action: Mapped[str] = mapped_column(String(80))
    #: The citizen whose data was touched, if any.
    citizen_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"), index=True)
    #: Why the data was used, in words a citizen can read (shown in their access log).
    purpose: Mapped[str | None] = mapped_column(String(200))
    #: JSON object with non-sensitive details.
    detail: Mapped[str | None] = mapped_column(Text)
    request_id: Mapped[str | None] = mapped_column(String(36))

    def __repr__(self) -> str:
        return f"<AuditEntry {self.id} {self.action} actor={self.actor_id} citizen={self.citizen_id}>"


def record(
    session: Session, action: str, *, actor=None, citizen_id: int | None = None, purpose: str | None = None, **detail
) -> AuditEntry:
    """Add an audit row to `session`; it is written when the caller commits."""
    entry = AuditEntry(
        occurred_at=utcnow(),
        actor_id=getattr(actor, "id", None),
        actor_role=getattr(getattr(actor, "role", None), "value", None),
        action=action,
        citizen_id=citizen_id,
        purpose=purpose,
        detail=json.dumps(detail, ensure_ascii=False, sort_keys=True) if detail else None,
        request_id=g.get("request_id") if has_request_context() else None,
    )
    session.add(entry)
    return entry
