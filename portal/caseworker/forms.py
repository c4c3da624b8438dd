"""Caseworker forms: the reason for reading sensitive answers, the answer to a proposal."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, Optional

from portal.questionnaire.forms import clean_text

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


class ProposalDecisionForm(FlaskForm):
    decision = RadioField(_l("Dit svar på forslaget"), choices=[
        SelectChoice("accept", _l("Ja, tag det med i planen")),
        SelectChoice("decline", _l("Nej")),
    ], validators=[InputRequired(message=_l("Vælg ja eller nej"))])
    reason = TextAreaField(_l("Begrundelse til borgeren"), filters=[clean_text],
                           description=_l("Skal udfyldes, når du siger nej. Borgeren kan læse den."),
                           validators=[Optional(), Length(max=2000, message=_l("Skriv højst %(max)d tegn", max=2000))])

    def validate(self, extra_validators=None) -> bool:
        # Checked here, not in validate_reason: Optional() ends that field's checks when it is empty.
        valid = super().validate(extra_validators)
        if self.decision.data == "decline" and not self.reason.data:
            self.reason.errors = [*self.reason.errors, str(_l("Skriv, hvorfor du siger nej"))]
            return False
        return valid
