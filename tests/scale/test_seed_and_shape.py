"""The same seed writes the same data; the default shape gives caseloads of 150; refusals write nothing."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from demodata.scale.shape import Shape
from portal.auth.models import User
from portal.db import db
from portal.meetings.models import Meeting
from tests.scale.steps import SMALL, generate_with, query, scale, table_counts
from tests.settings import PRODUCTION


def test_the_same_seed_writes_the_same_data(small, databases):
    again = generate_with(databases, *SMALL)
    assert again.counts == small.counts
    assert again.rows == small.rows


def test_another_seed_writes_other_data_of_the_same_shape(small, databases):
    options = list(SMALL)
    options[-1] = "8"
    other = generate_with(databases, *options)
    assert (other.counts["user_account"], other.counts["jobcentre"], other.counts["plan"]) == (
        small.counts["user_account"],
        small.counts["jobcentre"],
        small.counts["plan"],
    )

    def names_and_meeting_times(generated):
        names = [name for (name,) in query(generated.engine, select(User.name).order_by(User.id))]
        starts = [at for (at,) in query(generated.engine, select(Meeting.starts_at).order_by(Meeting.id))]
        return names, starts

    (names, starts), (other_names, other_starts) = names_and_meeting_times(small), names_and_meeting_times(other)
    assert names != other_names
    assert starts != other_starts


def test_a_second_run_on_the_same_database_is_refused_and_writes_nothing(small):
    before = table_counts(small.engine)
    result = scale(small.app, *SMALL)
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    assert "this database already has scale data; use a new database" in result.output
    assert table_counts(small.engine) == before


def test_production_is_refused(databases, empty):
    app = databases.app(empty, **PRODUCTION)
    result = scale(app, *SMALL)
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    assert "scale data is never generated in production" in result.output
    assert sum(table_counts(db.state(app).engine).values()) == 0


@pytest.mark.parametrize(
    "options, message",
    [
        (
            ("--citizens", "30", "--caseworkers", "2", "--jobcentres", "3"),
            "need 1 ≤ jobcentres ≤ caseworkers ≤ citizens",
        ),
        (("--citizens", "3", "--caseworkers", "4"), "need 1 ≤ jobcentres ≤ caseworkers ≤ citizens"),
        (("--citizens", "0"), "Invalid value for '--citizens': 0 is not in the range x>=1"),
        (("--citizens", "mange"), "Invalid value for '--citizens': 'mange' is not a valid integer"),
        (("--history-weeks", "5"), "Invalid value for '--history-weeks': 5 is not in the range x>=6"),
        (("--joblog-entries", "-1"), "Invalid value for '--joblog-entries': -1 is not in the range x>=0"),
    ],
)
def test_an_impossible_shape_is_explained_and_writes_nothing(databases, empty, options, message):
    app = databases.app(empty)
    result = scale(app, *options)
    assert result.exit_code != 0 and isinstance(result.exception, SystemExit), result.output
    assert message in result.output
    assert "Traceback" not in result.output
    assert sum(table_counts(db.state(app).engine).values()) == 0


@pytest.mark.parametrize(
    "citizens, caseworkers, jobcentres, caseload",
    [
        (1, 1, 1, 1),
        (40, 1, 1, 40),
        (1000, 7, 7, 150),
        (150_000, 1000, 94, 150),
        (150_001, 1001, 94, 150),
    ],
)
def test_the_default_shape_has_caseloads_of_150_but_the_last(citizens, caseworkers, jobcentres, caseload):
    """The bench compares a caseload at 1,000 and at 150,000 citizens: it must be the same size at both."""
    shape = Shape.for_citizens(citizens)
    assert (shape.caseworkers, shape.jobcentres, shape.caseload) == (caseworkers, jobcentres, caseload)
    assert (shape.history_weeks, shape.joblog_entries) == (26, 40)
    # Filled in order, the last caseworker takes what is left, and nobody is left without one.
    last = citizens - (caseworkers - 1) * caseload
    assert 0 < last <= caseload


def test_a_given_number_of_caseworkers_shares_the_citizens_evenly():
    assert Shape.for_citizens(1000, caseworkers=20).caseload == 50
    assert Shape.for_citizens(30, caseworkers=2).caseload == 15
