"""`flask --app wsgi retention purge` with frozen time: what is past its period goes, what is not
stays, a closed case is deleted whole and its account anonymised, and one audit row counts it all."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from freezegun import freeze_time
from sqlalchemy import func, select, text

from portal.access import Role
from portal.audit import AuditEntry
from portal.auth.models import AuthSession, Invitation, User
from portal.db import Base

# The retention run deletes audit rows: on PostgreSQL only the tables' owner may (portal/migrate.py).
pytestmark = pytest.mark.database_owner

NOW = datetime(2026, 12, 4, 12, 0, tzinfo=UTC)


def purge(app, **settings):
    app.config.update(settings)
    with freeze_time(NOW):
        return app.test_cli_runner().invoke(args=["retention", "purge"])


def last_purge(session) -> dict:
    row = session.scalars(select(AuditEntry).where(AuditEntry.action == "retention.purged")).one()
    return json.loads(row.detail)


def test_ended_sessions_and_old_links_go_after_thirty_days(make_app, make_citizen, session):
    app = make_app()
    citizen = make_citizen()
    for ended_days_ago in (31, 29, None):
        ended = NOW - timedelta(days=ended_days_ago) if ended_days_ago else None
        started = (ended or NOW) - timedelta(hours=1)
        session.add(
            AuthSession(
                token_hash=f"h{ended_days_ago}",
                user_id=citizen.id,
                created_at=started,
                last_seen_at=started,
                ended_at=ended,
                end_reason="logout" if ended else None,
            )
        )
    session.add(
        Invitation(
            token_hash="old",
            citizen_id=citizen.id,
            created_at=NOW - timedelta(days=40),
            expires_at=NOW - timedelta(days=33),
            used_at=NOW - timedelta(days=35),
        )
    )
    session.add(
        Invitation(
            token_hash="open",
            citizen_id=citizen.id,
            created_at=NOW - timedelta(days=1),
            expires_at=NOW + timedelta(days=6),
        )
    )
    session.commit()
    result = purge(app)
    assert result.exit_code == 0, result.output
    session.expire_all()
    assert sorted(row.token_hash for row in session.scalars(select(AuthSession))) == ["h29", "hNone"]
    assert [row.token_hash for row in session.scalars(select(Invitation))] == ["open"]
    counts = last_purge(session)
    assert counts["sessions"] == 1 and counts["invitations"] == 1
    assert "sessions 1" in result.output


def test_audit_rows_go_after_the_audit_period_on_both_databases(make_app, session):
    app = make_app()
    for days in (200, 100):
        session.add(AuditEntry(occurred_at=NOW - timedelta(days=days), action=f"test.{days}"))
    session.commit()
    purge(app)
    session.expire_all()
    actions = set(session.scalars(select(AuditEntry.action)))
    assert "test.200" not in actions and {"test.100", "retention.purged"} <= actions
    assert last_purge(session)["audit_rows"] == 1


def rows_naming(session, user_id: int) -> dict[str, int]:
    """For every table but the account and the audit log: rows whose user columns name `user_id`."""
    found = {}
    for table in Base.metadata.sorted_tables:
        if table.name in ("user_account", "audit_log"):
            continue
        for column in table.columns:
            if any(key.column.table.name == "user_account" for key in column.foreign_keys):
                count = session.scalar(select(func.count()).select_from(table).where(column == user_id))
                if count:
                    found[f"{table.name}.{column.name}"] = count
    return found


def test_a_closed_case_is_deleted_whole_after_the_municipalitys_period(make_app, session):
    from demodata.seed import seed

    app = make_app()
    with app.app_context(), freeze_time(NOW - timedelta(days=400)):
        seed()
    maria = session.scalar(select(User).where(User.email == "citizen@demo.dk"))
    yusuf = session.scalar(select(User).where(User.email == "citizen2@demo.dk"))
    assert len(rows_naming(session, maria.id)) >= 8, "the demo gives Maria a full case to delete"
    yusuf_before = rows_naming(session, yusuf.id)
    maria.is_active = False
    maria.deactivated_at = NOW - timedelta(days=370)
    session.commit()

    purge(app)  # no period set: closed cases stay
    session.expire_all()
    assert rows_naming(session, maria.id)

    purge(app, RETENTION_CLOSED_CASE_DAYS=365)
    session.expire_all()
    assert rows_naming(session, maria.id) == {}
    maria = session.get(User, maria.id)
    assert (maria.name, maria.email, maria.cpr_hash, maria.password_hash) == ("Slettet borger", None, None, None)
    assert maria.role is Role.CITIZEN and maria.purged_at is not None
    assert rows_naming(session, yusuf.id) == yusuf_before, "another citizen's case is untouched"
    if session.get_bind().dialect.name == "sqlite":
        assert session.execute(text("PRAGMA foreign_key_check")).fetchall() == []
    assert (
        json.loads(
            session.scalars(
                select(AuditEntry.detail).where(AuditEntry.action == "retention.purged").order_by(AuditEntry.id.desc())
            ).first()
        )["closed_cases"]
        == 1
    )


def test_a_closed_cases_conversations_go_with_it_and_anothers_stay(
    make_app, session, make_caseworker, make_citizen, make_meeting, make_thread, write
):
    from portal.meetings.models import Homework, ReminderSent
    from portal.messages.models import Message, MessageThread
    from portal.organisation.models import CaseloadAssignment

    app = make_app()
    caseworker = make_caseworker()
    closed, open_case = make_citizen(caseworker), make_citizen(caseworker)
    meeting = make_meeting(closed, caseworker)
    homework = Homework(citizen_id=closed.id, meeting_id=meeting.id, title="Opdater cv")
    session.add(homework)
    session.commit()
    # Threads point at the case's meeting and homework, and a handover note points at a thread: the
    # messages and threads must go before what they point at, and the note's link before the thread.
    about_meeting = make_thread(closed, "Mødet", meeting_id=meeting.id)
    about_homework = make_thread(closed, "Cv'et", homework_id=homework.id)
    for thread in (about_meeting, about_homework):
        write(thread, closed, "Et spørgsmål", read_at=NOW - timedelta(days=399))
        write(thread, caseworker, "Et svar")
    session.add(ReminderSent(kind="message_new", reference=f"message:{about_homework.id}:1", recipient_id=closed.id))
    assignment = session.scalars(select(CaseloadAssignment).where(CaseloadAssignment.citizen_id == closed.id)).one()
    assignment.message_thread_id = about_homework.id
    kept = make_thread(open_case, "Andet")
    write(kept, open_case, "Bliver")
    closed.is_active = False
    closed.deactivated_at = NOW - timedelta(days=400)
    session.commit()

    result = purge(app, RETENTION_CLOSED_CASE_DAYS=365)
    assert result.exit_code == 0, result.output
    session.expire_all()
    assert session.scalars(select(MessageThread.id)).all() == [kept.id]
    assert [message.body for message in session.scalars(select(Message))] == ["Bliver"]
    assert rows_naming(session, closed.id) == {}
    assert last_purge(session)["closed_cases"] == 1
    if session.get_bind().dialect.name == "sqlite":
        assert session.execute(text("PRAGMA foreign_key_check")).fetchall() == []
