"""`flask --app wsgi retention purge`: run daily from cron (see portal/retention.py)."""

from __future__ import annotations

from dataclasses import asdict

import click
from flask.cli import AppGroup

from portal import retention

retention_cli = AppGroup("retention", help="Delete personal data that is past its retention period.")


@retention_cli.command("purge")
def purge_command():
    """Delete ended sessions, old kept input and links, old audit rows, and closed cases past their period."""
    purged = retention.purge()
    click.echo("Purged: " + ", ".join(f"{name} {count}" for name, count in asdict(purged).items()))
