"""Meeting-cadence rules: the rule sets as shipped in rule_sets.yaml, and `assess` against them.

Every date is asserted exactly: an off-by-one in a window's end or a month-end clamp must fail here.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
import yaml

from portal.auth.models import Jobcentre
from portal.meetings.cadence import (
    RULE_SETS,
    Assessment,
    RuleSet,
    RuleSetError,
    Window,
    add_months,
    assess,
    load_rule_sets,
    rule_set,
)

CONTACT = date(2025, 1, 10)  # a Friday; "senest en uge fra" it is Friday 17 January
SIX_MONTH_RULES = ["lab2019", "reform2026"]


def day(n: int) -> date:
    """The day n days after the first contact (day 0 is the contact itself)."""
    return CONTACT + timedelta(days=n)


def held(*days: date) -> list[tuple[date, bool]]:
    return [(d, True) for d in days]


def planned(*days: date) -> list[tuple[date, bool]]:
    return [(d, False) for d in days]


# --- the rule sets as configured ------------------------------------------------------------------

SIX_MONTHS_FOUR = (Window(start_month=0, months=6, min_meetings=4, repeat=False),)


@pytest.mark.parametrize(
    ("name", "windows", "after_windows", "exemptible_share", "org_label"),
    [
        # The seed guide's cadence: two in the first three months, then four per twelve months, for ever.
        (
            "pre2020",
            (
                Window(start_month=0, months=3, min_meetings=2, repeat=False),
                Window(start_month=3, months=12, min_meetings=4, repeat=True),
            ),
            None,
            0.0,
            "Jobcenter",
        ),
        ("lab2019", SIX_MONTHS_FOUR, "individual", 0.0, "Jobcenter"),
        # Phase 1 of the 2026 reform: a quarter may be exempted, and the law says "kommunen".
        ("reform2026", SIX_MONTHS_FOUR, "individual", 0.25, "Kommunen"),
    ],
)
def test_each_rule_set_as_configured(name, windows, after_windows, exemptible_share, org_label):
    rules = rule_set(name)
    assert rules.first_meeting_max_days == 7
    assert rules.windows == windows
    assert rules.after_windows == after_windows
    assert rules.exemptible_share == exemptible_share
    assert rules.org_label == org_label


def test_pre2020_has_its_danish_label():
    assert rule_set("pre2020").label == "Kontanthjælpsreformen 2014 (før 2020)"


def test_every_rule_set_has_a_danish_label_and_a_source():
    rule_sets = load_rule_sets()
    assert {"pre2020", "lab2019", "reform2026"} <= set(rule_sets)
    for name, rules in rule_sets.items():
        assert isinstance(rules, RuleSet) and rules.name == name
        assert rules.label.strip() and rules.source.strip()


def test_the_jobcentre_default_names_a_rule_set_that_exists():
    default = Jobcentre.__table__.c.meeting_rules.default.arg
    assert rule_set(default).name == default


def test_an_unknown_rule_set_is_a_key_error_naming_the_known_ones():
    with pytest.raises(KeyError, match=r"unknown meeting rule set 'pre2019'.*'lab2019', 'pre2020', 'reform2026'"):
        rule_set("pre2019")


def test_the_file_is_read_once_and_callers_cannot_change_the_cache():
    first = load_rule_sets()
    first.pop("pre2020")
    second = load_rule_sets()
    assert "pre2020" in second
    assert second["lab2019"] is load_rule_sets(RULE_SETS)["lab2019"]


# --- the first meeting -----------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["pre2020", *SIX_MONTH_RULES])
def test_no_meeting_three_days_after_contact_is_due_soon(name):
    result = assess(rule_set(name), CONTACT, [], today=day(3))
    assert result.state == "due_soon"
    assert result.next_due == date(2025, 1, 17) == result.first_meeting_due
    assert result.first_meeting_late is False
    assert result.window_start == CONTACT
    assert result.missed_windows == []


@pytest.mark.parametrize("name", ["pre2020", *SIX_MONTH_RULES])
def test_no_meeting_ten_days_after_contact_is_overdue_and_late(name):
    result = assess(rule_set(name), CONTACT, [], today=day(10))
    assert result.state == "overdue"
    assert result.next_due == date(2025, 1, 17)
    assert result.first_meeting_late is True


def test_the_deadline_day_itself_is_in_time():
    on_the_day = assess(rule_set("pre2020"), CONTACT, [], today=date(2025, 1, 17))
    assert (on_the_day.state, on_the_day.first_meeting_late) == ("due_soon", False)
    met_on_the_day = assess(rule_set("pre2020"), CONTACT, held(date(2025, 1, 17)), today=date(2025, 1, 20))
    assert met_on_the_day.first_meeting_late is False


def test_a_first_meeting_planned_within_the_week_covers_it():
    result = assess(rule_set("pre2020"), CONTACT, planned(day(5)), today=day(3))
    assert result.state == "met"
    assert result.missing == 1  # the first window needs two; the planned one counts as one
    assert result.next_due == date(2025, 4, 9)


def test_a_first_meeting_planned_after_the_week_does_not_cover_it():
    result = assess(rule_set("pre2020"), CONTACT, planned(day(20)), today=day(3))
    assert result.state == "due_soon"
    assert result.next_due == date(2025, 1, 17)


def test_a_planned_meeting_is_no_excuse_once_the_week_has_passed():
    result = assess(rule_set("pre2020"), CONTACT, planned(day(12)), today=day(10))
    assert result.state == "overdue"
    assert result.next_due == date(2025, 1, 17)
    assert result.first_meeting_late is True


def test_a_past_meeting_that_was_not_held_and_one_before_contact_count_for_nothing():
    result = assess(rule_set("pre2020"), CONTACT, planned(day(6)) + held(day(-1)), today=day(10))
    assert result.state == "overdue"
    assert result.missing == 2


def test_a_late_first_meeting_stays_late_but_the_windows_take_over():
    result = assess(rule_set("pre2020"), CONTACT, held(day(9)) + planned(date(2025, 2, 20)), today=day(12))
    assert result.first_meeting_late is True
    assert result.state == "met"
    assert result.missing == 0


# --- pre2020: two in the first three months, then four per twelve months, repeating ---------------


def test_pre2020_first_meeting_on_day_five_and_one_planned_in_month_two_is_met():
    result = assess(rule_set("pre2020"), CONTACT, held(day(5)) + planned(date(2025, 3, 3)), today=date(2025, 2, 1))
    assert result == Assessment(
        state="met",
        next_due=date(2026, 4, 9),
        missing=0,
        window_start=date(2025, 1, 10),
        window_end=date(2025, 4, 9),
        missed_windows=[],
        first_meeting_late=False,
        first_meeting_due=date(2025, 1, 17),
        window_required=2,
        next_window=(date(2025, 4, 10), date(2026, 4, 9), 4),
    )


def test_pre2020_second_meeting_falls_due_at_the_end_of_month_three():
    rules = rule_set("pre2020")
    fourteen_days_before = assess(rules, CONTACT, held(day(5)), today=date(2025, 3, 26))
    assert (fourteen_days_before.state, fourteen_days_before.next_due) == ("due_soon", date(2025, 4, 9))
    assert fourteen_days_before.missing == 1
    fifteen_days_before = assess(rules, CONTACT, held(day(5)), today=date(2025, 3, 25))
    assert (fifteen_days_before.state, fifteen_days_before.next_due) == ("met", date(2025, 4, 9))


def test_pre2020_window_one_is_current_through_its_last_day_and_missed_the_day_after():
    rules = rule_set("pre2020")
    last_day = assess(rules, CONTACT, held(day(5)), today=date(2025, 4, 9))
    assert (last_day.state, last_day.next_due, last_day.missing) == ("due_soon", date(2025, 4, 9), 1)
    assert (last_day.window_start, last_day.window_end, last_day.missed_windows) == (CONTACT, date(2025, 4, 9), [])
    day_after = assess(rules, CONTACT, held(day(5)), today=date(2025, 4, 10))
    assert (day_after.window_start, day_after.window_end) == (date(2025, 4, 10), date(2026, 4, 9))
    assert day_after.missed_windows == [(CONTACT, date(2025, 4, 9), 1)]


def test_pre2020_after_three_months_with_one_held_meeting_reports_the_missed_window():
    result = assess(rule_set("pre2020"), CONTACT, held(day(5)), today=date(2025, 4, 20))
    assert result.missed_windows == [(date(2025, 1, 10), date(2025, 4, 9), 1)]
    assert (result.window_start, result.window_end) == (date(2025, 4, 10), date(2026, 4, 9))
    assert result.missing == 4
    assert result.next_due == date(2026, 4, 9)
    assert result.state == "met"  # nothing falls due now; the miss is history


def test_pre2020_each_twelve_month_window_counts_on_its_own():
    first_window = held(day(5), date(2025, 3, 1))
    year_one = held(*(date(2025, month, 1) for month in range(5, 11)))  # six: two more than needed
    year_two = held(date(2026, 6, 1))  # the surplus of year one does not carry over
    result = assess(rule_set("pre2020"), CONTACT, first_window + year_one + year_two, today=date(2027, 5, 1))
    assert result.missed_windows == [(date(2026, 4, 10), date(2027, 4, 9), 3)]
    assert (result.window_start, result.window_end) == (date(2027, 4, 10), date(2028, 4, 9))
    assert result.missing == 4
    assert result.next_due == date(2028, 4, 9)


def test_pre2020_a_planned_meeting_covers_the_year_and_points_to_the_next():
    rules = rule_set("pre2020")
    meetings = held(day(5), date(2025, 3, 1), date(2025, 5, 1), date(2025, 8, 1), date(2025, 11, 1))
    short = assess(rules, CONTACT, meetings, today=date(2026, 3, 30))
    assert (short.state, short.next_due, short.missing) == ("due_soon", date(2026, 4, 9), 1)
    covered = assess(rules, CONTACT, meetings + planned(date(2026, 4, 7)), today=date(2026, 3, 30))
    assert (covered.state, covered.next_due, covered.missing) == ("met", date(2027, 4, 9), 0)


# --- lab2019 and reform2026: four in six months, then individual ----------------------------------


@pytest.mark.parametrize("name", SIX_MONTH_RULES)
def test_after_six_months_no_rule_applies(name):
    meetings = held(day(5), date(2025, 2, 20), date(2025, 4, 1), date(2025, 6, 1))
    result = assess(rule_set(name), CONTACT, meetings, today=date(2025, 7, 10))
    assert result.state == "no_rule"
    assert result.next_due is None
    assert (result.window_start, result.window_end, result.missing) == (None, None, 0)
    assert result.missed_windows == []


@pytest.mark.parametrize("name", SIX_MONTH_RULES)
def test_after_six_months_a_short_window_is_reported_but_nothing_is_due(name):
    result = assess(rule_set(name), CONTACT, held(day(5), date(2025, 3, 1)), today=date(2025, 7, 10))
    assert result.state == "no_rule"
    assert result.missed_windows == [(date(2025, 1, 10), date(2025, 7, 9), 2)]


@pytest.mark.parametrize("name", SIX_MONTH_RULES)
def test_four_meetings_inside_six_months_leave_nothing_due(name):
    meetings = held(day(5), date(2025, 2, 20)) + planned(date(2025, 4, 1), date(2025, 7, 9))
    result = assess(rule_set(name), CONTACT, meetings, today=date(2025, 3, 1))
    assert (result.state, result.next_due, result.missing) == ("met", None, 0)
    assert (result.window_start, result.window_end) == (date(2025, 1, 10), date(2025, 7, 9))


@pytest.mark.parametrize("name", SIX_MONTH_RULES)
def test_a_meeting_planned_after_the_window_does_not_count_in_it(name):
    meetings = held(day(5), date(2025, 2, 20), date(2025, 4, 1)) + planned(date(2025, 7, 10))
    result = assess(rule_set(name), CONTACT, meetings, today=date(2025, 7, 1))
    assert (result.state, result.next_due, result.missing) == ("due_soon", date(2025, 7, 9), 1)


# --- month arithmetic -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2025, 1, 31), 1, date(2025, 2, 28)),
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2025, 1, 31), 3, date(2025, 4, 30)),
        (date(2025, 8, 31), 6, date(2026, 2, 28)),
        (date(2025, 11, 15), 15, date(2027, 2, 15)),
        (date(2025, 3, 31), -1, date(2025, 2, 28)),
    ],
)
def test_add_months_clamps_to_the_end_of_a_short_month(start, months, expected):
    assert add_months(start, months) == expected


def test_windows_from_31_january_clamp_without_drifting():
    contact = date(2025, 1, 31)
    rules = rule_set("pre2020")
    first = assess(rules, contact, held(date(2025, 2, 3)), today=date(2025, 2, 10))
    assert (first.window_start, first.window_end) == (date(2025, 1, 31), date(2025, 4, 29))
    assert first.first_meeting_due == date(2025, 2, 7)
    # The last day of window one counts there, the next day in the first twelve-month window.
    meetings = held(date(2025, 2, 3), date(2025, 4, 29), date(2025, 4, 30))
    second = assess(rules, contact, meetings, today=date(2026, 5, 1))
    assert second.missed_windows == [(date(2025, 4, 30), date(2026, 4, 29), 3)]
    assert (second.window_start, second.window_end) == (date(2026, 4, 30), date(2027, 4, 29))


# --- unknown first contact ---------------------------------------------------------------------------


def test_without_a_first_contact_date_nothing_can_be_said():
    result = assess(rule_set("lab2019"), None, held(day(5)), today=day(40))
    assert result == Assessment(state="unknown", next_due=None)
    assert (result.missing, result.missed_windows, result.first_meeting_late) == (0, [], False)


# --- a broken rule-set file is refused when it is loaded -----------------------------------------


def valid_file() -> dict:
    return {
        "test": {
            "label": "Prøve",
            "source": "Ingen lov",
            "org_label": "Jobcenter",
            "first_meeting_max_days": 7,
            "windows": [
                {"start_month": 0, "months": 3, "min_meetings": 2, "repeat": False},
                {"start_month": 3, "months": 12, "min_meetings": 4, "repeat": True},
            ],
            "after_windows": None,
            "exemptible_share": 0.0,
        }
    }


def write(tmp_path, content) -> object:
    path = tmp_path / "rule_sets.yaml"
    path.write_text(content if isinstance(content, str) else yaml.safe_dump(content), encoding="utf-8")
    return path


def test_another_file_can_be_loaded_by_path(tmp_path):
    rules = load_rule_sets(write(tmp_path, valid_file()))["test"]
    assert rules.windows[1] == Window(start_month=3, months=12, min_meetings=4, repeat=True)
    assert assess(rules, CONTACT, [], today=day(10)).state == "overdue"


def broken(change) -> dict:
    content = valid_file()
    change(content["test"])
    return content


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("test: [unclosed", "rule_sets.yaml is not valid YAML"),
        ("- just a list", "rule_sets.yaml must map rule-set names to rule sets"),
        (broken(lambda r: r.update(org="Kommunen")), "test: unknown keys ['org'], missing keys []"),
        (broken(lambda r: r.pop("label")), "test: unknown keys [], missing keys ['label']"),
        (
            broken(lambda r: r["windows"][0].update(min_meeting=2)),
            "test: windows[0]: unknown keys ['min_meeting'], missing keys []",
        ),
        (broken(lambda r: r.update(label=" ")), "test: label must be a non-empty text, not ' '"),
        (
            broken(lambda r: r.update(first_meeting_max_days=True)),
            "test: first_meeting_max_days must be a whole number >= 0, not True",
        ),
        (broken(lambda r: r.update(windows={"months": 6})), "test: windows must be a list"),
        (
            broken(lambda r: r["windows"][0].update(months=0)),
            "test: windows[0]: months must be a whole number >= 1, not 0",
        ),
        (
            broken(lambda r: r["windows"][1].update(min_meetings="fire")),
            "test: windows[1]: min_meetings must be a whole number >= 1, not 'fire'",
        ),
        (
            broken(lambda r: r["windows"][0].update(repeat="ja")),
            "test: windows[0]: repeat must be true or false, not 'ja'",
        ),
        (
            broken(lambda r: r["windows"][1].update(start_month=2)),
            "test: windows[1]: start_month must be at or after the end of the window before it",
        ),
        (broken(lambda r: r["windows"].reverse()), "test: windows[1]: start_month must be at or after the end"),
        (
            broken(lambda r: r["windows"].append({"start_month": 30, "months": 1, "min_meetings": 1, "repeat": False})),
            "test: windows[2]: start_month must be at or after the end of the window before it, which must not repeat",
        ),
        (
            broken(lambda r: r.update(after_windows="sometimes")),
            "test: after_windows must be \"individual\" or null, not 'sometimes'",
        ),
        (broken(lambda r: r.update(exemptible_share=1)), "test: exemptible_share must be from 0 to below 1, not 1"),
        (broken(lambda r: r.update(exemptible_share="25 %")), "exemptible_share must be from 0 to below 1, not '25 %'"),
        ({"test": "just text"}, "test: must be a mapping"),
    ],
)
def test_a_broken_file_is_refused_with_a_clear_error(tmp_path, content, message):
    with pytest.raises(RuleSetError, match=re.escape(message)):
        load_rule_sets(write(tmp_path, content))
