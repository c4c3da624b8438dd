"""Server-side login sessions.

The signed Flask cookie carries only an opaque random token (and the CSRF token); the database row
keyed by the token's hash says whether the login is still alive. This makes logout, idle timeout,
absolute lifetime and deactivation take effect on every copy of the cookie.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from flask import current_app, g, session
from sqlalchemy import bindparam, select, update

from portal.auth.models import AuthSession, User
from portal.clock import utcnow
from portal.db import db

SESSION_KEY = "auth"
#: Every logged-in request starts here; built once, since building a select costs about as much as
#: running it.
_SESSION_BY_TOKEN_HASH = select(AuthSession).where(AuthSession.token_hash == bindparam("token_hash"))


def token_hash(token: str) -> str:
    """What is stored of a secret token (session cookie, activation link): its SHA-256."""
    return hashlib.sha256(token.encode()).hexdigest()


#: Cookie-session keys that outlive logging in and out: the language choice, and the token of
#: input kept when a session expired mid-form (portal/recovery.py). Both are opaque or harmless.
CARRIED_KEYS = ("lang", "pending_input")


def _clear_keeping_carried() -> None:
    kept = {key: session[key] for key in CARRIED_KEYS if key in session}
    session.clear()
    session.update(kept)


def start(
    user: User, *, provider: str | None = None, provider_sid: str | None = None, provider_subject: str | None = None
) -> AuthSession:
    """Begin a login for `user`: a fresh cookie session (new id) and a new server-side row.

    A login through an identity provider keeps the provider's session id and the person's subject
    there, so the provider's back-channel logout can end this session.
    """
    _clear_keeping_carried()  # nothing else from before the login survives it (session fixation)
    token = secrets.token_urlsafe(32)
    row = AuthSession(
        token_hash=token_hash(token),
        user_id=user.id,
        created_at=utcnow(),
        last_seen_at=utcnow(),
        provider=provider,
        provider_sid=provider_sid,
        provider_subject=provider_subject,
    )
    db.session.add(row)
    session[SESSION_KEY] = token
    return row


@dataclass
class Lookup:
    user: User | None
    #: Why a cookie that named a session did not log anyone in: idle | expired | ended | None.
    reason: str | None = None
    #: Whose session that was, when it ended on its own (idle, expired) in this very request or
    #: earlier: their input may be kept for them (portal/recovery.py).
    ended_user_id: int | None = None


def load_current() -> Lookup:
    """Resolve the cookie's token to a live user, ending the row if it has timed out."""
    token = session.get(SESSION_KEY)
    if not token:
        return Lookup(None)
    row = db.session.scalar(_SESSION_BY_TOKEN_HASH, {"token_hash": token_hash(token)})
    if row is None or row.ended_at is not None:
        session.pop(SESSION_KEY, None)
        if row is not None and row.end_reason in ("idle", "expired"):
            return Lookup(None, row.end_reason if row.end_reason == "idle" else "ended", row.user_id)
        return Lookup(None, "ended" if row is None or row.end_reason != "idle" else "idle")
    now = utcnow()
    config = current_app.config
    if not row.user.is_active:
        reason = "ended"
        _end(row, "deactivated")
    elif now - row.created_at > timedelta(hours=config["SESSION_ABSOLUTE_HOURS"]):
        reason = "expired"
        _end(row, "expired")
    elif now - row.last_seen_at > timedelta(minutes=config["SESSION_IDLE_MINUTES"]):
        reason = "idle"
        _end(row, "idle")
    else:
        # Refresh at most once a minute: a write on every request would cost far more than the page.
        if now - row.last_seen_at > timedelta(seconds=config["SESSION_TOUCH_SECONDS"]):
            row.last_seen_at = now
            db.session.commit()
        g.auth_session = row
        return Lookup(row.user)
    db.session.commit()
    session.pop(SESSION_KEY, None)
    return Lookup(None, reason, row.user_id if reason in ("idle", "expired") else None)


def _end(row: AuthSession, reason: str) -> None:
    row.ended_at = utcnow()
    row.end_reason = reason


def end_current(reason: str = "logout") -> None:
    """End the current login server-side and forget everything in the cookie."""
    row = g.get("auth_session")
    if row is not None and row.ended_at is None:
        _end(row, reason)
    language = session.get("lang")
    session.clear()  # a deliberate logout leaves nothing behind for the next person at this browser
    if language:
        session["lang"] = language


def end_for_provider(provider: str, *, sid: str | None, subject: str | None) -> int:
    """End the live sessions a provider's logout names: by its session id, else by the person's
    subject there (then every session of theirs through that provider). Returns how many."""
    if sid:
        named = AuthSession.provider_sid == sid
    elif subject:
        named = AuthSession.provider_subject == subject
    else:
        return 0
    return db.changed_rows(
        update(AuthSession)
        .where(AuthSession.provider == provider, named, AuthSession.ended_at.is_(None))
        .values(ended_at=utcnow(), end_reason="provider")
    )


def current_provider() -> str | None:
    """The identity provider the current login came through, if any."""
    row = g.get("auth_session")
    return row.provider if row is not None else None


def end_all_for(user_id: int, reason: str) -> int:
    """End every live session of a user (deactivation); returns how many were ended."""
    return db.changed_rows(
        update(AuthSession)
        .where(AuthSession.user_id == user_id, AuthSession.ended_at.is_(None))
        .values(ended_at=utcnow(), end_reason=reason)
    )
