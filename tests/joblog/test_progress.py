"""Tests for the joblog's progress against the job-search agreement: the pure counting in
portal.joblog.progress, and the macros in templates/joblog/_progress.html that render it.

Dates are pinned: 2025-11-19 is a Wednesday in ISO week 47 (Monday 17 to Sunday 23 November).
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from bs4 import BeautifulSoup
from flask import render_template_string

import portal.joblog.labels
from portal.joblog.models import ENTRY_TYPES, STATUSES, JobLogEntry
from portal.joblog.progress import REMINDER_AFTER_DAYS, Activity, Requirement, Week, last_activity_days, progress

WEDNESDAY = date(2025, 11, 19)
MONDAY, SUNDAY = date(2025, 11, 17), date(2025, 11, 23)
WEEKLY = Requirement(5, "week")


def sent(day: date, track: str | None = None) -> Activity:
    return Activity(day, "application", "applied", track)


def saved(day: date, track: str | None = None) -> Activity:
    return Activity(day, "application", "saved", track)


def other(day: date) -> Activity:
    return Activity(day, "other", "applied", None)


# ---------- counting ----------


@pytest.mark.parametrize("entry_type", ENTRY_TYPES)
@pytest.mark.parametrize("status", STATUSES)
def test_an_activity_counts_as_sent_exactly_when_the_model_says_so(entry_type, status):
    # test that progress and the joblog list agree on what an application sent is
    entry = JobLogEntry(entry_type=entry_type, status=status)
    assert Activity(WEDNESDAY, entry_type, status, None).sent is entry.counts_as_sent


def test_weekly_requirement_counts_the_current_iso_week():
    rows = [
        sent(MONDAY),
        sent(WEDNESDAY),
        sent(SUNDAY, "A"),
        saved(WEDNESDAY),
        other(WEDNESDAY),
        Activity(WEDNESDAY, "application", "interview", "B"),
        Activity(WEDNESDAY, "application", "closed", "C"),
        sent(MONDAY - timedelta(days=1)),
        sent(SUNDAY + timedelta(days=1)),
    ]
    p = progress(rows, WEEKLY, WEDNESDAY)
    assert (p.period, p.period_start, p.period_end) == ("week", MONDAY, SUNDAY)
    # applied, interview and closed count; saved and "other" do not; last Sunday and next Monday do not
    assert (p.sent_in_period, p.required, p.met) == (5, 5, True)
    assert p.weeks[-1] == Week(start=MONDAY, end=SUNDAY, sent=5, other=1, required=5)
    assert p.weeks[-2] == Week(start=date(2025, 11, 10), end=date(2025, 11, 16), sent=1, other=0, required=5)


def test_weekly_requirement_not_met():
    p = progress([sent(MONDAY), sent(MONDAY), sent(SUNDAY), saved(SUNDAY), other(SUNDAY)], WEEKLY, WEDNESDAY)
    assert (p.sent_in_period, p.required, p.met) == (3, 5, False)


def test_monthly_requirement_counts_the_calendar_month():
    rows = [
        sent(date(2025, 10, 31)),
        sent(date(2025, 11, 1)),
        sent(date(2025, 11, 1)),
        sent(date(2025, 11, 30)),
        sent(date(2025, 12, 1)),
        saved(date(2025, 11, 5)),
        other(date(2025, 11, 5)),
    ]
    p = progress(rows, Requirement(20, "month"), WEDNESDAY)
    assert (p.period, p.period_start, p.period_end) == ("month", date(2025, 11, 1), date(2025, 11, 30))
    assert (p.sent_in_period, p.required, p.met) == (3, 20, False)
    # a month is not split into weeks: no weekly requirement, and the chart is not scaled to 20
    assert all(week.required is None for week in p.weeks)
    # Saturday 1 November is in ISO week 44 (27 October to 2 November), with Friday 31 October
    week_44 = next(week for week in p.weeks if week.start == date(2025, 10, 27))
    assert (week_44.sent, week_44.end, p.max_sent) == (3, date(2025, 11, 2), 3)


def test_monthly_period_in_february_of_a_leap_year():
    p = progress([], Requirement(8, "month"), date(2028, 2, 10))
    assert (p.period_start, p.period_end, p.sent_in_period, p.met) == (date(2028, 2, 1), date(2028, 2, 29), 0, False)


def test_no_requirement_shows_the_current_week():
    p = progress([sent(MONDAY), sent(SUNDAY), saved(WEDNESDAY), other(WEDNESDAY)], None, WEDNESDAY)
    assert (p.period, p.period_start, p.period_end) == ("week", MONDAY, SUNDAY)
    assert (p.sent_in_period, p.required, p.met) == (2, None, None)
    assert p.weeks[-1] == Week(start=MONDAY, end=SUNDAY, sent=2, other=1, required=None)


def test_a_requirement_of_zero_is_met():
    assert progress([], Requirement(0, "week"), WEDNESDAY).met is True


def test_sunday_is_the_last_day_of_the_week_and_monday_starts_the_next():
    rows = [sent(SUNDAY), sent(SUNDAY), sent(SUNDAY + timedelta(days=1))]
    on_sunday = progress(rows, WEEKLY, SUNDAY)
    assert (on_sunday.period_start, on_sunday.period_end, on_sunday.sent_in_period) == (MONDAY, SUNDAY, 2)
    assert on_sunday.weeks[-1].start == MONDAY
    on_monday = progress(rows, WEEKLY, SUNDAY + timedelta(days=1))
    assert (on_monday.period_start, on_monday.period_end) == (date(2025, 11, 24), date(2025, 11, 30))
    assert on_monday.sent_in_period == 1
    assert [(week.start, week.sent) for week in on_monday.weeks[-2:]] == [(MONDAY, 2), (date(2025, 11, 24), 1)]


def test_week_one_crosses_new_year():
    # 1 January 2026 is a Thursday: ISO week 1 of 2026 runs from Monday 29 December 2025
    rows = [sent(date(2025, 12, 28)), sent(date(2025, 12, 29)), sent(date(2026, 1, 1)), sent(date(2026, 1, 4))]
    p = progress(rows, WEEKLY, date(2026, 1, 1))
    assert (p.period_start, p.period_end, p.sent_in_period) == (date(2025, 12, 29), date(2026, 1, 4), 3)
    assert tuple(p.weeks[-1].start.isocalendar()) == (2026, 1, 1)
    assert tuple(p.weeks[-2].start.isocalendar()) == (2025, 52, 1)
    assert (p.weeks[-2].sent, p.weeks[-1].sent) == (1, 3)


def test_week_53():
    # 2026 has 53 ISO weeks: Friday 1 January 2027 belongs to week 53 of 2026
    p = progress([sent(date(2026, 12, 28))], WEEKLY, date(2027, 1, 1))
    assert (p.period_start, p.period_end, p.sent_in_period) == (date(2026, 12, 28), date(2027, 1, 3), 1)
    assert tuple(p.weeks[-1].start.isocalendar()) == (2026, 53, 1)


def test_twelve_weeks_oldest_first_and_older_rows_ignored():
    first_monday = MONDAY - timedelta(weeks=11)
    rows = [
        sent(first_monday - timedelta(days=1), "A"),
        other(first_monday - timedelta(days=1)),
        sent(first_monday, "B"),
        other(first_monday),
        sent(MONDAY - timedelta(weeks=5)),
    ]
    p = progress(rows, WEEKLY, WEDNESDAY)
    assert len(p.weeks) == 12
    assert [week.start for week in p.weeks] == [first_monday + timedelta(weeks=i) for i in range(12)]
    assert all(week.end - week.start == timedelta(days=6) and week.start.weekday() == 0 for week in p.weeks)
    assert [week.sent for week in p.weeks] == [1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0]
    assert [week.other for week in p.weeks] == [1] + [0] * 11
    assert p.tracks == {"A": 0, "B": 1, "C": 0, None: 1}


def test_the_number_of_weeks_can_be_chosen():
    p = progress([sent(MONDAY - timedelta(weeks=3)), sent(MONDAY - timedelta(weeks=4))], None, WEDNESDAY, weeks=4)
    assert [week.start for week in p.weeks] == [date(2025, 10, 27), date(2025, 11, 3), date(2025, 11, 10), MONDAY]
    assert [week.sent for week in p.weeks] == [1, 0, 0, 0]
    with pytest.raises(ValueError):
        progress([], None, WEDNESDAY, weeks=0)


def test_tracks_count_applications_sent_in_the_twelve_weeks():
    rows = [
        sent(MONDAY, "A"),
        sent(MONDAY, "A"),
        sent(WEDNESDAY, "B"),
        sent(WEDNESDAY, None),
        sent(WEDNESDAY, "X"),  # not a track we know: counts as without a plan
        saved(WEDNESDAY, "C"),
        other(WEDNESDAY),
        sent(MONDAY - timedelta(weeks=12), "C"),
    ]
    p = progress(rows, None, WEDNESDAY)
    assert p.tracks == {"A": 2, "B": 1, "C": 0, None: 2}
    assert list(p.tracks) == ["A", "B", "C", None]


def test_max_sent_scales_the_chart():
    assert progress([], None, WEDNESDAY).max_sent == 1
    assert progress([], WEEKLY, WEDNESDAY).max_sent == 5
    assert progress([sent(MONDAY)] * 7, WEEKLY, WEDNESDAY).max_sent == 7
    assert progress([sent(MONDAY - timedelta(weeks=2))] * 3, Requirement(2, "week"), WEDNESDAY).max_sent == 3


def test_a_requirement_has_a_known_period():
    with pytest.raises(ValueError):
        Requirement(5, "day")


def test_last_activity_days():
    assert REMINDER_AFTER_DAYS == 30
    assert last_activity_days(None, WEDNESDAY) is None
    assert last_activity_days(WEDNESDAY, WEDNESDAY) == 0
    assert last_activity_days(date(2025, 10, 20), WEDNESDAY) == 30
    assert last_activity_days(date(2025, 11, 20), WEDNESDAY) == 0  # a future date is not negative


# ---------- rendering ----------

IMPORT = '{% from "joblog/_progress.html" import progress_summary, weekly_chart, track_balance %}'


@pytest.fixture
def render(app, monkeypatch):
    """Render macros in a request context of the real app; the macros need `joblog_labels` as a global.

    Every render is checked against the CSP: no inline style attribute, no inline script.
    """
    monkeypatch.setitem(app.jinja_env.globals, "joblog_labels", portal.joblog.labels)

    def _render(call: str, p) -> str:
        with app.test_request_context():
            html = render_template_string(IMPORT + call, p=p, joblog_labels=portal.joblog.labels)
        assert "style=" not in html and "<script" not in html
        return html

    return _render


def soup_of(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html5lib")


def text_of(tag) -> str:
    return " ".join(tag.get_text(" ").split())


def luminance(hex_colour: str) -> float:
    channels = [int(hex_colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def twelve_weeks(requirement=WEEKLY):
    """Week 47 has 3 sent, 1 saved and 2 other; week 45 has 6 sent; week 36 (the oldest) has 1."""
    rows = (
        [sent(MONDAY, "A"), sent(WEDNESDAY, "A"), sent(SUNDAY, "A"), saved(WEDNESDAY), other(MONDAY), other(SUNDAY)]
        + [sent(date(2025, 11, 5), "A")] * 6
        + [sent(date(2025, 9, 1))]
    )
    return progress(rows, requirement, WEDNESDAY)


def test_summary_headline_and_progress_bar(render):
    soup = soup_of(render("{{ progress_summary(p) }}", twelve_weeks()))
    bar = soup.find("progress")
    label = soup.find(id=bar["aria-labelledby"])
    assert text_of(label) == "3 af 5 ansøgninger denne uge"
    assert (bar["max"], bar["value"]) == ("5", "3")
    assert "Du mangler 2 ansøgninger for at nå kravet for denne uge." in text_of(soup)
    assert "Perioden går fra 17. november 2025 til 23. november 2025." in text_of(soup)


def test_summary_when_met_and_singular(render):
    met = text_of(soup_of(render("{{ progress_summary(p) }}", progress([sent(MONDAY)] * 6, WEEKLY, WEDNESDAY))))
    assert "6 af 5 ansøgninger denne uge" in met and "Du har nået kravet for denne uge." in met
    one = soup_of(render("{{ progress_summary(p) }}", progress([], Requirement(1, "week"), WEDNESDAY)))
    assert "0 af 1 ansøgning denne uge" in text_of(one)
    assert "Du mangler 1 ansøgning for at nå kravet for denne uge." in text_of(one)


def test_summary_monthly(render):
    p = progress([sent(date(2025, 11, 3))] * 12, Requirement(20, "month"), WEDNESDAY)
    soup = soup_of(render("{{ progress_summary(p) }}", p))
    assert "12 af 20 ansøgninger denne måned" in text_of(soup)
    assert (soup.find("progress")["max"], soup.find("progress")["value"]) == ("20", "12")
    assert "Perioden går fra 1. november 2025 til 30. november 2025." in text_of(soup)


def test_summary_without_requirement(render):
    soup = soup_of(render("{{ progress_summary(p) }}", progress([sent(MONDAY), sent(SUNDAY)], None, WEDNESDAY)))
    assert soup.find("progress") is None
    assert "Du har sendt 2 ansøgninger denne uge." in text_of(soup)
    assert "Der er ikke aftalt et krav til, hvor mange ansøgninger du skal sende." in text_of(soup)


def test_weekly_chart_is_an_accessible_svg(render):
    soup = soup_of(render('{{ weekly_chart(p, "h") }}', twelve_weeks()))
    svg = soup.find("svg")
    assert svg["role"] == "img" and svg["width"] == "100%" and svg["viewBox"] == "0 0 360 182"
    title = svg.find("title")
    assert svg["aria-labelledby"] == title["id"] == "h-chart-title"
    assert text_of(title) == (
        "Søjlediagram over sendte ansøgninger pr. uge de sidste 12 uger, fra uge 36 til uge 47. "
        "I alt 10 ansøgninger. Kravet er 5 ansøgninger om ugen."
    )
    bars = svg.find_all("rect", class_="joblog-chart-bar")
    assert len(bars) == 12
    # the chart's top is the busiest week (6), so 3 of 6 is half of the 120-high plot
    assert [float(bar["height"]) for bar in bars][-3:] == [120.0, 0.0, 60.0]
    assert float(bars[-1]["y"]) + float(bars[-1]["height"]) == 142.0
    assert all(luminance("#FFFFFF") + 0.05 >= 3 * (luminance(bar["fill"]) + 0.05) for bar in bars)
    labels = [text_of(label) for label in svg.find_all("text", class_="joblog-chart-week")]
    assert labels[0] == "uge 36" and labels[-1] == "uge 47" and len(labels) == 12
    requirement = svg.find("line", class_="joblog-chart-requirement")
    assert requirement["stroke-dasharray"] and float(requirement["y1"]) == pytest.approx(142 - 5 / 6 * 120, abs=0.1)


def test_weekly_chart_table_has_the_numbers(render):
    soup = soup_of(render('{{ weekly_chart(p, "h") }}', twelve_weeks()))
    details = soup.find("details", class_="details")
    assert text_of(details.find("summary", class_="details-summary")) == "Vis tallene som tabel"
    table = details.find("table", class_="table")
    assert text_of(table.caption) == "Ansøgninger og andre aktiviteter pr. uge"
    assert [th["scope"] for th in table.thead.find_all("th")] == ["col"] * 4
    rows = table.tbody.find_all("tr")
    assert len(rows) == 12
    assert all(row.th["scope"] == "row" for row in rows)
    cells = [[text_of(cell) for cell in row.find_all(["th", "td"])] for row in rows]
    assert cells[-1] == ["uge 47 17. november 2025 – 23. november 2025", "3", "2", "5"]
    assert cells[-3] == ["uge 45 3. november 2025 – 9. november 2025", "6", "0", "5"]
    assert cells[0] == ["uge 36 1. september 2025 – 7. september 2025", "1", "0", "5"]


def test_weekly_chart_without_weekly_requirement(render):
    for requirement in (None, Requirement(20, "month")):
        soup = soup_of(render('{{ weekly_chart(p, "h") }}', twelve_weeks(requirement)))
        assert soup.find("line", class_="joblog-chart-requirement") is None
        assert "Kravet er" not in text_of(soup.find("title"))
        table = soup.find("table")
        assert [text_of(th) for th in table.thead.find_all("th")] == ["Uge", "Sendte ansøgninger", "Andre aktiviteter"]
        assert len(table.tbody.find_all("tr")) == 12


def test_two_charts_on_one_page_have_unique_ids(render):
    soup = soup_of(
        render(
            '{{ weekly_chart(p, "a") }}{{ weekly_chart(p, "b") }}'
            '{{ progress_summary(p) }}{{ progress_summary(p, id_prefix="other") }}',
            twelve_weeks(),
        )
    )
    ids = [tag["id"] for tag in soup.find_all(id=True)]
    assert len(ids) == len(set(ids)) == 6


def test_track_balance_with_a_hint_when_only_plan_a(render):
    soup = soup_of(render("{{ track_balance(p) }}", twelve_weeks()))
    pairs = {text_of(dt): text_of(dt.find_next_sibling("dd")) for dt in soup.find_all("dt")}
    assert pairs == {"Plan A": "9", "Plan B": "0", "Plan C": "0", "Uden plan": "1"}
    assert "Husk også at søge inden for plan B og C." in text_of(soup)


def test_track_balance_without_hint(render):
    mixed = progress([sent(MONDAY, "A"), sent(MONDAY, "C")], None, WEDNESDAY)
    assert "Husk også" not in render("{{ track_balance(p) }}", mixed)
    unplanned = progress([sent(MONDAY)], None, WEDNESDAY)
    assert "Husk også" not in render("{{ track_balance(p) }}", unplanned)
    empty = text_of(soup_of(render("{{ track_balance(p) }}", progress([saved(MONDAY, "A")], None, WEDNESDAY))))
    assert empty == "Du har ikke sendt nogen ansøgninger de sidste 12 uger."
