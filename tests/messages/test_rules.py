"""The rules of Beskeder that need no database: what is kept of typed text, and when an answer is due."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from portal.messages import rules

#: Monday 7 December 2026; the week's Friday is the 11th.
MONDAY = date(2026, 12, 7)
FRIDAY = date(2026, 12, 11)


@pytest.mark.parametrize(
    "hidden",
    [
        "\x00",
        "\x08",
        "\x0b",
        "\x0c",
        "\x1b",
        "\x1f",
        "\x7f",
        "\u202a",
        "\u202b",
        "\u202c",
        "\u202d",
        "\u202e",
        "\u2066",
        "\u2067",
        "\u2068",
        "\u2069",
    ],
)
def test_control_characters_and_bidi_overrides_are_taken_out(hidden):
    assert rules.neutralised(f"Betal{hidden} 100 kr") == "Betal 100 kr"


def test_a_reversed_text_cannot_hide_what_it_says():
    # "Trojan Source": a right-to-left override makes "gnp.exe" read as "exe.png" on screen.
    assert rules.neutralised("cv-\u202egnp.exe") == "cv-gnp.exe"


def test_line_breaks_tabs_and_arabic_are_kept():
    text = "مرحبا، أنا مريض اليوم.\nهل يمكن أن نلتقي غدا؟\n\n\tTak"
    assert rules.neutralised(text) == text
    assert rules.neutralised("Hej שלום Привіт") == "Hej שלום Привіт"


def test_windows_line_breaks_many_blank_lines_and_surrounding_space():
    assert rules.neutralised("  Hej\r\nmed dig\r\rHilsen\n\n\n\n\nMaria  \n") == "Hej\nmed dig\n\nHilsen\n\nMaria"


def test_nothing_stays_nothing():
    assert rules.neutralised(None) is None
    assert rules.neutralised(" \u202e\x00 ") == ""


@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        (MONDAY, 0, MONDAY),
        (MONDAY, 2, date(2026, 12, 9)),
        (MONDAY, 5, date(2026, 12, 14)),
        (FRIDAY, 1, date(2026, 12, 14)),
        (date(2026, 12, 12), 1, date(2026, 12, 14)),  # Saturday
        (date(2026, 12, 13), 2, date(2026, 12, 15)),  # Sunday
        (date(2026, 12, 10), 2, date(2026, 12, 14)),  # Thursday, over the weekend
        (MONDAY, 10, date(2026, 12, 21)),
    ],
)
def test_working_days_skip_saturday_and_sunday(start, days, expected):
    assert rules.add_working_days(start, days) == expected


def test_the_answer_is_due_counted_from_the_local_day_it_was_sent():
    # 23:30 UTC on Sunday is already Monday in Copenhagen: two working days on is Wednesday.
    assert rules.answer_due(datetime(2026, 12, 6, 23, 30, tzinfo=UTC), 2) == date(2026, 12, 9)
    # Sent on Friday afternoon: Tuesday.
    assert rules.answer_due(datetime(2026, 12, 11, 14, 0, tzinfo=UTC), 2) == date(2026, 12, 15)


def test_overdue_only_after_the_promised_day():
    friday_afternoon = datetime(2026, 12, 11, 14, 0, tzinfo=UTC)
    assert not rules.overdue(friday_afternoon, 2, date(2026, 12, 14))
    assert not rules.overdue(friday_afternoon, 2, date(2026, 12, 15)), "the last day itself is on time"
    assert rules.overdue(friday_afternoon, 2, date(2026, 12, 16))
    assert not rules.overdue(None, 2, date(2030, 1, 1)), "nothing waiting is never overdue"


def test_days_waiting_in_whole_local_days():
    assert rules.days_waiting(None, MONDAY) is None
    assert rules.days_waiting(datetime(2026, 12, 6, 23, 30, tzinfo=UTC), MONDAY) == 0
    assert rules.days_waiting(datetime(2026, 12, 4, 9, 0, tzinfo=UTC), MONDAY) == 3
