"""Nothing lost when a session or form token expires while someone is typing.

The POST that arrives too late is kept server-side for a while under a random token; the cookie
holds only that token. When the same browser shows the same page again after logging in, the page
is filled from it once, and the row is deleted. The page's own access check still applies, so the
input only comes back to someone who may see that page.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from datetime import datetime, timedelta

from flask import session
from sqlalchemy import String, Text, delete, select
from sqlalchemy.orm import Mapped, mapped_column
from werkzeug.datastructures import MultiDict

from portal.clock import utcnow
from portal.db import Base, UTCDateTime, db

SESSION_KEY = "pending_input"
KEEP_FOR = timedelta(hours=2)
SKIPPED_FIELDS = {"csrf_token", "action"}
MAX_BYTES = 200_000


class PendingInput(Base):
    __tablename__ = "pending_input"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    #: The page the input belongs to (a path on this site).
    path: Mapped[str] = mapped_column(String(300))
    #: The submitted fields as JSON pairs [[name, value], ...]; may hold answers, so kept briefly.
    fields_json: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)

    def __repr__(self) -> str:
        return f"<PendingInput {self.id} {self.path}>"


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def stash(path: str, form: MultiDict) -> None:
    """Keep what was posted to `path`, and remember it in this browser's cookie session."""
    pairs = [[key, value] for key, value in form.items(multi=True) if key not in SKIPPED_FIELDS]
    payload = json.dumps(pairs, ensure_ascii=False)
    if len(payload.encode()) > MAX_BYTES or len(path) > 300:
        return
    db.session.execute(delete(PendingInput).where(PendingInput.created_at < utcnow() - KEEP_FOR))
    token = secrets.token_urlsafe(24)
    db.session.add(PendingInput(token_hash=_hash(token), path=path, fields_json=payload, created_at=utcnow()))
    db.session.commit()
    session[SESSION_KEY] = token


def take(path: str) -> MultiDict | None:
    """The input kept for `path` in this browser, once; None if there is none (or it is too old)."""
    token = session.get(SESSION_KEY)
    if not token:
        return None
    row = db.session.scalar(select(PendingInput).where(PendingInput.token_hash == _hash(token)))
    if row is None or row.path != path:
        return None
    session.pop(SESSION_KEY, None)
    db.session.delete(row)
    db.session.commit()
    if row.created_at < utcnow() - KEEP_FOR:
        return None
    return MultiDict([tuple(pair) for pair in json.loads(row.fields_json)])
