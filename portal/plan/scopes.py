"""A citizen's plan and its items, by id: 404 for anyone else's, as for one that does not exist. The
caller holds the citizen through a scope already (their own account, or a caseload)."""

from __future__ import annotations

from sqlalchemy import select

from portal import access
from portal.auth.models import User
from portal.db import db
from portal.plan.models import Plan, PlanItem
from portal.plan.queries import plan_for


def own_plan(user: User) -> Plan:
    """The logged-in citizen's plan; 404 while they have none."""
    return access.found(plan_for(access.own_citizen(user)))


def item_of(plan: Plan, item_id: int) -> PlanItem:
    """One item of this plan; 404 for any other id."""
    return access.found(db.session.scalar(select(PlanItem).where(PlanItem.id == item_id, PlanItem.plan_id == plan.id)))


def plan_and_item(citizen: User, item_id: int) -> tuple[Plan, PlanItem]:
    """A citizen's plan and one of its items; 404 when either is missing or not theirs."""
    plan = access.found(plan_for(citizen))
    return plan, item_of(plan, item_id)
