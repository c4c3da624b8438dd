"""What every form shares: cleaning typed text, dates typed as text, choices checked on the server,
length limits that say what to do, and the small forms that are only a button."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date, datetime

from flask_wtf import FlaskForm
from wtforms import HiddenField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Length, StopValidation

from portal.i18n import gettext as _
from portal.i18n import lazy_gettext as _l

CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
DAY_MONTH_YEAR = re.compile(r"(\d{1,2})[.\-/](\d{1,2})[.\-/](\d{4})")
ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
EARLIEST_YEAR, LATEST_YEAR = 1940, 2100


def clean_text(value: str | None) -> str | None:
    """Strip control characters (keep line breaks and tabs) and surrounding space."""
    if value is None:
        return None
    return CONTROL_CHARACTERS.sub("", value).strip()


def at_most(length: int) -> Length:
    """A length limit whose message says what to do."""
    return Length(max=length, message=_l("Skriv højst %(max)d tegn", max=length))


def choices(labels: Mapping, blank=None) -> list[SelectChoice]:
    """Choices from a code -> label mapping, optionally after an empty first choice ("Vælg")."""
    offered = [SelectChoice(value, label) for value, label in labels.items()]
    return ([SelectChoice("", blank)] if blank else []) + offered


def parse_date(raw: str) -> date:
    """Parse "24.12.2026", "24-12-2026", "24/12/2026" or "2026-12-24"; ValueError if not a real date."""
    raw = raw.strip()
    if match := DAY_MONTH_YEAR.fullmatch(raw):
        day, month, year = (int(part) for part in match.groups())
    elif match := ISO_DATE.fullmatch(raw):
        year, month, day = (int(part) for part in match.groups())
    else:
        raise ValueError(raw)
    return date(year, month, day)


def date_for_input(day: date | None) -> str | None:
    """A date as a person types it ("24.12.2026"): the format DateText reads back."""
    return f"{day.day}.{day.month}.{day.year}" if day else None


def clock_for_input(moment: datetime) -> str:
    """A time of day as a person types it ("09:30")."""
    return f"{moment:%H:%M}"


class DateText(StringField):
    """A date typed as text; `.data` stays what the person typed, `.parsed` is the date."""

    parsed: date | None = None

    def pre_validate(self, form):
        self.parsed = None
        text = clean_text(self.data) or ""
        self.data = text  # a "date" of control characters alone is empty, and Required sees that
        if not text:
            return
        try:
            parsed = parse_date(text)
        except ValueError:
            raise StopValidation(_("Skriv en rigtig dato som dag.måned.år, fx 24.12.2026")) from None
        if not EARLIEST_YEAR <= parsed.year <= LATEST_YEAR:
            raise StopValidation(
                _("Skriv en dato mellem år %(first)d og %(last)d", first=EARLIEST_YEAR, last=LATEST_YEAR)
            )
        self.parsed = parsed


class ChoiceOneOf:
    """Only the offered choices, checked on the server (an empty answer passes unless required)."""

    def __init__(self, values: Iterable) -> None:
        self.values = set(values)

    def __call__(self, form, field) -> None:
        chosen = field.data if isinstance(field.data, list) else [field.data]
        if any(value not in self.values for value in chosen if value not in (None, "")):
            raise StopValidation(_("Vælg et af svarene på listen"))


class ConfirmForm(FlaskForm):
    """A button that changes something: a CSRF token and nothing else."""


class VersionedForm(FlaskForm):
    """A form that saves a versioned record: it carries the version it was shown for, and a save
    from an older version is refused (portal.locking)."""

    version = HiddenField()
