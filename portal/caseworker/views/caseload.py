"""The caseload and the pages that read one citizen's data (the citizen page, the answers, the plan,
the joblog); every read is audit-logged."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user

from portal import access
from portal.auth import invitations
from portal.caseworker import answers, caseload_filters, queries, services
from portal.caseworker.forms.answers import REVEAL_PURPOSES, RevealSensitiveForm
from portal.caseworker.forms.caseload import CaseloadFilterForm
from portal.caseworker.forms.plan import ProposalDecisionForm
from portal.clock import local_today
from portal.forms import ConfirmForm
from portal.i18n import gettext as _
from portal.joblog import forms as joblog_forms
from portal.joblog import queries as joblog_queries
from portal.locking import StaleVersion
from portal.meetings import queries as meetings
from portal.messages import queries as messages
from portal.messages.models import AuthorRole
from portal.organisation import queries as assignments
from portal.organisation import scopes as caseload_scope
from portal.plan import queries as plans
from portal.plan import scopes as plan_scopes
from portal.plan import services as plan_services

bp = Blueprint("caseworker", __name__, url_prefix="/caseworker")


@bp.route("/", methods=["GET", "POST"])
def caseload():
    """The caseload, filtered as the caseworker chose. The search is sent by POST, never in the
    URL: a name, or a CPR number typed into the box, in a query string would be written to the
    access log of every proxy on the way and to the browser's history. A link may still choose the
    view and the order, which are no one's data."""
    everyone = queries.caseload(current_user)
    form = CaseloadFilterForm(request.form) if request.method == "POST" else CaseloadFilterForm.from_link(request.args)
    rows, name, view, order = everyone, "", "all", "meeting"
    if form.validate():
        name, view, order = form.q.data or "", form.view.data, form.order.data
        rows = caseload_filters.apply(everyone, name=name, view=view, order=order, today=local_today())
    services.read_caseload(current_user, shown=len(rows), of=len(everyone), name=name, view=view, order=order)
    return render_template(
        "caseworker/caseload.html",
        rows=rows,
        today=local_today(),
        total=len(everyone),
        form=form,
        filtered=len(rows) != len(everyone) or bool(form.q.data),
    )


@bp.get("/citizens/<int:citizen_id>")
def citizen(citizen_id: int):
    """One page for the citizen, opening on what matters for the next meeting. The caseload's row
    for the citizen is read through the caseload's scope, so it is the access check too."""
    rows = queries.caseload(current_user, only=citizen_id)
    if not rows:
        access.refuse_citizen(current_user, citizen_id)
    row = rows[0]
    person = row.citizen
    upcoming, past = meetings.split_upcoming(meetings.all_for_citizen(person))
    plan = plans.plan_for(person)
    plan_page = plans.plan_page(plan) if plan is not None else None
    history = assignments.history_of(person)
    awaits_password = invitations.awaits_password(person)
    invitation = invitations.latest_for(person) if awaits_password else None
    tasks = meetings.homework_for(person)
    threads = messages.threads_for(person, AuthorRole.CASEWORKER)
    progress = joblog_queries.progress_and_quiet_days(
        person, local_today(), joblog_queries.requirement_among(plan_page.items) if plan_page else None
    )[0]
    services.record_read(current_user, "caseworker.citizen.viewed", person)
    return render_template(
        "caseworker/citizen.html",
        citizen=person,
        row=row,
        upcoming=upcoming,
        past=past,
        tasks=tasks,
        today=local_today(),
        cadence=row.cadence,
        plan_page=plan_page,
        progress=progress,
        history=history,
        current=history[-1] if history and history[-1].valid_to is None else None,
        changes=assignments.changes(history),
        threads=threads,
        thread_subjects={thread_row.thread.id: thread_row.thread.subject for thread_row in threads},
        confirm_form=ConfirmForm(),
        invitation=invitation,
        invitation_state=(invitations.state(invitation) if invitation else "none") if awaits_password else None,
    )


@bp.get("/citizens/<int:citizen_id>/questionnaire")
def questionnaire(citizen_id: int):
    return _questionnaire_page(citizen_id, RevealSensitiveForm(), asked=False)


