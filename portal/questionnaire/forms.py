"""WTForms built from the definition: one form per section, one field per visible question.

Each question gets its answer field (named by its key), a "Det vil jeg gerne tale om" box
(`<key>__talk`) and, when sensitive, a "Det vil jeg hellere tale om til mødet" box (`<key>__later`).
Required answers are enforced only when the citizen moves on ("Næste") or sends, but a required
question is required on every view of its step: its label never says "(frivilligt)".
"""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import BooleanField, IntegerField, RadioField, SelectMultipleField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Optional, StopValidation

from portal.forms import ChoiceOneOf, DateText, FieldError, VersionedForm, at_most, between, clean_text
from portal.i18n import gettext as _
from portal.i18n import lazy_gettext as _l
from portal.questionnaire.definition import Question, Section
from portal.required import is_empty

SHORT_TEXT = 300


def required_message(question: Question) -> str:
    if question.type in {"single", "yesno", "scale", "consent"}:
        return _("Vælg et svar")
    if question.type == "multi":
        return _("Vælg mindst ét svar")
    if question.type == "date":
        return _("Skriv en dato")
    if question.type == "number":
        return _("Skriv et tal")
    return _("Skriv et svar")


class NeededToMoveOn:
    """A required question: "Næste" refuses it empty, "Gem og fortsæt senere", "Forrige trin" and the
    background save keep what there is. Required either way, so its label has no "(frivilligt)"."""

    field_flags = {"required": True}

    def __init__(self, question: Question, *, enforce: bool) -> None:
        # Text is checked after its filters, so an answer of only spaces counts as no answer.
        presence = DataRequired if question.type == "text" else InputRequired
        message = FieldError(required_message(question), _("Svar på: %(question)s", question=_(question.text)))
        self.presence, self.enforce = presence(message=message), enforce

    def __call__(self, form, field) -> None:
        if self.enforce:
            self.presence(form, field)
        elif is_empty(field):
            field.errors[:] = []
            raise StopValidation()


def yes_no_choices(question: Question):
    if question.type == "consent":
        return [SelectChoice("yes", _("Ja, det vil jeg gerne")), SelectChoice("no", _("Nej, ikke nu"))]
    return [SelectChoice("yes", _("Ja")), SelectChoice("no", _("Nej"))]


def scale_choices(question: Question):
    low, high = question.scale_labels or ("", "")
    labels = {1: f"1 – {_(low)}" if low else "1", 5: f"5 – {_(high)}" if high else "5"}
    return [SelectChoice(str(n), labels.get(n, str(n))) for n in range(1, 6)]


def answer_field(question: Question, *, enforce_required: bool):
    """The WTForms field for one question."""
    label = _(question.text)
    description = _(question.hint) if question.hint else None
    first = [NeededToMoveOn(question, enforce=enforce_required) if question.required else Optional()]
    kind = question.type
    if kind == "text":
        field_class = TextAreaField if question.max_length > SHORT_TEXT else StringField
        return field_class(
            label,
            description=description,
            filters=[clean_text],
            validators=[*first, at_most(question.max_length)],
        )
    if kind in {"single", "yesno", "scale", "consent"}:
        if kind == "single":
            choices = [SelectChoice(o.value, _(o.label)) for o in question.options]
        elif kind == "scale":
            choices = scale_choices(question)
        else:
            choices = yes_no_choices(question)
        return RadioField(
            label,
            description=description,
            choices=choices,
            validate_choice=False,
            validators=first + [ChoiceOneOf(c.value for c in choices)],
        )
    if kind == "multi":
        choices = [SelectChoice(o.value, _(o.label)) for o in question.options]
        return SelectMultipleField(
            label,
            description=description,
            choices=choices,
            validate_choice=False,
            validators=first + [ChoiceOneOf(c.value for c in choices)],
        )
    if kind == "date":
        return DateText(label, description=description, validators=first)
    if kind == "number":
        low = question.min if question.min is not None else 0
        high = question.max if question.max is not None else 10_000
        return IntegerField(
            label,
            description=description,
            validators=[*first, between(low, high)],
        )
    raise ValueError(f"unknown question type {kind}")


def section_form(
    section: Section, questions: list[Question], *, enforce_required: bool, formdata=None, data: dict | None = None
) -> FlaskForm:
    """A form for the visible questions of one section, filled from `formdata` or saved `data`."""
    fields: dict = {}
    for question in questions:
        fields[question.key] = answer_field(question, enforce_required=enforce_required)
        fields[f"{question.key}__talk"] = BooleanField(_l("Det vil jeg gerne tale om til mødet"))
        if question.sensitive:
            fields[f"{question.key}__later"] = BooleanField(_l("Det vil jeg hellere tale om til mødet"))
    form_class = type(f"Section{section.key}Form", (VersionedForm,), fields)
    form = form_class(formdata=formdata, data=data)
    form.questions = questions
    return form


def cleaned_answers(form, questions: list[Question]) -> dict[str, dict]:
    """What the form says, per question key: value (JSON-ready), talk_about, prefer_in_person."""
    result = {}
    for question in questions:
        field = form[question.key]
        if question.type == "date":
            value = field.parsed.isoformat() if field.parsed else None
        elif question.type == "scale":
            value = int(field.data) if field.data else None
        elif question.type == "multi":
            value = [v for v in (field.data or []) if v]
        else:
            value = field.data
        result[question.key] = {
            "value": value,
            "talk_about": bool(form[f"{question.key}__talk"].data),
            "prefer_in_person": bool(form[f"{question.key}__later"].data) if question.sensitive else False,
        }
    return result
