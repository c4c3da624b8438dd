"""bench/scenario.py: the sample of accounts spread over the database, and the floor pages."""

from __future__ import annotations

import itertools
import math

import pytest

from bench import scenario
from bench.scenario import Request


@pytest.mark.parametrize(
    ("count", "total"), [(20, 40), (20, 1000), (20, 150000), (4, 1), (4, 7), (20, 7), (7, 20), (1, 5), (3, 3)]
)
def test_sample_spreads_from_the_first_row_to_near_the_last(count, total):
    numbers = scenario.sample(count, total)
    assert numbers[0] == 1
    assert len(numbers) == len(set(numbers)) == min(count, total)
    assert numbers == sorted(numbers)
    assert all(1 <= number <= total for number in numbers)
    if count <= total:
        # Evenly spaced: every gap is total/count rounded down or up, and the last reaches the newest rows.
        gaps = {b - a for a, b in itertools.pairwise(numbers)}
        assert gaps <= {total // count, math.ceil(total / count)}
        assert numbers[-1] > total - math.ceil(total / count)


def test_sample_of_the_bench_defaults():
    assert scenario.sample(20, 40) == list(range(1, 40, 2))
    assert scenario.sample(4, 1000) == [1, 251, 501, 751]
    assert scenario.sample(4, 1) == [1]


def test_floor_is_the_layout_page_for_nobody_and_for_each_sample_citizen():
    pages = {
        "overview": scenario.Page(
            "overview", "Overblik", 200, [Request("GET", "/", "session=a"), Request("GET", "/", "session=b")]
        )
    }
    floor = scenario.floor(pages)
    assert list(floor) == [key for key, _title in scenario.FLOOR]
    assert floor["layout_anonymous"].requests == [Request("GET", "/privatliv", "")]
    assert floor["layout_logged_in"].requests == [
        Request("GET", "/privatliv", "session=a"),
        Request("GET", "/privatliv", "session=b"),
    ]
    assert {page.expect for page in floor.values()} == {200}
