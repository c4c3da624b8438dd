"""Database: the declarative base with a naming convention, and one session per app context.

Views and services use `db.session`; it is created on first use in a request (or CLI command) and
closed at teardown. Commits are explicit, in services, so that an action and its audit row share
one transaction.
"""

from __future__ import annotations

import enum
import logging
from datetime import UTC
from typing import cast

from flask import Flask, before_render_template, current_app, g
from sqlalchemy import DateTime, Enum, MetaData, create_engine, event, text
from sqlalchemy.engine import CursorResult, Engine
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker
from sqlalchemy.sql import Executable
from sqlalchemy.types import TypeDecorator

log = logging.getLogger(__name__)

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def enum_column(enum_cls: type[enum.Enum], name: str) -> Enum:
    """Store an enum by value as a string with a named CHECK constraint (portable, readable)."""
    return Enum(
        enum_cls,
        name=name,
        native_enum=False,
        create_constraint=True,
        values_callable=lambda members: [m.value for m in members],
        length=20,
    )


class UTCDateTime(TypeDecorator):
    """A timestamp stored as UTC and always returned timezone-aware.

    SQLite keeps no time zone, so naive values coming back are UTC by construction; refusing naive
    input keeps local times from slipping in unnoticed.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given; use an aware UTC datetime")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


def make_engine(url: str) -> Engine:
    """Create an engine; SQLite gets foreign keys and real transactions (savepoints work).

    hide_parameters: a database error's message, and the engine's own log, would otherwise carry the
    statement's bound values, such as an answer's text (sensitive ones included), into the logs."""
    if url.startswith("sqlite"):
        engine = create_engine(url, hide_parameters=True, connect_args={"check_same_thread": False, "timeout": 15})

        @event.listens_for(engine, "connect")
        def _sqlite_connect(dbapi_connection, _record):
            # Let SQLAlchemy, not pysqlite, decide when transactions begin (needed for SAVEPOINT).
            dbapi_connection.isolation_level = None
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA journal_mode=WAL")
            # In WAL mode a commit then appends to the log without waiting for the disk; the database
            # stays consistent, and only the last commits before a power cut can be lost. Every
            # caseworker read writes an audit row, so each page waited for an fsync before.
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.execute("PRAGMA busy_timeout=15000")
            cursor.close()

        @event.listens_for(engine, "begin")
        def _sqlite_begin(conn):
            # IMMEDIATE takes the write lock up front. A deferred transaction that reads and then
            # writes fails at once ("database is locked") when another request wrote in between,
            # which busy_timeout cannot wait out; taking the lock first makes writers queue instead.
            conn.exec_driver_sql("BEGIN IMMEDIATE")

        return engine
    return create_engine(url, hide_parameters=True, pool_pre_ping=True, pool_size=5, max_overflow=5)


class _AppDatabase:
    """Per-application state: several apps (tests, the browser-test server) may live in one process."""

    def __init__(self, url: str) -> None:
        self.engine: Engine = make_engine(url)
        self.session_factory = sessionmaker(bind=self.engine, expire_on_commit=False)


class Database:
    """Hands out the request-scoped session of the current application."""

    def init_app(self, app: Flask) -> None:
        app.extensions["portal_db"] = _AppDatabase(app.config["SQLALCHEMY_URL"])
        app.teardown_appcontext(self._close_session)
        before_render_template.connect(_end_read_only_transaction, app)

    @staticmethod
    def state(app: Flask | None = None) -> _AppDatabase:
        return (app or current_app).extensions["portal_db"]

    def bind_to(self, app: Flask, bind, **session_options) -> None:
        """Point new sessions at another bind (tests: a connection inside an outer transaction)."""
        self.state(app).session_factory = sessionmaker(bind=bind, expire_on_commit=False, **session_options)

    @property
    def engine(self) -> Engine:
        return self.state().engine

    @property
    def session(self) -> Session:
        if "db_session" not in g:
            g.db_session = self.state().session_factory()
        return g.db_session

    def changed_rows(self, statement: Executable) -> int:
        """Run an UPDATE or DELETE in the session; how many rows it changed."""
        return cast(CursorResult, self.session.execute(statement)).rowcount

    def answers(self) -> bool:
        """Whether the database answers a trivial query (the health check)."""
        try:
            self.session.execute(text("SELECT 1"))
        except Exception:
            log.warning("the database did not answer", exc_info=True)
            return False
        return True

    @staticmethod
    def _close_session(_exc: BaseException | None) -> None:
        session = g.pop("db_session", None)
        if session is not None:
            session.close()


db = Database()


@event.listens_for(Session, "after_flush")
def _remember_write(session: Session, _flush_context) -> None:
    session.info["wrote"] = True


@event.listens_for(Session, "after_transaction_end")
def _forget_write(session: Session, transaction) -> None:
    if transaction.parent is None:
        session.info.pop("wrote", None)


def _end_read_only_transaction(_app, **_extra) -> None:
    """Before a page renders, end a transaction that only read. On SQLite every transaction holds
    the write lock (BEGIN IMMEDIATE), so the other worker waited while this one rendered; on
    PostgreSQL the connection goes back to the pool sooner. Objects stay loaded (expire_on_commit
    is off). A transaction that wrote and did not commit is left to its view."""
    session = g.get("db_session")
    if (
        session is not None
        and session.in_transaction()
        and not session.info.get("wrote")
        and not (session.new or session.dirty or session.deleted)
    ):
        session.commit()
