"""The caseworker's meeting forms: plan or change a meeting, cancel it, write the summary with the
homework and the agreements made at the meeting."""

from __future__ import annotations

import re
from datetime import UTC, datetime, time

from flask_wtf import FlaskForm
from wtforms import BooleanField, FieldList, Form, FormField, RadioField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Optional, StopValidation

from portal.clock import local_zone
from portal.forms import ChoiceOneOf, DateText, VersionedForm, at_most, clean_text, clock_for_input, date_for_input
from portal.i18n import gettext as _
from portal.i18n import lazy_gettext as _l
from portal.meetings import labels
from portal.meetings.models import Channel, Meeting, MeetingKind
from portal.plan import labels as plan_labels
from portal.plan.models import OWNERS
from portal.required import RequiredWhen, RequiredWithAny

TEXT_MAX = 4000
DURATIONS = (15, 30, 45, 60, 90, 120)
#: Rows for new agreements and homework on the summary page; more can be added by saving again.
SUMMARY_ROWS = 3


def _clock(form, field) -> None:
    match = re.fullmatch(r"(\d{1,2})[:.](\d{2})", (field.data or "").strip())
    if not match or int(match[1]) > 23 or int(match[2]) > 59:
        raise StopValidation(_l("Skriv klokkeslættet som timer og minutter, fx 10:30"))
    field.parsed = time(int(match[1]), int(match[2]))


class MeetingForm(VersionedForm):
    kind = SelectField(
        _l("Hvilket møde i forløbet?"),
        choices=[SelectChoice(kind.value, labels.step_label(kind)) for kind in MeetingKind],
        validate_choice=False,
        validators=[InputRequired(message=_l("Vælg, hvilket møde det er")), ChoiceOneOf(set(MeetingKind))],
    )
    day = DateText(_l("Dato"), validators=[DataRequired(message=_l("Skriv mødets dato"))])
    clock = StringField(
        _l("Klokkeslæt"),
        description=_l("Fx 10:30"),
        validators=[DataRequired(message=_l("Skriv mødets klokkeslæt")), _clock],
    )
    duration_minutes = SelectField(
        _l("Varighed"),
        choices=[SelectChoice(str(minutes), _l("%(minutes)d minutter", minutes=minutes)) for minutes in DURATIONS],
        default="45",
        validate_choice=False,
        validators=[
            InputRequired(message=_l("Vælg, hvor længe mødet varer")),
            ChoiceOneOf({str(m) for m in DURATIONS}),
        ],
    )
    channel = RadioField(
        _l("Mødeform"),
        choices=[SelectChoice(c.value, labels.CHANNELS[c.value]) for c in Channel],
        validate_choice=False,
        validators=[InputRequired(message=_l("Vælg mødeform")), ChoiceOneOf(set(Channel))],
    )
    place = StringField(
        _l("Sted eller detaljer"),
        filters=[clean_text],
        description=_l("Adressen ved fremmøde. Telefonnummer eller link ved telefon og video."),
        validators=[
            RequiredWhen(
                "channel",
                [Channel.IN_PERSON.value],
                message=_l("Skriv adressen, hvor borgeren skal møde op"),
                note=_l("skal udfyldes ved fremmøde"),
            ),
            at_most(300),
        ],
    )
    purpose = TextAreaField(_l("Formål med mødet"), filters=[clean_text], validators=[Optional(), at_most(TEXT_MAX)])
    agenda = TextAreaField(
        _l("Dagsorden"),
        filters=[clean_text],
        description=_l("Ét emne på hver linje."),
        validators=[Optional(), at_most(TEXT_MAX)],
    )
    preparation = TextAreaField(
        _l("Det skal borgeren forberede"), filters=[clean_text], validators=[Optional(), at_most(TEXT_MAX)]
    )

    @classmethod
    def from_record(cls, meeting: Meeting) -> MeetingForm:
        """The form as the edit page shows a saved meeting, its time on the local wall clock."""
        form = cls(
            formdata=None,
            obj=meeting,
            kind=meeting.kind.value,
            channel=meeting.channel.value,
            duration_minutes=str(meeting.duration_minutes),
        )
        local = meeting.starts_at.astimezone(local_zone())
        form.day.data, form.clock.data = date_for_input(local.date()), clock_for_input(local)
        form.version.data = str(meeting.version)
        return form

    def starts_at(self) -> datetime:
        """The meeting's start in UTC, from the local date and time a validated form holds."""
        if self.day.parsed is None:
            raise ValueError("starts_at needs a validated form")
        local = datetime.combine(self.day.parsed, self.clock.parsed, tzinfo=local_zone())
        return local.astimezone(UTC)

    def values(self) -> dict:
        return {
            "kind": MeetingKind(self.kind.data),
            "starts_at": self.starts_at(),
            "duration_minutes": int(self.duration_minutes.data),
            "channel": Channel(self.channel.data),
            "place": self.place.data or None,
            "purpose": self.purpose.data or None,
            "agenda": self.agenda.data or None,
            "preparation": self.preparation.data or None,
        }


