"""Keeping personal data no longer than needed (GDPR art. 5(1)(e)): `flask --app wsgi retention purge`,
run daily, deletes or anonymises what is past its period, and writes one audit row with the counts.

Periods (config, days): ended login sessions RETENTION_SESSION_DAYS, used, revoked or expired
activation links RETENTION_INVITATION_DAYS, audit rows AUDIT_RETENTION_DAYS (the citizen's own
access log is built from them, so it shows that period), a closed case (a deactivated citizen) after
RETENTION_CLOSED_CASE_DAYS when the municipality sets it. Input kept across an ended session goes
after two hours (portal/recovery.py).

On PostgreSQL it runs as the role that owns the tables (MIGRATION_DATABASE_URL, portal/migrate.py):
the application role may not delete audit rows, nor messages in Beskeder (a closed case's go with it).

Part of the composition (like portal.cli): it reaches every feature's tables, so no feature imports it.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import timedelta

from flask import current_app
from sqlalchemy import Delete, Update, delete, func, or_, select, update

from portal import audit, recovery
from portal.access import Role
from portal.auth.models import AuthSession, Invitation, User
from portal.clock import utcnow
from portal.db import Base, db

#: What a purged citizen's account row keeps: it stays for the audit rows that name it.
PURGED_NAME = "Slettet borger"


class NotTheOwner(RuntimeError):
    """The retention run connected as the application role, which may not delete audit rows."""


@dataclass
class Purged:
    sessions: int = 0
    pending_input: int = 0
    invitations: int = 0
    audit_rows: int = 0
    closed_cases: int = 0


def purge() -> Purged:
    """Delete or anonymise everything past its period; commits; one audit row with the counts."""
    if db.session.get_bind().dialect.name == "postgresql" and not db.session.scalar(
        select(func.has_table_privilege("audit_log", "DELETE"))
    ):
        # Checked first: a run that stopped at the audit rows would have deleted the rest unlogged.
        raise NotTheOwner("only the role that owns the tables may delete audit rows")
    config = current_app.config
    now = utcnow()
    counts = Purged()
    session_cutoff = now - timedelta(days=config["RETENTION_SESSION_DAYS"])
    # A login that ended, or one nobody ended that passed its absolute lifetime long ago.
    stale = now - timedelta(hours=config["SESSION_ABSOLUTE_HOURS"], days=config["RETENTION_SESSION_DAYS"])
    counts.sessions = db.changed_rows(
        delete(AuthSession).where(
            or_(AuthSession.ended_at < session_cutoff, AuthSession.created_at < stale),
        )
    )
    counts.pending_input = recovery.purge()
    link_cutoff = now - timedelta(days=config["RETENTION_INVITATION_DAYS"])
    counts.invitations = db.changed_rows(
        delete(Invitation).where(
            or_(
                Invitation.used_at < link_cutoff,
                Invitation.revoked_at < link_cutoff,
                Invitation.expires_at < link_cutoff,
            )
        )
    )
    counts.audit_rows = _purge_audit(now - timedelta(days=config["AUDIT_RETENTION_DAYS"]))
    if config.get("RETENTION_CLOSED_CASE_DAYS"):
        counts.closed_cases = _purge_closed_cases(now - timedelta(days=int(config["RETENTION_CLOSED_CASE_DAYS"])))
    audit.record(db.session, "retention.purged", **asdict(counts))
    db.session.commit()
    return counts


def _purge_audit(cutoff) -> int:
    if db.session.get_bind().dialect.name == "postgresql":
        # The append-only trigger lets a DELETE through only for rows older than the cutoff this
        # transaction names (migration 20261204_1600); UPDATE stays refused.
        db.session.execute(select(func.set_config("minplan.audit_purge_before", cutoff.isoformat(), True)))
    return db.changed_rows(delete(audit.AuditEntry).where(audit.AuditEntry.occurred_at < cutoff))


def _purge_closed_cases(cutoff) -> int:
    closed = list(
        db.session.scalars(
            select(User.id).where(
                User.role == Role.CITIZEN,
                User.is_active.is_(False),
                User.deactivated_at < cutoff,
                User.purged_at.is_(None),
            )
        )
    )
    if not closed:
        return 0
    for statement in _citizen_data(closed):
        db.session.execute(statement)
    db.session.execute(
        update(User)
        .where(User.id.in_(closed))
        .values(
            name=PURGED_NAME,
            email=None,
            cpr_hash=None,
            password_hash=None,
            preferred_language=None,
            purged_at=utcnow(),
        )
    )
    return len(closed)


def _citizen_data(ids: list[int]) -> list[Delete | Update]:
    """Every row of these citizens' cases, children before parents."""
    t = Base.metadata.tables
    threads = select(t["message_thread"].c.id).where(t["message_thread"].c.citizen_id.in_(ids))
    questionnaires = select(t["questionnaire"].c.id).where(t["questionnaire"].c.citizen_id.in_(ids))
    plans = select(t["plan"].c.id).where(t["plan"].c.citizen_id.in_(ids))
    items = select(t["plan_item"].c.id).where(t["plan_item"].c.plan_id.in_(plans))
    meetings = select(t["meeting"].c.id).where(t["meeting"].c.citizen_id.in_(ids))
    link = t["plan_item_link"]
    return [
        # A thread points at a plan item, a meeting or homework, and a handover note at a thread: the
        # messages go first. The database refuses to change a message, not to delete it.
        update(t["caseload_assignment"])
        .where(t["caseload_assignment"].c.message_thread_id.in_(threads))
        .values(message_thread_id=None),
        delete(t["message"]).where(t["message"].c.thread_id.in_(threads)),
        delete(t["message_thread"]).where(t["message_thread"].c.citizen_id.in_(ids)),
        delete(t["questionnaire_answer"]).where(t["questionnaire_answer"].c.questionnaire_id.in_(questionnaires)),
        delete(t["questionnaire_sensitive_answer"]).where(
            t["questionnaire_sensitive_answer"].c.questionnaire_id.in_(questionnaires)
        ),
        delete(t["questionnaire"]).where(t["questionnaire"].c.citizen_id.in_(ids)),
        delete(link).where(or_(link.c.milestone_id.in_(items), link.c.item_id.in_(items))),
        delete(t["plan_comment"]).where(t["plan_comment"].c.plan_id.in_(plans)),
        delete(t["plan_change"]).where(t["plan_change"].c.plan_id.in_(plans)),
        delete(t["plan_item"]).where(t["plan_item"].c.plan_id.in_(plans)),
        delete(t["plan"]).where(t["plan"].c.citizen_id.in_(ids)),
        delete(t["homework"]).where(or_(t["homework"].c.citizen_id.in_(ids), t["homework"].c.meeting_id.in_(meetings))),
        delete(t["meeting_comment"]).where(t["meeting_comment"].c.meeting_id.in_(meetings)),
        delete(t["meeting_change"]).where(t["meeting_change"].c.meeting_id.in_(meetings)),
        delete(t["reminder_sent"]).where(t["reminder_sent"].c.recipient_id.in_(ids)),
        delete(t["meeting"]).where(t["meeting"].c.citizen_id.in_(ids)),
        delete(t["joblog_entry"]).where(t["joblog_entry"].c.citizen_id.in_(ids)),
        delete(t["caseload_assignment"]).where(t["caseload_assignment"].c.citizen_id.in_(ids)),
        delete(t["citizen_profile"]).where(t["citizen_profile"].c.user_id.in_(ids)),
        delete(t["invitation"]).where(t["invitation"].c.citizen_id.in_(ids)),
        delete(t["auth_session"]).where(t["auth_session"].c.user_id.in_(ids)),
        delete(t["pending_input"]).where(t["pending_input"].c.user_id.in_(ids)),
    ]
