"""`flask --app wsgi db upgrade`: the schema, and on PostgreSQL the application role's rights."""

from __future__ import annotations

from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup

from portal import migrate
from portal.db import make_engine

db_cli = AppGroup("db", help="Database schema.")


@db_cli.command("upgrade")
def db_upgrade():
    """Apply every migration not yet applied (as MIGRATION_DATABASE_URL's role when set)."""
    config = current_app.config
    # The default SQLite file lives in instance/, which a fresh clone does not have yet.
    Path(current_app.instance_path).mkdir(exist_ok=True)
    role = migrate.application_role(config)
    migrate.upgrade(config["SQLALCHEMY_MIGRATION_URL"], application_role=role)
    click.echo("Database is up to date.")
    if role:
        _report_audit_rights(config["SQLALCHEMY_MIGRATION_URL"], role)
    elif config["SQLALCHEMY_URL"].startswith("postgresql"):
        click.echo(
            "Warning: the portal connects as the role that owns the tables, so only a trigger keeps the "
            "audit log from being changed. Set MIGRATION_DATABASE_URL to the owner and DATABASE_URL to "
            "an application role (README, Production).",
            err=True,
        )


def _report_audit_rights(url: str, role: str) -> None:
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            rewrites = migrate.audit_rewrites(connection, role)
    finally:
        engine.dispose()
    if rewrites:
        raise click.ClickException(
            f"The role {role} can still change the audit log ({', '.join(rewrites)}): "
            "it must not own the tables or be a member of their owner."
        )
    click.echo(f"The role {role} may add to and read the audit log, not change or empty it.")
