"""Adding a citizen to the caseload: name, e-mail and the date of first contact."""

from flask_wtf import FlaskForm
from wtforms import EmailField, StringField
from wtforms.validators import DataRequired, Email, Optional

from portal.forms import DateText, at_most, clean_text
from portal.i18n import lazy_gettext as _l


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
