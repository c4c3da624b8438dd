"""Whether a citizen's meetings keep the meeting-cadence rules of their jobcentre's rule set.

The rules change with reforms and differ between jobcentres, so they are data (rule_sets.yaml, read
once and checked when loaded) and `assess` is a pure function of the rule set, the first contact
date, the meetings and today: no database and no Flask, so every reading of the law is testable.
"""

from __future__ import annotations

import calendar
import itertools
from collections.abc import Iterator
from dataclasses import dataclass, field, fields
from datetime import date, timedelta
from functools import cache
from itertools import count
from pathlib import Path
from typing import Literal

import yaml

RULE_SETS = Path(__file__).resolve().parent / "rule_sets.yaml"
#: A next_due this close (in days) that no planned meeting covers makes the state "due_soon".
DUE_SOON_DAYS = 14

State = Literal["met", "due_soon", "overdue", "no_rule", "unknown"]
#: One window as dates: (first day, last day, min_meetings).
_Span = tuple[date, date, int]
#: Settings that are whole numbers, with the least each may be.
_COUNTS = {"first_meeting_max_days": 0, "start_month": 0, "months": 1, "min_meetings": 1}


class RuleSetError(ValueError):
    """rule_sets.yaml breaks one of the rules checked when it is loaded."""


@dataclass(frozen=True)
class Window:
    """`min_meetings` within `months` months from `start_month` months after the first contact."""

    start_month: int
    months: int
    min_meetings: int
    repeat: bool


@dataclass(frozen=True)
class RuleSet:
    name: str
    label: str
    #: The law the rules come from, in words.
    source: str
    #: Who holds the meetings, as the citizen reads it ("Jobcenter", "Kommunen" after the 2026 reform).
    org_label: str
    first_meeting_max_days: int
    windows: tuple[Window, ...]
    #: "individual" (agreed individually, citizen may ask for meetings) or None after the last window.
    after_windows: str | None
    #: Share of the caseload the municipality may exempt; a caseload figure, not used per citizen.
    exemptible_share: float


@dataclass(frozen=True)
class Assessment:
    state: State
    #: The latest day the next required meeting may be held; None when nothing more is required.
    next_due: date | None
    #: Meetings the current window still lacks, planned ones counting as held.
    missing: int = 0
    #: The current window, both days included; None outside the windows.
    window_start: date | None = None
    window_end: date | None = None
    #: Windows that ended without enough held meetings: (start, end, how many were missing).
    missed_windows: list[tuple[date, date, int]] = field(default_factory=list)
    first_meeting_late: bool = False
    #: The last day the first meeting may be held; None when the first contact is unknown.
    first_meeting_due: date | None = None
    #: How many meetings the current window asks for.
    window_required: int = 0
    #: The window after the current one: (start, end, min_meetings); None after the last.
    next_window: tuple[date, date, int] | None = None


_RULE_KEYS = {f.name for f in fields(RuleSet)} - {"name"}
_WINDOW_KEYS = {f.name for f in fields(Window)}


