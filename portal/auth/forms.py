"""Login form."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField
from wtforms.validators import InputRequired, Length


class LoginForm(FlaskForm):
    email = EmailField(_l("E-mail"), validators=[
        InputRequired(message=_l("Skriv din e-mailadresse")),
        Length(max=254, message=_l("E-mailadressen må højst være 254 tegn")),
    ])
    password = PasswordField(_l("Adgangskode"), validators=[
        InputRequired(message=_l("Skriv din adgangskode")),
        Length(max=1000, message=_l("Adgangskoden er for lang")),
    ])
