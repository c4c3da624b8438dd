"""Adding a citizen to the caseload: name, CPR number, e-mail if they want reminders, and the date
of first contact."""

from flask_wtf import FlaskForm
from wtforms import EmailField, StringField, ValidationError
from wtforms.validators import DataRequired, Email, Optional

from portal.auth import cpr
from portal.forms import DateText, at_most, clean_text
from portal.i18n import lazy_gettext as _l


def valid_cpr_number(_form, field) -> None:
    """Keeps the ten digits in `field.digits`."""
    field.digits = cpr.normalised(field.data)
    if field.digits is not None:
        return
    if cpr.well_formed(field.data):
        raise ValidationError(_l("Tjek de første 6 cifre. De er borgerens fødselsdato, fx 010190"))
    raise ValidationError(_l("Skriv CPR-nummeret med 10 cifre, fx 010190-1234"))


class InvitationForm(FlaskForm):
    name = StringField(
        _l("Borgerens navn"),
        filters=[clean_text],
        validators=[
            DataRequired(message=_l("Skriv borgerens navn")),
            at_most(200),
        ],
    )
    cpr_number = StringField(
        _l("Borgerens CPR-nummer"),
        filters=[clean_text],
        validators=[DataRequired(message=_l("Skriv borgerens CPR-nummer")), valid_cpr_number],
        description=_l("10 cifre, fx 010190-1234. Min Plan gemmer ikke CPR-nummeret i læsbar form."),
    )
    email = EmailField(
        _l("Borgerens e-mail"),
        filters=[clean_text],
        description=_l("Til påmindelser om møder og opgaver."),
        validators=[
            Optional(),
            at_most(254),
            Email(message=_l("Skriv en e-mailadresse som navn@eksempel.dk")),
        ],
    )
    first_contact_date = DateText(
        _l("Første henvendelse til kommunen"),
        validators=[Optional()],
        description=_l("Reglerne for samtaler tæller fra denne dag."),
    )
