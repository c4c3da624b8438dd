"""The caseworker's caseload and citizen pages; every read of citizen data is audit-logged."""
from __future__ import annotations

from flask import Blueprint, render_template
from flask_login import current_user

from portal import access, audit
from portal.caseworker import answers, queries
from portal.caseworker.forms import REVEAL_PURPOSES, RevealSensitiveForm
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


@bp.get("/citizens/<int:citizen_id>/questionnaire")
def questionnaire(citizen_id: int):
    return _questionnaire_page(citizen_id, RevealSensitiveForm(), reveal=False)


@bp.post("/citizens/<int:citizen_id>/questionnaire/sensitive")
def reveal_sensitive(citizen_id: int):
    form = RevealSensitiveForm()
    return _questionnaire_page(citizen_id, form, reveal=form.validate())


def _questionnaire_page(citizen_id: int, form: RevealSensitiveForm, *, reveal: bool):
    person = access.citizen_for_caseworker(current_user, citizen_id)
    page = answers.read_for_caseworker(person, include_sensitive=reveal)
    audit.record(db.session, "caseworker.questionnaire.viewed", actor=current_user, citizen_id=person.id,
                 purpose=PURPOSE_CASEWORK, questionnaire_id=page.questionnaire.id if page.questionnaire else None)
    if reveal:
        audit.record(db.session, "caseworker.questionnaire.sensitive_shown", actor=current_user,
                     citizen_id=person.id, purpose=str(REVEAL_PURPOSES[form.purpose.data]),
                     questionnaire_id=page.questionnaire.id)
    db.session.commit()
    return render_template("caseworker/questionnaire.html", citizen=person, page=page, form=form, revealed=reveal)