def add_months(day: date, months: int) -> date:
    """The same day `months` calendar months later, clamped to the end of a shorter month."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def load_rule_sets(path: Path | str = RULE_SETS) -> dict[str, RuleSet]:
    """All rule sets by name; the file is read and checked once per process (and path)."""
    return dict(_load(Path(path)))


def rule_set(name: str) -> RuleSet:
    """The rule set a jobcentre names; KeyError, naming the known ones, when there is none."""
    rule_sets = _load(RULE_SETS)  # the cached mapping itself: a caseload asks once a row
    if name not in rule_sets:
        raise KeyError(f"unknown meeting rule set {name!r}; {RULE_SETS.name} has {sorted(rule_sets)}")
    return rule_sets[name]


@cache
def _load(path: Path) -> dict[str, RuleSet]:
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise RuleSetError(f"{path.name} is not valid YAML: {error}") from error
    if not isinstance(raw, dict) or not raw:
        raise RuleSetError(f"{path.name} must map rule-set names to rule sets")
    return {str(name): _rule_set(f"{path.name}: {name}", str(name), body) for name, body in raw.items()}


def _rule_set(where: str, name: str, body: object) -> RuleSet:
    raw = _mapping(where, body, _RULE_KEYS)
    for key in ("label", "source", "org_label"):
        _require(where, raw, key, isinstance(raw[key], str) and raw[key].strip(), "a non-empty text")
    _require(where, raw, "windows", isinstance(raw["windows"], list), "a list")
    windows = tuple(
        Window(**_mapping(f"{where}: windows[{i}]", item, _WINDOW_KEYS)) for i, item in enumerate(raw["windows"])
    )
    for i, (before, after) in enumerate(itertools.pairwise(windows), start=1):
        _require(
            f"{where}: windows[{i}]",
            raw["windows"][i],
            "start_month",
            not before.repeat and after.start_month >= before.start_month + before.months,
            "at or after the end of the window before it, which must not repeat",
        )
    _require(where, raw, "after_windows", raw["after_windows"] in ("individual", None), '"individual" or null')
    share = raw["exemptible_share"]
    _require(where, raw, "exemptible_share", type(share) in (int, float) and 0 <= share < 1, "from 0 to below 1")
    return RuleSet(
        name=name,
        label=raw["label"],
        source=raw["source"],
        org_label=raw["org_label"],
        first_meeting_max_days=raw["first_meeting_max_days"],
        windows=windows,
        after_windows=raw["after_windows"],
        exemptible_share=float(share),
    )


def _mapping(where: str, raw: object, keys: set[str]) -> dict:
    """`raw` as a mapping with exactly `keys` and sound counts: a typo must fail, not be ignored."""
    if not isinstance(raw, dict):
        raise RuleSetError(f"{where}: must be a mapping with the keys {sorted(keys)}")
    unknown, absent = set(raw) - keys, keys - set(raw)
    if unknown or absent:
        raise RuleSetError(f"{where}: unknown keys {sorted(map(str, unknown))}, missing keys {sorted(absent)}")
    for key in keys & _COUNTS.keys():  # type(): True is an int to isinstance, but no count
        _require(
            where, raw, key, type(raw[key]) is int and raw[key] >= _COUNTS[key], f"a whole number >= {_COUNTS[key]}"
        )
    if "repeat" in keys:
        _require(where, raw, "repeat", isinstance(raw["repeat"], bool), "true or false")
    return raw


def _require(where: str, raw: dict, key: str, ok: object, wanted: str) -> None:
    if not ok:
        raise RuleSetError(f"{where}: {key} must be {wanted}, not {raw[key]!r}")


def _windows(rules: RuleSet, first_contact: date) -> Iterator[_Span]:
    """(start, end inclusive, min_meetings) of every window in order; a repeating one never stops.

    Each boundary is computed from the first contact, so clamping at a month's end never drifts.
    """
    for window in rules.windows:
        for start in count(window.start_month, window.months) if window.repeat else [window.start_month]:
            yield (
                add_months(first_contact, start),
                add_months(first_contact, start + window.months) - timedelta(days=1),
                window.min_meetings,
            )


def _short(window: _Span, days: list[date]) -> int:
    """How many meetings the window needs beyond those of `days` that fall in it (<= 0: none)."""
    start, end, minimum = window
    return minimum - sum(start <= day <= end for day in days)


def assess(rules: RuleSet, first_contact: date | None, meetings: list[tuple[date, bool]], today: date) -> Assessment:
    """How the citizen's meetings stand against the rule set on `today`.

    `meetings` are (local date, held): held ones lie in the past; planned ones are held=False and
    count only from today on, since a past meeting that was not held covers nothing. Cancelled
    meetings are not passed. "met" means nothing is late and nothing falls due within
    DUE_SOON_DAYS that planned meetings do not already cover.
    """
    if first_contact is None:
        return Assessment(state="unknown", next_due=None)
    held = sorted(day for day, was_held in meetings if was_held and day >= first_contact)
    planned = [day for day, was_held in meetings if not was_held and day >= today]
    first_due = first_contact + timedelta(days=rules.first_meeting_max_days)
    late = held[0] > first_due if held else today > first_due

    ended: list[_Span] = []
    current: _Span | None = None
    following: _Span | None = None
    for window in _windows(rules, first_contact):
        if window[1] < today:
            ended.append(window)
        elif window[0] <= today:
            current = window
        else:
            following = window
            break
    missed = [(window[0], window[1], short) for window in ended if (short := _short(window, held)) > 0]
    missing = max(0, _short(current, held + planned)) if current else 0
    # Each next_due is a deadline the held and planned meetings do not meet yet, or one months away,
    # so a next_due within DUE_SOON_DAYS is never one that planned meetings already cover.
    if not held and not any(day <= first_due for day in planned):
        next_due: date | None = first_due  # the first meeting is neither held nor planned in time
    elif current and missing:
        next_due = current[1]
    elif following:  # the current window is covered (or not begun): the next one ends months away
        next_due = following[1]
    else:
        next_due = None

    if next_due is None:
        state: State = "met" if current else "no_rule"
    elif next_due < today:
        state = "overdue"
    else:
        state = "due_soon" if (next_due - today).days <= DUE_SOON_DAYS else "met"
    return Assessment(
        state=state,
        next_due=next_due,
        missing=missing,
        window_start=current[0] if current else None,
        window_end=current[1] if current else None,
        missed_windows=missed,
        first_meeting_late=late,
        first_meeting_due=first_due,
        window_required=current[2] if current else 0,
        next_window=following,
    )
