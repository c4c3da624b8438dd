"""What the scale tests share: the databases they generate into, and reads of what was written."""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path

from flask import Flask
from sqlalchemy import func, select
from sqlalchemy.engine import Engine

from demodata.cli import demo_cli
from demodata.scale.columns import COLUMNS
from demodata.scale.generate import generate
from demodata.scale.shape import Shape
from portal.auth.models import User
from portal.clock import local_zone
from portal.db import Base, db, make_engine
from portal.migrate import upgrade
from tests.conftest import make_test_app
from tests.databases import PostgresServer

CITIZENS = 30


SMALL = (
    "--citizens",
    str(CITIZENS),
    "--caseworkers",
    "2",
    "--jobcentres",
    "2",
    "--history-weeks",
    "12",
    "--joblog-entries",
    "8",
    "--seed",
    "7",
)


class Databases:
    """New, migrated, empty databases of the kind the test run uses, dropped at the end. On
    PostgreSQL they are owned by the owner role; apps connect as the application role, and `flask
    demo scale`, a bulk load, as the owner (MIGRATION_DATABASE_URL), as in production."""

    def __init__(self, server: PostgresServer | None, folder: Path) -> None:
        self.server, self.folder = server, folder
        self.made: list[str] = []
        self.engines: list[Engine] = []
        self.owner_urls: dict[str, str] = {}
        if server is not None:
            # The process id keeps two test runs on one server from dropping each other's databases.
            self.prefix = f"{server.admin.database}_scale_{os.getpid()}"
            self.template_name = f"{self.prefix}_template"
            server.create(self.template_name)
            server.migrate(self.template_name)
        else:
            self.template = f"sqlite:///{folder / 'template.sqlite3'}"
            upgrade(self.template)

    def new(self) -> str:
        """A new database's URL (on PostgreSQL, the application role's)."""
        if self.server is not None:
            name = f"{self.prefix}_{len(self.made)}"
            self.server.create(name, template=self.template_name)
            url = self.server.url(name)
            self.owner_urls[url] = self.server.url(name, role=self.server.owner)
        else:
            name = f"scale-{len(self.made)}.sqlite3"
            # The backup API copies a consistent database whatever state the WAL file is in.
            source, target = sqlite3.connect(self.folder / "template.sqlite3"), sqlite3.connect(self.folder / name)
            source.backup(target)
            source.close()
            target.close()
            url = f"sqlite:///{self.folder / name}"
        self.made.append(name)
        return url

    def app(self, url: str, **overrides) -> Flask:
        if url in self.owner_urls:
            overrides.setdefault("MIGRATION_DATABASE_URL", self.owner_urls[url])
        app = make_test_app(url, **overrides)
        self.engines.append(db.state(app).engine)
        return app

    def engine(self, url: str) -> Engine:
        """An engine as the role that loads data: the owner on PostgreSQL."""
        engine = make_engine(self.owner_urls.get(url, url))
        self.engines.append(engine)
        return engine

    def drop(self) -> None:
        for engine in self.engines:
            engine.dispose()
        if self.server is not None:
            for name in [*self.made, self.template_name]:
                self.server.drop(name)


@dataclass
class Generated:
    """A database the command filled, and what it held right after (later tests log in and add rows)."""

    app: Flask
    output: str
    counts: dict[str, int]
    rows: dict[str, list[tuple]]

    @property
    def engine(self) -> Engine:
        return db.state(self.app).engine


def scale(app: Flask, *options: str):
    # Exceptions are caught so that a traceback fails an assertion on exit code and output.
    return app.test_cli_runner().invoke(demo_cli, ["scale", *options])


def generate_with(databases: Databases, *options: str) -> Generated:
    app = databases.app(databases.new())
    result = scale(app, *options)
    assert result.exit_code == 0 and result.exception is None, result.output
    engine = db.state(app).engine
    return Generated(app, result.output, table_counts(engine), table_rows(engine))


def query(engine: Engine, statement) -> list:
    # A short connection: on SQLite every transaction holds the write lock the app's requests need.
    with engine.connect() as connection:
        return connection.execute(statement).all()


def table_counts(engine: Engine) -> dict[str, int]:
    with engine.connect() as connection:
        return {
            name: connection.execute(select(func.count()).select_from(Base.metadata.tables[name])).scalar()
            for name in COLUMNS
        }


def table_rows(engine: Engine) -> dict[str, list[tuple]]:
    """Every generated table, all columns but the password hash (argon2 salts it at random)."""
    rows = {}
    with engine.connect() as connection:
        for name, names in COLUMNS.items():
            table = Base.metadata.tables[name]
            columns = [table.c[column] for column in names if column != "password_hash"]
            rows[name] = [tuple(row) for row in connection.execute(select(*columns).order_by(*columns))]
    return rows


def ids_by_email(engine: Engine) -> dict[str, int]:
    return dict(query(engine, select(User.email, User.id)))


def moment_of_generation(today: date) -> datetime:
    """The generator's "now": seven in the morning, Danish time, on the day it is given."""
    return datetime.combine(today, time(7), tzinfo=local_zone())


def generate_directly(databases: Databases, *, today: date, history_weeks: int) -> Engine:
    """generate() itself on a fixed day, for what depends on the weekday the command happens to run on."""
    engine = databases.engine(databases.new())
    with engine.connect() as connection, connection.begin():
        generate(connection, Shape.for_citizens(CITIZENS, 2, 2, history_weeks, 8), today=today, seed=7)
    return engine
