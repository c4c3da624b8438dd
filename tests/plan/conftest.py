"""Plan fixtures: a plan, its items, and a logged-in citizen with a plan."""

from __future__ import annotations

from datetime import date

import pytest

from portal.plan.models import ItemKind, Plan, PlanItem
from tests.factories import log_in


@pytest.fixture
def make_plan(session):
    def _make(citizen, caseworker, **fields) -> Plan:
        plan = Plan(
            citizen_id=citizen.id,
            end_goal="Fast job som kok",
            end_goal_kind="job",
            end_goal_target_date=date(2027, 6, 1),
            end_goal_why="Maria elsker at lave mad.",
            **fields,
        )
        session.add(plan)
        session.commit()
        return plan

    return _make


@pytest.fixture
def make_item(session):
    def _make(plan, author, kind=ItemKind.MILESTONE, title="Et delmål", status="planned", **fields) -> PlanItem:
        item = PlanItem(plan_id=plan.id, kind=kind, title=title, status=status, created_by_id=author.id, **fields)
        session.add(item)
        session.commit()
        return item

    return _make


@pytest.fixture
def planned(client, make_caseworker, make_citizen, make_plan, make_item):
    caseworker = make_caseworker()
    citizen = make_citizen(caseworker=caseworker, name="Maria Jensen")
    plan = make_plan(citizen, caseworker)
    log_in(client, citizen.email)
    return citizen, caseworker, plan
