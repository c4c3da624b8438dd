"""The caseworker's caseload and citizen pages; every read of citizen data is audit-logged."""
from __future__ import annotations

from flask import Blueprint, render_template
from flask_login import current_user

from portal import access, audit
from portal.caseworker import queries
from portal.db import db
from portal.meetings import queries as meetings

bp = Blueprint("caseworker", __name__, url_prefix="/caseworker")

PURPOSE_CASEWORK = "Sagsbehandling"


@bp.get("/")
def caseload():
    rows = queries.caseload(current_user)
    audit.record(db.session, "caseworker.caseload.viewed", actor=current_user,
                 purpose=PURPOSE_CASEWORK, citizens=len(rows))
    db.session.commit()
    return render_template("caseworker/caseload.html", rows=rows)


@bp.get("/citizens/<int:citizen_id>")
def citizen(citizen_id: int):
    person = access.citizen_for_caseworker(current_user, citizen_id)
    upcoming, past = meetings.split_upcoming(meetings.all_for_citizen(person))
    audit.record(db.session, "caseworker.citizen.viewed", actor=current_user, citizen_id=person.id,
                 purpose=PURPOSE_CASEWORK)
    db.session.commit()
    return render_template("caseworker/citizen.html", citizen=person, upcoming=upcoming, past=past)
