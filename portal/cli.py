"""Command line: `flask --app wsgi db|users|demo|reminders ...`."""

from __future__ import annotations

from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import AppGroup
from sqlalchemy import select

from portal.access import Role
from portal.auth import services as accounts
from portal.auth.models import Jobcentre, User
from portal.auth.passwords import MIN_LENGTH
from portal.clock import local_today
from portal.db import db

db_cli = AppGroup("db", help="Database schema.")
users_cli = AppGroup("users", help="Accounts: create, deactivate, list.")
demo_cli = AppGroup("demo", help="Demo data (development only).")
reminders_cli = AppGroup("reminders", help="E-mail reminders (when SMTP is configured).")
joblog_cli = AppGroup("joblog", help="The joblog: remove entries deleted more than 30 days ago.")
audit_cli = AppGroup("audit", help="The audit log: export it for a citizen or a period.")


@db_cli.command("upgrade")
def db_upgrade():
    """Apply every migration not yet applied."""
    from portal import migrate

    # The default SQLite file lives in instance/, which a fresh clone does not have yet.
    Path(current_app.instance_path).mkdir(exist_ok=True)
    migrate.upgrade(current_app.config["SQLALCHEMY_URL"])
    click.echo("Database is up to date.")


@users_cli.command("create")
@click.option("--email", required=True)
@click.option("--name", required=True)
@click.option("--role", type=click.Choice([r.value for r in Role]), required=True)
@click.option("--jobcentre", "jobcentre_name", help="Name of the jobcentre (citizens, caseworkers).")
@click.password_option(help="Asked for at the prompt when not given.")
def users_create(email, name, role, jobcentre_name, password):
    """Create an account; the password is asked for at the prompt."""
    if len(password) < MIN_LENGTH:
        raise click.BadParameter(f"use at least {MIN_LENGTH} characters", param_hint="password")
    jobcentre_id = None
    if jobcentre_name:
        jobcentre = db.session.scalar(select(Jobcentre).where(Jobcentre.name == jobcentre_name))
        if jobcentre is None:
            raise click.BadParameter(f"no jobcentre named {jobcentre_name!r}", param_hint="--jobcentre")
        jobcentre_id = jobcentre.id
    elif role != Role.ADMIN.value:
        raise click.BadParameter("citizens and caseworkers belong to a jobcentre", param_hint="--jobcentre")
    try:
        user = accounts.create_user(
            email=email, password=password, role=Role(role), name=name, jobcentre_id=jobcentre_id
        )
    except ValueError as error:
        raise click.ClickException(str(error)) from None
    if user.role is Role.CITIZEN:
        from portal.organisation.models import CitizenProfile

        db.session.add(CitizenProfile(user_id=user.id))
    db.session.commit()
    click.echo(f"Created {user.role.value} {user.email} (id {user.id}).")


@users_cli.command("deactivate")
@click.argument("email")
def users_deactivate(email):
    """Deactivate an account and end all its sessions at once."""
    user = accounts.find_by_email(email)
    if user is None:
        raise click.ClickException(f"no account with e-mail {email}")
    ended = accounts.deactivate(user)
    db.session.commit()
    click.echo(f"Deactivated {user.email}; ended {ended} session(s).")


@users_cli.command("list")
def users_list():
    """List accounts: id, role, active, e-mail, name, jobcentre."""
    for user in db.session.scalars(select(User).order_by(User.role, User.email)):
        jobcentre = user.jobcentre.name if user.jobcentre else "-"
        state = "active" if user.is_active else "inactive"
        click.echo(f"{user.id}\t{user.role.value}\t{state}\t{user.email}\t{user.name}\t{jobcentre}")


@demo_cli.command("seed")
@click.option("--if-empty", is_flag=True, help="Do nothing when the database already has accounts.")
def demo_seed(if_empty):
    """Create the demo jobcentres, accounts and meetings (never in production)."""
    from portal import demo

    if current_app.config["PORTAL_ENV"] == "production":
        raise click.ClickException("demo data is never seeded in production")
    if if_empty and accounts.count_users() > 0:
        click.echo("Database has accounts; demo data not seeded.")
        return
    demo.seed()
    click.echo("Demo data seeded. Log in as citizen@demo.dk or caseworker@demo.dk with 'demo-password'.")


