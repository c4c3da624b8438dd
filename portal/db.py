"""Database: the declarative base with a naming convention, and one session per app context.

Views and services use `db.session`; it is created on first use in a request (or CLI command) and
closed at teardown. Commits are explicit, in services, so that an action and its audit row share
one transaction.
"""

from __future__ import annotations

import enum
import logging
import math
import threading
from datetime import UTC
from typing import cast

from flask import Flask, before_render_template, current_app, g, has_request_context
from sqlalchemy import DateTime, Enum, MetaData, create_engine, event, exc
from sqlalchemy.engine import CursorResult, Engine
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker
from sqlalchemy.pool import NullPool
from sqlalchemy.sql import Executable
from sqlalchemy.types import TypeDecorator

from portal import deadlines

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


class DatabaseUnavailable(RuntimeError):
    """The database already failed in this request: nothing later in it (the error page, the
    layout's look-up of the person) may wait on it a second time."""


#: libpq's (and psycopg's) shortest connect timeout; a smaller one is taken as this.
MIN_CONNECT_TIMEOUT_SECONDS = 2


def unavailable_error(error: BaseException) -> bool:
    """Whether `error` says the database cannot be reached or did not answer in time (503), as
    opposed to a fault in the portal (500): refused or timed-out connections, a cancelled statement,
    a connection lost mid-request, no free connection in the pool, SQLite locked."""
    if isinstance(error, DatabaseUnavailable | exc.OperationalError | exc.InterfaceError | exc.TimeoutError):
        return True
    return isinstance(error, exc.DBAPIError) and error.connection_invalidated


def describe(error: BaseException) -> str:
    """One line on why the database failed, for the log: the driver's first line, never the SQL or
    its parameters (they may hold a citizen's answers)."""
    original = getattr(error, "orig", None) or error
    lines = str(original).strip().splitlines()
    return f"{type(original).__name__}: {lines[0] if lines else ''}".strip()


def make_engine(url: str, *, connect_timeout: float | None = None, statement_timeout: float | None = None) -> Engine:
    """Create an engine; SQLite gets foreign keys and real transactions (savepoints work).

    On PostgreSQL `connect_timeout` bounds every new connection, and `statement_timeout` every
    statement on a connection opened while serving a request: a person waits for those. Commands
    run from cron and migrations open theirs outside a request and may take as long as they need.
    (SQLite waits at most its busy timeout for a lock.)

    hide_parameters: a database error's message, and the engine's own log, would otherwise carry the
    statement's bound values, such as an answer's text (sensitive ones included), into the logs.
    """
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
    connect_args = {}
    if connect_timeout:
        connect_args["connect_timeout"] = max(MIN_CONNECT_TIMEOUT_SECONDS, math.ceil(connect_timeout))
    # With a statement timeout, the portal's own ping (portal/deadlines.py) replaces pool_pre_ping.
    engine = create_engine(
        url,
        hide_parameters=True,
        pool_pre_ping=not statement_timeout,
        pool_size=5,
        max_overflow=5,
        connect_args=connect_args,
    )
    if statement_timeout:
        milliseconds = round(statement_timeout * 1000)

        @event.listens_for(engine, "do_connect")
        def _statement_timeout(_dialect, _record, _cargs, cparams):
            # Sent with the connection's start-up packet: no extra round trip.
            if has_request_context():
                cparams["options"] = f"{cparams.get('options', '')} -c statement_timeout={milliseconds}".strip()

        # The server keeps statement_timeout only while it runs; these hold when it has stopped.
        deadlines.guard(
            engine, ping_seconds=connect_timeout or statement_timeout, round_trip_seconds=statement_timeout + 1
        )
    return engine


class HealthProbe:
    """/healthz asks the database on a connection of its own, in a thread it waits for at most
    `timeout` seconds: a load balancer must hear within its own deadline whether this instance can
    serve, and a frozen database would otherwise hold the answer (and the worker) until gunicorn kills
    it. At most one question is in flight; while one still hangs, the next health checks wait on it
    rather than pile up threads."""

    def __init__(self, url: str, connect_timeout: float | None) -> None:
        connect_args: dict = {}
        if not url.startswith("sqlite"):
            # The probe's own short limits; libpq takes no connect timeout under two seconds.
            connect_args = {"connect_timeout": MIN_CONNECT_TIMEOUT_SECONDS, "options": "-c statement_timeout=1000"}
        # No pool: a fresh connection is what a new request would need, and none is left half-used.
        self.engine = create_engine(url, hide_parameters=True, poolclass=NullPool, connect_args=connect_args)
        self._lock = threading.Lock()
        self._asking: tuple[threading.Thread, threading.Event, list[str]] | None = None

    def answers(self, timeout: float) -> bool:
        with self._lock:
            if self._asking is None or not self._asking[0].is_alive():
                done, errors = threading.Event(), list[str]()
                # A daemon thread: one stuck on a frozen database must not hold up the worker's exit.
                thread = threading.Thread(target=self._ask, args=(done, errors), name="healthz-probe", daemon=True)
                self._asking = (thread, done, errors)
                thread.start()
            _thread, done, errors = self._asking
        if not done.wait(timeout):
            log.warning("the database did not answer the health check within %.1f s", timeout)
            return False
        if errors:
            log.warning("the database did not answer the health check: %s", errors[0])
            return False
        return True

    def _ask(self, done: threading.Event, errors: list[str]) -> None:
        try:
            with self.engine.connect() as connection:
                connection.exec_driver_sql("SELECT 1")
        except Exception as error:
            errors.append(describe(error))
        finally:
            done.set()


class _AppDatabase:
    """Per-application state: several apps (tests, the browser-test server) may live in one process."""

    def __init__(self, url: str, connect_timeout: float | None = None, statement_timeout: float | None = None) -> None:
        self.engine: Engine = make_engine(url, connect_timeout=connect_timeout, statement_timeout=statement_timeout)
        self.session_factory = sessionmaker(bind=self.engine, expire_on_commit=False)
        self.probe = HealthProbe(url, connect_timeout)


class Database:
    """Hands out the request-scoped session of the current application."""

    def init_app(self, app: Flask) -> None:
        app.extensions["portal_db"] = _AppDatabase(
            app.config["SQLALCHEMY_URL"],
            connect_timeout=app.config.get("DB_CONNECT_TIMEOUT_SECONDS"),
            statement_timeout=app.config.get("DB_STATEMENT_TIMEOUT_SECONDS"),
        )
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
        session = g.get("db_session")
        if session is None:
            if g.get("db_unavailable"):
                raise DatabaseUnavailable("the database already failed in this request")
            session = g.db_session = self.state().session_factory()
        return session

    def mark_unavailable(self) -> None:
        """The database failed in this request: let go of its session now, and make any later use
        in the request fail at once instead of waiting out another timeout."""
        g.db_unavailable = True
        session = g.pop("db_session", None)
        if session is not None:
            try:
                session.close()
            except Exception as error:  # the failure itself is logged once, by the error handler
                log.debug("closing the failed session: %s", describe(error))

    @staticmethod
    def is_unavailable() -> bool:
        return bool(g.get("db_unavailable"))

    def changed_rows(self, statement: Executable) -> int:
        """Run an UPDATE or DELETE in the session; how many rows it changed."""
        return cast(CursorResult, self.session.execute(statement)).rowcount

    def answers(self) -> bool:
        """Whether the database answers a trivial query within HEALTHZ_TIMEOUT_SECONDS (the health check)."""
        return self.state().probe.answers(current_app.config["HEALTHZ_TIMEOUT_SECONDS"])

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
