"""The citizen's Min Plan: at a glance, then in full; one page per item; comments, proposals,
ticking off, expectations and evaluation of a practicum, and acknowledging the plan."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_login import current_user

from portal import access
from portal.forms import form_shown, save_or_clash
from portal.i18n import gettext as _
from portal.locking import StaleVersion
from portal.plan import forms, history, labels, queries, rules, scopes, services

bp = Blueprint("plan", __name__, url_prefix="/plan")

REFLECTIONS = ("expectations", "evaluation")


@bp.app_context_processor
def plan_words():
    return {"plan_labels": labels, "describe_change": history.describe, "plan_warnings": rules.warnings_for}


@bp.get("/")
def index():
    plan = queries.plan_for(access.own_citizen(current_user))
    if plan is None:
        return render_template("plan/empty.html")
    form = forms.AcknowledgeForm(version=plan.version)
    return render_template("plan/index.html", page=queries.plan_page(plan), ack_form=form)


@bp.post("/acknowledge")
def acknowledge():
    plan = scopes.own_plan(current_user)
    form = forms.AcknowledgeForm()
    if form.validate():
        try:
            services.acknowledge(plan, current_user, form.version.data)
        except StaleVersion:
            flash(_("Din plan blev ændret, mens du læste den. Læs den igen, og bekræft så."), "warning")
        else:
            flash(_("Tak. Du har bekræftet, at du har læst og forstået din plan."), "success")
        return redirect(url_for(".index"))
    form.version.data = str(plan.version)
    return render_template("plan/index.html", page=queries.plan_page(plan), ack_form=form)


@bp.get("/history")
def plan_history():
    plan = scopes.own_plan(current_user)
    return render_template("plan/history.html", changes=queries.history_for(plan), titles=queries.item_titles(plan))


@bp.route("/goal", methods=["GET", "POST"])
def goal():
    plan = scopes.own_plan(current_user)
    form = form_shown(forms.CommentForm)
    if form.validate_on_submit():
        services.add_comment(plan, None, current_user, form.text.data)
        flash(_("Din kommentar er sendt til din sagsbehandler."), "success")
        return redirect(url_for(".goal"))
    return render_template(
        "plan/goal.html",
        plan=plan,
        form=form,
        comments=queries.comments_for(plan, None),
        changes=[c for c in queries.history_for(plan) if c.item_id is None],
    )


@bp.route("/items/<int:item_id>", methods=["GET", "POST"])
def item(item_id: int):
    plan = scopes.own_plan(current_user)
    plan_item = scopes.item_of(plan, item_id)
    form = form_shown(forms.CommentForm)
    if form.validate_on_submit():
        services.add_comment(plan, plan_item, current_user, form.text.data)
        flash(_("Din kommentar er sendt til din sagsbehandler."), "success")
        return redirect(url_for(".item", item_id=plan_item.id))
    return render_template(
        "plan/item.html",
        plan=plan,
        item=plan_item,
        form=form,
        done_form=forms.DoneForm(version=plan_item.version),
        can_tick_off=services.can_tick_off(plan_item),
        can_reflect={f: services.can_reflect(plan_item, f) for f in REFLECTIONS},
        linked=queries.linked_to(plan, plan_item),
        comments=queries.comments_for(plan, plan_item),
        changes=queries.history_for(plan, plan_item),
    )


@bp.post("/items/<int:item_id>/done")
def tick_off(item_id: int):
    plan = scopes.own_plan(current_user)
    plan_item = scopes.item_of(plan, item_id)
    form = forms.DoneForm()
    if not services.can_tick_off(plan_item) or not form.validate():
        abort(404)
    try:
        services.tick_off(plan, plan_item, current_user, form.version.data)
    except StaleVersion:
        flash(_("Punktet blev ændret, mens du kiggede på det. Se den nye udgave herunder."), "warning")
    else:
        flash(_("Godt gået! Punktet er markeret som gjort."), "success")
    return redirect(url_for(".item", item_id=plan_item.id))


@bp.route("/items/<int:item_id>/expectations", defaults={"field": "expectations"}, methods=["GET", "POST"])
@bp.route("/items/<int:item_id>/evaluation", defaults={"field": "evaluation"}, methods=["GET", "POST"])
def reflection(item_id: int, field: str):
    plan = scopes.own_plan(current_user)
    plan_item = scopes.item_of(plan, item_id)
    if not services.can_reflect(plan_item, field):
        abort(404)
    form = form_shown(forms.ReflectionForm, lambda: forms.ReflectionForm.from_record(plan_item, field))
    differences = None
    if form.validate_on_submit():
        differences = save_or_clash(
            form,
            lambda: services.write_reflection(plan, plan_item, current_user, field, form.text.data, form.version.data),
            lambda: forms.ReflectionForm.from_record(plan_item, field),
        )
        if differences is None:
            flash(_("Gemt. Din sagsbehandler kan nu læse det."), "success")
            return redirect(url_for(".item", item_id=plan_item.id))
    return render_template("plan/reflection.html", item=plan_item, field=field, form=form, differences=differences)


@bp.route("/propose", methods=["GET", "POST"])
def propose():
    plan = scopes.own_plan(current_user)
    form = form_shown(forms.ProposalForm)
    if form.validate_on_submit():
        new = services.propose(
            plan,
            current_user,
            kind=form.kind.data,
            title=form.title.data,
            why=form.why.data or None,
            due_date=form.due_date.parsed,
        )
        flash(_("Dit forslag er sendt. Din sagsbehandler svarer dig her i planen."), "success")
        return redirect(url_for(".item", item_id=new.id))
    return render_template("plan/propose.html", form=form)
