"""The joblog's forms: one entry (quick fields first, the rest optional), the list's filters,
delete and restore."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask_wtf import FlaskForm
from wtforms import Form, RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Optional, StopValidation

from portal.forms import (
    ChoiceOneOf,
    DateText,
    VersionedButton,
    VersionedForm,
    at_most,
    choices,
    clean_text,
    date_for_input,
)
from portal.i18n import lazy_gettext as _l
from portal.joblog import labels
from portal.joblog.models import ACTIVITY_KINDS, APPLICATION_TYPES, RESULTS, STATUSES, TRACKS, JobLogEntry
from portal.joblog.queries import Filters
from portal.required import RequiredWhen

FOR_APPLICATION = _l("skal udfyldes ved jobsøgning")


def web_link(form, field) -> None:
    """Only http(s) links with a host: a javascript: or data: link must never reach an href."""
    if not field.data:
        return
    parts = urlsplit(field.data)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc or any(c.isspace() for c in field.data):
        raise StopValidation(_l("Skriv hele adressen på opslaget, fx https://www.jobnet.dk/..."))


class EntryForm(VersionedForm):
    entry_type = RadioField(
        _l("Hvad vil du skrive ind?"),
        choices=choices(labels.ENTRY_TYPES),
        default="application",
        validate_choice=False,
        validators=[InputRequired(message=_l("Vælg, hvad du vil skrive ind")), ChoiceOneOf(labels.ENTRY_TYPES)],
    )
    job_title = StringField(
        _l("Stilling eller aktivitet"),
        filters=[clean_text],
        description=_l("Fx lagermedarbejder, eller jobmesse i Holbæk"),
        validators=[DataRequired(message=_l("Skriv stillingen eller aktiviteten")), at_most(200)],
    )
    employer = StringField(
        _l("Virksomhed"),
        filters=[clean_text],
        description=_l("Ved anden aktivitet: hvem stod for den"),
        validators=[
            RequiredWhen("entry_type", ["application"], message=_l("Skriv virksomhedens navn"), note=FOR_APPLICATION),
            at_most(200),
        ],
    )
    applied_on = DateText(
        _l("Dato"),
        description=_l("Hvornår du søgte, eller hvornår aktiviteten var."),
        validators=[DataRequired(message=_l("Skriv datoen"))],
    )
    application_type = SelectField(
        _l("Hvordan søgte du?"),
        choices=choices(labels.APPLICATION_TYPES, _l("Vælg")),
        validate_choice=False,
        validators=[
            RequiredWhen(
                "entry_type",
                ["application"],
                message=_l("Vælg, hvordan du søgte"),
                note=FOR_APPLICATION,
                only=True,
            ),
            ChoiceOneOf(APPLICATION_TYPES),
        ],
    )
    activity_kind = SelectField(
        _l("Hvilken aktivitet?"),
        choices=choices(labels.ACTIVITY_KINDS, _l("Vælg")),
        validate_choice=False,
        validators=[
            RequiredWhen(
                "entry_type",
                ["other"],
                message=_l("Vælg, hvilken aktivitet det var"),
                note=_l("skal udfyldes ved anden aktivitet"),
                only=True,
            ),
            ChoiceOneOf(ACTIVITY_KINDS),
        ],
    )
    status = SelectField(
        _l("Status"),
        choices=choices(labels.STATUSES),
        default="applied",
        validate_choice=False,
        validators=[InputRequired(message=_l("Vælg status")), ChoiceOneOf(STATUSES)],
    )
    # Optional details.
    location = StringField(_l("Arbejdssted (by)"), filters=[clean_text], validators=[Optional(), at_most(200)])
    deadline = DateText(_l("Ansøgningsfrist"), validators=[Optional()])
    contact_person = StringField(_l("Kontaktperson"), filters=[clean_text], validators=[Optional(), at_most(200)])
    link = StringField(_l("Link til opslaget"), filters=[clean_text], validators=[Optional(), at_most(500), web_link])
    track = SelectField(
        _l("Hvilken plan hører det til?"),
        choices=choices(labels.TRACKS, _l("Ingen")),
        validate_choice=False,
        validators=[ChoiceOneOf(TRACKS)],
    )
    result = SelectField(
        _l("Resultat (når den er afsluttet)"),
        choices=choices(labels.RESULTS, _l("Ikke afsluttet")),
        validate_choice=False,
        validators=[ChoiceOneOf(RESULTS)],
    )
    notes = TextAreaField(_l("Noter"), filters=[clean_text], validators=[Optional(), at_most(2000)])

    def validate_result(self, field) -> None:
        if field.data and self.status.data != "closed":
            raise StopValidation(_l("Vælg status Afsluttet, hvis du har et resultat, eller vælg Ikke afsluttet"))

    @classmethod
    def from_record(cls, entry: JobLogEntry) -> EntryForm:
        """The form as the edit page shows a saved entry."""
        form = cls(formdata=None, obj=entry)
        form.version.data = str(entry.version)
        form.applied_on.data, form.deadline.data = date_for_input(entry.applied_on), date_for_input(entry.deadline)
        for name in ("application_type", "activity_kind", "track", "result"):
            form[name].data = getattr(entry, name) or ""
        return form

    def values(self) -> dict:
        application = self.entry_type.data == "application"
        return {
            "entry_type": self.entry_type.data,
            "job_title": self.job_title.data,
            "employer": self.employer.data or None,
            "applied_on": self.applied_on.parsed,
            "application_type": (self.application_type.data or None) if application else None,
            "activity_kind": None if application else (self.activity_kind.data or None),
            "status": self.status.data,
            "location": self.location.data or None,
            "deadline": self.deadline.parsed,
            "contact_person": self.contact_person.data or None,
            "link": self.link.data or None,
            "track": self.track.data or None,
            "result": (self.result.data or None) if self.status.data == "closed" else None,
            "notes": self.notes.data or None,
        }


class FilterForm(Form):
    """The list's filters, read from the query string (a GET form: no CSRF, nothing changes)."""

    KEYS = ("q", "status", "track", "start", "end")

    q = StringField(_l("Søg på stilling eller virksomhed"), filters=[clean_text], validators=[Optional(), at_most(100)])
    status = SelectField(
        _l("Status"),
        choices=choices(labels.STATUSES, _l("Alle")),
        validate_choice=False,
        validators=[ChoiceOneOf(STATUSES)],
    )
    track = SelectField(
        _l("Plan"), choices=choices(labels.TRACKS, _l("Alle")), validate_choice=False, validators=[ChoiceOneOf(TRACKS)]
    )
    start = DateText(_l("Fra dato"), validators=[Optional()])
    end = DateText(_l("Til dato"), validators=[Optional()])

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if valid and self.start.parsed and self.end.parsed and self.start.parsed > self.end.parsed:
            self.end.errors = [*self.end.errors, str(_l("Skriv en til-dato, der ikke ligger før fra-datoen"))]
            return False
        return valid


class DeleteForm(VersionedButton):
    pass


class RestoreForm(FlaskForm):
    pass


def read_filters(args) -> tuple[FilterForm, Filters]:
    """The list's filters from the query string; invalid ones are shown with their error and not applied."""
    form = FilterForm(args)
    if not args or not form.validate():
        return form, Filters()
    return form, Filters(
        q=form.q.data or None,
        status=form.status.data or None,
        track=form.track.data or None,
        start=form.start.parsed,
        end=form.end.parsed,
    )


def filter_args(args) -> dict:
    """The filters to keep in next-page, export and print links."""
    return {key: value for key, value in args.items() if key in FilterForm.KEYS and value}
