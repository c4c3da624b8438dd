"""`flask demo scale` commits through a connection of its own, so unlike other CLI tests it cannot run inside
the test's rolled-back transaction: on SQLite it would wait for that transaction's write lock, and on
PostgreSQL its rows would stay behind in the shared test database. Each run here gets a new database of the
run's kind instead, copied from one migrated template (migrating each would cost more than generating). The
generated databases are made once for the package."""

from __future__ import annotations

import pytest

from tests.scale.steps import SMALL, Databases, Generated, generate_with


@pytest.fixture(scope="package")
def databases(postgres, tmp_path_factory):
    made = Databases(postgres, tmp_path_factory.mktemp("scale"))
    yield made
    made.drop()


@pytest.fixture(scope="package")
def small(databases) -> Generated:
    return generate_with(databases, *SMALL)


@pytest.fixture(scope="package")
def one_jobcentre(databases) -> Generated:
    """Both caseworkers in one jobcentre: only colleagues there hand citizens over to each other."""
    options = list(SMALL)
    options[options.index("--jobcentres") + 1] = "1"
    return generate_with(databases, *options)


@pytest.fixture(scope="package")
def empty(databases) -> str:
    """A database that must stay empty: refused runs write nothing into it."""
    return databases.new()
