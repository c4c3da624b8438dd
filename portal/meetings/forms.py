"""The citizen's meeting and homework forms."""

from flask_wtf import FlaskForm
from wtforms import HiddenField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from portal.i18n import lazy_gettext as _l
from portal.questionnaire.forms import clean_text

TEXT_MAX = 2000


def _max_length():
    return Length(max=TEXT_MAX, message=_l("Skriv højst %(max)d tegn", max=TEXT_MAX))


class VersionedForm(FlaskForm):
    #: The record's version when the form was shown; a stale save is refused, never silently applied.
    version = HiddenField()


class AbsenceForm(VersionedForm):
    reason = TextAreaField(
        _l("Hvorfor kan du ikke komme?"),
        filters=[clean_text],
        description=_l(
            "Fx sygdom, et barn, der er sygt, eller en jobsamtale. Din sagsbehandler finder en ny tid med dig."
        ),
        validators=[DataRequired(message=_l("Skriv, hvorfor du ikke kan komme")), _max_length()],
    )


class SummaryCommentForm(FlaskForm):
    text = TextAreaField(
        _l("Din kommentar til referatet"),
        filters=[clean_text],
        description=_l("Skriv fx, hvis du husker noget anderledes. Din sagsbehandler læser det."),
        validators=[DataRequired(message=_l("Skriv din kommentar")), _max_length()],
    )


class HomeworkDoneForm(VersionedForm):
    note = TextAreaField(
        _l("Vil du skrive noget til din sagsbehandler?"),
        filters=[clean_text],
        description=_l("Fx hvad du fandt ud af, eller hvad der var svært."),
        validators=[Optional(), _max_length()],
    )


class HomeworkReopenForm(VersionedForm):
    pass
