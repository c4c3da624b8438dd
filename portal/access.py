"""Who may see what: the role x route table, and the scopes every citizen-data query goes through.

Deny by default: an endpoint missing from ROUTE_ACCESS answers 403 to everyone, and a test fails
on any route in the app that is not listed. Views never load a citizen's row by id alone; they use
the scopes below, which answer 404 for an id that is not theirs, exactly as for one that does not exist.
"""

from __future__ import annotations

from typing import NoReturn

from flask import abort, g, redirect, request, url_for
from flask_login import current_user
from sqlalchemy import Select, bindparam, select

from portal import audit, recovery
from portal.auth.models import Role, User
from portal.clock import local_today
from portal.db import db
from portal.meetings.models import Homework, Meeting
from portal.organisation.models import CaseloadAssignment

PUBLIC = frozenset({"anonymous", *Role})
LOGGED_IN = frozenset(Role)
CITIZEN = frozenset({Role.CITIZEN})
CASEWORKER = frozenset({Role.CASEWORKER})

#: Form pages whose input is kept when it arrives after the session or form token expired.
RECOVERABLE = frozenset({"questionnaire.step"})

#: endpoint -> the roles that may call it ("anonymous" = not logged in).
ROUTE_ACCESS: dict[str, frozenset] = {
    "static": PUBLIC,
    "pages.healthz": PUBLIC,
    "pages.accessibility": PUBLIC,
    "pages.privacy": PUBLIC,
    "pages.set_language_choice": PUBLIC,
    "auth.login": PUBLIC,
    "auth.logout": LOGGED_IN,
    "auth.activate": PUBLIC,
    "overview.index": LOGGED_IN,
    "caseworker.caseload": CASEWORKER,
    "caseworker.citizen": CASEWORKER,
    "caseworker.questionnaire": CASEWORKER,
    "caseworker.reveal_sensitive": CASEWORKER,
    "caseworker.plan": CASEWORKER,
    "caseworker.decide_proposal": CASEWORKER,
    "caseworker_meetings.new": CASEWORKER,
    "caseworker_meetings.meeting": CASEWORKER,
    "caseworker_meetings.edit": CASEWORKER,
    "caseworker_meetings.cancel": CASEWORKER,
    "caseworker_meetings.summary": CASEWORKER,
    "caseworker_meetings.homework_seen": CASEWORKER,
    "caseworker_handover.hand_over": CASEWORKER,
    "caseworker_handover.mark_read": CASEWORKER,
    "caseworker_invitations.new": CASEWORKER,
    "caseworker_invitations.renew": CASEWORKER,
    "caseworker_plan.edit_goal": CASEWORKER,
    "caseworker_plan.new_item": CASEWORKER,
    "caseworker_plan.edit_item": CASEWORKER,
    "plan.index": CITIZEN,
    "plan.goal": CITIZEN,
    "plan.item": CITIZEN,
    "plan.acknowledge": CITIZEN,
    "plan.plan_history": CITIZEN,
    "plan.tick_off": CITIZEN,
    "plan.reflection": CITIZEN,
    "plan.propose": CITIZEN,
    "meetings.index": CITIZEN,
    "meetings.meeting": CITIZEN,
    "meetings.calendar_file": CITIZEN,
    "meetings.absence": CITIZEN,
    "homework.index": CITIZEN,
    "homework.item": CITIZEN,
    "homework.reopen": CITIZEN,
    "account.access_log": CITIZEN,
    "account.my_data_page": CITIZEN,
    "account.my_data_json": CITIZEN,
    "account.caseworker_change_seen": CITIZEN,
    "joblog.index": CITIZEN,
    "joblog.new": CITIZEN,
    "joblog.edit": CITIZEN,
    "joblog.remove": CITIZEN,
    "joblog.restore": CITIZEN,
    "joblog.deleted": CITIZEN,
    "joblog.export_csv": CITIZEN,
    "joblog.print_view": CITIZEN,
    "caseworker.joblog": CASEWORKER,
    "questionnaire.index": CITIZEN,
    "questionnaire.begin": CITIZEN,
    "questionnaire.step": CITIZEN,
    "questionnaire.check": CITIZEN,
    "questionnaire.receipt": CITIZEN,
}


