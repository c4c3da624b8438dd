"""The citizen's own account pages: who has looked at my data and why, and all my data."""

from __future__ import annotations

import json

from flask import Blueprint, Response, abort, redirect, render_template, request, url_for
from flask_login import current_user

from portal import access
from portal.account import labels, my_data, queries, values
from portal.forms import ConfirmForm
from portal.organisation import services as assignments
from portal.urls import parse_id

bp = Blueprint("account", __name__, url_prefix="/account")


@bp.get("/access-log")
def access_log():
    citizen = access.own_citizen(current_user)
    reads, next_before = queries.accesses(citizen, parse_id(request.args.get("before"), max_digits=17))
    return render_template("account/access_log.html", reads=reads, next_before=next_before)


@bp.get("/my-data")
def my_data_page():
    return render_template(
        "account/my_data.html",
        data=my_data.collect(access.own_citizen(current_user)),
        field_name=labels.field_name,
        shown=values.shown,
    )


@bp.get("/my-data.json")
def my_data_json():
    body = json.dumps(my_data.collect(access.own_citizen(current_user)), ensure_ascii=False, indent=2)
    return Response(
        body, mimetype="application/json", headers={"Content-Disposition": 'attachment; filename="mine-data.json"'}
    )


@bp.post("/caseworker-change/seen")
def caseworker_change_seen():
    citizen = access.own_citizen(current_user)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    assignment = assignments.current_assignment(citizen)
    if assignment is not None and assignment.is_handover:
        assignments.mark_citizen_informed(assignment)
    return redirect(url_for("overview.index"))
