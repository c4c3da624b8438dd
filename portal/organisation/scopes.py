"""The caseworker's scope: the citizens on their current caseload, within their jobcentre.

Every caseworker page that shows a citizen's data starts here; an id that is not on the caseload
answers 404, as for one that does not exist, and the refusal is logged (portal.access)."""

from __future__ import annotations

from sqlalchemy import Select, bindparam, select

from portal import access
from portal.access import Role
from portal.auth.models import User
from portal.clock import local_today
from portal.db import db
from portal.organisation.models import CaseloadAssignment

#: The citizens on a caseworker's current caseload, within their jobcentre, as a statement built
#: once (the caseload and the citizen page run it on every visit). Its values come from
#: caseload_parameters; caseload_citizens is the same statement with them filled in.
CASELOAD_CITIZENS = (
    select(User)
    .join(CaseloadAssignment, CaseloadAssignment.citizen_id == User.id)
    .where(
        CaseloadAssignment.caseworker_id == bindparam("caseworker_id"),
        CaseloadAssignment.valid_from <= bindparam("today"),
        CaseloadAssignment.valid_to.is_(None) | (CaseloadAssignment.valid_to >= bindparam("today")),
        User.role == Role.CITIZEN,
        User.jobcentre_id == bindparam("jobcentre_id"),
    )
)


def caseload_parameters(caseworker: User) -> dict | None:
    """The values for CASELOAD_CITIZENS; None for anyone who has no caseload (not a caseworker, or
    in no jobcentre)."""
    if caseworker.role is not Role.CASEWORKER or caseworker.jobcentre_id is None:
        return None
    return {"caseworker_id": caseworker.id, "jobcentre_id": caseworker.jobcentre_id, "today": local_today()}


def caseload_citizens(caseworker: User) -> Select:
    """SELECT of the citizens on the caseworker's current caseload, within their jobcentre."""
    parameters = caseload_parameters(caseworker)
    if parameters is None:
        return select(User).where(User.id.is_(None))
    return CASELOAD_CITIZENS.params(parameters)


def citizen_for_caseworker(caseworker: User, citizen_id: int) -> User:
    """The citizen with this id if on the caseworker's caseload; otherwise 404, logged.

    :raise 404: for an unknown id and for a citizen who is not theirs alike.
    """
    citizen = db.session.scalar(caseload_citizens(caseworker).where(User.id == citizen_id))
    if citizen is None:
        access.refuse_citizen(caseworker, citizen_id)
    return citizen
