"""Accounts, the jobcentres they belong to, their server-side login sessions and activation links."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.access import Role
from portal.clock import utcnow
from portal.db import Base, UTCDateTime, enum_column


class Jobcentre(Base):
    __tablename__ = "jobcentre"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    #: Municipality code (kommunekode), e.g. "0316" for Holbæk.
    municipality_code: Mapped[str | None] = mapped_column(String(4))
    #: Which meeting-cadence rule set applies (portal/meetings/rule_sets.yaml); reforms change it.
    meeting_rules: Mapped[str] = mapped_column(String(20), default="reform2026", server_default="reform2026")
    #: The languages it offers its citizens, space-separated codes (of those the portal has, config
    #: LANGUAGES): a municipality turns a language on when a native speaker has reviewed it.
    languages: Mapped[str] = mapped_column(String(64), default="da en", server_default="da en")
    #: The answer time it promises on Beskeder, in working days (Monday to Friday).
    message_answer_days: Mapped[int] = mapped_column(default=2, server_default="2")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    def __repr__(self) -> str:
        return f"<Jobcentre {self.id} {self.name!r}>"


class User(Base):
    """A person who logs in: a citizen, a caseworker or an administrator."""

    __tablename__ = "user_account"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: Stored lower-case; unique across all roles. A citizen added by CPR number may have none.
    email: Mapped[str | None] = mapped_column(String(254), unique=True)
    #: HMAC-SHA256 of the citizen's CPR number under CPR_KEY (portal/auth/cpr.py): how a MitID
    #: login finds the citizen. No readable CPR number is stored anywhere.
    cpr_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    #: The staff login's `sub` for this employee (issuer-unique), set at their first login there.
    staff_subject: Mapped[str | None] = mapped_column(String(255), unique=True)
    #: argon2id hash; None for an account that has not set a password yet.
    password_hash: Mapped[str | None] = mapped_column(String(255))
    role: Mapped[Role] = mapped_column(enum_column(Role, "role"))
    name: Mapped[str] = mapped_column(String(200))
    #: The citizen's jobcentre, or the caseworker's employer; None for administrators.
    jobcentre_id: Mapped[int | None] = mapped_column(ForeignKey("jobcentre.id"), index=True)
    is_active: Mapped[bool] = mapped_column(default=True)
    #: When the account was closed (a citizen's case ended); the retention period counts from here.
    deactivated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: When a closed case's data was deleted and this row anonymised (portal/retention.py).
    purged_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: "da" or "en"; None means follow the browser.
    preferred_language: Mapped[str | None] = mapped_column(String(8))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    jobcentre: Mapped[Jobcentre | None] = relationship(lazy="joined")  # noqa: F821

    # Flask-Login's protocol.
    is_authenticated = True
    is_anonymous = False

    def get_id(self) -> str:
        return str(self.id)

    @property
    def is_citizen(self) -> bool:
        return self.role is Role.CITIZEN

    @property
    def is_caseworker(self) -> bool:
        return self.role is Role.CASEWORKER

    def __repr__(self) -> str:
        return f"<User {self.id} {self.role.value}>"


class AuthSession(Base):
    """A login: the cookie holds a random token, this row holds only its hash and its state.

    Logging out, idling too long, passing the absolute lifetime or being deactivated ends the row,
    so a copied cookie stops working at once.
    """

    __tablename__ = "auth_session"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: logout | idle | expired | deactivated | provider
    end_reason: Mapped[str | None] = mapped_column(String(20))
    #: For a login through an identity provider (mitid | staff): its session id (`sid`) and the
    #: person's `sub` there, which the provider's back-channel logout names to end this session.
    provider: Mapped[str | None] = mapped_column(String(20))
    provider_sid: Mapped[str | None] = mapped_column(String(255), index=True)
    provider_subject: Mapped[str | None] = mapped_column(String(255))

    user: Mapped[User] = relationship(lazy="joined", innerjoin=True)

    def __repr__(self) -> str:
        return f"<AuthSession {self.id} user={self.user_id} ended={self.end_reason}>"


class Invitation(Base):
    """A one-time activation link for a citizen a caseworker added: the link holds a random token,
    this row only its hash. Valid for a week and for one use; a new invitation replaces older ones.
    """

    __tablename__ = "invitation"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    citizen_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    #: When the citizen set their password with it.
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: When a newer invitation replaced it or the account was deactivated.
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    citizen: Mapped[User] = relationship(foreign_keys=[citizen_id])

    def __repr__(self) -> str:
        return f"<Invitation {self.id} citizen={self.citizen_id}>"
