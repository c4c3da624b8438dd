"""`flask --app wsgi retention purge`: run daily from cron (see portal/retention.py)."""

from __future__ import annotations

from dataclasses import asdict

import click
from flask import current_app
from flask.cli import AppGroup

from portal import retention
from portal.db import db, make_engine

retention_cli = AppGroup("retention", help="Delete personal data that is past its retention period.")


@retention_cli.command("purge")
def purge_command():
    """Delete ended sessions, old kept input and links, old audit rows, and closed cases past their period."""
    config = current_app.config
    owner = None
    if config["SQLALCHEMY_MIGRATION_URL"] != config["SQLALCHEMY_URL"]:
        owner = make_engine(config["SQLALCHEMY_MIGRATION_URL"])
        db.bind_to(current_app, owner)
    try:
        purged = retention.purge()
    except retention.NotTheOwner as refused:
        raise click.ClickException(
            "Nothing was deleted: the run connected as the application role, and "
            f"{refused}. Set MIGRATION_DATABASE_URL to the owner's connection (README, Production)."
        ) from None
    finally:
        if owner is not None:
            db.session.close()
            owner.dispose()
    click.echo("Purged: " + ", ".join(f"{name} {count}" for name, count in asdict(purged).items()))
