"""Handing a citizen over to a colleague, with a note that may point to a conversation in Beskeder;
the new caseworker marks the note read."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_login import current_user

from portal.caseworker import services as reads
from portal.caseworker.forms.handover import HandoverForm
from portal.forms import ConfirmForm
from portal.i18n import gettext as _
from portal.messages import queries as messages
from portal.messages import scopes as message_scopes
from portal.messages.models import AuthorRole
from portal.organisation import queries, services
from portal.organisation import scopes as caseload_scope
from portal.urls import parse_id

bp = Blueprint("caseworker_handover", __name__, url_prefix="/caseworker/citizens/<int:citizen_id>/handover")


@bp.route("", methods=["GET", "POST"])
def hand_over(citizen_id: int):
    citizen = caseload_scope.citizen_for_caseworker(current_user, citizen_id)
    form = _form_for(citizen)
    if form.validate_on_submit():
        chosen = parse_id(form.caseworker.data)
        colleague = queries.colleague(current_user, chosen) if chosen is not None else None
        thread_id, thread_found = _chosen_thread(citizen, form.message_thread.data)
        if colleague is None:
            form.caseworker.errors = [_("Vælg den kollega, der skal overtage borgeren")]
        if not thread_found:
            form.message_thread.errors = [_("Vælg en af borgerens samtaler på listen, eller vælg Ingen samtale")]
        if colleague is not None and thread_found:
            try:
                services.hand_over(
                    citizen, colleague, by=current_user, note=form.note.data, message_thread_id=thread_id
                )
            except services.AssignmentError as error:
                form.note.errors = [str(error)]
            else:
                # Flashes travel in the readable cookie: no names in them.
                flash(_("Borgeren er overdraget til din kollega, som kan se din note. Borgeren får besked."), "success")
                return redirect(url_for("caseworker.caseload"))
    reads.record_read(current_user, "caseworker.handover.form_viewed", citizen)
    return render_template("caseworker/handover_form.html", citizen=citizen, form=form)


def _form_for(citizen) -> HandoverForm:
    """The form with the caseworker's colleagues and the citizen's conversations to choose from."""
    form = HandoverForm()
    form.caseworker.choices = [("", _("Vælg en kollega"))] + [
        (str(colleague.id), colleague.name) for colleague in queries.colleagues(current_user)
    ]
    form.message_thread.choices = [("", _("Ingen samtale"))] + [
        (str(row.thread.id), row.thread.subject) for row in messages.threads_for(citizen, AuthorRole.CASEWORKER)
    ]
    return form


def _chosen_thread(citizen, raw: str | None) -> tuple[int | None, bool]:
    """The thread the note points to (None: none chosen), and whether the choice is one of the
    citizen's own threads (an id from elsewhere is refused, never stored)."""
    if not (raw or "").strip():
        return None, True
    thread_id = parse_id(raw)
    found = message_scopes.find_thread(citizen, thread_id) if thread_id is not None else None
    return (found.id, True) if found is not None else (None, False)


@bp.post("/read")
def mark_read(citizen_id: int):
    citizen = caseload_scope.citizen_for_caseworker(current_user, citizen_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    assignment = services.current_assignment(citizen)
    if assignment is None or not assignment.is_handover:
        abort(404)
    services.mark_handover_read(assignment, current_user)
    flash(_("Overdragelsesnoten er markeret som læst."), "success")
    return redirect(url_for("caseworker.citizen", citizen_id=citizen.id))
