"""The migrations build exactly the schema the models describe, and can be undone."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

import portal.models  # noqa: F401
from portal.db import Base, make_engine
from portal.migrate import alembic_config

VERSIONS = Path(__file__).resolve().parents[2] / "migrations" / "versions"


def test_upgrade_from_empty_reaches_the_models_schema(connection):
    # The session fixture migrated this database from empty with the real migrations; the test's
    # own connection reads it (a second SQLite connection would wait for this one's write lock).
    context = MigrationContext.configure(connection, opts={"compare_type": True})
    differences = compare_metadata(context, Base.metadata)
    assert differences == [], f"models and migrations differ: {differences}"


def test_downgrade_to_empty_and_up_again(tmp_path):
    from alembic import command

    url = f"sqlite:///{tmp_path / 'roundtrip.sqlite3'}"
    config = alembic_config(url)
    command.upgrade(config, "head")
    command.downgrade(config, "base")
    engine = make_engine(url)
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    engine.dispose()
    command.upgrade(config, "head")
    engine = make_engine(url)
    assert {"user_account", "audit_log", "meeting", "auth_session"} <= set(inspect(engine).get_table_names())
    engine.dispose()


def test_migration_files_are_date_prefixed():
    names = [p.name for p in VERSIONS.glob("*.py")]
    assert names
    assert all(re.match(r"^\d{8}_\d{4}_[0-9a-f]+_\w+\.py$", name) for name in names), names


@pytest.mark.database_owner
def test_audit_log_is_append_only_on_postgresql_even_for_the_owner(database_url, connection):
    from sqlalchemy import text
    from sqlalchemy.exc import DBAPIError

    if not database_url.startswith("postgresql"):
        pytest.skip("the append-only trigger exists on PostgreSQL; SQLite has no roles or triggers here")
    connection.execute(text("INSERT INTO audit_log (occurred_at, action) VALUES (now(), 'test.row')"))
    for statement in ("UPDATE audit_log SET action = 'changed'", "DELETE FROM audit_log"):
        savepoint = connection.begin_nested()
        with pytest.raises(DBAPIError, match="append-only"):
            connection.execute(text(statement))
        savepoint.rollback()


def test_rebuilding_a_table_others_refer_to_keeps_every_row(tmp_path):
    """The identity-provider migration rebuilds user_account on SQLite (batch mode) while meetings,
    sessions and the audit log point at it: the rows and their links survive."""
    from alembic import command
    from sqlalchemy import text

    url = f"sqlite:///{tmp_path / 'upgrade.sqlite3'}"
    config = alembic_config(url)
    command.upgrade(config, "7da6ffad4d32")
    engine = make_engine(url)
    with engine.begin() as connection:
        connection.execute(
            text("INSERT INTO jobcentre (id, name, meeting_rules, created_at) VALUES (1, 'J', 'x', '2026-01-01')")
        )
        connection.execute(
            text(
                "INSERT INTO user_account (id, email, role, name, jobcentre_id, is_active, created_at) "
                "VALUES (7, 'a@example.test', 'citizen', 'A', 1, 1, '2026-01-01')"
            )
        )
        connection.execute(
            text(
                "INSERT INTO auth_session (token_hash, user_id, created_at, last_seen_at) "
                "VALUES ('h', 7, '2026-01-01', '2026-01-01')"
            )
        )
    engine.dispose()
    command.upgrade(config, "head")
    engine = make_engine(url)
    with engine.connect() as connection:
        assert connection.execute(text("SELECT email, cpr_hash FROM user_account WHERE id = 7")).one() == (
            "a@example.test",
            None,
        )
        assert connection.execute(text("SELECT user_id FROM auth_session")).scalar_one() == 7
        assert connection.execute(text("PRAGMA foreign_key_check")).fetchall() == []
        assert connection.execute(text("PRAGMA foreign_keys")).scalar_one() == 1
    engine.dispose()


@pytest.mark.database_owner
def test_only_the_retention_cutoff_opens_the_audit_log_on_postgresql(database_url, connection):
    """The retention run names a cutoff; rows after it, and any UPDATE, stay refused even then."""
    from sqlalchemy import text
    from sqlalchemy.exc import DBAPIError

    if not database_url.startswith("postgresql"):
        pytest.skip("the append-only trigger exists on PostgreSQL")
    connection.execute(text("INSERT INTO audit_log (occurred_at, action) VALUES (now() - interval '1 day', 'recent')"))
    connection.execute(
        text("SELECT set_config('minplan.audit_purge_before', (now() - interval '30 days')::text, true)")
    )
    for statement in ("DELETE FROM audit_log WHERE action = 'recent'", "UPDATE audit_log SET action = 'changed'"):
        savepoint = connection.begin_nested()
        with pytest.raises(DBAPIError, match="append-only"):
            connection.execute(text(statement))
        savepoint.rollback()
