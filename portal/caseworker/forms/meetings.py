"""The caseworker's meeting forms: plan or change a meeting, cancel it, write the summary with the
homework and the agreements made at the meeting."""

from __future__ import annotations

import re
from datetime import UTC, datetime, time

from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, RadioField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Optional, StopValidation

from portal.clock import local_zone
from portal.forms import ChoiceOneOf, DateText, at_most, clean_text
from portal.i18n import lazy_gettext as _l
from portal.meetings import labels
from portal.meetings.models import Channel, MeetingKind
from portal.plan import labels as plan_labels
from portal.plan.models import OWNERS

TEXT_MAX = 4000
DURATIONS = (15, 30, 45, 60, 90, 120)
#: Rows for new agreements and homework on the summary page; more can be added by saving again.
SUMMARY_ROWS = 3


def _clock(form, field) -> None:
    match = re.fullmatch(r"(\d{1,2})[:.](\d{2})", (field.data or "").strip())
    if not match or int(match[1]) > 23 or int(match[2]) > 59:
        raise StopValidation(_l("Skriv klokkeslættet som timer og minutter, fx 10:30"))
    field.parsed = time(int(match[1]), int(match[2]))


class MeetingForm(FlaskForm):
    version = HiddenField()
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
        validators=[Optional(), at_most(300)],
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

    def validate(self, extra_validators=None) -> bool:
        # Here, not in validate_place: Optional() ends that field's checks when it is empty.
        valid = super().validate(extra_validators)
        if self.channel.data == Channel.IN_PERSON.value and not self.place.data and not self.place.errors:
            self.place.errors = [*self.place.errors, str(_l("Skriv adressen, hvor borgeren skal møde op"))]
            return False
        return valid

    def starts_at(self) -> datetime:
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


class CancelMeetingForm(FlaskForm):
    version = HiddenField()
    reason = TextAreaField(
        _l("Hvorfor aflyses mødet?"),
        filters=[clean_text],
        description=_l("Borgeren kan læse begrundelsen."),
        validators=[DataRequired(message=_l("Skriv, hvorfor mødet aflyses")), at_most(2000)],
    )


class SummaryForm(FlaskForm):
    """The summary and, in the same step, the meeting's homework and agreements (seeds/002: register
    who does what by when right away). Rows left empty are ignored."""

    version = HiddenField()
    summary = TextAreaField(
        _l("Referat"),
        filters=[clean_text],
        validators=[Optional(), at_most(10000)],
        description=_l("Skriv i et sprog, borgeren forstår. Borgeren ser det, når du deler det."),
    )
    publish = BooleanField(_l("Del referatet med borgeren"))

    def validate_publish(self, field) -> None:
        if field.data and not self.summary.data:
            raise StopValidation(_l("Skriv referatet, før du deler det med borgeren"))

    def rows(self, prefix: str) -> list[dict]:
        return [row for row in (self._row(prefix, n) for n in range(1, SUMMARY_ROWS + 1)) if row]

    def _row(self, prefix: str, n: int) -> dict | None:
        title = self[f"{prefix}{n}_title"].data
        if not title:
            return None
        due = self[f"{prefix}{n}_due"].parsed
        if prefix == "homework":
            return {"title": title, "why": self[f"homework{n}_why"].data or None, "due_date": due}
        return {"title": title, "owner": self[f"agreement{n}_owner"].data, "due_date": due, "status": "open"}

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        for prefix, message in (
            ("homework", _l("Skriv, hvad borgeren skal gøre")),
            ("agreement", _l("Skriv, hvad I har aftalt")),
        ):
            for n in range(1, SUMMARY_ROWS + 1):
                title = self[f"{prefix}{n}_title"]
                others = [
                    self[f"{prefix}{n}_due"].data,
                    self[f"{prefix}{n}_why"].data if prefix == "homework" else None,
                ]
                if not title.data and any(others) and not title.errors:
                    title.errors = [*title.errors, str(message)]
                    valid = False
        return valid


def _add_rows() -> None:
    owner_choices = [SelectChoice(owner, plan_labels.OWNERS_FOR_CASEWORKER[owner]) for owner in OWNERS]
    for n in range(1, SUMMARY_ROWS + 1):
        setattr(
            SummaryForm,
            f"homework{n}_title",
            StringField(
                _l("Hjemmeopgave %(n)d: hvad skal borgeren gøre?", n=n),
                filters=[clean_text],
                validators=[Optional(), at_most(300)],
            ),
        )
        setattr(
            SummaryForm,
            f"homework{n}_why",
            TextAreaField(_l("Hvorfor?"), filters=[clean_text], validators=[Optional(), at_most(1000)]),
        )
        setattr(SummaryForm, f"homework{n}_due", DateText(_l("Senest"), validators=[Optional()]))
        setattr(
            SummaryForm,
            f"agreement{n}_title",
            StringField(
                _l("Aftale %(n)d: hvad har I aftalt?", n=n), filters=[clean_text], validators=[Optional(), at_most(300)]
            ),
        )
        setattr(
            SummaryForm,
            f"agreement{n}_owner",
            SelectField(
                _l("Hvem gør det?"),
                choices=owner_choices,
                default="citizen",
                validate_choice=False,
                validators=[ChoiceOneOf(set(OWNERS))],
            ),
        )
        setattr(SummaryForm, f"agreement{n}_due", DateText(_l("Hvornår?"), validators=[Optional()]))


_add_rows()


class HomeworkSeenForm(FlaskForm):
    pass
