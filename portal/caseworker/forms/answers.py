"""Why the caseworker reads a citizen's sensitive answers (the reason is audited)."""

from flask_wtf import FlaskForm
from wtforms import RadioField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired

from portal.i18n import lazy_gettext as _l

REVEAL_PURPOSES = {
    "prepare": _l("Forberedelse af mødet"),
    "meeting": _l("Under mødet med borgeren"),
    "follow_up": _l("Opfølgning efter mødet"),
}


class RevealSensitiveForm(FlaskForm):
    """Sensitive answers are shown only after the caseworker says why; the reason is audited."""

    purpose = RadioField(
        _l("Hvorfor skal du se de følsomme oplysninger?"),
        choices=[SelectChoice(value, label) for value, label in REVEAL_PURPOSES.items()],
        validators=[InputRequired(message=_l("Vælg, hvorfor du skal se oplysningerne"))],
    )