def enforce_route_access():
    """before_request: anonymous -> login, wrong role -> 403, unlisted endpoint -> 403."""
    endpoint = request.endpoint
    if endpoint is None:
        return None  # no route matched: the 404 handler answers
    allowed = ROUTE_ACCESS.get(endpoint)
    if allowed is None:
        abort(403)
    if allowed is PUBLIC:
        return None  # no need to look the person up (static files never touch the database)
    role = current_user.role if current_user.is_authenticated else "anonymous"
    if role in allowed:
        return None
    if role == "anonymous":
        if request.method == "POST" and endpoint in RECOVERABLE:
            recovery.stash(request.path, request.form)
            return redirect(url_for("auth.login", next=request.path, reason=g.get("session_end_reason")))
        target = request.full_path if request.query_string else request.path
        return redirect(
            url_for("auth.login", next=target if request.method == "GET" else None, reason=g.get("session_end_reason"))
        )
    abort(403)
    return None


# --- scopes -----------------------------------------------------------------------------------

#: The citizens on a caseworker's current caseload, within their jobcentre, as a statement built
#: once (the caseload and the citizen page run it on every visit). Its values come from
#: caseload_parameters; caseload_citizens is the same statement with them filled in.
CASELOAD_CITIZENS = (
    select(User)
    .join(CaseloadAssignment, CaseloadAssignment.citizen_id == User.id)
    .where(
        CaseloadAssignment.caseworker_id == bindparam("caseworker_id"),
        CaseloadAssignment.valid_from <= bindparam("today"),
        CaseloadAssignment.valid_to.is_(None) | (CaseloadAssignment.valid_to >= bindparam("today")),
        User.role == Role.CITIZEN,
        User.jobcentre_id == bindparam("jobcentre_id"),
    )
)


def caseload_parameters(caseworker: User) -> dict | None:
    """The values for CASELOAD_CITIZENS; None for anyone who has no caseload (not a caseworker, or
    in no jobcentre)."""
    if caseworker.role is not Role.CASEWORKER or caseworker.jobcentre_id is None:
        return None
    return {"caseworker_id": caseworker.id, "jobcentre_id": caseworker.jobcentre_id, "today": local_today()}


def caseload_citizens(caseworker: User) -> Select:
    """SELECT of the citizens on the caseworker's current caseload, within their jobcentre."""
    parameters = caseload_parameters(caseworker)
    if parameters is None:
        return select(User).where(False)
    return CASELOAD_CITIZENS.params(parameters)


def citizen_for_caseworker(caseworker: User, citizen_id: int) -> User:
    """The citizen with this id if on the caseworker's caseload; otherwise 404.

    :raise 404: for an unknown id and for a citizen who is not theirs alike.
    """
    citizen = db.session.scalar(caseload_citizens(caseworker).where(User.id == citizen_id))
    if citizen is None:
        refuse_citizen(caseworker, citizen_id)
    return citizen


def refuse_citizen(caseworker: User, citizen_id: int) -> NoReturn:
    """404 for a citizen the caseworker may not see (or who does not exist), with the refusal logged;
    for a view that read the citizen through caseload_citizens on its own."""
    audit.record(
        db.session, "access.denied", actor=caseworker, requested_citizen_id=citizen_id, endpoint=request.endpoint
    )
    db.session.commit()
    abort(404)


def own_citizen(user: User) -> User:
    """A citizen's own record; anyone else gets 404."""
    if user.role is not Role.CITIZEN:
        abort(404)
    return user


def meeting_of_citizen(user: User, meeting_id: int) -> Meeting:
    """One of the citizen's own meetings; 404 for anyone else's, as for one that does not exist."""
    return meeting_of(own_citizen(user), meeting_id)


def meeting_of(citizen: User, meeting_id: int) -> Meeting:
    """A meeting of a citizen the caller already holds through a scope above; 404 otherwise."""
    meeting = db.session.scalar(select(Meeting).where(Meeting.id == meeting_id, Meeting.citizen_id == citizen.id))
    if meeting is None:
        abort(404)
    return meeting


def homework_of(citizen: User, homework_id: int) -> Homework:
    """A homework task of a citizen the caller already holds through a scope above; 404 otherwise."""
    homework = db.session.scalar(select(Homework).where(Homework.id == homework_id, Homework.citizen_id == citizen.id))
    if homework is None:
        abort(404)
    return homework
