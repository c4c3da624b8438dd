"""The jobs cron runs: `flask --app wsgi reminders send` (the meetings' reminders and the mails about
new messages in Beskeder) and `flask --app wsgi joblog purge`."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from portal.joblog import services as joblog
from portal.meetings import reminders
from portal.messages import reminders as message_reminders

reminders_cli = AppGroup("reminders", help="E-mail reminders (when SMTP is configured).")
joblog_cli = AppGroup("joblog", help="The joblog: remove entries deleted more than 30 days ago.")


@reminders_cli.command("send")
def reminders_send():
    """Send the reminders that are due; safe to repeat (cron: every 15 minutes), exit 1 if any failed."""
    result = reminders.send_due(extra_finders=(message_reminders.due,))
    if not result.smtp_configured:
        click.echo("SMTP er ikke sat op (PORTAL_SMTP_HOST); ingen påmindelser sendt.")
        return
    click.echo(f"Sendt: {result.sent}, allerede sendt: {result.skipped}, fejlede: {result.failed}")
    if result.failed:
        raise click.exceptions.Exit(1)


@joblog_cli.command("purge")
def joblog_purge():
    """Remove joblog entries deleted more than 30 days ago for good (cron: daily)."""
    click.echo(f"Fjernet: {joblog.purge()}")
