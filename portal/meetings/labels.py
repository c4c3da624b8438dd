"""Words for meetings in the reader's language, and a change as the citizen reads it:
"Flyttet fra tirsdag den 24. november kl. 10.00 til onsdag den 25. november kl. 13.00"."""

from __future__ import annotations

from datetime import datetime

from portal.i18n import date_and_time
from portal.i18n import gettext as _
from portal.i18n import lazy_gettext as _l
from portal.meetings.models import MeetingChange, MeetingKind
from portal.meetings.progression import STEPS

CHANNELS = {"in_person": _l("Fremmøde"), "phone": _l("Telefon"), "video": _l("Video")}


def step_name(kind: MeetingKind) -> str:
    return str(STEPS[kind].name)


def step_label(kind: MeetingKind):
    """The step with its timing, for choosing it (lazy: forms are built at import time)."""
    step = STEPS[kind]
    return _l("%(name)s (%(timing)s)", name=step.name, timing=step.timing)


def shown_value(field: str, value: str | None) -> str:
    if value in (None, ""):
        return _("(tomt)")
    if field == "starts_at":
        return date_and_time(datetime.fromisoformat(value))
    if field == "channel":
        return str(CHANNELS.get(value, value))
    if field == "duration_minutes":
        return _("%(minutes)d minutter", minutes=int(value))
    return value


def describe_change(change: MeetingChange) -> str:
    if change.field == "status":
        return _("Mødet blev aflyst") if change.new_value == "cancelled" else _("Mødet blev sat i kalenderen igen")
    old, new = shown_value(change.field, change.old_value), shown_value(change.field, change.new_value)
    return {
        "starts_at": _("Flyttet fra %(old)s til %(new)s", old=old, new=new),
        "duration_minutes": _("Længden er ændret fra %(old)s til %(new)s", old=old, new=new),
        "channel": _("Mødeformen er ændret fra %(old)s til %(new)s", old=old, new=new),
        "place": _("Stedet er ændret fra %(old)s til %(new)s", old=old, new=new),
    }.get(change.field, change.field)
