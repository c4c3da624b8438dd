"""The citizen's Beskeder: their threads, "Skriv en besked" (also as "Spørg om dette" from a plan
item, a meeting or a homework task), a thread with its answers, and marking answers read."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from portal import access
from portal.extensions import limiter
from portal.forms import form_shown
from portal.i18n import gettext as _
from portal.meetings import scopes as meeting_scopes
from portal.meetings.models import Homework, Meeting
from portal.messages import forms, queries, scopes, services
from portal.messages.models import AuthorRole
from portal.plan import scopes as plan_scopes
from portal.plan.models import PlanItem
from portal.urls import parse_id

bp = Blueprint("messages", __name__, url_prefix="/messages")

#: "Spørg om dette" names what it asks about in the query string (?homework=12).
LINKABLE = ("plan_item", "meeting", "homework")


@bp.get("/")
def index():
    citizen = access.own_citizen(current_user)
    return render_template("messages/index.html", rows=queries.threads_for(citizen, AuthorRole.CITIZEN))


def _about(citizen, raw: str | None) -> tuple[str, services.Link, PlanItem | Meeting | Homework] | None:
    """What "Spørg om dette" asks about, from "homework:12" or the query string; 404 for what is not
    the citizen's own."""
    kind, _sep, number = (raw or "").partition(":")
    if not raw:
        kind, number = next(((name, request.args[name]) for name in LINKABLE if name in request.args), ("", ""))
    if kind not in LINKABLE:
        return None
    target_id = parse_id(number)
    if target_id is None:
        abort(404)
    if kind == "plan_item":
        item = plan_scopes.plan_and_item(citizen, target_id)[1]
        return f"{kind}:{target_id}", services.Link(plan_item_id=target_id), item
    if kind == "meeting":
        meeting = meeting_scopes.meeting_of(citizen, target_id)
        return f"{kind}:{target_id}", services.Link(meeting_id=target_id), meeting
    task = meeting_scopes.homework_of(citizen, target_id)
    return f"{kind}:{target_id}", services.Link(homework_id=target_id), task


@bp.route("/new", methods=["GET", "POST"])
@limiter.limit(services.message_limit, methods=["POST"], key_func=services.per_person)
def new():
    citizen = access.own_citizen(current_user)
    form = form_shown(forms.NewThreadForm)
    about = _about(citizen, form.about.data if request.method == "POST" else None)
    if about is not None and request.method == "GET" and not form.subject.data:
        form.about.data = about[0]
        form.subject.data = _suggested_subject(about[2])
    if form.validate_on_submit():
        thread_id = services.start_thread(
            citizen, citizen, form.subject.data, form.body.data, form.usable_key, about[1] if about else None
        )
        flash(_("Din besked er sendt til din sagsbehandler."), "success")
        return redirect(url_for(".thread", thread_id=thread_id))
    return render_template(
        "messages/new.html",
        form=form,
        about=about[2] if about else None,
        about_kind=about[0].partition(":")[0] if about else None,
        answer_days=queries.answer_days(citizen.jobcentre_id),
    )


def _suggested_subject(target: PlanItem | Meeting | Homework) -> str:
    if isinstance(target, Meeting):
        return _("Spørgsmål om mit møde")
    return target.title[:120]


@bp.route("/<int:thread_id>", methods=["GET", "POST"])
@limiter.limit(services.message_limit, methods=["POST"], key_func=services.per_person)
def thread(thread_id: int):
    citizen = access.own_citizen(current_user)
    chosen = scopes.thread_of(citizen, thread_id)
    form = form_shown(forms.ReplyForm)
    if form.validate_on_submit():
        services.reply(chosen, citizen, form.body.data, form.usable_key)
        flash(_("Din besked er sendt til din sagsbehandler."), "success")
        return redirect(url_for(".thread", thread_id=chosen.id, _anchor="latest"))
    page = queries.thread_page(chosen)
    return render_template(
        "messages/thread.html",
        page=page,
        form=form,
        unread=page.unread_by(AuthorRole.CITIZEN),
        read_form=forms.ReadForm(),
        answer_days=queries.answer_days(citizen.jobcentre_id),
    )


@bp.post("/<int:thread_id>/read")
def mark_read(thread_id: int):
    citizen = access.own_citizen(current_user)
    chosen = scopes.thread_of(citizen, thread_id)
    form = forms.ReadForm()
    up_to = parse_id(form.up_to.data)
    if form.validate() and up_to is not None:
        services.mark_read(chosen, citizen, up_to)
    if request.headers.get("X-Requested-With") == "fetch":
        return "", 204
    return redirect(url_for(".thread", thread_id=chosen.id))
