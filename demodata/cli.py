"""`flask --app wsgi demo seed|scale`, registered through the `flask.commands` entry point."""

from __future__ import annotations

import time

import click
from flask import current_app
from flask.cli import AppGroup

from demodata import seed as demo_seed_data
from demodata.scale.bulk import prepare_for_bulk
from demodata.scale.generate import already_generated, generate
from demodata.scale.shape import Shape
from portal.auth import services as accounts
from portal.clock import local_today
from portal.db import db, make_engine

demo_cli = AppGroup("demo", help="Demo and scale data (development only).")


def _refuse_in_production(message: str) -> None:
    if current_app.config["PORTAL_ENV"] == "production":
        raise click.ClickException(message)


@demo_cli.command("seed")
@click.option("--if-empty", is_flag=True, help="Do nothing when the database already has accounts.")
def seed(if_empty):
    """Create the demo jobcentres, accounts and meetings (never in production)."""
    _refuse_in_production("demo data is never seeded in production")
    if if_empty and accounts.count_users() > 0:
        click.echo("Database has accounts; demo data not seeded.")
        return
    demo_seed_data.seed()
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
def scale(citizens, caseworkers, jobcentres, history_weeks, joblog_entries, seed):
    """Synthetic data at national scale for measuring (never in production).

    Accounts are borgerN@skala.demo.dk and sagsbehandlerN@skala.demo.dk with the demo password;
    sagsbehandler1 has borger1 to borger150."""
    _refuse_in_production("scale data is never generated in production")
    try:
        shape = Shape.for_citizens(citizens, caseworkers, jobcentres, history_weeks, joblog_entries)
    except ValueError as error:
        raise click.ClickException(str(error)) from None
    started = time.perf_counter()
    config = current_app.config
    # A bulk load drops and rebuilds indexes and moves id sequences: the tables' owner's work, like
    # a migration (portal/migrate.py), so it connects as MIGRATION_DATABASE_URL's role when set.
    owner = config["SQLALCHEMY_MIGRATION_URL"] != config["SQLALCHEMY_URL"]
    engine = make_engine(config["SQLALCHEMY_MIGRATION_URL"]) if owner else db.engine
    try:
        rows = _load(engine, shape, seed)
    finally:
        if owner:
            engine.dispose()
    seconds = time.perf_counter() - started
    click.echo(
        f"{rows:,} rows for {shape.citizens:,} citizens, {shape.caseworkers:,} caseworkers and "
        f"{shape.jobcentres} jobcentres in {seconds:.1f} s ({rows / seconds:,.0f} rows/s)."
    )


def _load(engine, shape: Shape, seed: int) -> int:
    with engine.connect() as connection:
        prepare_for_bulk(connection)
        if already_generated(connection):
            raise click.ClickException("this database already has scale data; use a new database")
        connection.rollback()
        with connection.begin(), click.progressbar(length=shape.citizens, label="Borgere") as bar:
            return generate(connection, shape, today=local_today(), seed=seed, progress=bar.update)