class CancelMeetingForm(VersionedForm):
    reason = TextAreaField(
        _l("Hvorfor aflyses mødet?"),
        filters=[clean_text],
        description=_l("Borgeren kan læse begrundelsen."),
        validators=[DataRequired(message=_l("Skriv, hvorfor mødet aflyses")), at_most(2000)],
    )

    @classmethod
    def from_record(cls, meeting: Meeting) -> CancelMeetingForm:
        return cls(formdata=None, version=str(meeting.version), reason=meeting.cancel_reason)


class HomeworkRow(Form):
    """One new homework task on the summary page; a row left empty is no task."""

    title = StringField(
        _l("Hvad skal borgeren gøre?"),
        filters=[clean_text],
        validators=[
            RequiredWithAny(
                ("why", "due"),
                message=_l("Skriv, hvad borgeren skal gøre"),
                note=_l("skal udfyldes, hvis du skriver hvorfor eller en dato"),
            ),
            at_most(300),
        ],
    )
    why = TextAreaField(_l("Hvorfor?"), filters=[clean_text], validators=[Optional(), at_most(1000)])
    due = DateText(_l("Senest"), validators=[Optional()])

    def values(self) -> dict | None:
        if not self.title.data:
            return None
        return {"title": self.title.data, "why": self.why.data or None, "due_date": self.due.parsed}


class AgreementRow(Form):
    """One new agreement for the plan on the summary page; a row left empty is no agreement."""

    title = StringField(
        _l("Hvad har I aftalt?"),
        filters=[clean_text],
        validators=[
            RequiredWithAny(
                ("due",), message=_l("Skriv, hvad I har aftalt"), note=_l("skal udfyldes, hvis du skriver en dato")
            ),
            at_most(300),
        ],
    )
    owner = SelectField(
        _l("Hvem gør det?"),
        choices=[SelectChoice(owner, plan_labels.OWNERS_FOR_CASEWORKER[owner]) for owner in OWNERS],
        default="citizen",
        validate_choice=False,
        validators=[ChoiceOneOf(set(OWNERS))],
    )
    due = DateText(_l("Hvornår?"), validators=[Optional()])

    def values(self) -> dict | None:
        if not self.title.data:
            return None
        return {"title": self.title.data, "owner": self.owner.data, "due_date": self.due.parsed, "status": "open"}


class SummaryForm(VersionedForm):
    """The summary and, in the same step, the meeting's homework and agreements (seeds/002: register
    who does what by when right away). Rows left empty are ignored."""

    summary = TextAreaField(
        _l("Referat"),
        filters=[clean_text],
        validators=[
            RequiredWhen(
                "publish",
                [True],
                message=_l("Skriv referatet, før du deler det med borgeren"),
                note=_l("skal udfyldes, når du deler det"),
            ),
            at_most(10000),
        ],
        description=_l("Skriv i et sprog, borgeren forstår. Borgeren ser det, når du deler det."),
    )
    publish = BooleanField(_l("Del referatet med borgeren"))
    homework = FieldList(FormField(HomeworkRow), min_entries=SUMMARY_ROWS, max_entries=SUMMARY_ROWS)
    agreements = FieldList(FormField(AgreementRow), min_entries=SUMMARY_ROWS, max_entries=SUMMARY_ROWS)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for n, row in enumerate(self.homework, start=1):
            row.form.title.label.text = _("Hjemmeopgave %(n)d: hvad skal borgeren gøre?", n=n)
        for n, row in enumerate(self.agreements, start=1):
            row.form.title.label.text = _("Aftale %(n)d: hvad har I aftalt?", n=n)

    @classmethod
    def from_record(cls, meeting: Meeting, suggestion: tuple[str, str] | None = None) -> SummaryForm:
        """The form as the page shows the meeting's summary; `suggestion` fills the first homework
        row (title, why) with the step's suggestion while the meeting has no homework yet."""
        form = cls(
            formdata=None,
            summary=meeting.summary,
            publish=meeting.summary_published_at is not None,
            version=str(meeting.version),
        )
        if suggestion is not None:
            form.homework[0].form.title.data, form.homework[0].form.why.data = suggestion
        return form

    def compared_fields(self) -> list:
        """The new rows are new tasks and agreements, not part of the saved meeting."""
        return [self.summary, self.publish]

    def new_homework(self) -> list[dict]:
        return [values for row in self.homework if (values := row.form.values())]

    def new_agreements(self) -> list[dict]:
        return [values for row in self.agreements if (values := row.form.values())]


class HomeworkSeenForm(FlaskForm):
    pass
