"""Test fixtures: one migrated database per run (SQLite file, or PostgreSQL when TEST_DATABASE_URL is
set), the real app with CSRF on, and a transaction rolled back after every test.
"""

from __future__ import annotations

import os

import pytest
import werkzeug.test
from flask.testing import FlaskClient
from sqlalchemy import text
from sqlalchemy.orm import Session
from werkzeug.wrappers import Request

from portal import create_app
from portal.config import normalise_database_url
from portal.db import db, make_engine
from portal.extensions import limiter
from portal.migrate import upgrade

pytest_plugins = ["tests.factories", "tests.pages", "tests.identity"]


def reset_database(url: str) -> None:
    """Start from an empty schema, then apply the real migrations."""
    if url.startswith("postgresql"):
        engine = make_engine(url)
        with engine.begin() as connection:
            connection.execute(text("DROP SCHEMA public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
        engine.dispose()
    upgrade(url)


@pytest.fixture(scope="session")
def database_url(tmp_path_factory) -> str:
    shared = os.environ.get("TEST_DATABASE_URL")
    url = (
        normalise_database_url(shared)
        if shared
        else f"sqlite:///{tmp_path_factory.mktemp('db') / 'portal-test.sqlite3'}"
    )
    reset_database(url)
    return url


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


@pytest.fixture
def make_app(database_url, connection):
    """Another app (other settings) that works inside this test's transaction, like `app` does.

    A second app with its own engine would wait on SQLite for the test connection's write lock.
    """

    def _make(**overrides):
        extra = make_test_app(database_url, **overrides)
        db.bind_to(extra, connection, join_transaction_mode="create_savepoint")
        return extra

    return _make


@pytest.fixture(scope="session")
def app(database_url):
    return make_test_app(database_url)


@pytest.fixture(autouse=True)
def connection(app):
    """Each test runs inside a transaction that is rolled back; commits become savepoints."""
    engine = db.state(app).engine
    original = db.state(app).session_factory
    connection = engine.connect()
    outer = connection.begin()
    db.bind_to(app, connection, join_transaction_mode="create_savepoint")
    limiter.reset()
    yield connection
    outer.rollback()
    connection.close()
    db.state(app).session_factory = original


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
