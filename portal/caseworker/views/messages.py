"""The caseworker's Beskeder with one citizen: start a thread, read and answer one, say that an
answer from the citizen is awaited, close it with a note. Every showing of a thread is an audited
read; the citizen and the thread are found through their scopes (404 for what is not on the
caseload, or not this citizen's)."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user

from portal.caseworker import services as reads
from portal.extensions import limiter
from portal.forms import VersionedButton
from portal.i18n import gettext as _
from portal.locking import StaleVersion
from portal.messages import forms, queries, scopes, services
from portal.messages.models import AuthorRole
from portal.organisation import scopes as caseload_scope
from portal.urls import parse_id

bp = Blueprint("caseworker_messages", __name__, url_prefix="/caseworker/citizens/<int:citizen_id>/messages")


@bp.route("/new", methods=["GET", "POST"])
@limiter.limit(services.message_limit, methods=["POST"], key_func=services.per_person)
def new(citizen_id: int):
    citizen = caseload_scope.citizen_for_caseworker(current_user, citizen_id)
    form = forms.NewThreadForm()
    # The form's own example is the citizen's question; the caseworker writes to the citizen.
    form.subject.description = _("Fx Papirer til dit næste møde")
    if form.validate_on_submit():
        thread_id = services.start_thread(citizen, current_user, form.subject.data, form.body.data, form.usable_key)
        flash(_("Din besked er sendt. Borgeren kan læse den under Beskeder."), "success")
        return redirect(url_for(".thread", citizen_id=citizen.id, thread_id=thread_id))
    reads.record_read(current_user, "caseworker.messages.form_viewed", citizen)
    return render_template("caseworker/message_new.html", citizen=citizen, form=form)


@bp.route("/<int:thread_id>", methods=["GET", "POST"])
@limiter.limit(services.message_limit, methods=["POST"], key_func=services.per_person)
def thread(citizen_id: int, thread_id: int):
    citizen = caseload_scope.citizen_for_caseworker(current_user, citizen_id)
    chosen = scopes.thread_of(citizen, thread_id)
    form = forms.ReplyForm()
    if form.validate_on_submit():
        services.reply(chosen, current_user, form.body.data, form.usable_key)
        flash(_("Dit svar er sendt til borgeren."), "success")
        return redirect(url_for(".thread", citizen_id=citizen.id, thread_id=chosen.id, _anchor="latest"))
    return _thread_page(citizen, chosen, reply_form=form)


@bp.post("/<int:thread_id>/wait")
def wait(citizen_id: int, thread_id: int):
    citizen = caseload_scope.citizen_for_caseworker(current_user, citizen_id)
    chosen = scopes.thread_of(citizen, thread_id)
    form = VersionedButton()
    if form.validate():
        try:
            services.wait_on_citizen(chosen, current_user, form.version.data)
        except StaleVersion:
            flash(
                _("Der er sket noget nyt i samtalen, siden du åbnede den. Læs det nye, og tryk så på knappen igen."),
                "warning",
            )
        else:
            flash(_("Borgeren kan nu se, at du venter på svar."), "success")
    return redirect(url_for(".thread", citizen_id=citizen.id, thread_id=chosen.id))


@bp.post("/<int:thread_id>/close")
def close(citizen_id: int, thread_id: int):
    """Closed with a note. A note that is not valid, or a thread that changed since the page was
    shown, brings the page back with the note as typed: it is not lost."""
    citizen = caseload_scope.citizen_for_caseworker(current_user, citizen_id)
    chosen = scopes.thread_of(citizen, thread_id)
    form = forms.CloseForm()
    if form.validate():
        try:
            services.close(chosen, current_user, form.note.data, form.version.data)
        except StaleVersion:
            flash(
                _("Der er sket noget nyt i samtalen, siden du åbnede den. Læs det nye, og tryk så på knappen igen."),
                "warning",
            )
            form.version.data = str(chosen.version)
        else:
            flash(_("Samtalen er lukket. Borgeren kan læse din note."), "success")
            return redirect(url_for(".thread", citizen_id=citizen.id, thread_id=chosen.id))
    return _thread_page(citizen, chosen, close_form=form)


@bp.post("/<int:thread_id>/read")
def mark_read(citizen_id: int, thread_id: int):
    citizen = caseload_scope.citizen_for_caseworker(current_user, citizen_id)
    chosen = scopes.thread_of(citizen, thread_id)
    form = forms.ReadForm()
    up_to = parse_id(form.up_to.data)
    if form.validate() and up_to is not None:
        services.mark_read(chosen, current_user, up_to)
    if request.headers.get("X-Requested-With") == "fetch":
        return "", 204
    return redirect(url_for(".thread", citizen_id=citizen.id, thread_id=chosen.id))


def _thread_page(citizen, chosen, *, reply_form=None, close_form=None):
    """The thread as the caseworker reads it, with the forms that were sent kept as sent."""
    page = queries.thread_page(chosen)
    version = str(chosen.version)
    reads.record_read(current_user, "caseworker.messages.viewed", citizen, thread_id=chosen.id)
    return render_template(
        "caseworker/message_thread.html",
        citizen=citizen,
        page=page,
        form=reply_form or forms.ReplyForm(formdata=None),
        close_form=close_form or forms.CloseForm(formdata=None, version=version),
        wait_form=VersionedButton(formdata=None, version=version),
        read_form=forms.ReadForm(formdata=None),
        unread=page.unread_by(AuthorRole.CASEWORKER),
    )
