"""On PostgreSQL the portal serves pages as a role that may only add to and read the audit log; the
role that owns the tables runs the migrations and the retention run (portal/migrate.py). The whole
PostgreSQL leg of `make test` runs that way (tests/databases.py): these tests show what the split
holds against, and that the commands a municipality runs set it up and use it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from portal.clock import utcnow
from portal.db import make_engine
from portal.migrate import audit_rewrites
from tests.conftest import make_test_app

#: What someone who took over the portal's database connection might try on the audit log.
REWRITES = (
    "UPDATE audit_log SET action = 'changed'",
    "DELETE FROM audit_log",
    "TRUNCATE audit_log",
    "SELECT set_config('minplan.audit_purge_before', now()::text, true); DELETE FROM audit_log",
    "ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only",
    "DROP TRIGGER audit_log_append_only ON audit_log",
    "CREATE OR REPLACE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql"
    " AS $$ BEGIN RETURN OLD; END $$",
    "CREATE TRIGGER pass BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change()",
    "ALTER TABLE audit_log RENAME TO audit_log_old",
    "DROP TABLE audit_log",
    "CREATE TABLE audit_log_copy (id integer)",
    "SET session_replication_role = replica",
    "UPDATE alembic_version SET version_num = 'base'",
)


@pytest.fixture
def postgresql(postgres):
    if postgres is None:
        pytest.skip("SQLite has no roles: the split is PostgreSQL's")
    return postgres


def test_the_application_role_may_only_add_to_and_read_the_audit_log(postgresql, connection):
    assert connection.execute(text("SELECT current_user")).scalar() == postgresql.app
    connection.execute(text("INSERT INTO audit_log (occurred_at, action) VALUES (now() - interval '1 year', 'old')"))
    assert connection.execute(text("SELECT count(*) FROM audit_log WHERE action = 'old'")).scalar() == 1
    for statement in (*REWRITES, f'SET ROLE "{postgresql.owner}"'):
        savepoint = connection.begin_nested()
        with pytest.raises(DBAPIError, match="permission denied|must be owner|must be able to SET ROLE"):
            connection.exec_driver_sql(statement)
        savepoint.rollback()
    assert connection.execute(text("SELECT count(*) FROM audit_log WHERE action = 'old'")).scalar() == 1
    assert audit_rewrites(connection, postgresql.app) == []


@pytest.fixture
def own_database(postgresql):
    """An empty database of its own, owned by the owner role, as a municipality's DBA makes it."""
    name = f"{postgresql.admin.database}_roles"
    postgresql.create(name)
    yield name
    postgresql.drop(name)


def command(app_url: str, *args: str, **settings):
    app = make_test_app(app_url, **settings)
    return app.test_cli_runner().invoke(args=list(args))


def test_upgrade_as_the_owner_grants_the_application_role_no_more_and_says_so(postgresql, own_database):
    app_url, owner_url = postgresql.url(own_database), postgresql.url(own_database, role=postgresql.owner)
    result = command(app_url, "db", "upgrade", MIGRATION_DATABASE_URL=owner_url)
    assert result.exit_code == 0, result.output
    assert f"The role {postgresql.app} may add to and read the audit log" in result.output
    engine = make_engine(app_url)
    try:
        with engine.begin() as connection:
            connection.execute(text("INSERT INTO audit_log (occurred_at, action) VALUES (now(), 'served')"))
            with pytest.raises(DBAPIError, match="permission denied"):
                connection.execute(text("DELETE FROM audit_log"))
    finally:
        engine.dispose()

    # A second upgrade, nothing left to migrate, still checks the rights.
    again = command(app_url, "db", "upgrade", MIGRATION_DATABASE_URL=owner_url)
    assert again.exit_code == 0 and "may add to and read the audit log" in again.output

    # An application role that could rewrite the log (here the server's superuser) is named and refused.
    admin_url = postgresql.url(own_database, role=postgresql.admin.username)
    refused = command(admin_url, "db", "upgrade", MIGRATION_DATABASE_URL=owner_url)
    assert refused.exit_code == 1 and "can still change the audit log" in refused.output

    # One role for everything: it works, and the operator is told what is given up.
    single = command(owner_url, "db", "upgrade")
    assert single.exit_code == 0 and "only a trigger keeps the audit log from being changed" in single.output


def test_the_retention_run_deletes_old_audit_rows_only_as_the_owner(postgresql, own_database):
    app_url, owner_url = postgresql.url(own_database), postgresql.url(own_database, role=postgresql.owner)
    assert command(app_url, "db", "upgrade", MIGRATION_DATABASE_URL=owner_url).exit_code == 0
    owner = make_engine(owner_url)
    try:
        with owner.begin() as connection:
            connection.execute(
                text("INSERT INTO audit_log (occurred_at, action) VALUES (:when, 'long.ago')"),
                {"when": utcnow() - timedelta(days=400)},
            )

        as_application = command(app_url, "retention", "purge")
        assert as_application.exit_code == 1
        assert "Nothing was deleted" in as_application.output and "MIGRATION_DATABASE_URL" in as_application.output
        with owner.connect() as connection:
            assert connection.execute(text("SELECT action FROM audit_log")).scalars().all() == ["long.ago"]

        as_owner = command(app_url, "retention", "purge", MIGRATION_DATABASE_URL=owner_url)
        assert as_owner.exit_code == 0, as_owner.output
        assert "audit_rows 1" in as_owner.output
        with owner.connect() as connection:
            assert connection.execute(text("SELECT action FROM audit_log")).scalars().all() == ["retention.purged"]
    finally:
        owner.dispose()
