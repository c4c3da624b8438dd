"""Alembic environment: the portal's metadata, and its configured database unless one is given."""

from __future__ import annotations

from logging.config import fileConfig

from alembic import context

import portal.models  # noqa: F401  (registers the tables)
from portal.config import load_config
from portal.db import Base, make_engine
from portal.migrate import grant_application_role

config = context.config
if config.config_file_name is not None and config.attributes.get("configure_logging", True):
    fileConfig(config.config_file_name, disable_existing_loggers=False)

target_metadata = Base.metadata


def render_item(type_, obj, autogen_context):
    """Write our column types as plain SQLAlchemy types, so migrations never import the app."""
    if type_ == "type" and obj.__class__.__name__ == "UTCDateTime":
        return "sa.DateTime(timezone=True)"
    return False


def database_url() -> str:
    return config.attributes.get("url") or load_config()["SQLALCHEMY_MIGRATION_URL"]


def run_migrations_offline() -> None:
    context.configure(url=database_url(), target_metadata=target_metadata, literal_binds=True, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = make_engine(database_url())
    with engine.connect() as connection:
        _run(connection)
    engine.dispose()


def _run(connection) -> None:
    sqlite = connection.dialect.name == "sqlite"
    if sqlite:
        # Batch mode rebuilds a SQLite table (copy, drop, rename); dropping a table others refer to
        # fails while foreign keys are enforced, so they are off for the migration and checked after.
        # The pragma is a no-op inside a transaction, and SQLAlchemy would begin one: use the driver.
        connection.connection.driver_connection.execute("PRAGMA foreign_keys=OFF")
    # Batch mode lets ALTER TABLE work on SQLite; it is a no-op wrapper on PostgreSQL.
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
        compare_type=True,
        render_item=render_item,
    )
    with context.begin_transaction():
        context.run_migrations()
        application_role = config.attributes.get("application_role")
        if application_role and not sqlite:
            grant_application_role(connection, application_role)
        if sqlite:
            # Checked before the commit, so a migration that breaks a link is rolled back whole.
            broken = connection.connection.driver_connection.execute("PRAGMA foreign_key_check").fetchall()
            if broken:
                raise RuntimeError(f"the migration left rows whose foreign keys point nowhere: {broken[:5]}")
    if sqlite:
        connection.connection.driver_connection.execute("PRAGMA foreign_keys=ON")


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
