"""The citizen's Min Plan: at a glance, then in full; one page per item."""
from __future__ import annotations

from flask import Blueprint, render_template
from flask_login import current_user

from portal import access
from portal.plan import history, labels, queries

bp = Blueprint("plan", __name__, url_prefix="/plan")


@bp.app_context_processor
def plan_words():
    return {"plan_labels": labels, "describe_change": history.describe}


@bp.get("/")
def index():
    citizen = access.own_citizen(current_user)
    plan = queries.plan_for(citizen)
    if plan is None:
        return render_template("plan/empty.html")
    return render_template("plan/index.html", page=queries.plan_page(plan))


@bp.get("/goal")
def goal():
    citizen = access.own_citizen(current_user)
    plan = queries.plan_for(citizen)
    if plan is None or not plan.end_goal:
        return render_template("plan/empty.html")
    return render_template("plan/goal.html", plan=plan, comments=queries.comments_for(plan, None),
                           changes=[c for c in queries.history_for(plan) if c.item_id is None])


@bp.get("/items/<int:item_id>")
def item(item_id: int):
    citizen = access.own_citizen(current_user)
    plan = queries.plan_for(citizen)
    if plan is None:
        return render_template("plan/empty.html"), 404
    plan_item = queries.item_of(plan, item_id)
    return render_template("plan/item.html", plan=plan, item=plan_item,
                           linked=queries.linked_to(plan, plan_item),
                           comments=queries.comments_for(plan, plan_item),
                           changes=queries.history_for(plan, plan_item))
