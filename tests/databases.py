"""Databases of their own for tests whose app commits for real (the browser tests, the concurrent
saves), beside the shared test database that every other test rolls back."""

from __future__ import annotations

import os
import re

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from portal.config import normalise_database_url
from portal.migrate import upgrade


def _create_postgres_database(url: str, suffix: str) -> str:
    """(Re)create `<dbname>_<suffix>` on the server of `url`; return its URL."""
    parsed = make_url(normalise_database_url(url))
    name = f"{parsed.database}_{suffix}"
    if not re.fullmatch(r"[A-Za-z0-9_]+", name):
        raise ValueError(f"unexpected database name {name!r}")
    server = create_engine(parsed.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with server.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    finally:
        server.dispose()
    return parsed.set(database=name).render_as_string(hide_password=False)


def migrated_database(suffix: str, tmp_path_factory, *, postgresql: bool | None = None) -> str:
    """A new migrated database: on the PostgreSQL server of TEST_DATABASE_URL when that is set (and
    `postgresql` is not False), else a SQLite file of its own."""
    shared = os.environ.get("TEST_DATABASE_URL")
    if shared and postgresql is not False:
        url = _create_postgres_database(shared, suffix)
    else:
        url = f"sqlite:///{tmp_path_factory.mktemp(suffix) / f'portal-{suffix}.sqlite3'}"
    upgrade(url)
    return url
