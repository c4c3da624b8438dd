"""Rules the caseworker is warned about (not enforced): durations and hours for kontanthjælp.

LAB § 61 (DOMAIN.md §3): a virksomhedspraktik lasts up to 4 weeks for jobparate, 13 weeks for
jobparate without work experience or long unemployed and for aktivitetsparate, extendable to 26
weeks and then 13 weeks at a time on very special need; nytteindsats up to 13 weeks (lifted for
people under arbejdspligt); at most normal full-time hours (37 a week).
"""

from __future__ import annotations

from portal.i18n import gettext as _
from portal.plan.models import ItemKind, PlanItem

FULL_TIME_HOURS = 37


def weeks(item: PlanItem) -> float | None:
    if item.starts_on is None or item.ends_on is None:
        return None
    return ((item.ends_on - item.starts_on).days + 1) / 7


def warnings_for(item: PlanItem) -> list[str]:
    """Plain-language warnings for the caseworker about an activity outside the usual rules."""
    if item.kind is not ItemKind.ACTIVITY:
        return []
    found = []
    length = weeks(item)
    if item.starts_on and item.ends_on and item.ends_on < item.starts_on:
        found.append(_("Slutdatoen ligger før startdatoen."))
    if item.activity_type == "praktik" and length is not None:
        if length > 26:
            found.append(
                _(
                    "Praktikken er længere end 26 uger. Det kræver et helt særligt behov "
                    "og forlængelse 13 uger ad gangen (LAB § 61)."
                )
            )
        elif length > 13:
            found.append(
                _("Praktikken er længere end 13 uger. Det kræver forlængelse på grund af et særligt behov (LAB § 61).")
            )
        elif length > 4:
            found.append(
                _(
                    "Praktikken er længere end 4 uger. Det er kun muligt for jobparate uden erhvervserfaring "
                    "eller med lang ledighed og for aktivitetsparate (LAB § 61)."
                )
            )
    if item.activity_type == "nytteindsats" and length is not None and length > 13:
        found.append(_("Nytteindsats er længere end 13 uger. Det er kun muligt for borgere med arbejdspligt."))
    if item.hours_per_week is not None and item.hours_per_week > FULL_TIME_HOURS:
        found.append(_("Mere end %(hours)d timer om ugen er mere end normal fuld tid.", hours=FULL_TIME_HOURS))
    if item.activity_type == "praktik" and not item.practicum_purpose:
        found.append(_("Vælg et af de tre formål med praktikken. Det skal stå i praktikaftalen (BEK § 60)."))
    return found
