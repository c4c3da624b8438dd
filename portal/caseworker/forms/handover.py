"""Handing a citizen over to a colleague, with a note."""

from flask_wtf import FlaskForm
from wtforms import SelectField, TextAreaField
from wtforms.validators import DataRequired, InputRequired

from portal.forms import at_most, clean_text
from portal.i18n import lazy_gettext as _l
from portal.organisation.services import NOTE_MAX_LENGTH


class HandoverForm(FlaskForm):
    """The colleague's choices are set by the view from the caseworker's own jobcentre."""

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
