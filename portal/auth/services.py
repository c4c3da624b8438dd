"""Logging in and out, creating and deactivating accounts; each writes its audit row."""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app
from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError

from portal import audit
from portal.access import Role
from portal.auth import sessions, throttle
from portal.auth.models import Invitation, User
from portal.auth.passwords import hash_password, verify_password
from portal.clock import utcnow
from portal.db import db


def normalise_email(email: str) -> str:
    return email.strip().lower()


def find_by_email(email: str) -> User | None:
    return db.session.scalar(select(User).where(User.email == normalise_email(email)))


#: In production employees log in through the municipality's login with MFA, never with a password.
STAFF = frozenset({Role.CASEWORKER, Role.AUDITOR})


@dataclass(frozen=True)
class LoginRefused:
    """A failed password login. `hold` is the wait or lock now on the address typed (the same for an
    address with no account); None when the person may try again at once."""

    hold: throttle.Hold | None


def log_in(email: str, password: str) -> User | LoginRefused:
    """Check the credentials; on success start a session. Every failure answers alike, whatever was
    wrong (an employee in production too, whether or not the password was right); each is audited and
    counted against the address typed (portal/auth/throttle.py)."""
    address = normalise_email(email)
    user = find_by_email(address)
    hold = throttle.held(address)
    if hold is not None:
        # Not even checked: a guess during a wait or a lock tells nothing, right or wrong.
        audit.record(db.session, "login.failed", actor=user, reason="locked" if hold.locked else "waiting")
        db.session.commit()
        return LoginRefused(hold)
    ok = verify_password(user.password_hash if user else None, password)
    staff_in_production = user is not None and user.role in STAFF and current_app.config["PORTAL_ENV"] == "production"
    if not ok or user is None or not user.is_active or staff_in_production:
        if user is None:
            reason = "unknown_account"
        elif staff_in_production:
            reason = "staff_password_login"
        else:
            reason = "inactive" if not user.is_active else "bad_password"
        counted = throttle.count_failure(address)
        audit.record(db.session, "login.failed", actor=user, reason=reason, failures=counted.failures)
        if counted.hold is not None and counted.hold.locked:
            minutes = counted.hold.minutes
            audit.record(db.session, "login.locked", actor=user, failures=counted.failures, minutes=minutes)
        db.session.commit()
        return LoginRefused(counted.hold)
    throttle.clear(address)
    sessions.start(user)
    audit.record(db.session, "login.succeeded", actor=user)
    db.session.commit()
    return user


def log_out(user: User) -> None:
    sessions.end_current("logout")
    audit.record(db.session, "logout", actor=user)
    db.session.commit()


class AccountExists(ValueError):
    """An account with this e-mail, or a citizen with this CPR number, exists; `field` says which and
    `holder_id` whose it is."""

    def __init__(self, field: str, holder_id: int | None = None) -> None:
        super().__init__(f"an account with this {'CPR number' if field == 'cpr' else 'e-mail'} exists")
        self.field = field
        self.holder_id = holder_id


def find_by_cpr_hash(cpr_hash: str) -> User | None:
    return db.session.scalar(select(User).where(User.cpr_hash == cpr_hash))


def create_user(
    *,
    email: str | None,
    password: str | None,
    role: Role,
    name: str,
    jobcentre_id: int | None = None,
    preferred_language: str | None = None,
    cpr_hash: str | None = None,
    created_by: User | None = None,
) -> User:
    """:raise AccountExists: the CPR number or the e-mail is taken (also when another request just took
    it). The CPR number is checked first: a citizen who is already in Min Plan is told as such, not
    refused for their e-mail."""
    if cpr_hash and (holder := find_by_cpr_hash(cpr_hash)) is not None:
        raise AccountExists("cpr", holder.id)
    if email and (holder := find_by_email(email)) is not None:
        raise AccountExists("email", holder.id)
    user = User(
        email=normalise_email(email) if email else None,
        cpr_hash=cpr_hash,
        password_hash=hash_password(password) if password else None,
        role=role,
        name=name,
        jobcentre_id=jobcentre_id,
        preferred_language=preferred_language,
    )
    try:
        with db.session.begin_nested():
            db.session.add(user)
    except IntegrityError:
        holder = find_by_cpr_hash(cpr_hash) if cpr_hash else None
        if holder is not None:
            raise AccountExists("cpr", holder.id) from None
        holder = find_by_email(email) if email else None
        raise AccountExists("email", holder.id if holder else None) from None
    audit.record(
        db.session,
        "account.created",
        actor=created_by,
        role=role.value,
        user_id=user.id,
        citizen_id=user.id if role is Role.CITIZEN else None,
    )
    return user


def deactivate(user: User) -> int:
    """Deactivate the account and end all its sessions at once; commits; returns the number ended."""
    user.is_active = False
    user.deactivated_at = utcnow()
    ended = sessions.end_all_for(user.id, "deactivated")
    revoke_open_invitations(user.id)
    audit.record(db.session, "account.deactivated", user_id=user.id, sessions_ended=ended)
    db.session.commit()
    return ended


def revoke_open_invitations(user_id: int) -> None:
    """Stop every activation link of the account that is neither used nor revoked yet."""
    db.session.execute(
        update(Invitation)
        .where(Invitation.citizen_id == user_id, Invitation.used_at.is_(None), Invitation.revoked_at.is_(None))
        .values(revoked_at=utcnow())
    )


def set_language(user: User, language: str) -> None:
    user.preferred_language = language
    db.session.commit()


def count_users() -> int:
    return db.session.scalar(select(func.count(User.id))) or 0


def all_accounts() -> list[User]:
    """Every account, by role and e-mail (the command line's list)."""
    return list(db.session.scalars(select(User).order_by(User.role, User.email)))
