"""When a field must be filled in, and what its label says about it: the one place that decides
"(frivilligt)".

A label says "(frivilligt)" exactly when the server accepts the field empty, so `label_note` reads
that from the validators that do the checking, and a label cannot drift from the rule:
- a presence validator first (DataRequired, InputRequired, any validator with the `required` flag):
  the field is needed, and the label adds nothing;
- `RequiredWhen` first, a need that holds only sometimes (a job application needs the employer's
  name): its note, which says when ("skal udfyldes ved jobsøgning");
- anything else: "frivilligt".
A single checkbox is a yes or a no, and a select without an empty choice always sends one of its
choices: neither can be left out, so neither gets a note.
"""

from __future__ import annotations

from collections.abc import Iterable

from wtforms.validators import InputRequired, Optional, StopValidation

from portal.i18n import gettext as _


def is_empty(field) -> bool:
    """Nothing sent, only spaces, or (after the field's filters) nothing left."""
    raw = field.raw_data
    if not raw or (isinstance(raw[0], str) and not raw[0].strip()):
        return True
    return isinstance(field.data, str) and not field.data.strip()


class RequiredWhen:
    """Needed when the form's field `other` holds one of `values`; otherwise an empty field passes
    (as with Optional()). With `only`, the field means nothing otherwise, and the page may hide it
    until it applies (the `data-shown-when` of the form macros; the server ignores it then).

    `note` is what the label says instead of "(frivilligt)": when the field is needed; None for a
    field the page shows only when it is needed."""

    def __init__(self, other: str, values: Iterable, *, message, note, only: bool = False) -> None:
        self.other, self.values = other, frozenset(values)
        self.message, self.note, self.only = message, note, only

    def applies(self, form) -> bool:
        return form[self.other].data in self.values

    def __call__(self, form, field) -> None:
        if not is_empty(field):
            return
        field.errors[:] = []
        if self.applies(form):
            raise StopValidation(str(self.message))
        raise StopValidation()  # empty and not needed: nothing more to check

    def shown_when(self) -> str | None:
        """ "<field>=<value>" for the page's script when the field applies to one value only."""
        if not self.only or len(self.values) != 1:
            return None
        return f"{self.other}={next(iter(self.values))}"


class RequiredWithAny(RequiredWhen):
    """Needed when any of the fields `others` is filled in (a row of fields that may be left empty
    as a whole, but not only in part)."""

    def __init__(self, others: Iterable[str], *, message, note) -> None:
        super().__init__("", (), message=message, note=note)
        self.others = tuple(others)

    def applies(self, form) -> bool:
        return any(not is_empty(form[name]) for name in self.others)


def require(field, message) -> None:
    """Make a bound field needed on this form alone (its class leaves it optional: one form class
    serves several kinds of record). The validators are replaced, never changed: the class shares them."""
    field.validators = [InputRequired(message=message), *(v for v in field.validators if not isinstance(v, Optional))]
    field.flags.required, field.flags.optional = True, False


def _always_sends_a_value(field) -> bool:
    if field.type == "BooleanField":
        return True
    if field.type != "SelectField":
        return False
    return all(choice[0] not in ("", None) for choice in field.iter_choices())


def label_note(field) -> str | None:
    """What the label adds after the field's name, in brackets: "frivilligt", when it is needed, or
    nothing."""
    if _always_sends_a_value(field):
        return None
    for validator in field.validators:
        if isinstance(validator, RequiredWhen):
            return None if validator.note is None else str(validator.note)
        if (getattr(validator, "field_flags", None) or {}).get("required"):
            return None
    return _("frivilligt")


def shown_when(field) -> str | None:
    """ "<field>=<value>" when the field applies only for that value of another field."""
    return next((v.shown_when() for v in field.validators if isinstance(v, RequiredWhen)), None)


#: What the form macros (templates/components/fds/forms.html) call.
TEMPLATE_GLOBALS = {"field_note": label_note, "field_shown_when": shown_when}