@bp.post("/citizens/<int:citizen_id>/questionnaire/sensitive")
def reveal_sensitive(citizen_id: int):
    return _questionnaire_page(citizen_id, RevealSensitiveForm(), asked=True)


def _questionnaire_page(citizen_id: int, form: RevealSensitiveForm, *, asked: bool):
    """The answers; with `asked` (the caseworker pressed "Vis følsomme oplysninger") the sensitive
    ones too, given a reason. Only sensitive answers actually shown are logged as shown: with none to
    show (nothing sent yet, or none answered) the page says so and the reason is not asked for."""
    person = caseload_scope.citizen_for_caseworker(current_user, citizen_id)
    page = answers.read_for_caseworker(person, include_sensitive=asked and form.validate())
    nothing_to_reveal = asked and not page.sensitive_count
    if nothing_to_reveal:
        form = RevealSensitiveForm(formdata=None)
    services.read_questionnaire(
        current_user,
        person,
        page.questionnaire.id if page.questionnaire else None,
        str(REVEAL_PURPOSES[form.purpose.data]) if page.sensitive_shown else None,
    )
    return render_template(
        "caseworker/questionnaire.html",
        citizen=person,
        page=page,
        form=form,
        revealed=page.sensitive_shown,
        nothing_to_reveal=nothing_to_reveal,
    )


def _plan_page(person, decision_forms=None, status=200):
    plan = plans.plan_for(person)
    page = plans.plan_page(plan) if plan is not None else None
    services.read_plan(current_user, person)
    forms = decision_forms or {}
    if page is not None:
        for item in page.proposals:
            forms.setdefault(item.id, ProposalDecisionForm(prefix=f"p{item.id}"))
    comments = plans.all_comments(plan) if plan is not None else []
    return render_template(
        "caseworker/plan.html",
        citizen=person,
        page=page,
        decision_forms=forms,
        comments=comments,
        unseen=[comment for comment in comments if comment.seen_at is None and comment.author_id != current_user.id],
        seen_form=ConfirmForm(),
    ), status


@bp.get("/citizens/<int:citizen_id>/plan")
def plan(citizen_id: int):
    return _plan_page(caseload_scope.citizen_for_caseworker(current_user, citizen_id))


@bp.post("/citizens/<int:citizen_id>/plan/comments/seen")
def plan_comments_seen(citizen_id: int):
    person = caseload_scope.citizen_for_caseworker(current_user, citizen_id)
    plan = plans.plan_for(person)
    if plan is not None and ConfirmForm().validate_on_submit():
        services.mark_plan_comments_seen(current_user, person, plan)
        flash(_("Kommentarerne er markeret som læst."), "success")
    return redirect(url_for(".plan", citizen_id=person.id, _anchor="comments-heading"))


@bp.post("/citizens/<int:citizen_id>/plan/proposals/<int:item_id>")
def decide_proposal(citizen_id: int, item_id: int):
    person = caseload_scope.citizen_for_caseworker(current_user, citizen_id)
    citizen_plan, item = plan_scopes.plan_and_item(person, item_id)
    form = ProposalDecisionForm(prefix=f"p{item.id}")
    if not form.validate():
        return _plan_page(person, {item.id: form})
    try:
        plan_services.decide_proposal(
            citizen_plan, item, current_user, accept=form.decision.data == "accept", reason=form.reason.data or None
        )
    except StaleVersion:
        flash(_("Der er allerede svaret på forslaget."), "info")
    else:
        flash(_("Dit svar er gemt, og borgeren kan se det i sin plan."), "success")
    return redirect(url_for(".plan", citizen_id=person.id))


@bp.get("/citizens/<int:citizen_id>/joblog")
def joblog(citizen_id: int):
    person = caseload_scope.citizen_for_caseworker(current_user, citizen_id)
    filter_form, filters = joblog_forms.read_filters(request.args)
    listing = joblog_queries.page(person, filters, joblog_queries.Cursor.parse(request.args.get("after")))
    services.record_read(current_user, "caseworker.joblog.viewed", person)
    return render_template(
        "caseworker/joblog.html",
        citizen=person,
        listing=listing,
        filter_form=filter_form,
        filters=filters,
        progress=joblog_queries.progress_of(person, local_today()),
        page_args=joblog_forms.filter_args(request.args),
    )
