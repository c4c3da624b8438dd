"""What every form shares: cleaning typed text, dates typed as text, choices checked on the server,
length limits that say what to do, error messages the error summary can name the field by, and the
small forms that are only a button. (When a field must be filled in: portal/required.py.)"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import TypeVar

from flask import abort, flash, redirect, request
from flask_login import current_user
from flask_wtf import FlaskForm
from werkzeug.datastructures import MultiDict
from wtforms import HiddenField, RadioField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Length, NumberRange, StopValidation, ValidationError

from portal import recovery
from portal.i18n import gettext as _
from portal.i18n import lazy_gettext as _l
from portal.locking import StaleVersion
from portal.required import RequiredWhen

CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
DAY_MONTH_YEAR = re.compile(r"(\d{1,2})[.\-/](\d{1,2})[.\-/](\d{4})")
ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
EARLIEST_YEAR, LATEST_YEAR = 1940, 2100


def clean_text(value: str | None) -> str | None:
    """Strip control characters (keep line breaks and tabs) and surrounding space."""
    if value is None:
        return None
    return CONTROL_CHARACTERS.sub("", value).strip()


class FieldError(str):
    """An error message written to stand beside its field ("Vælg et svar"). The error summary, away
    from the field, shows `summary` instead, which also says which field it is about."""

    summary: str

    def __new__(cls, message: str, summary: str) -> FieldError:
        error = super().__new__(cls, message)
        error.summary = summary
        return error


def naming_the_field(field, message) -> FieldError:
    """A message that does not say which field it is about ("Skriv højst 300 tegn"), and the
    summary's "Skriv højst 300 tegn – <the field's label>"."""
    message = str(message)
    return FieldError(message, _("%(problem)s – %(field)s", problem=message, field=field.label.text))


class _NamingTheField:
    """A WTForms validator whose messages the error summary shows with the field's label."""

    def __call__(self, form, field) -> None:
        try:
            super().__call__(form, field)  # type: ignore[misc]
        except StopValidation as error:
            raise StopValidation(naming_the_field(field, error.args[0])) from None
        except ValidationError as error:
            raise ValidationError(naming_the_field(field, error.args[0])) from None


class AtMost(_NamingTheField, Length):
    pass


class Between(_NamingTheField, NumberRange):
    pass


def at_most(length: int) -> Length:
    """A length limit whose message says what to do."""
    return AtMost(max=length, message=_l("Skriv højst %(max)d tegn", max=length))


def between(low: int, high: int) -> NumberRange:
    """A number from `low` to `high`, with a message that says so."""
    return Between(min=low, max=high, message=_l("Skriv et tal fra %(min)d til %(max)d", min=low, max=high))


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

    data: str | None
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
            raise StopValidation(
                naming_the_field(self, _("Skriv en rigtig dato som dag.måned.år, fx 24.12.2026"))
            ) from None
        if not EARLIEST_YEAR <= parsed.year <= LATEST_YEAR:
            message = _("Skriv en dato mellem år %(first)d og %(last)d", first=EARLIEST_YEAR, last=LATEST_YEAR)
            raise StopValidation(naming_the_field(self, message))
        self.parsed = parsed


class ChoiceOneOf:
    """Only the offered choices, checked on the server (an empty answer passes unless required)."""

    def __init__(self, values: Iterable) -> None:
        self.values = set(values)

    def __call__(self, form, field) -> None:
        chosen = field.data if isinstance(field.data, list) else [field.data]
        if any(value not in self.values for value in chosen if value not in (None, "")):
            raise StopValidation(naming_the_field(field, _("Vælg et af svarene på listen")))


F = TypeVar("F", bound=FlaskForm)


def recovered_input(notice: str | None = None) -> MultiDict | None:
    """What the logged-in person typed into this page before their session or form token ran out
    (portal/recovery.py), once, with a notice saying so; None when nothing was kept."""
    kept = recovery.take(current_user.id, request.path)
    if kept is not None:
        notice = notice or _(
            "Du blev logget af, mens du skrev. Vi har hentet det, du skrev. Tjek det, og tryk så på knappen igen."
        )
        flash(notice, "info")
    return kept


def form_shown(form_class: type[F], as_saved: Callable[[], F] | None = None) -> F:
    """The form of a page a citizen types into: on POST what was sent; else what they typed before
    they were logged off (shown, not saved: they check it and send it again); else the record as
    saved (`as_saved`), or the empty form.

    Every such page is listed in portal.access.RECOVERABLE, which keeps the late POST for it."""
    if request.method == "POST":
        return form_class()
    if (kept := recovered_input()) is not None:
        return form_class(formdata=kept)
    return as_saved() if as_saved is not None else form_class()


