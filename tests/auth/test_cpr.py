"""CPR numbers are checked as typed and stored only as a keyed hash."""

from __future__ import annotations

import pytest

from portal.auth import cpr


@pytest.mark.parametrize("typed", ["0104901234", "010490-1234", " 010490-1234 ", "290200-1234"])
def test_ten_digits_with_a_real_date_are_accepted(typed):
    assert cpr.normalised(typed) in {"0104901234", "2902001234"}


@pytest.mark.parametrize(
    "typed",
    [
        "",
        None,
        "010490123",
        "01049012345",
        "010490--1234",
        "0104-901234",
        "320190-1234",
        "011390-1234",
        "300290-1234",
        "abcdefghij",
        "０１０４９０１２３４",
    ],
)
def test_anything_else_is_refused(typed):
    assert cpr.normalised(typed) is None


def test_the_stored_value_needs_the_key_and_shows_no_digits():
    stored = cpr.keyed_hash("0104901234", "k" * 32)
    assert stored == cpr.keyed_hash("0104901234", "k" * 32)
    assert stored != cpr.keyed_hash("0104901234", "another key of at least 32 bytes")
    assert stored != cpr.keyed_hash("0104901235", "k" * 32)
    assert "0104901234" not in stored and len(stored) == 64
