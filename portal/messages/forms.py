"""The forms of Beskeder: a new thread, an answer, and the caseworker's close with a note. Each
message form carries an idempotency key, made when it is shown: sent twice, it sends once."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import HiddenField, StringField, TextAreaField
from wtforms.validators import DataRequired

from portal.forms import VersionedButton, at_most
from portal.i18n import lazy_gettext as _l
from portal.messages import rules, services
from portal.messages.models import BODY_MAX, CLOSE_NOTE_MAX, SUBJECT_MAX


def _one_line(value: str | None) -> str | None:
    """A subject is one line: line breaks become spaces."""
    value = rules.neutralised(value)
    return " ".join(value.split()) if value is not None else None


class _Keyed(FlaskForm):
    key = HiddenField()

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if not self.key.data:
            self.key.data = services.new_idempotency_key()

    @property
    def usable_key(self) -> str:
        return services.usable_key(self.key.data)


def _body() -> TextAreaField:
    return TextAreaField(
        _l("Din besked"),
        filters=[rules.neutralised],
        validators=[DataRequired(message=_l("Skriv din besked")), at_most(BODY_MAX)],
    )


class ReplyForm(_Keyed):
    body = _body()


class NewThreadForm(_Keyed):
    subject = StringField(
        _l("Emne"),
        filters=[_one_line],
        description=_l("Fx Hvad skal jeg tage med til praktikken?"),
        validators=[DataRequired(message=_l("Skriv et emne")), at_most(SUBJECT_MAX)],
    )
    body = _body()
    #: "Spørg om dette": what the thread is about, as "plan_item:12"; checked against the citizen's own.
    about = HiddenField()


class CloseForm(VersionedButton):
    note = StringField(
        _l("Kort note til borgeren"),
        filters=[rules.neutralised],
        description=_l("Fx Svaret er givet. Skriv igen, hvis du har flere spørgsmål."),
        validators=[DataRequired(message=_l("Skriv en kort note til borgeren")), at_most(CLOSE_NOTE_MAX)],
    )


class ReadForm(FlaskForm):
    """ "Marker som læst": the page sends it by itself when the messages are on screen."""

    up_to = HiddenField()
