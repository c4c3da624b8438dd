"""Who is whose caseworker: assigning a citizen, handing them over, and reading the handover note.

A move ends the old assignment yesterday, so the former caseworker loses access at once, and opens a
new one today that names the former caseworker and carries the handover note (seeds/001: few changes,
and a proper handover when one happens). Every change writes its audit row in the same transaction.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from portal import audit
from portal.access import Role
from portal.auth.models import User
from portal.clock import local_today, utcnow
from portal.db import db
from portal.i18n import lazy_gettext as _l
from portal.organisation.models import CaseloadAssignment

PURPOSE_HANDOVER = "Skift af sagsbehandler"
NOTE_MAX_LENGTH = 4000


class AssignmentError(ValueError):
    """Why an assignment cannot be made, as an instruction a person can follow."""


def current_assignment(citizen: User) -> CaseloadAssignment | None:
    return db.session.scalar(
        select(CaseloadAssignment).where(
            CaseloadAssignment.citizen_id == citizen.id, CaseloadAssignment.valid_to.is_(None)
        )
    )


def assign(
    citizen: User, caseworker: User, *, by: User | None, note: str | None, today: date | None = None
) -> CaseloadAssignment:
    """Make `caseworker` the citizen's caseworker from today; the caller commits.

    :raise AssignmentError: the caseworker cannot take the citizen, or a move has no handover note.
    """
    today = today or local_today()
    note = (note or "").strip() or None
    if citizen.role is not Role.CITIZEN:
        raise AssignmentError(_l("Kun borgere kan tildeles en sagsbehandler"))
    if caseworker.role is not Role.CASEWORKER or not caseworker.is_active:
        raise AssignmentError(_l("Vælg en aktiv sagsbehandler"))
    if caseworker.jobcentre_id != citizen.jobcentre_id:
        raise AssignmentError(_l("Vælg en sagsbehandler i borgerens eget jobcenter"))
    current = current_assignment(citizen)
    if current is not None and current.caseworker_id == caseworker.id:
        raise AssignmentError(_l("Borgeren har allerede denne sagsbehandler"))
    if current is not None and note is None:
        raise AssignmentError(_l("Skriv en overdragelsesnote til den nye sagsbehandler"))
    if note is not None and len(note) > NOTE_MAX_LENGTH:
        raise AssignmentError(_l("Skriv højst %(max)d tegn i noten", max=NOTE_MAX_LENGTH))
    if current is not None:
        current.valid_to = today - timedelta(days=1)
        db.session.flush()  # the open assignment must close before the new one opens (unique index)
    assignment = CaseloadAssignment(
        caseworker_id=caseworker.id,
        citizen_id=citizen.id,
        valid_from=today,
        assigned_by_id=getattr(by, "id", None),
        previous_caseworker_id=current.caseworker_id if current is not None else None,
        handover_note=note,
    )
    db.session.add(assignment)
    db.session.flush()
    audit.record(
        db.session,
        "caseload.handed_over" if current is not None else "caseload.assigned",
        actor=by,
        citizen_id=citizen.id,
        purpose=PURPOSE_HANDOVER,
        caseworker_id=caseworker.id,
        previous_caseworker_id=assignment.previous_caseworker_id,
        assignment_id=assignment.id,
    )
    return assignment


def mark_handover_read(assignment: CaseloadAssignment, caseworker: User) -> None:
    if assignment.handover_read_at is None:
        assignment.handover_read_at = utcnow()
        audit.record(
            db.session,
            "caseload.handover_read",
            actor=caseworker,
            citizen_id=assignment.citizen_id,
            purpose=PURPOSE_HANDOVER,
            assignment_id=assignment.id,
        )
    db.session.commit()


def mark_citizen_informed(assignment: CaseloadAssignment) -> None:
    if assignment.citizen_informed_at is None:
        assignment.citizen_informed_at = utcnow()
    db.session.commit()
