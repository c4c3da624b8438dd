"""A database error while an answer is saved leaves the answer's text out of every log line
(SQLAlchemy's hide_parameters, portal/db.py make_engine)."""

from __future__ import annotations

import logging

import pytest
from sqlalchemy import text

# The tests add a trigger that makes inserts fail: on PostgreSQL only the tables' owner may.
pytestmark = pytest.mark.database_owner

SECRET = "Min ryg gør ondt om natten 4711"


@pytest.fixture
def debug_logs(caplog):
    caplog.set_level(logging.DEBUG)
    caplog.set_level(logging.DEBUG, logger="sqlalchemy.engine")
    return caplog


@pytest.fixture(autouse=True)
def connection(debug_logs, connection):
    """The usual test connection, opened after the logs are turned up: SQLAlchemy decides when a
    connection opens whether it logs its statements and their values."""
    return connection


def refuse_inserts(connection, table: str) -> None:
    """A real database error on the table's next INSERT, undone with the test's transaction."""
    if connection.dialect.name == "postgresql":
        connection.execute(
            text(
                "CREATE FUNCTION refuse_row() RETURNS trigger LANGUAGE plpgsql"
                " AS $$ BEGIN RAISE EXCEPTION 'refused'; END $$"
            )
        )
        connection.execute(
            text(f"CREATE TRIGGER refuse BEFORE INSERT ON {table} FOR EACH ROW EXECUTE FUNCTION refuse_row()")
        )
    else:
        connection.execute(
            text(f"CREATE TRIGGER refuse BEFORE INSERT ON {table} BEGIN SELECT RAISE(ABORT, 'refused'); END")
        )


def test_a_failed_save_does_not_log_the_answer(walker, connection, debug_logs):
    walker.start()
    state = walker.form_state("A")
    refuse_inserts(connection, "questionnaire_answer")
    debug_logs.clear()
    response = walker.post("A", {"A2": SECRET}, state=state)
    assert response.status_code == 500
    assert "refused" in debug_logs.text, "the database error was logged"
    assert "INSERT INTO questionnaire_answer" in debug_logs.text, "and the statement too"
    assert SECRET not in debug_logs.text
