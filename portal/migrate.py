"""Running the Alembic migrations from the app (CLI, `make run`) and from the tests.

On PostgreSQL the portal runs as two roles. The migration role owns the tables: it runs the
migrations and the retention run (the one job that may delete audit rows, and only old ones). The
application role, which serves the pages, may read and write the case data but only add to and read
`audit_log`: it cannot change, delete or empty a row, nor touch the table's trigger, so a flaw in the
portal cannot rewrite the log. Each upgrade grants the application role what it needs on every
table, new ones included, and nothing more.
"""

from __future__ import annotations

from alembic import command
from alembic.config import Config
from sqlalchemy import text
from sqlalchemy.engine import Connection, make_url

from portal.config import REPO_ROOT

#: The audit rights an application role must not hold (it may only INSERT and SELECT).
AUDIT_REWRITES = ("UPDATE", "DELETE", "TRUNCATE", "TRIGGER", "REFERENCES")


def alembic_config(url: str | None = None, connection=None, application_role: str | None = None) -> Config:
    config = Config(str(REPO_ROOT / "alembic.ini"))
    config.attributes["configure_logging"] = False
    if url:
        config.attributes["url"] = url
    if connection is not None:
        config.attributes["connection"] = connection
    if application_role:
        config.attributes["application_role"] = application_role
    return config


def upgrade(url: str | None = None, revision: str = "head", *, application_role: str | None = None) -> None:
    """Migrate as the role of `url`; on PostgreSQL grant `application_role` its rights afterwards,
    in the same transaction."""
    command.upgrade(alembic_config(url, application_role=application_role), revision)


def application_role(config: dict) -> str | None:
    """The role the portal serves pages as, when migrations run as another (MIGRATION_DATABASE_URL)."""
    app_url, migration_url = make_url(config["SQLALCHEMY_URL"]), make_url(config["SQLALCHEMY_MIGRATION_URL"])
    if app_url.get_backend_name() != "postgresql" or app_url.username == migration_url.username:
        return None
    return app_url.username


def grant_application_role(connection: Connection, role: str) -> None:
    """Give `role` what serving pages needs on every table of the schema, and no more: read and
    write the case data, read the migration version, add to and read the audit log."""
    quoted = connection.dialect.identifier_preparer.quote(role)
    for statement in (
        # A role that could create objects here could shadow a table with its own.
        "REVOKE CREATE ON SCHEMA public FROM PUBLIC",
        f"GRANT USAGE ON SCHEMA public TO {quoted}",
        f"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {quoted}",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {quoted}",
        f"REVOKE INSERT, UPDATE, DELETE ON alembic_version FROM {quoted}",
        f"REVOKE UPDATE, DELETE ON audit_log FROM {quoted}",
        # A sent message is never changed or deleted: the role may only set its read mark.
        f"REVOKE UPDATE, DELETE ON message FROM {quoted}",
        f"GRANT UPDATE (read_at) ON message TO {quoted}",
        f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM {quoted}",
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {quoted}",
    ):
        connection.execute(text(statement))


def audit_rewrites(connection: Connection, role: str) -> list[str]:
    """What `role` could do to the audit log beyond adding and reading rows (empty: nothing)."""
    owner = connection.execute(
        text("SELECT pg_has_role(:role, relowner, 'USAGE') FROM pg_class WHERE oid = 'audit_log'::regclass"),
        {"role": role},
    ).scalar_one()
    held = [
        right
        for right in AUDIT_REWRITES
        if connection.execute(
            text("SELECT has_table_privilege(:role, 'audit_log', :right)"), {"role": role, "right": right}
        ).scalar_one()
    ]
    return ["OWNER", *held] if owner else held
