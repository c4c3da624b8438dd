"""Caseworker forms for the caseload itself: handing a citizen over, inviting a new one."""

from flask_wtf import FlaskForm
from wtforms import EmailField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Email, InputRequired, Optional

from portal.forms import DateText, at_most, clean_text
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


class InvitationForm(FlaskForm):
    name = StringField(
        _l("Borgerens navn"),
        filters=[clean_text],
        validators=[
            DataRequired(message=_l("Skriv borgerens navn")),
            at_most(200),
        ],
    )
    email = EmailField(
        _l("Borgerens e-mail"),
        filters=[clean_text],
        validators=[
            DataRequired(message=_l("Skriv borgerens e-mailadresse")),
            at_most(254),
            Email(message=_l("Skriv en e-mailadresse som navn@eksempel.dk")),
        ],
    )
    first_contact_date = DateText(
        _l("Første henvendelse til kommunen (frivilligt)"),
        validators=[Optional()],
        description=_l("Reglerne for samtaler tæller fra denne dag. Skriv fx 23.11.2026."),
    )
