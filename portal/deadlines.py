"""A deadline, kept by the portal, for every PostgreSQL round trip a request makes.

PostgreSQL's statement_timeout is kept by the server. A server that has stopped answering (a
process frozen, a machine paused) keeps nothing, and libpq waits for its answer for ever: the first
request on a pooled connection then hung until gunicorn killed the worker at 30 s. So while a request
uses a connection, each round trip (the ping on checkout, a statement, a commit or rollback, the
rollback on return to the pool) gets a deadline, and a watchdog thread shuts the socket of one that
passes it. libpq then sees the connection closed, psycopg raises OperationalError, SQLAlchemy drops
the connection, and the person gets the 503 page (portal/errors.py).

The statement deadline is a second longer than statement_timeout, so a server that is alive and
merely slow cancels the statement itself, cleanly. Commands and migrations, outside a request, get no
deadline, as they get no statement_timeout.
"""

from __future__ import annotations

import os
import socket
import threading
import time
import weakref
from contextlib import contextmanager

from flask import g, has_request_context
from sqlalchemy import event, exc
from sqlalchemy.engine import Engine


class Watchdog:
    """One thread per process: every TICK seconds it cuts the connections whose deadline passed."""

    TICK = 0.2

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._due: dict[int, tuple[float, float, weakref.ref]] = {}
        self._cut: dict[int, float] = {}
        self._pid: int | None = None

    def arm(self, dbapi_connection, seconds: float) -> None:
        with self._lock:
            if self._pid != os.getpid():  # started in the process that serves: gunicorn forks its workers
                self._pid = os.getpid()
                threading.Thread(target=self._watch, name="db-deadlines", daemon=True).start()
            deadline = time.monotonic() + seconds
            self._due[id(dbapi_connection)] = (deadline, seconds, weakref.ref(dbapi_connection))

    def disarm(self, dbapi_connection) -> float | None:
        """Forget the connection's deadline; if it was cut for passing one, how many seconds that was."""
        with self._lock:
            self._due.pop(id(dbapi_connection), None)
            return self._cut.pop(id(dbapi_connection), None)

    def _watch(self) -> None:
        while True:
            time.sleep(self.TICK)
            now = time.monotonic()
            with self._lock:
                overdue = [key for key, (deadline, _s, _ref) in self._due.items() if deadline <= now]
                for key in overdue:
                    _deadline, seconds, ref = self._due.pop(key)
                    connection = ref()
                    if connection is not None and not connection.closed:
                        self._cut[key] = seconds
                        _shut(connection)


def _shut(connection) -> None:
    """Shut the connection's socket down under libpq: its wait ends with the connection closed."""
    try:
        with socket.socket(fileno=os.dup(connection.fileno())) as sock:
            sock.shutdown(socket.SHUT_RDWR)
    except (OSError, ValueError, exc.SQLAlchemyError):
        pass  # closed meanwhile: nothing left to wait for


WATCHDOG = Watchdog()


@contextmanager
def deadline(dbapi_connection, seconds: float):
    if not has_request_context():
        yield
        return
    WATCHDOG.arm(dbapi_connection, seconds)
    try:
        yield
    finally:
        _note(WATCHDOG.disarm(dbapi_connection))


def _note(seconds: float | None) -> None:
    """Tell the error handler why the connection closed: the portal closed it, not the server."""
    if seconds is not None and has_request_context():
        g.db_failure = f"no answer from the database within {seconds:g} s"


def failure_reason() -> str | None:
    """Why this request's database connection was cut, if it was (for the one log line)."""
    return g.get("db_failure") if has_request_context() else None


def guard(engine: Engine, *, ping_seconds: float, round_trip_seconds: float) -> None:
    """Give each round trip on `engine` made while serving a request a deadline (see above). It
    replaces pool_pre_ping, whose ping nothing can interrupt."""

    @event.listens_for(engine, "checkout")
    def _ping(dbapi_connection, _record, _proxy):
        # SQLAlchemy's pessimistic disconnect handling: a connection that fails the ping is replaced
        # by a new one (which the connect timeout bounds), as pool_pre_ping would do.
        try:
            with deadline(dbapi_connection, ping_seconds):
                engine.dialect.do_ping(dbapi_connection)
        except Exception as error:
            raise exc.DisconnectionError(str(error)) from error

    @event.listens_for(engine, "before_cursor_execute")
    def _statement(_conn, cursor, *_rest):
        if has_request_context():
            WATCHDOG.arm(cursor.connection, round_trip_seconds)

    @event.listens_for(engine, "after_cursor_execute")
    def _answered(_conn, cursor, *_rest):
        _note(WATCHDOG.disarm(cursor.connection))

    @event.listens_for(engine, "handle_error")
    def _failed(context):
        # A failed connect has neither cursor nor connection.
        dbapi_connection = getattr(getattr(context, "cursor", None), "connection", None)
        if dbapi_connection is None and context.connection is not None and not context.connection.invalidated:
            dbapi_connection = context.connection.connection.dbapi_connection
        if dbapi_connection is not None:
            _note(WATCHDOG.disarm(dbapi_connection))

    @event.listens_for(engine, "commit")
    @event.listens_for(engine, "rollback")
    def _ending(conn):
        # Disarmed when the connection goes back to the pool, which the session does after either.
        if has_request_context() and not conn.invalidated:
            WATCHDOG.arm(conn.connection.dbapi_connection, round_trip_seconds)

    @event.listens_for(engine, "reset")
    def _resetting(dbapi_connection, _record, _state):
        if has_request_context():
            WATCHDOG.arm(dbapi_connection, round_trip_seconds)

    @event.listens_for(engine, "checkin")
    @event.listens_for(engine, "close")
    def _returned(dbapi_connection, _record):
        if dbapi_connection is not None:
            WATCHDOG.disarm(dbapi_connection)
