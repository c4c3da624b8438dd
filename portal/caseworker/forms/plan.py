"""The caseworker's plan forms: the answer to a citizen's proposal, an item of any kind, the end goal."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import IntegerField, RadioField, SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Optional

from portal.forms import (
    DateText,
    VersionedForm,
    at_most,
    between,
    choices,
    clean_text,
    date_for_input,
    naming_the_field,
)
from portal.i18n import gettext as _
from portal.i18n import lazy_gettext as _l
from portal.plan import labels
from portal.plan.models import (
    ACTIVITY_TYPES,
    CLOSED_STATUSES,
    OWNERS,
    PRACTICUM_PURPOSES,
    STATUSES,
    TRACKS,
    ItemKind,
    Plan,
    PlanItem,
)
from portal.required import RequiredWhen, require


class ProposalDecisionForm(FlaskForm):
    decision = RadioField(
        _l("Dit svar på forslaget"),
        choices=[
            SelectChoice("accept", _l("Ja, tag det med i planen")),
            SelectChoice("decline", _l("Nej")),
        ],
        validators=[InputRequired(message=_l("Vælg ja eller nej"))],
    )
    reason = TextAreaField(
        _l("Begrundelse til borgeren"),
        filters=[clean_text],
        description=_l("Borgeren kan læse den."),
        validators=[
            RequiredWhen(
                "decision",
                ["decline"],
                message=_l("Skriv, hvorfor du siger nej"),
                note=_l("skal udfyldes, når du siger nej"),
            ),
            at_most(2000),
        ],
    )


ITEM_FIELDS = {
    "milestone": ("title", "why", "owner", "due_date", "status", "status_reason", "links"),
    "job_goal": ("track", "title", "realistic_because", "status", "status_reason"),
    "activity": (
        "activity_type",
        "title",
        "why",
        "practicum_purpose",
        "practicum_goals",
        "starts_on",
        "ends_on",
        "hours_per_week",
        "place",
        "contact_person",
        "tasks",
        "status",
        "status_reason",
    ),
    "agreement": (
        "title",
        "why",
        "owner",
        "due_date",
        "requirement_count",
        "requirement_period",
        "status",
        "status_reason",
    ),
}


#: The fields each kind of item needs (the form class serves every kind, and leaves them optional).
NEEDED_FOR_KIND = {
    "job_goal": {"track": _l("Vælg plan A, B eller C")},
    "activity": {"activity_type": _l("Vælg, hvilken slags aktivitet det er")},
    "milestone": {"owner": _l("Vælg, hvem der gør det")},
    "agreement": {"owner": _l("Vælg, hvem der gør det")},
}


class PlanItemForm(VersionedForm):
    """One form for every kind of plan item; the page shows the fields of ITEM_FIELDS[kind]."""

    title = StringField(
        _l("Titel"),
        filters=[clean_text],
        validators=[
            DataRequired(message=_l("Skriv en titel")),
            at_most(300),
        ],
    )
    why = TextAreaField(
        _l("Hvorfor? Skriv formålet med almindelige ord"),
        filters=[clean_text],
        validators=[Optional(), at_most(2000)],
    )
    owner = RadioField(
        _l("Hvem gør det?"),
        choices=choices(labels.OWNERS_FOR_CASEWORKER),
        validate_choice=False,
        validators=[Optional()],
    )
    due_date = DateText(_l("Senest"), validators=[Optional()])
    status = RadioField(_l("Status"), validate_choice=False, validators=[InputRequired(message=_l("Vælg en status"))])
    status_reason = TextAreaField(
        _l("Begrundelse"),
        filters=[clean_text],
        description=_l("Borgeren kan læse den."),
        validators=[
            RequiredWhen(
                "status",
                CLOSED_STATUSES,
                message=_l("Skriv, hvorfor punktet droppes eller aflyses"),
                note=_l("skal udfyldes, når punktet droppes eller aflyses"),
            ),
            at_most(2000),
        ],
    )
    track = RadioField(_l("Plan"), choices=choices(labels.TRACKS), validate_choice=False, validators=[Optional()])
    realistic_because = TextAreaField(
        _l("Hvad gør jobmålet realistisk?"),
        filters=[clean_text],
        validators=[Optional(), at_most(2000)],
    )
    activity_type = SelectField(
        _l("Slags aktivitet"), choices=choices(labels.ACTIVITY_TYPES), validate_choice=False, validators=[Optional()]
    )
    practicum_purpose = RadioField(
        _l("Formål med praktikken (BEK § 60)"),
        choices=choices(labels.PRACTICUM_PURPOSES),
        validate_choice=False,
        validators=[Optional()],
    )
    practicum_goals = TextAreaField(
        _l("Mål for praktikken (2–3 konkrete mål)"),
        filters=[clean_text],
        validators=[Optional(), at_most(2000)],
    )
    starts_on = DateText(_l("Startdato"), validators=[Optional()])
    ends_on = DateText(_l("Slutdato"), validators=[Optional()])
    hours_per_week = IntegerField(
        _l("Timer om ugen"),
        validators=[
            Optional(),
            between(1, 60),
        ],
    )
    place = StringField(
        _l("Sted eller virksomhed"),
        filters=[clean_text],
        validators=[Optional(), at_most(300)],
    )
    contact_person = StringField(
        _l("Kontaktperson"),
        filters=[clean_text],
        validators=[Optional(), at_most(200)],
    )
    tasks = TextAreaField(
        _l("Opgaver"),
        filters=[clean_text],
        validators=[Optional(), at_most(2000)],
    )
    requirement_count = IntegerField(
        _l("Krav til jobsøgning: antal ansøgninger"),
        description=_l("Kun for aftalen om jobsøgning, fx 5."),
        validators=[
            Optional(),
            between(1, 50),
        ],
    )
    requirement_period = RadioField(
        _l("Pr."), choices=choices(labels.PERIODS), validate_choice=False, validators=[Optional()]
    )
    #: A milestone's activities and agreements (choices: the plan's open ones, set by the view).
    links = SelectMultipleField(
        _l("Aktiviteter og aftaler, der hører til delmålet"), validate_choice=False, validators=[Optional()]
    )

    def __init__(self, kind: str, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind
        self.status.choices = [
            SelectChoice(value, labels.AGREEMENT_STATUSES.get(value) if kind == "agreement" else labels.STATUSES[value])
            for value in STATUSES[ItemKind(kind)]
        ]
        for name, message in NEEDED_FOR_KIND.get(kind, {}).items():
            require(self[name], message)

    def shown_fields(self):
        return [self[name] for name in ITEM_FIELDS[self.kind]]

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        allowed = {
            "status": STATUSES[ItemKind(self.kind)],
            "owner": OWNERS,
            "track": TRACKS,
            "activity_type": ACTIVITY_TYPES,
            "practicum_purpose": PRACTICUM_PURPOSES,
            "requirement_period": ("week", "month"),
        }
        for name, values in allowed.items():
            field = self[name]
            if name in ITEM_FIELDS[self.kind] and field.data not in (None, "", "None") and field.data not in values:
                field.errors = [*field.errors, naming_the_field(field, _("Vælg et af svarene på listen"))]
                valid = False
        return valid

    @classmethod
    def from_record(cls, item: PlanItem, linked: list[PlanItem], offered: list[PlanItem]) -> PlanItemForm:
        """The form as the edit page shows a saved item; `offered` are the items a milestone may link."""
        kind = item.kind.value
        form = cls(kind, formdata=None, obj=item)
        form.version.data = str(item.version)
        for name in ("due_date", "starts_on", "ends_on"):
            if name in ITEM_FIELDS[kind]:
                form[name].data = date_for_input(getattr(item, name))
        form.offer_links(offered)
        if kind == "milestone":
            form.links.data = [str(other.id) for other in linked]
        return form

    def offer_links(self, items: list[PlanItem]) -> None:
        """A milestone can be linked to the plan's activities and agreements."""
        if self.kind == "milestone":
            self.links.choices = [SelectChoice(str(item.id), item.title) for item in items]

    def compared_fields(self) -> list:
        return self.shown_fields()

    def link_ids(self) -> list[int] | None:
        """The chosen linked items (milestones only), limited to the offered ones."""
        if "links" not in ITEM_FIELDS[self.kind]:
            return None
        offered = {str(choice.value) for choice in self.links.choices or []}
        return sorted(int(value) for value in self.links.data or [] if value in offered)

    def values(self) -> dict:
        """The kind's fields as model values (dates parsed, empty as None)."""
        result = {}
        for name in ITEM_FIELDS[self.kind]:
            if name == "links":
                continue
            field = self[name]
            value = field.parsed if isinstance(field, DateText) else field.data
            result[name] = None if value in ("", "None") else value
        return result


