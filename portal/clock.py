"""The time: UTC for what is stored, the portal's local time zone for what a person calls a day.

A server often runs in UTC, where `date.today()` is still yesterday in Copenhagen until 01:00 (02:00
in summer): a joblog entry added at 00:30 would get yesterday's date. So nothing in the portal asks
the server's clock for a date or a wall-clock time; it asks here. Ruff's datetime rules (DTZ) refuse
`date.today()` and a `datetime.now()` without a zone anywhere else.

The zone is the one setting BABEL_DEFAULT_TIMEZONE (Europe/Copenhagen), which Flask-Babel reads too.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from functools import cache
from zoneinfo import ZoneInfo

from flask import current_app, has_app_context

from portal.config import DEFAULT_TIMEZONE


@cache
def _zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


def local_zone() -> ZoneInfo:
    """The portal's wall-clock zone: meetings, due dates and "this week" are local time."""
    if has_app_context():
        return _zone(current_app.config["BABEL_DEFAULT_TIMEZONE"])
    return _zone(DEFAULT_TIMEZONE)


def utcnow() -> datetime:
    """Now, aware, in UTC: what timestamps are stored as."""
    return datetime.now(UTC)


def local_now() -> datetime:
    """Now on the local wall clock, aware."""
    return datetime.now(local_zone())


def local_today() -> date:
    """Today's date on the local wall clock."""
    return local_now().date()


def local_date(moment: datetime) -> date:
    """The local day an aware moment falls on."""
    return moment.astimezone(local_zone()).date()
