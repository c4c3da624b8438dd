"""What the caseworker's pages write: an audit row for every read of a citizen's data (who, what,
which citizen, why), and what a read marks as seen. Each function commits, so the read and its
audit row succeed or fail together before the page is shown."""

from __future__ import annotations

from portal import audit
from portal.auth.models import User
from portal.caseworker import PURPOSE_CASEWORK
from portal.db import db
from portal.meetings import services as meeting_services
from portal.meetings.models import Meeting
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


def read_plan(caseworker: User, citizen: User, plan: Plan | None) -> None:
    """The plan was opened: the citizen's comments on it count as seen."""
    if plan is not None:
        plan_services.mark_comments_seen(plan, caseworker)
    record_read(caseworker, "caseworker.plan.viewed", citizen)


def read_meeting(caseworker: User, citizen: User, meeting: Meeting) -> None:
    """The meeting was opened: the absence notice and the citizen's comments count as seen."""
    meeting_services.mark_meeting_read(meeting, caseworker)
    record_read(caseworker, "caseworker.meeting.viewed", citizen, meeting_id=meeting.id)
