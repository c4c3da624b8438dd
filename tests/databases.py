"""The test databases. On PostgreSQL (TEST_DATABASE_URL, a superuser) every test database runs the
way production does (portal/migrate.py): one role owns the tables and runs the migrations, the app
connects as another that may only add to and read the audit log. Beside the shared database every
test rolls back, tests whose app commits for real (the browser tests, the concurrent saves) get
databases of their own."""

from __future__ import annotations

import os
import re

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from portal.config import normalise_database_url
from portal.migrate import upgrade


class PostgresServer:
    """The server of TEST_DATABASE_URL and the two roles tests run as there, named after its
    database (`test_owner`, `test_app`) so two runs on one server against different databases keep
    apart."""

    def __init__(self, admin_url: str) -> None:
        self.admin = make_url(normalise_database_url(admin_url))
        base = self.admin.database
        if not re.fullmatch(r"[A-Za-z0-9_]+", base or ""):
            raise ValueError(f"unexpected database name {base!r}")
        self.owner, self.app = f"{base}_owner", f"{base}_app"
        self._ensure_roles()

    def url(self, database: str | None = None, *, role: str | None = None) -> str:
        """A URL on this server: the app's role unless another is named."""
        return self.admin.set(database=database or self.admin.database, username=role or self.app).render_as_string(
            hide_password=False
        )

    def migrate(self, database: str | None = None) -> str:
        """Migrate `database` as the owner, grant the app its rights; the app's URL."""
        upgrade(self.url(database, role=self.owner), application_role=self.app)
        return self.url(database)

    def reset_shared(self) -> str:
        """The shared database (TEST_DATABASE_URL's) emptied and migrated again; the app's URL."""
        self._run(self.admin, f'DROP SCHEMA public CASCADE; CREATE SCHEMA public AUTHORIZATION "{self.owner}"')
        return self.migrate()

    def create(self, name: str, *, template: str | None = None) -> None:
        """(Re)create database `name`, owned by the owner role."""
        if not re.fullmatch(r"[A-Za-z0-9_]+", name):
            raise ValueError(f"unexpected database name {name!r}")
        copy = f' TEMPLATE "{template}"' if template else ""
        self._on_server(
            f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)', f'CREATE DATABASE "{name}" OWNER "{self.owner}"{copy}'
        )

    def drop(self, name: str) -> None:
        self._on_server(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def _ensure_roles(self) -> None:
        for role in (self.owner, self.app):
            # Without a password: the test server trusts local connections (.ci/run), as for postgres.
            self._run(
                self.admin.set(database="postgres"),
                f"""DO $$ BEGIN
                      CREATE ROLE "{role}" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE;
                    EXCEPTION WHEN duplicate_object THEN NULL;
                    END $$""",
            )

    def _on_server(self, *statements: str) -> None:
        engine = create_engine(self.admin.set(database="postgres"), isolation_level="AUTOCOMMIT")
        try:
            with engine.connect() as connection:
                for statement in statements:
                    connection.execute(text(statement))
        finally:
            engine.dispose()

    @staticmethod
    def _run(url, statement: str) -> None:
        engine = create_engine(url)
        try:
            with engine.begin() as connection:
                connection.execute(text(statement))
        finally:
            engine.dispose()


def postgres_server() -> PostgresServer | None:
    """The PostgreSQL server of this run, if it runs on one."""
    shared = os.environ.get("TEST_DATABASE_URL")
    return PostgresServer(shared) if shared else None


def migrated_database(suffix: str, tmp_path_factory, *, postgresql: bool | None = None) -> str:
    """A new migrated database: on the PostgreSQL server of TEST_DATABASE_URL when that is set (and
    `postgresql` is not False), else a SQLite file of its own. The app's URL."""
    server = postgres_server() if postgresql is not False else None
    if server is not None:
        name = f"{server.admin.database}_{suffix}"
        server.create(name)
        return server.migrate(name)
    url = f"sqlite:///{tmp_path_factory.mktemp(suffix) / f'portal-{suffix}.sqlite3'}"
    upgrade(url)
    return url
