"""The joblog's progress against the job-search agreement ("krav til jobsøgning", DOMAIN.md §2, §4).

Pure: it takes plain rows, the agreed requirement and today's date, and returns numbers to show.
No database and no clock here, so a view can fetch the rows in one query and the tests can pin
any date (a Sunday, a Monday, the week that crosses New Year).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import NamedTuple

from portal.joblog.models import SENT_STATUSES, TRACKS

#: STAR alerts the citizen and the jobcentre after 30 days without joblog activity.
REMINDER_AFTER_DAYS = 30
PERIODS = ("week", "month")


class Activity(NamedTuple):
    """One joblog entry, reduced to what progress needs (a view selects just these columns)."""

    applied_on: date
    entry_type: str
    status: str
    track: str | None

    @property
    def sent(self) -> bool:
        """An application counts once it is sent; a saved vacancy is a plan, not a search."""
        return self.entry_type == "application" and self.status in SENT_STATUSES

    @property
    def other(self) -> bool:
        """ "Anden aktivitet" (a job fair, a network meeting) is job search but not an application."""
        return self.entry_type == "other"


@dataclass(frozen=True)
class Requirement:
    """The agreed number of applications per "week" or "month" (PlanItem.requirement_count/_period)."""

    count: int
    period: str

    def __post_init__(self) -> None:
        if self.period not in PERIODS:
            raise ValueError(f"unknown requirement period {self.period!r}")


@dataclass(frozen=True)
class Week:
    """One ISO week (Monday to Sunday) of the chart and its table."""

    start: date
    end: date
    sent: int
    other: int
    #: The weekly requirement; None when it is monthly or there is none (a month is not split into weeks).
    required: int | None


@dataclass(frozen=True)
class Progress:
    #: "week" or "month": the period the headline speaks of ("week" without a requirement).
    period: str
    period_start: date
    period_end: date
    sent_in_period: int
    required: int | None
    met: bool | None
    #: Oldest first; the current week is the last.
    weeks: list[Week]
    #: "A", "B", "C" and None (no plan track) -> applications sent in those weeks.
    tracks: dict[str | None, int]
    #: The chart's top: at least 1, and at least the weekly requirement so its line stays inside.
    max_sent: int


def week_of(day: date) -> tuple[date, date]:
    """The ISO week around `day`: its Monday and its Sunday."""
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)


def month_of(day: date) -> tuple[date, date]:
    """The calendar month around `day`: its first and last day."""
    first = day.replace(day=1)
    next_first = (first + timedelta(days=32)).replace(day=1)
    return first, next_first - timedelta(days=1)


def progress(rows: Iterable[Activity], requirement: Requirement | None, today: date, weeks: int = 12) -> Progress:
    """Count the rows into the current period, the last `weeks` ISO weeks and the plan tracks.

    Rows outside those ranges are ignored, so the caller may pass a little more than needed.
    """
    if weeks < 1:
        raise ValueError("weeks must be at least 1")
    period = requirement.period if requirement else "week"
    period_start, period_end = month_of(today) if period == "month" else week_of(today)
    current_monday, current_sunday = week_of(today)
    first_monday = current_monday - timedelta(weeks=weeks - 1)
    sent = [0] * weeks
    other = [0] * weeks
    tracks: dict[str | None, int] = dict.fromkeys((*TRACKS, None), 0)
    sent_in_period = 0
    for row in rows:
        if row.sent and period_start <= row.applied_on <= period_end:
            sent_in_period += 1
        if not first_monday <= row.applied_on <= current_sunday:
            continue
        index = (row.applied_on - first_monday).days // 7
        if row.sent:
            sent[index] += 1
            tracks[row.track if row.track in TRACKS else None] += 1
        elif row.other:
            other[index] += 1
    weekly = requirement.count if requirement and period == "week" else None
    week_rows = [
        Week(
            start=first_monday + timedelta(weeks=i),
            end=first_monday + timedelta(weeks=i, days=6),
            sent=sent[i],
            other=other[i],
            required=weekly,
        )
        for i in range(weeks)
    ]
    return Progress(
        period=period,
        period_start=period_start,
        period_end=period_end,
        sent_in_period=sent_in_period,
        required=requirement.count if requirement else None,
        met=sent_in_period >= requirement.count if requirement else None,
        weeks=week_rows,
        tracks=tracks,
        max_sent=max(1, weekly or 0, *sent),
    )


def last_activity_days(latest: date | None, today: date) -> int | None:
    """Days since the newest joblog entry (None without any), to warn before STAR's 30-day alert.

    A date in the future (a typo, or an activity booked ahead) counts as today, never negative.
    """
    if latest is None:
        return None
    return max(0, (today - latest).days)