class ConfirmForm(FlaskForm):
    """A button that changes something: a CSRF token and nothing else."""


class VersionedButton(FlaskForm):
    """A button that changes a versioned record (tick off, delete): it carries the version the page
    showed, and a press from an older page is refused (portal.locking)."""

    version = HiddenField()


@dataclass(frozen=True)
class Difference:
    """A field whose saved value is not what this person sent, as both read it."""

    label: str
    saved: str
    mine: str


#: Fields that are about the form itself, not the record.
_BOOKKEEPING = {"csrf_token", "version", "conflict", "keep"}


class VersionedForm(VersionedButton):
    """A form that edits a versioned record.

    When someone else saved first (portal.locking.StaleVersion), `clash_with` compares the record as
    saved now with what this person sent, and the page shows both. The form then carries the saved
    version, and saving again needs the person to choose: keep their own version (it is saved over
    the other) or the saved one (theirs is dropped). `from_record` builds the form as its page shows
    a record, for the edit page and for the comparison alike.
    """

    #: Set while the form shows a clash: the next save must say which version to keep.
    conflict = HiddenField()
    keep = RadioField(
        _l("Hvilken udgave vil du beholde?"),
        choices=[
            SelectChoice("mine", _l("Min udgave: gem det, jeg har skrevet herover")),
            SelectChoice("saved", _l("Den gemte udgave: drop mine ændringer")),
        ],
        validate_choice=False,
        # Shown only while a clash asks it, and then needed: its label needs no note.
        validators=[
            RequiredWhen(
                "conflict", ["1"], message=_l("Vælg, om du vil gemme din udgave eller beholde den gemte"), note=None
            )
        ],
    )

    def validate_keep(self, field) -> None:
        if self.conflict.data and field.data not in ("mine", "saved"):
            raise StopValidation(_("Vælg, om du vil gemme din udgave eller beholde den gemte"))

    @property
    def keeps_saved(self) -> bool:
        """The person chose the saved version: nothing of theirs is to be saved."""
        return bool(self.conflict.data) and self.keep.data == "saved"

    def compared_fields(self) -> list:
        """The fields this page shows, which the comparison covers."""
        return [field for field in self if field.name not in _BOOKKEEPING]

    def clash_with(self, saved: VersionedForm) -> list[Difference]:
        """The fields where the record as saved now differs from this person's input; from now on
        the form carries the saved version and asks which one to keep."""
        differences = []
        for field in self.compared_fields():
            theirs, mine = shown_value(saved[field.name]), shown_value(field)
            if theirs != mine:
                differences.append(Difference(str(field.label.text), theirs, mine))
        self.show_clash(saved.version.data)
        return differences

    def show_clash(self, saved_version: str) -> None:
        """From now on the form carries the saved version and asks which one to keep."""
        self.version.data = saved_version
        self.conflict.data = "1"
        self.keep.data = None


def save_or_clash(
    form: VersionedForm, save: Callable[[], object], saved_form: Callable[[], VersionedForm]
) -> list[Difference] | None:
    """The one way a view saves a validated versioned form.

    Runs `save` and answers None when it saved. When someone saved first, answers the differences
    between `saved_form()`, the record as saved now, and the form, which now asks which version to
    keep. When the person chose to keep the saved version, nothing is saved and the page is shown
    again as saved (a redirect, raised)."""
    show_saved_if_kept(form)
    try:
        save()
    except StaleVersion:
        return form.clash_with(saved_form())
    return None


def show_saved_if_kept(form: VersionedForm) -> None:
    """When the person chose to keep the saved version, save nothing and show the page again as
    saved (the redirect is raised)."""
    if form.keeps_saved:
        flash(_("Du har beholdt den gemte udgave. Dine ændringer er ikke gemt."), "info")
        abort(redirect(request.full_path if request.query_string else request.path))


def shown_value(field) -> str:
    """A field's value as the person reads it on the page: a choice by its label, a box as Ja or Nej."""
    if field.type in ("SelectField", "RadioField", "SelectMultipleField"):
        chosen = field.data if isinstance(field.data, list) else [field.data]
        labels = {str(choice[0]): str(choice[1]) for choice in field.iter_choices()}
        return ", ".join(labels.get(str(value), str(value)) for value in chosen if value not in (None, ""))
    if field.type == "BooleanField":
        return _("Ja") if field.data else _("Nej")
    return "" if field.data is None else str(field.data).strip()
