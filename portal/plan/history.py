"""The plan's history as sentences: "Din sagsbehandler ændrede datoen fra 1. marts 2027 til 15. marts 2027"."""

from __future__ import annotations

from datetime import date

from portal.i18n import gettext as _
from portal.i18n import lazy_gettext as _l
from portal.i18n import short_date
from portal.plan import labels
from portal.plan.models import PlanChange

FIELDS = {
    "title": _l("titlen"),
    "why": _l("beskrivelsen"),
    "status": _l("status"),
    "due_date": _l("datoen"),
    "owner": _l("hvem der gør det"),
    "end_goal": _l("slutmålet"),
    "end_goal_target_date": _l("måldatoen"),
    "end_goal_why": _l("hvorfor slutmålet er valgt"),
    "starts_on": _l("startdatoen"),
    "ends_on": _l("slutdatoen"),
    "hours_per_week": _l("timer om ugen"),
    "place": _l("stedet"),
    "contact_person": _l("kontaktpersonen"),
    "tasks": _l("opgaverne"),
    "practicum_purpose": _l("formålet"),
    "expectations": _l("mål og forventninger"),
    "evaluation": _l("hvad praktikken gav"),
    "requirement_count": _l("antal ansøgninger"),
    "realistic_because": _l("hvad der gør jobmålet realistisk"),
    "links": _l("hvad der hører til delmålet"),
}


def shown_value(field: str | None, value: str | None) -> str:
    if value in (None, ""):
        return _("(tomt)")
    if field and (field.endswith("_date") or field in {"starts_on", "ends_on"}):
        try:
            return short_date(date.fromisoformat(value))
        except ValueError:
            return value
    if field == "status":
        return str(labels.STATUSES.get(value, value))
    if field == "owner":
        return str(labels.OWNERS.get(value, value))
    if field == "practicum_purpose":
        return str(labels.PRACTICUM_PURPOSES.get(value, value))
    return value


def who(change: PlanChange, viewer_id: int) -> str:
    if change.actor_id == viewer_id:
        return _("Du")
    return _("Din sagsbehandler") if change.actor_role == "caseworker" else _("Borgeren")


def describe(change: PlanChange, viewer_id: int) -> str:
    actor = who(change, viewer_id)
    if change.action == "changed":
        return _(
            "%(who)s ændrede %(field)s fra %(old)s til %(new)s",
            who=actor,
            field=FIELDS.get(change.field or "", change.field or ""),
            old=shown_value(change.field, change.old_value),
            new=shown_value(change.field, change.new_value),
        )
    return {
        "created": _("%(who)s oprettede punktet", who=actor),
        "proposed": _("%(who)s foreslog punktet", who=actor),
        "accepted": _("%(who)s tog forslaget med i planen", who=actor),
        "declined": _("%(who)s sagde nej til forslaget", who=actor),
        "acknowledged": _("%(who)s bekræftede at have læst planen", who=actor),
    }.get(change.action, change.action)
