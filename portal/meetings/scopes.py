"""A citizen's meetings and homework, by id: 404 for any other citizen's, as for one that does not
exist. The caller holds the citizen through a scope already (their own account, or a caseload)."""

from __future__ import annotations

from sqlalchemy import select

from portal import access
from portal.auth.models import User
from portal.db import db
from portal.meetings.models import Homework, Meeting


def meeting_of(citizen: User, meeting_id: int) -> Meeting:
    """A meeting of a citizen the caller already holds through a scope; 404 otherwise."""
    return access.found(
        db.session.scalar(select(Meeting).where(Meeting.id == meeting_id, Meeting.citizen_id == citizen.id))
    )


def own_meeting(user: User, meeting_id: int) -> Meeting:
    """One of the logged-in citizen's own meetings; 404 for anyone else's."""
    return meeting_of(access.own_citizen(user), meeting_id)


def homework_of(citizen: User, homework_id: int) -> Homework:
    """A homework task of a citizen the caller already holds through a scope; 404 otherwise."""
    return access.found(
        db.session.scalar(select(Homework).where(Homework.id == homework_id, Homework.citizen_id == citizen.id))
    )
