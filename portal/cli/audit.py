"""The full audit log as CSV for an auditor or the data protection officer: unlike the citizen's own
access log it names the employees. Run from the command line only (`flask --app wsgi audit export`),
so the export itself needs server access, which is logged by the operating system.

Rows stream in id order in batches, so a year of national traffic does not have to fit in memory.
The file is in the joblog export's dialect (portal/spreadsheets.py: `;`, UTF-8 with BOM), so Danish
Excel opens it in columns with æøå intact. Times are `YYYY-MM-DD HH:MM:SS`, which a spreadsheet reads
as a date and time: first on the Copenhagen clock, as the people in the log lived it, then in UTC,
as server and proxy logs have it (and to tell apart the two 02:30s of the night summer time ends).
Free text (names, e-mails, purposes, details) is neutralised against spreadsheet formula injection.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import TextIO

import click
from flask.cli import AppGroup
from sqlalchemy import select
from sqlalchemy.orm import aliased

from portal import spreadsheets
from portal.access import Role
from portal.audit import AuditEntry
from portal.auth import services as accounts
from portal.auth.models import User
from portal.clock import local_zone
from portal.db import db
from portal.spreadsheets import neutralise

HEADER = [
    "id",
    "occurred_at_copenhagen_time",
    "occurred_at_utc",
    "actor_id",
    "actor_email",
    "actor_name",
    "actor_role",
    "action",
    "citizen_id",
    "citizen_email",
    "purpose",
    "detail",
    "request_id",
]
BATCH = 2000

audit_cli = AppGroup("audit", help="The audit log: export it for a citizen or a period.")


def _local_midnight(day: date) -> datetime:
    return datetime.combine(day, time(), tzinfo=local_zone())


def write_csv(
    output: TextIO, *, citizen: User | None = None, start: date | None = None, end: date | None = None
) -> int:
    """Write the matching rows to `output`; returns how many. `start`/`end` are whole Danish days."""
    actor, subject = aliased(User), aliased(User)
    query = (
        select(AuditEntry, actor.email, actor.name, subject.email)
        .outerjoin(actor, actor.id == AuditEntry.actor_id)
        .outerjoin(subject, subject.id == AuditEntry.citizen_id)
        .order_by(AuditEntry.id)
    )
    if citizen is not None:
        query = query.where(AuditEntry.citizen_id == citizen.id)
    if start is not None:
        query = query.where(AuditEntry.occurred_at >= _local_midnight(start))
    if end is not None:
        query = query.where(AuditEntry.occurred_at < _local_midnight(end + timedelta(days=1)))
    output.write(spreadsheets.BOM)
    writer = spreadsheets.writer(output)
    writer.writerow(HEADER)
    zone = local_zone()
    written = 0
    for entry, actor_email, actor_name, citizen_email in db.session.execute(query.execution_options(yield_per=BATCH)):
        writer.writerow(
            [
                entry.id,
                spreadsheets.date_and_time(entry.occurred_at, zone),
                spreadsheets.date_and_time(entry.occurred_at, UTC),
                entry.actor_id or "",
                neutralise(actor_email or ""),
                neutralise(actor_name or ""),
                entry.actor_role or "",
                entry.action,
                entry.citizen_id or "",
                neutralise(citizen_email or ""),
                neutralise(entry.purpose or ""),
                neutralise(entry.detail or ""),
                entry.request_id or "",
            ]
        )
        written += 1
    return written


@audit_cli.command("export")
@click.option("--citizen", "citizen_email", help="Only rows about this citizen (e-mail, or id from `users list`).")
@click.option("--from", "start", type=click.DateTime(["%Y-%m-%d"]), help="First day, YYYY-MM-DD (Danish time).")
@click.option("--to", "end", type=click.DateTime(["%Y-%m-%d"]), help="Last day, YYYY-MM-DD (Danish time).")
@click.option(
    "--output",
    type=click.File("w", encoding="utf-8", lazy=True),
    default="-",
    help="File to write; standard output when left out.",
)
def audit_export(citizen_email, start, end, output):
    """Write the audit log as CSV for a spreadsheet (`;`, UTF-8 with BOM, Danish and UTC times): every
    read and change, with the employee who made it."""
    citizen = None
    if citizen_email:
        # A citizen added by CPR number may have no e-mail: their account id (`users list`) works too.
        if citizen_email.isdigit():
            citizen = db.session.get(User, int(citizen_email))
        else:
            citizen = accounts.find_by_email(citizen_email)
        if citizen is None or citizen.role is not Role.CITIZEN:
            raise click.BadParameter(f"no citizen with e-mail or id {citizen_email}", param_hint="--citizen")
    if start and end and end < start:
        raise click.BadParameter("--to is before --from", param_hint="--to")
    written = write_csv(output, citizen=citizen, start=start.date() if start else None, end=end.date() if end else None)
    click.echo(f"Exported {written} audit row(s).", err=True)
