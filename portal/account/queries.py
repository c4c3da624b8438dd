"""The citizen's access log (GDPR art. 15): when their data was looked at and why, never by whom."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import or_, select

from portal.audit import AuditEntry
from portal.auth.models import User
from portal.db import db
from portal.i18n import lazy_gettext as _l

PAGE_SIZE = 50

#: What the caseworker opened, in the citizen's words; reads not listed here are shown as "Dine oplysninger".
WHAT = {
    "caseworker.citizen.viewed": _l("Dit samlede overblik: møder, plan og joblog"),
    "caseworker.questionnaire.viewed": _l("Dine svar til mødet"),
    "caseworker.questionnaire.sensitive_shown": _l("Dine følsomme oplysninger (helbred, familie, økonomi)"),
    "caseworker.plan.viewed": _l("Din plan"),
    "caseworker.plan.form_viewed": _l("Din plan"),
    "caseworker.meeting.viewed": _l("Et af dine møder"),
    "caseworker.meeting.form_viewed": _l("Et af dine møder"),
    "caseworker.joblog.viewed": _l("Din joblog"),
    "caseworker.handover.form_viewed": _l("Din sag, for at give den videre til en anden sagsbehandler"),
    "caseworker.messages.viewed": _l("En af dine samtaler i Beskeder"),
    # Not a read of the case, but the caseworker saw what opens the account: the citizen is told.
    "invitation.link_shown": _l("Linket til at vælge din adgangskode"),
}
#: Purposes stored in Danish by the portal itself, shown in the reader's language.
PURPOSES = {"Sagsbehandling": _l("Sagsbehandling")}


@dataclass(frozen=True)
class Access:
    entry_id: int
    at: datetime
    what: str
    purpose: str | None


def accesses(citizen: User, before_id: int | None = None, size: int = PAGE_SIZE) -> tuple[list[Access], int | None]:
    """The latest reads of the citizen's data by staff, a page at a time (keyset on the entry id)."""
    query = select(AuditEntry.id, AuditEntry.occurred_at, AuditEntry.action, AuditEntry.purpose).where(
        AuditEntry.citizen_id == citizen.id,
        AuditEntry.actor_role == "caseworker",
        or_(AuditEntry.action.like("caseworker.%"), AuditEntry.action == "invitation.link_shown"),
    )
    if before_id is not None:
        query = query.where(AuditEntry.id < before_id)
    rows = db.session.execute(query.order_by(AuditEntry.id.desc()).limit(size + 1)).all()
    found = [
        Access(
            entry_id,
            at,
            str(WHAT.get(action, _l("Dine oplysninger"))),
            str(PURPOSES[purpose]) if purpose in PURPOSES else purpose,
        )
        for entry_id, at, action, purpose in rows[:size]
    ]
    return found, (found[-1].entry_id if len(rows) > size else None)
