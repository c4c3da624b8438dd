"""The citizen's meeting and homework forms."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import RadioField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Optional, StopValidation

from portal.forms import ChoiceOneOf, VersionedButton, VersionedForm, at_most, clean_text
from portal.i18n import current_language
from portal.i18n import gettext as _
from portal.i18n import lazy_gettext as _l
from portal.meetings import interpreters
from portal.meetings.models import Homework, Meeting

TEXT_MAX = 2000


class AbsenceForm(VersionedForm):
    reason = TextAreaField(
        _l("Hvorfor kan du ikke komme?"),
        filters=[clean_text],
        description=_l(
            "Fx sygdom, et barn, der er sygt, eller en jobsamtale. Din sagsbehandler finder en ny tid med dig."
        ),
        validators=[DataRequired(message=_l("Skriv, hvorfor du ikke kan komme")), at_most(TEXT_MAX)],
    )

    @classmethod
    def from_record(cls, meeting: Meeting) -> AbsenceForm:
        return cls(formdata=None, version=str(meeting.version), reason=meeting.absence_reason)


class InterpreterForm(VersionedForm):
    language = RadioField(
        _l("Hvilket sprog skal tolken tale?"),
        description=_l("Vælg det sprog, du taler bedst."),
        choices=[SelectChoice(code, label) for code, label in interpreters.LANGUAGES.items()],
        validate_choice=False,
        validators=[
            InputRequired(message=_l("Vælg det sprog, du skal have en tolk til")),
            ChoiceOneOf(interpreters.LANGUAGES),
        ],
    )
    #: Needed only with "Andet sprog", so not marked "(frivilligt)": the page shows it under that choice.
    other_language = StringField(
        _l("Hvilket sprog?"),
        filters=[clean_text],
        description=_l("Skriv sproget, fx wolof eller swahili."),
        validators=[at_most(100)],
    )

    def validate_other_language(self, field) -> None:
        if self.language.data == interpreters.OTHER and not field.data:
            raise StopValidation(_("Skriv, hvilket sprog du skal have en tolk til"))

    @classmethod
    def from_record(cls, meeting: Meeting) -> InterpreterForm:
        """The request as saved; a first request starts from the language the citizen reads the
        portal in, when it is on the list."""
        return cls(
            formdata=None,
            version=str(meeting.version),
            language=meeting.interpreter_language or interpreters.default_for(current_language()),
            other_language=meeting.interpreter_language_other,
        )


class InterpreterWithdrawForm(VersionedButton):
    pass


class SummaryCommentForm(FlaskForm):
    text = TextAreaField(
        _l("Din kommentar til referatet"),
        filters=[clean_text],
        description=_l("Skriv fx, hvis du husker noget anderledes. Din sagsbehandler læser det."),
        validators=[DataRequired(message=_l("Skriv din kommentar")), at_most(TEXT_MAX)],
    )


class HomeworkDoneForm(VersionedForm):
    note = TextAreaField(
        _l("Vil du skrive noget til din sagsbehandler?"),
        filters=[clean_text],
        description=_l("Fx hvad du fandt ud af, eller hvad der var svært."),
        validators=[Optional(), at_most(TEXT_MAX)],
    )

    @classmethod
    def from_record(cls, task: Homework) -> HomeworkDoneForm:
        return cls(formdata=None, version=str(task.version), note=task.done_note)


class HomeworkReopenForm(VersionedButton):
    pass
