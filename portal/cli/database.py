"""`flask --app wsgi db upgrade`: the schema."""

from __future__ import annotations

from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup

from portal import migrate

db_cli = AppGroup("db", help="Database schema.")


@db_cli.command("upgrade")
def db_upgrade():
    """Apply every migration not yet applied."""
    # The default SQLite file lives in instance/, which a fresh clone does not have yet.
    Path(current_app.instance_path).mkdir(exist_ok=True)
    migrate.upgrade(current_app.config["SQLALCHEMY_URL"])
    click.echo("Database is up to date.")