@demo_cli.command("scale")
@click.option("--citizens", type=click.IntRange(min=1), default=1000, show_default=True)
@click.option("--caseworkers", type=click.IntRange(min=1), help="Default: one for every 150 citizens.")
@click.option("--jobcentres", type=click.IntRange(min=1), help="Default: one per caseworker, at most 94.")
@click.option(
    "--history-weeks",
    type=click.IntRange(min=6),
    default=26,
    show_default=True,
    help="How far back each citizen's meetings, homework and joblog go.",
)
@click.option(
    "--joblog-entries", type=click.IntRange(min=0), default=40, show_default=True, help="Joblog entries per citizen."
)
@click.option("--seed", type=int, default=2026, show_default=True, help="The same seed writes the same data.")
def demo_scale(citizens, caseworkers, jobcentres, history_weeks, joblog_entries, seed):
    """Synthetic data at national scale for measuring (never in production).

    Accounts are borgerN@skala.demo.dk and sagsbehandlerN@skala.demo.dk with the demo password;
    sagsbehandler1 has borger1 to borger150."""
    import time

    from portal.scale.bulk import prepare_for_bulk
    from portal.scale.generate import Shape, already_generated, generate

    if current_app.config["PORTAL_ENV"] == "production":
        raise click.ClickException("scale data is never generated in production")
    try:
        shape = Shape.for_citizens(citizens, caseworkers, jobcentres, history_weeks, joblog_entries)
    except ValueError as error:
        raise click.ClickException(str(error)) from None
    started = time.perf_counter()
    with db.engine.connect() as connection:
        prepare_for_bulk(connection)
        if already_generated(connection):
            raise click.ClickException("this database already has scale data; use a new database")
        connection.rollback()
        with connection.begin(), click.progressbar(length=shape.citizens, label="Borgere") as bar:
            rows = generate(connection, shape, today=local_today(), seed=seed, progress=bar.update)
    seconds = time.perf_counter() - started
    click.echo(
        f"{rows:,} rows for {shape.citizens:,} citizens, {shape.caseworkers:,} caseworkers and "
        f"{shape.jobcentres} jobcentres in {seconds:.1f} s ({rows / seconds:,.0f} rows/s)."
    )


@reminders_cli.command("send")
def reminders_send():
    """Send the reminders that are due; safe to repeat (cron: every 15 minutes), exit 1 if any failed."""
    from portal.meetings import reminders

    result = reminders.send_due()
    if not result.smtp_configured:
        click.echo("SMTP er ikke sat op (PORTAL_SMTP_HOST); ingen påmindelser sendt.")
        return
    click.echo(f"Sendt: {result.sent}, allerede sendt: {result.skipped}, fejlede: {result.failed}")
    if result.failed:
        raise click.exceptions.Exit(1)


@joblog_cli.command("purge")
def joblog_purge():
    """Remove joblog entries deleted more than 30 days ago for good (cron: daily)."""
    from portal.joblog import services

    click.echo(f"Fjernet: {services.purge()}")


@audit_cli.command("export")
@click.option("--citizen", "citizen_email", help="Only rows about this citizen (e-mail).")
@click.option("--from", "start", type=click.DateTime(["%Y-%m-%d"]), help="First day, YYYY-MM-DD (Danish time).")
@click.option("--to", "end", type=click.DateTime(["%Y-%m-%d"]), help="Last day, YYYY-MM-DD (Danish time).")
@click.option(
    "--output",
    type=click.File("w", encoding="utf-8", lazy=True),
    default="-",
    help="File to write; standard output when left out.",
)
def audit_export(citizen_email, start, end, output):
    """Write the audit log as CSV: every read and change, with the employee who made it."""
    from portal import audit_export as export

    citizen = None
    if citizen_email:
        citizen = accounts.find_by_email(citizen_email)
        if citizen is None or citizen.role is not Role.CITIZEN:
            raise click.BadParameter(f"no citizen with e-mail {citizen_email}", param_hint="--citizen")
    if start and end and end < start:
        raise click.BadParameter("--to is before --from", param_hint="--to")
    written = export.write_csv(
        output, citizen=citizen, start=start.date() if start else None, end=end.date() if end else None
    )
    click.echo(f"Exported {written} audit row(s).", err=True)


def init_app(app: Flask) -> None:
    from portal.organisation.cli import caseload_cli, jobcentres_cli

    for group in (db_cli, users_cli, demo_cli, reminders_cli, joblog_cli, jobcentres_cli, caseload_cli, audit_cli):
        app.cli.add_command(group)
