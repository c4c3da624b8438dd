"""The citizen's plan forms: comment, propose, acknowledge, tick off, expectations and evaluation."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import BooleanField, RadioField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Optional

from portal.forms import DateText, VersionedButton, VersionedForm, at_most, clean_text
from portal.i18n import lazy_gettext as _l
from portal.plan.models import PlanItem

TEXT_MAX = 2000


class CommentForm(FlaskForm):
    text = TextAreaField(
        _l("Din kommentar"),
        filters=[clean_text],
        validators=[
            DataRequired(message=_l("Skriv din kommentar")),
            at_most(TEXT_MAX),
        ],
    )


class ProposalForm(FlaskForm):
    kind = RadioField(
        _l("Hvad vil du foreslå?"),
        choices=[
            SelectChoice("milestone", _l("Et nyt delmål")),
            SelectChoice("job_goal", _l("Et nyt jobmål")),
            SelectChoice("activity", _l("En ny aktivitet, fx et kursus eller en praktik")),
        ],
        validators=[InputRequired(message=_l("Vælg, hvad du vil foreslå"))],
    )
    title = StringField(
        _l("Skriv dit forslag kort"),
        filters=[clean_text],
        validators=[
            DataRequired(message=_l("Skriv dit forslag")),
            at_most(300),
        ],
    )
    why = TextAreaField(
        _l("Hvorfor er det en god idé for dig?"),
        filters=[clean_text],
        validators=[Optional(), at_most(TEXT_MAX)],
    )
    due_date = DateText(
        _l("Hvornår vil du gerne nå det?"),
        validators=[Optional()],
    )


class AcknowledgeForm(VersionedButton):
    confirm = BooleanField(
        _l("Jeg har læst og forstået min plan"),
        validators=[InputRequired(message=_l("Sæt kryds, hvis du har læst og forstået din plan"))],
    )


class DoneForm(VersionedButton):
    pass


class ReflectionForm(VersionedForm):
    """Mål og forventninger before a practicum, or Hvad gav praktikken? after it."""

    text = TextAreaField(
        _l("Din tekst"),
        filters=[clean_text],
        validators=[
            DataRequired(message=_l("Skriv din tekst")),
            at_most(TEXT_MAX),
        ],
    )

    @classmethod
    def from_record(cls, item: PlanItem, field: str) -> ReflectionForm:
        return cls(formdata=None, version=str(item.version), text=getattr(item, field))
