"""Adding a citizen to the caseload with a one-time activation link, and renewing that link."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, url_for
from flask_login import current_user

from portal.auth import invitations
from portal.caseworker.forms.invitations import InvitationForm
from portal.extensions import limiter
from portal.forms import ConfirmForm
from portal.i18n import gettext as _
from portal.organisation import scopes as caseload_scope
from portal.organisation import services as assignments

bp = Blueprint("caseworker_invitations", __name__, url_prefix="/caseworker")


def _per_caseworker() -> str:
    return f"caseworker:{current_user.get_id()}"


@bp.route("/invitations/new", methods=["GET", "POST"])
# Each try looks up a CPR number and an e-mail: a caseworker (or whoever took over the session) may
# not use the form to probe many; a whole day's intake stays far below the limit.
@limiter.limit(lambda: current_app.config["INVITATION_RATE_LIMIT"], methods=["POST"], key_func=_per_caseworker)
def new():
    form = InvitationForm()
    if form.validate_on_submit():
        try:
            added = assignments.invite(
                current_user,
                name=form.name.data,
                cpr_number=form.cpr_number.digits,
                email=form.email.data or None,
                first_contact_date=form.first_contact_date.parsed,
            )
        except assignments.EmailTaken:
            # Says nothing of another account: whose address it is, is no business of this form.
            form.email.errors = [
                _(
                    "Min Plan kan ikke bruge denne e-mail til borgeren. "
                    "Tjek adressen, eller tilføj borgeren uden e-mail."
                )
            ]
        except assignments.CprTaken:
            form.cpr_number.errors = [
                _("Borgeren er allerede i Min Plan. Spørg din leder, hvis borgeren skal flyttes til dig.")
            ]
        else:
            if added.issued is None:
                # No name in the flash (it travels in the readable cookie): the citizen's page names them.
                flash(_("Borgeren er tilføjet og logger ind med MitID."), "success")
                return redirect(url_for("caseworker.citizen", citizen_id=added.citizen.id))
            return render_template("caseworker/invitation_created.html", issued=added.issued, renewed=False)
    # A CPR number is never written into a page, not even back into the form that was sent.
    form.cpr_number.raw_data, form.cpr_number.data = [], ""
    return render_template("caseworker/invitation_form.html", form=form)


@bp.post("/citizens/<int:citizen_id>/invitation")
def renew(citizen_id: int):
    citizen = caseload_scope.citizen_for_caseworker(current_user, citizen_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    if citizen.password_hash is not None:
        flash(_("Borgeren har allerede valgt en adgangskode og kan logge ind."), "info")
        return redirect(url_for("caseworker.citizen", citizen_id=citizen.id))
    if not invitations.awaits_password(citizen):
        flash(_("Borgeren logger ind med MitID og skal ikke have et link."), "info")
        return redirect(url_for("caseworker.citizen", citizen_id=citizen.id))
    return render_template(
        "caseworker/invitation_created.html", issued=invitations.issue(citizen, current_user), renewed=True
    )
