"""Test fixtures: one migrated database per run (SQLite file, or PostgreSQL when TEST_DATABASE_URL is
set), the real app with CSRF on, and a transaction rolled back after every test.
"""

from __future__ import annotations

import os
from contextlib import contextmanager

import pytest
import werkzeug.test
from flask import Flask
from flask.testing import FlaskClient
from limits.storage import MemoryStorage
from redis.exceptions import ConnectionError as RedisDown
from sqlalchemy.orm import Session
from werkzeug.wrappers import Request

from portal import create_app
from portal.auth import throttle
from portal.db import db, make_engine
from portal.extensions import limiter
from portal.migrate import upgrade
from tests.databases import PostgresServer, postgres_server
from tests.settings import TEST_REDIS_URL

pytest_plugins = ["tests.html_check", "tests.factories", "tests.pages", "tests.identity"]


@pytest.fixture(scope="session")
def postgres() -> PostgresServer | None:
    """The PostgreSQL server of this run (TEST_DATABASE_URL), or None on SQLite."""
    return postgres_server()


@pytest.fixture(scope="session")
def database_url(postgres, tmp_path_factory) -> str:
    """The shared test database, migrated from empty by the real migrations; on PostgreSQL the URL
    of the application role, which may only add to and read the audit log (tests/databases.py)."""
    if postgres is not None:
        return postgres.reset_shared()
    url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'portal-test.sqlite3'}"
    upgrade(url)
    return url


@pytest.fixture(scope="session")
def owner_engine(postgres, database_url):
    """On PostgreSQL, the shared database as the role that owns its tables (migrations, retention)."""
    if postgres is None:
        yield None
        return
    engine = make_engine(postgres.url(role=postgres.owner))
    yield engine
    engine.dispose()


def make_test_app(database_url: str, **overrides):
    # No identity provider unless a test starts one (tests/identity.py) and names it.
    config = {
        "DATABASE_URL": database_url,
        "PORTAL_ENV": "development",
        "SECRET_KEY": "t" * 40,
        "REDIS_URL": None,
        "MITID_ISSUER": None,
        "STAFF_ISSUER": None,
    }
    config.update(overrides)
    app = create_app(config)
    if app.config["PORTAL_ENV"] == "production":
        # Production answers only at BASE_URL's host (TRUSTED_HOSTS), over https: its browser goes there.
        app.test_client_class = PublicAddressClient
    return app


class PublicAddressClient(FlaskClient):
    """A browser at the app's BASE_URL (unless a test names another address). It sends the Referer a
    browser sends from the portal's own pages: over https, Flask-WTF refuses a form post without one."""

    def open(self, *args, **kwargs):
        if not (args and isinstance(args[0], werkzeug.test.EnvironBuilder | dict | Request)):
            public = self.application.config["BASE_URL"]
            kwargs.setdefault("base_url", public)
            kwargs["headers"] = {"Referer": public + "/", **dict(kwargs.get("headers") or {})}
        return super().open(*args, **kwargs)


def in_memory_limiter() -> None:
    """Give the module-wide limiter back a storage in memory, switched on. Each app, even one whose
    start is refused after the limiter is set up, binds it to its own (Redis for a production app),
    and the tests after that one would count in Redis, shared with every other run."""
    bare = Flask("limits-in-memory")
    bare.config.update(RATELIMIT_STORAGE_URI="memory://", RATELIMIT_ENABLED=True)
    limiter.init_app(bare)


@pytest.fixture
def make_app(database_url, connection):
    """Another app (other settings) that works inside this test's transaction, like `app` does.

    A second app with its own engine would wait on SQLite for the test connection's write lock.
    """

    def _make(**overrides):
        extra = make_test_app(database_url, **overrides)
        db.bind_to(extra, connection, join_transaction_mode="create_savepoint")
        if extra.config["REDIS_URL"]:
            # Start from no counts: another test, or an earlier run, may have left some in Redis.
            with redis_or_skip():
                limiter.reset()
            throttle.reset(extra)
        return extra

    return _make


@pytest.fixture(scope="session")
def app(database_url):
    return make_test_app(database_url)


@pytest.fixture(autouse=True)
def connection(app, request):
    """Each test runs inside a transaction that is rolled back; commits become savepoints. A test
    marked `database_owner` runs as the role that owns the tables (on PostgreSQL; on SQLite there
    are no roles)."""
    engine = db.state(app).engine
    if request.node.get_closest_marker("database_owner"):
        engine = request.getfixturevalue("owner_engine") or engine
    original = db.state(app).session_factory
    connection = engine.connect()
    outer = connection.begin()
    db.bind_to(app, connection, join_transaction_mode="create_savepoint")
    if not limiter.enabled or not isinstance(limiter.storage, MemoryStorage):
        in_memory_limiter()
    limiter.reset()
    throttle.reset(app)
    yield connection
    outer.rollback()
    connection.close()
    db.state(app).session_factory = original


@contextmanager
def redis_or_skip():
    """Production needs Redis (the login limits): CI has one (.ci/run); elsewhere a test that needs it
    is skipped when none answers."""
    try:
        yield
    except RedisDown:
        if os.environ.get("CI"):
            raise
        pytest.skip("no Redis server on this machine")


@pytest.fixture
def redis_url() -> str:
    """TEST_REDIS_URL, where a Redis server answers."""
    from redis import Redis

    with redis_or_skip():
        Redis.from_url(TEST_REDIS_URL).ping()
    return TEST_REDIS_URL


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def session(connection):
    """A session on the test's connection, for arranging and checking data.

    It is not the app's request session: holding an app context here would make every request in
    the test share one `g`, which is not how the app runs.
    """
    with Session(bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False) as s:
        yield s


@pytest.fixture
def inbox():
    """A real SMTP server on loopback; `inbox.messages` holds what arrived (tests/mail_server.py)."""
    from tests.mail_server import running_inbox

    yield from running_inbox()
