"""The rules of Beskeder that need no database: what is kept of typed text, and when an answer is due."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from portal.clock import local_date

#: Control characters (line breaks and tabs kept) and the Unicode bidi embeddings, overrides and
#: isolates: in a message they could make text read backwards ("Trojan Source") and hide what it says.
#: The page sets each message's own direction (dir="auto"), so nothing a person needs is lost.
_NEUTRALISED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069]")
#: A person may leave empty lines; more than two in a row only pushes the thread down.
_MANY_BLANK_LINES = re.compile(r"\n{3,}")


def neutralised(text: str | None) -> str | None:
    """Typed text as it is kept: no control characters or bidi overrides, Windows line breaks made
    plain, surrounding space gone."""
    if text is None:
        return None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _MANY_BLANK_LINES.sub("\n\n", _NEUTRALISED.sub("", text)).strip()


def add_working_days(day: date, days: int) -> date:
    """The day `days` working days (Monday to Friday) after `day`."""
    while days > 0:
        day += timedelta(days=1)
        if day.weekday() < 5:
            days -= 1
    return day


def answer_due(sent_at: datetime, answer_days: int) -> date:
    """The last day the jobcentre promised an answer by, for a message sent at `sent_at`."""
    return add_working_days(local_date(sent_at), answer_days)


def overdue(sent_at: datetime | None, answer_days: int, today: date) -> bool:
    """An unanswered message from the citizen has passed the promised answer time."""
    return sent_at is not None and today > answer_due(sent_at, answer_days)


def days_waiting(sent_at: datetime | None, today: date) -> int | None:
    """Whole days since the oldest unanswered message (None: nothing waits)."""
    return None if sent_at is None else (today - local_date(sent_at)).days
