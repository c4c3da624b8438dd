"""The caseworker writes the plan: the end goal and every item, with presets for common activities."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from portal.caseworker import services
from portal.caseworker.forms.plan import ITEM_FIELDS, EndGoalForm, PlanItemForm
from portal.forms import date_for_input
from portal.i18n import gettext as _
from portal.organisation import scopes as caseload_scope
from portal.plan import queries as plans
from portal.plan import rules
from portal.plan import scopes as plan_scopes
from portal.plan import services as plan_services
from portal.plan.presets import ACTIVITY_PRESETS

bp = Blueprint("caseworker_plan", __name__, url_prefix="/caseworker/citizens/<int:citizen_id>/plan")

FIRST_STATUS = {"milestone": "planned", "job_goal": "active", "activity": "planned", "agreement": "open"}


@bp.route("/goal", methods=["GET", "POST"])
def edit_goal(citizen_id: int):
    citizen = caseload_scope.citizen_for_caseworker(current_user, citizen_id)
    plan = plans.plan_for(citizen)
    form = EndGoalForm(obj=plan) if request.method == "GET" and plan else EndGoalForm()
    if request.method == "GET":
        _audit_read(citizen, "end_goal")
        form.version.data = str(plan.version) if plan else ""
        if plan:
            form.end_goal_target_date.data = date_for_input(plan.end_goal_target_date)
    stale = False
    if form.validate_on_submit():
        plan = plan or plan_services.ensure_plan(citizen)
        try:
            plan_services.save_end_goal(plan, form.values(), current_user, form.version.data)
        except plan_services.StaleVersion:
            stale = True
            form.version.data = str(plan.version)
        else:
            flash(_("Slutmålet er gemt."), "success")
            return redirect(url_for("caseworker.plan", citizen_id=citizen.id))
    return render_template("caseworker/plan_goal_form.html", citizen=citizen, form=form, stale=stale)


@bp.route("/items/new", methods=["GET", "POST"])
def new_item(citizen_id: int):
    citizen = caseload_scope.citizen_for_caseworker(current_user, citizen_id)
    kind = request.args.get("kind", "")
    if kind not in ITEM_FIELDS:
        abort(404)
    preset = ACTIVITY_PRESETS.get(request.args.get("preset", "")) if kind == "activity" else None
    if request.method == "GET":
        defaults = {
            "status": FIRST_STATUS[kind],
            **({k: str(v) for k, v in preset["fields"].items()} if preset else {}),
        }
        form = PlanItemForm(kind, data=defaults)
    else:
        form = PlanItemForm(kind)
    _offer_links(form, plans.plan_for(citizen))
    if form.validate_on_submit():
        plan = plan_services.ensure_plan(citizen)
        item = plan_services.save_item(plan, None, kind, form.values(), current_user, None, form.link_ids())
        _flash_saved(item)
        return redirect(url_for("caseworker.plan", citizen_id=citizen.id))
    return render_template(
        "caseworker/plan_item_form.html",
        citizen=citizen,
        form=form,
        item=None,
        stale=False,
        presets=ACTIVITY_PRESETS if kind == "activity" else {},
    )


@bp.route("/items/<int:item_id>/edit", methods=["GET", "POST"])
def edit_item(citizen_id: int, item_id: int):
    citizen = caseload_scope.citizen_for_caseworker(current_user, citizen_id)
    plan, item = plan_scopes.plan_and_item(citizen, item_id)
    kind = item.kind.value
    if request.method == "GET":
        _audit_read(citizen, f"item {item.id}")
        form = PlanItemForm(kind, obj=item)
        form.version.data = str(item.version)
        for name in ("due_date", "starts_on", "ends_on"):
            if name in ITEM_FIELDS[kind]:
                form[name].data = date_for_input(getattr(item, name))
        if kind == "milestone":
            form.links.data = [str(linked.id) for linked in plans.linked_to(plan, item)]
    else:
        form = PlanItemForm(kind)
    _offer_links(form, plan)
    stale = False
    if form.validate_on_submit():
        try:
            plan_services.save_item(plan, item, kind, form.values(), current_user, form.version.data, form.link_ids())
        except plan_services.StaleVersion:
            stale = True
            form.version.data = str(item.version)
        else:
            _flash_saved(item)
            return redirect(url_for("caseworker.plan", citizen_id=citizen.id))
    return render_template(
        "caseworker/plan_item_form.html", citizen=citizen, form=form, item=item, stale=stale, presets={}
    )


def _audit_read(citizen, what: str) -> None:
    """Opening a form filled with the citizen's plan is a read of their data."""
    services.record_read(current_user, "caseworker.plan.form_viewed", citizen, form=what)


def _offer_links(form, plan) -> None:
    """A milestone can be linked to the plan's activities and agreements."""
    if form.kind != "milestone":
        return
    page = plans.plan_page(plan) if plan is not None else None
    candidates = (page.activities + page.agreements) if page is not None else []
    form.links.choices = [SelectChoice(str(item.id), item.title) for item in candidates]


def _flash_saved(item) -> None:
    flash(_("Punktet er gemt, og borgeren kan se det i sin plan."), "success")
    for warning in rules.warnings_for(item):
        flash(warning, "warning")
