"""Log in, log out, and choose a password with a one-time activation link."""

from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user

from portal.auth import invitations, services
from portal.auth.forms import LoginForm, SetPasswordForm
from portal.extensions import limiter
from portal.i18n import gettext as _
from portal.urls import safe_next

bp = Blueprint("auth", __name__)


def end_reason_message(reason: str | None) -> str | None:
    config = current_app.config
    return {
        "idle": _(
            "Du blev logget af, fordi du ikke havde gjort noget i %(minutes)d minutter. Log ind igen for at fortsætte.",
            minutes=config["SESSION_IDLE_MINUTES"],
        ),
        "expired": _(
            "Du har været logget ind i %(hours)d timer. Af sikkerhedshensyn skal du logge ind igen.",
            hours=config["SESSION_ABSOLUTE_HOURS"],
        ),
        "ended": _("Din session er afsluttet. Log ind igen for at fortsætte."),
        "logout": _("Du er nu logget af."),
    }.get(reason or "")


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["LOGIN_RATE_LIMIT"], methods=["POST"])
def login():
    next_url = safe_next(request.values.get("next"))
    if current_user.is_authenticated:
        return redirect(next_url or url_for("overview.index"))
    form = LoginForm()
    failed = False
    if form.validate_on_submit():
        user = services.log_in(form.email.data, form.password.data)
        if user is not None:
            return redirect(next_url or url_for("overview.index"))
        failed = True
    form.password.data = ""
    return render_template(
        "auth/login.html",
        form=form,
        failed=failed,
        next_url=next_url,
        notice=end_reason_message(request.args.get("reason")),
    )


@bp.post("/logout")
def logout():
    services.log_out(current_user)
    return redirect(url_for("auth.login", reason="logout"))


@bp.route("/activate/<token>", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["LOGIN_RATE_LIMIT"], methods=["POST"])
def activate(token: str):
    invitation = invitations.find(token)
    link_state = invitations.state(invitation)
    if invitation is None or link_state != "valid":
        status = 404 if link_state == "unknown" else 410
        return render_template("auth/activation_closed.html", state=link_state), status
    form = SetPasswordForm()
    if form.validate_on_submit():
        citizen = invitations.activate(invitation, form.password.data)
        if citizen is None:
            return render_template("auth/activation_closed.html", state="used"), 410
        flash(
            _("Din adgangskode er gemt, og du er logget ind. Næste gang logger du ind med din e-mail og adgangskoden."),
            "success",
        )
        return redirect(url_for("overview.index"))
    form.password.data = form.repeat.data = ""
    return render_template(
        "auth/activate.html", form=form, citizen=invitation.citizen, expires_at=invitation.expires_at
    )
