"""Handing a citizen over to a colleague, with a note; the new caseworker marks the note read."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_login import current_user

from portal.caseworker import services as reads
from portal.caseworker.forms.handover import HandoverForm
from portal.forms import ConfirmForm
from portal.i18n import gettext as _
from portal.organisation import queries, services
from portal.organisation import scopes as caseload_scope
from portal.urls import parse_id

bp = Blueprint("caseworker_handover", __name__, url_prefix="/caseworker/citizens/<int:citizen_id>/handover")


@bp.route("", methods=["GET", "POST"])
def hand_over(citizen_id: int):
    citizen = caseload_scope.citizen_for_caseworker(current_user, citizen_id)
    form = HandoverForm()
    form.caseworker.choices = [("", _("Vælg en kollega"))] + [
        (str(colleague.id), colleague.name) for colleague in queries.colleagues(current_user)
    ]
    if form.validate_on_submit():
        chosen = parse_id(form.caseworker.data)
        colleague = queries.colleague(current_user, chosen) if chosen is not None else None
        if colleague is None:
            form.caseworker.errors = [_("Vælg den kollega, der skal overtage borgeren")]
        else:
            try:
                services.hand_over(citizen, colleague, by=current_user, note=form.note.data)
            except services.AssignmentError as error:
                form.note.errors = [str(error)]
            else:
                # Flashes travel in the readable cookie: no names in them.
                flash(_("Borgeren er overdraget til din kollega, som kan se din note. Borgeren får besked."), "success")
                return redirect(url_for("caseworker.caseload"))
    reads.record_read(current_user, "caseworker.handover.form_viewed", citizen)
    return render_template("caseworker/handover_form.html", citizen=citizen, form=form)


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
