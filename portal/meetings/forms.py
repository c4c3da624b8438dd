"""The citizen's meeting and homework forms."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import TextAreaField
from wtforms.validators import DataRequired, Optional

from portal.forms import VersionedButton, VersionedForm, at_most, clean_text
from portal.i18n import lazy_gettext as _l
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
