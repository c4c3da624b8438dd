"""Bugs found in generated data, each held by a test: homework and summaries in the past, references checked,
indexes rebuilt."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import insert, inspect, select
from sqlalchemy.exc import IntegrityError

from portal.db import Base, db
from portal.meetings.models import Homework, Meeting
from portal.organisation.models import CitizenProfile
from tests.scale.steps import generate_directly, moment_of_generation, query, scale


def test_no_homework_was_done_after_the_data_was_made(databases):
    wednesday = date(2026, 11, 18)
    engine = generate_directly(databases, today=wednesday, history_weeks=12)
    future = query(
        engine, select(Homework.title, Homework.done_at).where(Homework.done_at > moment_of_generation(wednesday))
    )
    assert future == []


def test_meetings_with_a_summary_were_held_before_the_data_was_made(databases):
    # With an 11-week history the last meeting held falls 0-13 days back, so some fall on the Saturday.
    sunday = date(2026, 11, 22)
    engine = generate_directly(databases, today=sunday, history_weeks=11)
    future = query(
        engine,
        select(Meeting.id, Meeting.starts_at).where(
            Meeting.summary_published_at.is_not(None), Meeting.starts_at >= moment_of_generation(sunday)
        ),
    )
    assert future == []


def test_after_the_command_the_same_process_still_checks_references(databases):
    app = databases.app(databases.new())
    result = scale(app, "--citizens", "1", "--history-weeks", "6", "--joblog-entries", "0")
    assert result.exit_code == 0, result.output
    with app.app_context(), db.engine.connect() as connection, pytest.raises(IntegrityError):
        connection.execute(insert(CitizenProfile).values(user_id=10**9))


def test_the_indexes_dropped_for_the_load_are_all_built_again(databases):
    # The load drops secondary indexes and builds them at the end; a page must never meet a table
    # without them (a caseload without its history index took seconds at 150,000 citizens).
    engine = generate_directly(databases, today=date(2026, 11, 25), history_weeks=12)
    inspector = inspect(engine)
    expected = {(table.name, index.name) for table in Base.metadata.sorted_tables for index in table.indexes}
    present = {(table, index["name"]) for table in Base.metadata.tables for index in inspector.get_indexes(table)}
    assert expected - present == set()
