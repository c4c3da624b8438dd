"""What the caseworker's pages write: an audit row for every read of a citizen's data (who, what,
which citizen, why), and the plan's comments marked seen when the caseworker presses the button (a
read marks nothing). Each function commits, so the read and its audit row succeed or fail together
before the page is shown."""

from __future__ import annotations

from portal import audit
from portal.auth.models import User
from portal.caseworker import PURPOSE_CASEWORK
from portal.db import db
from portal.plan import services as plan_services
from portal.plan.models import Plan


def record_read(caseworker: User, action: str, citizen: User | None = None, **detail) -> None:
    """A caseworker read, e.g. "caseworker.joblog.viewed"; the citizen sees it in their access log."""
    audit.record(
        db.session,
        action,
        actor=caseworker,
        citizen_id=citizen.id if citizen is not None else None,
        purpose=PURPOSE_CASEWORK,
        **detail,
    )
    db.session.commit()


def read_caseload(caseworker: User, *, shown: int, of: int, name: str, view: str, order: str) -> None:
    """The caseload was listed with the filters the caseworker chose. The name search is free text, and
    a CPR number pasted into it must not reach the log, so only its length is kept: with the view,
    the order and the counts it tells an auditor how the list was narrowed, without the words."""
    record_read(
        caseworker,
        "caseworker.caseload.viewed",
        citizens=shown,
        of=of,
        view=view,
        order=order,
        name_search_length=len(name),
    )


def read_questionnaire(caseworker: User, citizen: User, questionnaire_id: int | None, sensitive_because: str | None):
    """The questionnaire was opened; with `sensitive_because` (the reason the caseworker chose) its
    sensitive answers were shown too, which is a read of its own."""
    audit.record(
        db.session,
        "caseworker.questionnaire.viewed",
        actor=caseworker,
        citizen_id=citizen.id,
        purpose=PURPOSE_CASEWORK,
        questionnaire_id=questionnaire_id,
    )
    if sensitive_because is not None:
        audit.record(
            db.session,
            "caseworker.questionnaire.sensitive_shown",
            actor=caseworker,
            citizen_id=citizen.id,
            purpose=sensitive_because,
            questionnaire_id=questionnaire_id,
        )
    db.session.commit()


def read_plan(caseworker: User, citizen: User) -> None:
    """The plan was opened. Its comments stay unseen until the caseworker says so (a POST)."""
    record_read(caseworker, "caseworker.plan.viewed", citizen)


def mark_plan_comments_seen(caseworker: User, citizen: User, plan: Plan) -> None:
    """The caseworker pressed "seen": the citizen's comments on the plan stop counting as waiting."""
    seen = plan_services.mark_comments_seen(plan, caseworker)
    if seen:
        audit.record(db.session, "plan.comments_seen", actor=caseworker, citizen_id=citizen.id, comments=seen)
    db.session.commit()
