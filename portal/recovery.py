"""Nothing lost when a session or form token expires while someone is typing.

The POST that arrives too late is kept server-side for a while under a random token; the cookie
holds only that token. When the same browser shows the same page again after logging in, the page
is filled from it once, and the row is deleted. The page's own access check still applies, so the
input only comes back to someone who may see that page.

Only a person's own input is kept: the request must carry their session, alive (a form token that
expired) or just ended (idle, absolute lifetime). The row names them, and only they get it back.
Anyone else's POST gets nothing stored. A person keeps at most MAX_ROWS_PER_PERSON rows, and at most
STASH_LIMIT stashes a minute; `flask retention purge` deletes rows past KEEP_FOR.
"""

from __future__ import annotations

import hashlib
import json
import logging
import secrets
from datetime import datetime, timedelta

from flask import session
from limits import parse
from sqlalchemy import ForeignKey, String, Text, delete, select
from sqlalchemy.orm import Mapped, mapped_column
from werkzeug.datastructures import MultiDict

from portal.clock import utcnow
from portal.db import Base, UTCDateTime, db
from portal.extensions import limiter

log = logging.getLogger(__name__)

SESSION_KEY = "pending_input"
KEEP_FOR = timedelta(hours=2)
SKIPPED_FIELDS = {"csrf_token", "action"}
MAX_BYTES = 200_000
MAX_ROWS_PER_PERSON = 5
STASH_LIMIT = parse("10/minute")


class PendingInput(Base):
    __tablename__ = "pending_input"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    #: Whose input it is: only they get it back.
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"), index=True)
    #: The page the input belongs to (a path on this site).
    path: Mapped[str] = mapped_column(String(300))
    #: The submitted fields as JSON pairs [[name, value], ...]; may hold answers, so kept briefly.
    fields_json: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)

    def __repr__(self) -> str:
        return f"<PendingInput {self.id} {self.path}>"


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def stash(user_id: int, path: str, form: MultiDict) -> bool:
    """Keep what `user_id` posted to `path`, and remember it in this browser's cookie session.
    Returns whether it was kept (not when too big, or over the person's limits)."""
    pairs = [[key, value] for key, value in form.items(multi=True) if key not in SKIPPED_FIELDS]
    payload = json.dumps(pairs, ensure_ascii=False)
    if len(payload.encode()) > MAX_BYTES or len(path) > 300:
        return False
    if limiter.enabled and not _within_rate(user_id):
        return False
    kept = select(PendingInput.id).where(PendingInput.user_id == user_id).order_by(PendingInput.id.desc())
    newest = list(db.session.scalars(kept.limit(MAX_ROWS_PER_PERSON - 1)))
    db.session.execute(delete(PendingInput).where(PendingInput.user_id == user_id, PendingInput.id.not_in(newest)))
    token = secrets.token_urlsafe(24)
    db.session.add(
        PendingInput(token_hash=_hash(token), user_id=user_id, path=path, fields_json=payload, created_at=utcnow())
    )
    db.session.commit()
    session[SESSION_KEY] = token
    return True


def _within_rate(user_id: int) -> bool:
    try:
        return limiter.limiter.hit(STASH_LIMIT, "pending-input", str(user_id))
    except Exception:  # the limiter's storage (Redis) is down: the per-person cap still bounds it
        log.warning("pending-input rate limit not checked: its storage did not answer")
        return True


def purge() -> int:
    """Delete the rows past KEEP_FOR (run daily by `flask retention purge`); returns how many."""
    return db.changed_rows(delete(PendingInput).where(PendingInput.created_at < utcnow() - KEEP_FOR))


def take(user_id: int, path: str) -> MultiDict | None:
    """The input `user_id` left for `path` in this browser, once; None if there is none (or it is too old)."""
    token = session.get(SESSION_KEY)
    if not token:
        return None
    row = db.session.scalar(select(PendingInput).where(PendingInput.token_hash == _hash(token)))
    if row is None or row.path != path or row.user_id != user_id:
        return None
    session.pop(SESSION_KEY, None)
    db.session.delete(row)
    db.session.commit()
    if row.created_at < utcnow() - KEEP_FOR:
        return None
    return MultiDict([tuple(pair) for pair in json.loads(row.fields_json)])
