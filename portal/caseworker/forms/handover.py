"""Handing a citizen over to a colleague, with a note, and perhaps a conversation in Beskeder to read."""

from flask_wtf import FlaskForm
from wtforms import SelectField, TextAreaField
from wtforms.validators import DataRequired, InputRequired

from portal.forms import at_most, clean_text
from portal.i18n import lazy_gettext as _l
from portal.organisation.services import NOTE_MAX_LENGTH


class HandoverForm(FlaskForm):
    """The colleague's and the conversation's choices are set by the view: colleagues from the
    caseworker's own jobcentre, conversations from the citizen's own."""

    # The view checks the chosen id against the colleagues (WTForms' own choice error is not translated).
    caseworker = SelectField(
        _l("Ny sagsbehandler"),
        validate_choice=False,
        validators=[InputRequired(message=_l("Vælg den kollega, der skal overtage borgeren"))],
    )
    note = TextAreaField(
        _l("Overdragelsesnote"),
        filters=[clean_text],
        description=_l("Hvad skal din kollega vide før næste møde? Borgeren kan læse noten under Mine data."),
        validators=[
            DataRequired(message=_l("Skriv en overdragelsesnote til den nye sagsbehandler")),
            at_most(NOTE_MAX_LENGTH),
        ],
    )
    # Checked by the view against the citizen's own threads, like the colleague.
    message_thread = SelectField(
        _l("Henvis til en samtale i Beskeder"),
        description=_l("Din kollega får et link til samtalen ved siden af noten."),
        validate_choice=False,
    )
