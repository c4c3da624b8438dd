"""The caseworker writes the plan: the end goal and every item, with presets for common activities."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from portal.caseworker import services
from portal.caseworker.forms.plan import ITEM_FIELDS, EndGoalForm, PlanItemForm
from portal.forms import save_or_clash
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
    form = EndGoalForm.from_record(plans.plan_for(citizen)) if request.method == "GET" else EndGoalForm()
    differences = None
    if form.validate_on_submit():
        differences = save_or_clash(
            form,
            lambda: plan_services.save_end_goal(citizen, form.values(), current_user, form.version.data),
            lambda: EndGoalForm.from_record(plans.plan_for(citizen)),
        )
        if differences is None:
            flash(_("Slutmålet er gemt."), "success")
            return redirect(url_for("caseworker.plan", citizen_id=citizen.id))
    _audit_read(citizen, "end_goal")
    return render_template("caseworker/plan_goal_form.html", citizen=citizen, form=form, differences=differences)


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
    form.offer_links(_linkable(plans.plan_for(citizen)))
    if form.validate_on_submit():
        plan = plan_services.ensure_plan(citizen)
        item = plan_services.add_item(plan, kind, form.values(), current_user, form.link_ids())
        _flash_saved(item)
        return redirect(url_for("caseworker.plan", citizen_id=citizen.id))
    _audit_read(citizen, f"new {kind}")
    return render_template(
        "caseworker/plan_item_form.html",
        citizen=citizen,
        form=form,
        item=None,
        differences=None,
        presets=ACTIVITY_PRESETS if kind == "activity" else {},
    )


@bp.route("/items/<int:item_id>/edit", methods=["GET", "POST"])
def edit_item(citizen_id: int, item_id: int):
    citizen = caseload_scope.citizen_for_caseworker(current_user, citizen_id)
    plan, item = plan_scopes.plan_and_item(citizen, item_id)

    def saved_form() -> PlanItemForm:
        return PlanItemForm.from_record(item, plans.linked_to(plan, item), _linkable(plan))

    if request.method == "GET":
        form = saved_form()
    else:
        form = PlanItemForm(item.kind.value)
        form.offer_links(_linkable(plan))
    differences = None
    if form.validate_on_submit():
        differences = save_or_clash(
            form,
            lambda: plan_services.change_item(
                plan, item, form.values(), current_user, form.version.data, form.link_ids()
            ),
            saved_form,
        )
        if differences is None:
            _flash_saved(item)
            return redirect(url_for("caseworker.plan", citizen_id=citizen.id))
    _audit_read(citizen, f"item {item.id}")
    return render_template(
        "caseworker/plan_item_form.html", citizen=citizen, form=form, item=item, differences=differences, presets={}
    )


def _audit_read(citizen, what: str) -> None:
    """A form filled with, or listing, the citizen's plan is a read of their data, also when it is
    shown again after a save that failed; each render_template above is preceded by one."""
    services.record_read(current_user, "caseworker.plan.form_viewed", citizen, form=what)


def _linkable(plan) -> list:
    """The plan's activities and agreements, which a milestone can be linked to."""
    page = plans.plan_page(plan) if plan is not None else None
    return (page.activities + page.agreements) if page is not None else []


def _flash_saved(item) -> None:
    flash(_("Punktet er gemt, og borgeren kan se det i sin plan."), "success")
    for warning in rules.warnings_for(item):
        flash(warning, "warning")
