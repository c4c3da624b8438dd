"""The citizen's front page: greeting and the next meeting. Caseworkers land on their caseload."""
from __future__ import annotations

from flask import Blueprint, redirect, render_template, url_for
from flask_login import current_user

from portal import access
from portal.auth.models import Role
from portal.meetings import queries as meetings

bp = Blueprint("overview", __name__)


@bp.get("/")
def index():
    if current_user.role is Role.CASEWORKER:
        return redirect(url_for("caseworker.caseload"))
    if current_user.role is Role.ADMIN:
        return render_template("overview/admin.html")
    citizen = access.own_citizen(current_user)
    return render_template(
        "overview/index.html",
        next_meeting=meetings.next_for_citizen(citizen),
        caseworker=access.caseworker_of(citizen),
    )
