"""The citizen's plan forms: comment, propose, acknowledge, tick off, expectations and evaluation."""

from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, RadioField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from portal.i18n import lazy_gettext as _l
from portal.questionnaire.forms import DateText, clean_text

TEXT_MAX = 2000


class VersionedForm(FlaskForm):
    #: The item's version when the form was shown; a stale save is refused, never silently applied.
    version = HiddenField()


class CommentForm(FlaskForm):
    text = TextAreaField(
        _l("Din kommentar"),
        filters=[clean_text],
        validators=[
            DataRequired(message=_l("Skriv din kommentar")),
            Length(max=TEXT_MAX, message=_l("Skriv højst %(max)d tegn", max=TEXT_MAX)),
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
            Length(max=300, message=_l("Skriv højst %(max)d tegn", max=300)),
        ],
    )
    why = TextAreaField(
        _l("Hvorfor er det en god idé for dig?"),
        filters=[clean_text],
        validators=[Optional(), Length(max=TEXT_MAX, message=_l("Skriv højst %(max)d tegn", max=TEXT_MAX))],
    )
    due_date = DateText(
        _l("Hvornår vil du gerne nå det?"),
        description=_l("Skriv datoen som dag.måned.år, fx 1.3.2027."),
        validators=[Optional()],
    )


class AcknowledgeForm(FlaskForm):
    version = HiddenField()
    confirm = BooleanField(
        _l("Jeg har læst og forstået min plan"),
        validators=[InputRequired(message=_l("Sæt kryds, hvis du har læst og forstået din plan"))],
    )


class DoneForm(VersionedForm):
    pass


class ReflectionForm(VersionedForm):
    """Mål og forventninger before a practicum, or Hvad gav praktikken? after it."""

    text = TextAreaField(
        _l("Din tekst"),
        filters=[clean_text],
        validators=[
            DataRequired(message=_l("Skriv din tekst")),
            Length(max=TEXT_MAX, message=_l("Skriv højst %(max)d tegn", max=TEXT_MAX)),
        ],
    )
