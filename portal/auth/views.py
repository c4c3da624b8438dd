"""Log in (MitID, the staff login, or a password where that is on), log out, and choose a password
with a one-time activation link."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user

from portal.auth import federation, invitations, labels, oidc, services, sessions
from portal.auth.forms import LoginForm, SetPasswordForm
from portal.extensions import csrf, limiter
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
    password_login = current_app.config["PASSWORD_LOGIN"]
    refused = None
    if password_login and form.validate_on_submit():
        outcome = services.log_in(form.email.data, form.password.data)
        if not isinstance(outcome, services.LoginRefused):
            return redirect(next_url or url_for("overview.index"))
        refused = outcome
    form.password.data = ""
    page = render_template(
        "auth/login.html",
        form=form,
        password_login=password_login,
        providers=[name for name in oidc.PROVIDERS if oidc.configured(name)],
        refused=refused,
        next_url=next_url,
        notice=end_reason_message(request.args.get("reason")),
    )
    if refused is not None and refused.hold is not None:
        return page, 429, {"Retry-After": str(refused.hold.seconds)}
    return page


@bp.post("/login/<provider>")
@limiter.limit(lambda: current_app.config["LOGIN_RATE_LIMIT"])
def provider_login(provider: str):
    if not oidc.configured(provider):
        abort(404)
    next_url = safe_next(request.form.get("next"))
    if current_user.is_authenticated:
        return redirect(next_url or url_for("overview.index"))
    outcome = federation.begin(provider, next_url)
    if isinstance(outcome, federation.Refusal):
        return refused(outcome)
    return outcome


@bp.get("/login/<provider>/callback")
def provider_callback(provider: str):
    if not oidc.configured(provider):
        abort(404)
    found, next_url = federation.finish(provider)
    if isinstance(found, federation.Refusal):
        return refused(found)
    return redirect(next_url or url_for("overview.index"))


def refused(refusal: federation.Refusal):
    title, advice = labels.refusal_text(refusal.provider, refusal.reason)
    return render_template("auth/refused.html", title=title, advice=advice), refusal.status


@bp.post("/logout")
def logout():
    provider = sessions.current_provider()
    services.log_out(current_user)
    if provider is not None and oidc.configured(provider):
        # The provider's session ends too, or the next "Log ind med MitID" would let anyone at this
        # browser straight back in.
        end_session = federation.end_session_url(provider)
        if end_session:
            return redirect(end_session)
    return redirect(url_for("auth.login", reason="logout"))


@bp.get("/logout/done")
def logged_out():
    """Where the provider sends the person after its own logout."""
    return redirect(url_for("auth.login", reason="logout"))


@bp.post("/logout/backchannel/<provider>")
@csrf.exempt  # the provider calls this server to server with a signed logout token, not a form
@limiter.limit("120 per minute")  # anyone can post here; each try costs a signature check and an audit row
def backchannel_logout(provider: str):
    if not oidc.configured(provider):
        abort(404)
    ended = federation.backchannel_logout(provider, request.form.get("logout_token", ""))
    headers = {"Cache-Control": "no-store"}
    if ended is None:
        return {"error": "invalid_request"}, 400, headers
    return "", 200, headers


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