class EndGoalForm(VersionedForm):
    end_goal_kind = RadioField(
        _l("Er slutmålet et job eller en uddannelse?"),
        choices=choices(labels.END_GOAL_KINDS),
        validators=[InputRequired(message=_l("Vælg job eller uddannelse"))],
    )
    end_goal = StringField(
        _l("Slutmål"),
        description=_l("Et konkret job eller en konkret uddannelse, fx Lagermedarbejder."),
        filters=[clean_text],
        validators=[
            DataRequired(message=_l("Skriv slutmålet")),
            at_most(300),
        ],
    )
    end_goal_target_date = DateText(
        _l("Hvornår skal målet være nået?"),
        validators=[Optional()],
    )
    end_goal_why = TextAreaField(
        _l("Hvorfor dette mål?"),
        filters=[clean_text],
        validators=[Optional(), at_most(2000)],
    )

    @classmethod
    def from_record(cls, plan: Plan | None) -> EndGoalForm:
        """The form as the page shows the plan's end goal; empty, without a version, before there is a plan."""
        if plan is None:
            return cls(formdata=None, version="")
        form = cls(formdata=None, obj=plan)
        form.version.data = str(plan.version)
        form.end_goal_target_date.data = date_for_input(plan.end_goal_target_date)
        return form

    def values(self) -> dict:
        return {
            "end_goal_kind": self.end_goal_kind.data,
            "end_goal": self.end_goal.data,
            "end_goal_target_date": self.end_goal_target_date.parsed,
            "end_goal_why": self.end_goal_why.data or None,
        }
