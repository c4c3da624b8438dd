"""Read models for caseworker assignments: a citizen's history, counts for the caseload, colleagues."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import joinedload

from portal.access import Role
from portal.auth.models import Jobcentre, User
from portal.db import db
from portal.organisation.models import CaseloadAssignment


@dataclass(frozen=True)
class AssignmentFacts:
    #: How many times the citizen has changed caseworker.
    changes: int
    #: The current caseworker has not yet marked the handover note read.
    unread_handover: bool


def history_of(citizen: User) -> list[CaseloadAssignment]:
    """Every assignment of the citizen, oldest first, with both caseworkers loaded (one statement)."""
    return list(
        db.session.scalars(
            select(CaseloadAssignment)
            .where(CaseloadAssignment.citizen_id == citizen.id)
            .options(joinedload(CaseloadAssignment.caseworker), joinedload(CaseloadAssignment.previous_caseworker))
            .order_by(CaseloadAssignment.valid_from, CaseloadAssignment.id)
        )
    )


#: Built once: the citizen's overview runs it on every visit.
_CURRENT_OF_CITIZEN = (
    select(CaseloadAssignment)
    .where(CaseloadAssignment.citizen_id == bindparam("citizen_id"), CaseloadAssignment.valid_to.is_(None))
    .options(joinedload(CaseloadAssignment.caseworker), joinedload(CaseloadAssignment.previous_caseworker))
)


def current_of(citizen: User) -> CaseloadAssignment | None:
    """The citizen's open assignment with the caseworker and the former one loaded (one statement)."""
    return db.session.scalar(_CURRENT_OF_CITIZEN, {"citizen_id": citizen.id})


def changes(history: list[CaseloadAssignment]) -> int:
    return sum(1 for assignment in history if assignment.is_handover)


def facts_columns(citizen_id):
    """Two correlated columns for a query over citizens: the number of caseworker changes, and whether
    the current caseworker has an unread handover note (1 or 0)."""
    of_citizen = CaseloadAssignment.citizen_id == citizen_id
    changes = select(func.count(CaseloadAssignment.previous_caseworker_id)).where(of_citizen).scalar_subquery()
    unread = (
        select(func.count(CaseloadAssignment.id))
        .where(
            of_citizen,
            CaseloadAssignment.valid_to.is_(None),
            CaseloadAssignment.previous_caseworker_id.isnot(None),
            CaseloadAssignment.handover_read_at.is_(None),
        )
        .scalar_subquery()
    )
    return changes.label("caseworker_changes"), unread.label("unread_handover")


def _colleagues(caseworker: User):
    return select(User).where(
        User.role == Role.CASEWORKER,
        User.is_active.is_(True),
        User.jobcentre_id == caseworker.jobcentre_id,
        User.id != caseworker.id,
    )


def colleagues(caseworker: User) -> list[User]:
    """Active caseworkers in the caseworker's jobcentre, the caseworker left out, by name."""
    return list(db.session.scalars(_colleagues(caseworker).order_by(User.name, User.id)))


def colleague(caseworker: User, colleague_id: int) -> User | None:
    """One of `colleagues(caseworker)` by id, or None."""
    return db.session.scalar(_colleagues(caseworker).where(User.id == colleague_id))


def jobcentre_named(name: str) -> Jobcentre | None:
    return db.session.scalar(select(Jobcentre).where(Jobcentre.name == name))


def all_jobcentres() -> list[Jobcentre]:
    return list(db.session.scalars(select(Jobcentre).order_by(Jobcentre.name)))
