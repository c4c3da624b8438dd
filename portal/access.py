"""Who may see what: the role x route table, and the mechanism every scope of citizen data uses.

Deny by default: an endpoint missing from ROUTE_ACCESS answers 403 to everyone, and a test fails
on any route in the app that is not listed. Views never load a citizen's row by id alone: each
feature declares the scopes for its own rows in its `scopes.py` (a caseworker's caseload in
portal.organisation.scopes, a citizen's meetings in portal.meetings.scopes, ...), and those answer
404 for an id that is not the person's, exactly as for one that does not exist, through the
functions below. The table and the mechanism are here; what a scope selects lives with its rows.
"""

from __future__ import annotations

import enum
from typing import NoReturn, Protocol, TypeVar

from flask import abort, g, redirect, request, url_for
from flask_login import current_user

from portal import audit, recovery
from portal.db import db


class Role(enum.StrEnum):
    """What a person is to the portal; every route names the roles that may use it."""

    CITIZEN = "citizen"
    CASEWORKER = "caseworker"
    #: Reads the audit log; sees no citizen's data in the portal.
    AUDITOR = "auditor"
    ADMIN = "admin"


class Person(Protocol):
    """The logged-in person as the mechanism sees them (an account, portal.auth.models.User)."""

    id: int
    role: Role


P = TypeVar("P", bound=Person)
T = TypeVar("T")


PUBLIC = frozenset({"anonymous", *Role})
LOGGED_IN = frozenset(Role)
CITIZEN = frozenset({Role.CITIZEN})
CASEWORKER = frozenset({Role.CASEWORKER})

#: The pages a citizen types into: a POST that arrives after the session or form token ended is
#: kept for its writer (portal/recovery.py), and the page shows it again after the next login
#: (portal.forms.form_shown). tests/security/test_recovery_everywhere.py walks each of them, and
#: fails on a citizen form page missing here.
RECOVERABLE = frozenset(
    {
        "questionnaire.step",
        "plan.goal",
        "plan.item",
        "plan.reflection",
        "plan.propose",
        "meetings.meeting",
        "meetings.absence",
        "meetings.interpreter",
        "homework.item",
        "joblog.new",
        "joblog.edit",
        "messages.new",
        "messages.thread",
    }
)

#: endpoint -> the roles that may call it ("anonymous" = not logged in).
ROUTE_ACCESS: dict[str, frozenset] = {
    "static": PUBLIC,
    "pages.healthz": PUBLIC,
    "pages.accessibility": PUBLIC,
    "pages.privacy": PUBLIC,
    "pages.set_language_choice": PUBLIC,
    "auth.login": PUBLIC,
    "auth.logout": LOGGED_IN,
    "auth.provider_login": PUBLIC,
    "auth.provider_callback": PUBLIC,
    "auth.logged_out": PUBLIC,
    "auth.backchannel_logout": PUBLIC,
    "auth.activate": PUBLIC,
    "overview.index": LOGGED_IN,
    "caseworker.caseload": CASEWORKER,
    "caseworker.citizen": CASEWORKER,
    "caseworker.questionnaire": CASEWORKER,
    "caseworker.reveal_sensitive": CASEWORKER,
    "caseworker.plan": CASEWORKER,
    "caseworker.plan_comments_seen": CASEWORKER,
    "caseworker.decide_proposal": CASEWORKER,
    "caseworker_meetings.new": CASEWORKER,
    "caseworker_meetings.meeting": CASEWORKER,
    "caseworker_meetings.edit": CASEWORKER,
    "caseworker_meetings.cancel": CASEWORKER,
    "caseworker_meetings.summary": CASEWORKER,
    "caseworker_meetings.homework_seen": CASEWORKER,
    "caseworker_meetings.absence_seen": CASEWORKER,
    "caseworker_meetings.comments_seen": CASEWORKER,
    "caseworker_meetings.interpreter_booked": CASEWORKER,
    "caseworker_meetings.interpreter_cancelled": CASEWORKER,
    "caseworker_handover.hand_over": CASEWORKER,
    "caseworker_handover.mark_read": CASEWORKER,
    "caseworker_invitations.new": CASEWORKER,
    "caseworker_invitations.renew": CASEWORKER,
    "caseworker_messages.new": CASEWORKER,
    "caseworker_messages.thread": CASEWORKER,
    "caseworker_messages.wait": CASEWORKER,
    "caseworker_messages.close": CASEWORKER,
    "caseworker_messages.mark_read": CASEWORKER,
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
    "meetings.interpreter": CITIZEN,
    "meetings.withdraw_interpreter": CITIZEN,
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
    "messages.index": CITIZEN,
    "messages.new": CITIZEN,
    "messages.thread": CITIZEN,
    "messages.mark_read": CITIZEN,
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
        refuse("unlisted_route", status=403)
    if allowed is PUBLIC:
        return None  # no need to look the person up (static files never touch the database)
    role = current_user.role if current_user.is_authenticated else "anonymous"
    if role in allowed:
        return None
    if role == "anonymous":
        ended_user = g.get("session_ended_user_id")
        if request.method == "POST" and endpoint in RECOVERABLE and ended_user is not None:
            # The person's session ended while they typed: keep it for them, and only for them.
            recovery.stash(ended_user, request.path, request.form)
            return redirect(url_for("auth.login", next=request.path, reason=g.get("session_end_reason")))
        target = request.full_path if request.query_string else request.path
        return redirect(
            url_for("auth.login", next=target if request.method == "GET" else None, reason=g.get("session_end_reason"))
        )
    refuse("role", status=403)
    return None  # not reached (refuse raises); ruff cannot see through NoReturn


# --- the mechanism scopes use -------------------------------------------------------------------


def refuse(reason: str, *, status: int = 404, actor: Person | None = None, **detail) -> NoReturn:
    """Answer `status` with the refusal in the audit log: who (`actor`, else whoever is logged in),
    which endpoint, why (`reason`) and what was asked for (`detail`: ids, never the request's body or
    query string, which may hold anything a person typed).

    What the request did before is rolled back (the failed request would lose it anyway), so that
    committing the refusal commits nothing else."""
    if actor is None and current_user.is_authenticated:
        actor = current_user
    db.session.rollback()
    audit.record(db.session, "access.denied", actor=actor, endpoint=request.endpoint, reason=reason, **detail)
    db.session.commit()
    abort(status)


def _ids_in_path() -> dict[str, int]:
    """The ids the URL asked for (its whole-number parts); the path's other parts are left out."""
    return {name: value for name, value in (request.view_args or {}).items() if isinstance(value, int)}


def own_citizen(user: P) -> P:
    """A citizen's own record; anyone else gets 404 (logged: the route table lets only citizens in)."""
    if user.role is not Role.CITIZEN:
        refuse("not_a_citizen")
    return user


def found(row: T | None) -> T:
    """The row a scope selected; 404 when it selected none (not there, or not the person's).

    A miss for an id in the URL is logged as a refusal. The scope cannot tell someone else's row
    from one that does not exist without looking at other people's rows, and both are worth a line
    when someone tries ids. A miss with no id asked for (a citizen's plan not made yet) is no refusal."""
    if row is None:
        ids = _ids_in_path()
        if ids:
            refuse("not_in_scope", ids=ids)
        abort(404)
    return row


def refuse_citizen(caseworker: Person, citizen_id: int) -> NoReturn:
    """404 for a citizen the caseworker may not see (or who does not exist), with the refusal logged."""
    refuse("not_on_caseload", actor=caseworker, requested_citizen_id=citizen_id)
