"""The citizen's own account pages: who has looked at my data and why."""
from __future__ import annotations

from flask import Blueprint, render_template, request
from flask_login import current_user

from portal import access
from portal.account import queries

bp = Blueprint("account", __name__, url_prefix="/account")


@bp.get("/access-log")
def access_log():
    citizen = access.own_citizen(current_user)
    before = request.args.get("before", "")
    reads, next_before = queries.accesses(citizen, int(before) if before.isdigit() and len(before) < 18 else None)
    return render_template("account/access_log.html", reads=reads, next_before=next_before)
