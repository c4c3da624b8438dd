"""Running the Alembic migrations from the app (CLI, `make run`) and from the tests."""

from __future__ import annotations

from alembic import command
from alembic.config import Config

from portal.config import REPO_ROOT


def alembic_config(url: str | None = None, connection=None) -> Config:
    config = Config(str(REPO_ROOT / "alembic.ini"))
    config.attributes["configure_logging"] = False
    if url:
        config.attributes["url"] = url
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def upgrade(url: str | None = None, revision: str = "head") -> None:
    command.upgrade(alembic_config(url), revision)
