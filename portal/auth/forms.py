"""Logging in and choosing a password with an activation link."""

from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField
from wtforms.validators import EqualTo, InputRequired, Length

from portal.auth.passwords import MIN_LENGTH
from portal.i18n import lazy_gettext as _l


class LoginForm(FlaskForm):
    email = EmailField(
        _l("E-mail"),
        validators=[
            InputRequired(message=_l("Skriv din e-mailadresse")),
            Length(max=254, message=_l("E-mailadressen må højst være 254 tegn")),
        ],
    )
    password = PasswordField(
        _l("Adgangskode"),
        validators=[
            InputRequired(message=_l("Skriv din adgangskode")),
            Length(max=1000, message=_l("Adgangskoden er for lang")),
        ],
    )


class SetPasswordForm(FlaskForm):
    password = PasswordField(
        _l("Vælg en adgangskode"),
        validators=[
            InputRequired(message=_l("Skriv en adgangskode")),
            Length(min=MIN_LENGTH, message=_l("Brug mindst %(min)d tegn", min=MIN_LENGTH)),
            Length(max=1000, message=_l("Adgangskoden er for lang")),
        ],
        description=_l("Mindst %(min)d tegn. Lange sætninger er lette at huske og svære at gætte.", min=MIN_LENGTH),
    )
    repeat = PasswordField(
        _l("Skriv adgangskoden igen"),
        validators=[
            InputRequired(message=_l("Skriv adgangskoden igen")),
            EqualTo("password", message=_l("Skriv den samme adgangskode begge steder")),
        ],
    )
