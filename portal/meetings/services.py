"""Changing meetings and homework. Every write is audited in the same transaction.

The citizen reports "Jeg kan ikke komme", asks for an interpreter, comments on a published summary
and ticks off homework. The caseworker plans, moves and cancels meetings, confirms the interpreter,
writes and publishes the summary, sets homework and marks the citizen's work as seen. A change of
time, length, channel, place or status is kept as a MeetingChange, which the citizen reads as
"Flyttet fra ... til ..." and is told of by e-mail.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import update

from portal import audit, locking
from portal.auth.models import User
from portal.clock import utcnow
from portal.db import db
from portal.meetings import interpreters
from portal.meetings.models import Homework, Meeting, MeetingChange, MeetingComment, MeetingStatus
from portal.plan import services as plan_services

TRACKED_FIELDS = ("starts_at", "duration_minutes", "channel", "place")


def _stringify(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return str(getattr(value, "value", value))


def _touch(meeting: Meeting) -> None:
    """Mark the meeting changed; its UPDATE checks and raises the version (portal.locking)."""
    meeting.updated_at = utcnow()


# --- the citizen ------------------------------------------------------------------------------


def can_report_absence(meeting: Meeting) -> bool:
    return meeting.status is MeetingStatus.PLANNED and meeting.starts_at > utcnow()


def report_absence(meeting: Meeting, citizen: User, reason: str, shown_version: str | None) -> None:
    """ "Jeg kan ikke komme": the caseworker sees it on the caseload at once."""
    with locking.saving():
        locking.check(meeting, shown_version)
        meeting.absence_reason = reason
        meeting.absence_reported_at = utcnow()
        meeting.absence_seen_at = None
        _touch(meeting)
        audit.record(
            db.session, "meeting.absence_reported", actor=citizen, citizen_id=meeting.citizen_id, meeting_id=meeting.id
        )


def request_interpreter(
    meeting: Meeting, citizen: User, language: str, other: str | None, shown_version: str | None
) -> None:
    """ "Jeg har brug for en tolk", or a change of language. A change after the caseworker booked the
    interpreter clears the confirmation: the caseworker sees the booking no longer matches."""
    other = other if language == interpreters.OTHER else None
    with locking.saving():
        locking.check(meeting, shown_version)
        if (meeting.interpreter_language, meeting.interpreter_language_other) == (language, other):
            return  # sent again unchanged: a confirmation stands
        action = (
            "meeting.interpreter_requested" if meeting.interpreter_language is None else "meeting.interpreter_changed"
        )
        meeting.interpreter_language, meeting.interpreter_language_other = language, other
        meeting.interpreter_requested_at = utcnow()
        _unconfirm_interpreter(meeting)
        _touch(meeting)
        # The language is left out: it can tell of a person's origin, and the meeting row holds it.
        audit.record(db.session, action, actor=citizen, citizen_id=meeting.citizen_id, meeting_id=meeting.id)


def withdraw_interpreter(meeting: Meeting, citizen: User, shown_version: str | None) -> None:
    """ "Jeg har ikke brug for en tolk": an interpreter booked already is for the caseworker to cancel."""
    with locking.saving():
        locking.check(meeting, shown_version)
        if meeting.interpreter_language is None:
            return
        meeting.interpreter_language = meeting.interpreter_language_other = None
        meeting.interpreter_requested_at = None
        _unconfirm_interpreter(meeting)
        _touch(meeting)
        audit.record(
            db.session,
            "meeting.interpreter_withdrawn",
            actor=citizen,
            citizen_id=meeting.citizen_id,
            meeting_id=meeting.id,
        )


def _unconfirm_interpreter(meeting: Meeting) -> bool:
    """The interpreter booked no longer fits the request or the meeting; whether one was confirmed.
    The booked language stays, so the caseworker is told what to change or cancel."""
    was_confirmed = meeting.interpreter_confirmed_at is not None
    meeting.interpreter_confirmed_at = None
    meeting.interpreter_confirmed_by_id = None
    return was_confirmed


def comment_on_summary(meeting: Meeting, citizen: User, text: str) -> MeetingComment:
    comment = MeetingComment(meeting_id=meeting.id, author_id=citizen.id, text=text, created_at=utcnow())
    db.session.add(comment)
    audit.record(
        db.session, "meeting.summary_commented", actor=citizen, citizen_id=meeting.citizen_id, meeting_id=meeting.id
    )
    db.session.commit()
    return comment


def mark_homework_done(homework: Homework, citizen: User, note: str | None, shown_version: str | None) -> None:
    """:raise StaleVersion: also when the task was ticked off already (in another tab, say)."""
    with locking.saving():
        locking.check(homework, shown_version)
        if homework.is_done:
            raise locking.StaleVersion
        homework.done_at = utcnow()
        homework.done_note = note
        homework.seen_at = None
        audit.record(
            db.session, "homework.done", actor=citizen, citizen_id=homework.citizen_id, homework_id=homework.id
        )


def reopen_homework(homework: Homework, citizen: User, shown_version: str | None) -> None:
    """The citizen ticked it off by mistake."""
    with locking.saving():
        locking.check(homework, shown_version)
        homework.done_at = None
        homework.seen_at = None
        audit.record(
            db.session, "homework.reopened", actor=citizen, citizen_id=homework.citizen_id, homework_id=homework.id
        )


# --- the caseworker ---------------------------------------------------------------------------


def save_meeting(
    citizen: User, meeting: Meeting | None, values: dict, caseworker: User, shown_version: str | None
) -> Meeting:
    """Plan a meeting, or change one; a changed time, length, channel or place is kept as a change."""
    if meeting is None:
        meeting = Meeting(citizen_id=citizen.id, caseworker_id=caseworker.id, created_at=utcnow(), **values)
        db.session.add(meeting)
        db.session.flush()
        audit.record(db.session, "meeting.created", actor=caseworker, citizen_id=citizen.id, meeting_id=meeting.id)
        db.session.commit()
        return meeting
    with locking.saving():
        locking.check(meeting, shown_version)
        changed = False
        old_values = {name: getattr(meeting, name) for name in TRACKED_FIELDS}
        for name, new in values.items():
            old = getattr(meeting, name)
            if old == new:
                continue
            setattr(meeting, name, new)
            changed = True
            if name in TRACKED_FIELDS:
                db.session.add(
                    MeetingChange(
                        meeting_id=meeting.id,
                        actor_id=caseworker.id,
                        field=name,
                        old_value=_stringify(old),
                        new_value=_stringify(new),
                        created_at=utcnow(),
                    )
                )
        if changed:
            # The interpreter was booked for the old time and place: the caseworker confirms again.
            rearranged = any(getattr(meeting, name) != old for name, old in old_values.items())
            unconfirmed = rearranged and _unconfirm_interpreter(meeting)
            _touch(meeting)
            audit.record(
                db.session,
                "meeting.changed",
                actor=caseworker,
                citizen_id=citizen.id,
                meeting_id=meeting.id,
                fields=sorted(k for k in values),
                interpreter_unconfirmed=unconfirmed,
            )
    return meeting


def cancel_meeting(meeting: Meeting, caseworker: User, reason: str, shown_version: str | None) -> None:
    with locking.saving():
        locking.check(meeting, shown_version)
        meeting.status = MeetingStatus.CANCELLED
        meeting.cancel_reason = reason
        _unconfirm_interpreter(meeting)
        db.session.add(
            MeetingChange(
                meeting_id=meeting.id,
                actor_id=caseworker.id,
                field="status",
                old_value=MeetingStatus.PLANNED.value,
                new_value=MeetingStatus.CANCELLED.value,
                created_at=utcnow(),
            )
        )
        _touch(meeting)
        audit.record(
            db.session, "meeting.cancelled", actor=caseworker, citizen_id=meeting.citizen_id, meeting_id=meeting.id
        )


def write_summary(
    meeting: Meeting,
    caseworker: User,
    text: str | None,
    publish: bool,
    shown_version: str | None,
    *,
    homework: list[dict],
    agreements: list[dict],
) -> None:
    """Save the summary, the homework and the agreements made at the meeting in one transaction: a
    summary is never saved without the agreements the caseworker wrote with it, nor the reverse.
    The agreements go into the citizen's plan (seeds/002: who does what by when, right away)."""
    with locking.saving():
        locking.check(meeting, shown_version)
        meeting.summary = text
        if publish and meeting.summary_published_at is None:
            meeting.summary_published_at = utcnow()
        elif not publish:
            meeting.summary_published_at = None
        for values in homework:
            _add_homework(meeting, caseworker, values)
        if agreements:
            plan_services.add_agreements(meeting.citizen_id, agreements, caseworker)
        _touch(meeting)
        audit.record(
            db.session,
            "meeting.summary_saved",
            actor=caseworker,
            citizen_id=meeting.citizen_id,
            meeting_id=meeting.id,
            published=publish,
            homework=len(homework),
        )


def _add_homework(meeting: Meeting, caseworker: User, values: dict) -> Homework:
    """A task set at the meeting; part of the summary's transaction."""
    homework = Homework(citizen_id=meeting.citizen_id, meeting_id=meeting.id, created_at=utcnow(), **values)
    db.session.add(homework)
    db.session.flush()
    audit.record(
        db.session, "homework.created", actor=caseworker, citizen_id=meeting.citizen_id, homework_id=homework.id
    )
    return homework


def mark_homework_seen(homework: Homework, caseworker: User) -> None:
    """The caseworker has seen the citizen's work. Bookkeeping, not a save of the task: it leaves the
    version alone, so the citizen's open page of the task does not go stale."""
    db.session.execute(update(Homework).where(Homework.id == homework.id).values(seen_at=utcnow()))
    audit.record(db.session, "homework.seen", actor=caseworker, citizen_id=homework.citizen_id, homework_id=homework.id)
    db.session.commit()


def mark_absence_seen(meeting: Meeting, caseworker: User) -> None:
    """The caseworker has seen the citizen's absence notice (a press of a button, never the opening of
    the page). Bookkeeping, so it leaves the meeting's version alone: the citizen's open page of the
    meeting does not go stale."""
    seen = db.changed_rows(
        update(Meeting)
        .where(Meeting.id == meeting.id, Meeting.absence_reported_at.is_not(None), Meeting.absence_seen_at.is_(None))
        .values(absence_seen_at=utcnow())
    )
    if seen:
        audit.record(
            db.session, "meeting.absence_seen", actor=caseworker, citizen_id=meeting.citizen_id, meeting_id=meeting.id
        )
    db.session.commit()


def mark_comments_seen(meeting: Meeting, caseworker: User) -> None:
    """The caseworker has seen the citizen's comments on the meeting's summary (a button, as above)."""
    seen = db.changed_rows(
        update(MeetingComment)
        .where(
            MeetingComment.meeting_id == meeting.id,
            MeetingComment.seen_at.is_(None),
            MeetingComment.author_id != caseworker.id,
        )
        .values(seen_at=utcnow())
    )
    if seen:
        audit.record(
            db.session,
            "meeting.comments_seen",
            actor=caseworker,
            citizen_id=meeting.citizen_id,
            meeting_id=meeting.id,
            comments=seen,
        )
    db.session.commit()


def confirm_interpreter(meeting: Meeting, caseworker: User, shown_version: str | None) -> bool:
    """ "Tolk er bestilt", for the request the caseworker's page showed; False when the request or the
    meeting changed since the page was shown, or there is no interpreter to book.

    Bookkeeping, like the absence notice: it leaves the version alone, so the citizen's open form of
    their request stays valid, and their next change of language clears the confirmation. The version
    the page showed guards it instead: the statement changes the row only while it has that version."""
    if not interpreters.open_for_change(meeting):
        return False
    return _interpreter_bookkeeping(
        meeting,
        caseworker,
        shown_version,
        interpreters.TO_BOOK,
        "meeting.interpreter_booked",
        interpreter_confirmed_at=utcnow(),
        interpreter_confirmed_by_id=caseworker.id,
        interpreter_booked_language=Meeting.interpreter_language,
        interpreter_booked_language_other=Meeting.interpreter_language_other,
    )


def confirm_interpreter_cancelled(meeting: Meeting, caseworker: User, shown_version: str | None) -> bool:
    """ "Tolken er afbestilt": the interpreter booked is no longer wanted (withdrawn, or the meeting
    cancelled) and the caseworker has cancelled them. Guarded by the version as above."""
    return _interpreter_bookkeeping(
        meeting,
        caseworker,
        shown_version,
        interpreters.TO_CANCEL,
        "meeting.interpreter_cancelled",
        interpreter_booked_language=None,
        interpreter_booked_language_other=None,
    )


def _interpreter_bookkeeping(meeting: Meeting, caseworker: User, shown_version, state, action: str, **values) -> bool:
    """Change the row only while it has the version the page showed and is in `state`; audit it."""
    if str(meeting.version) != (shown_version or "").strip():
        return False
    changed = db.changed_rows(
        update(Meeting).where(Meeting.id == meeting.id, Meeting.version == meeting.version, state).values(**values)
    )
    if changed:
        audit.record(db.session, action, actor=caseworker, citizen_id=meeting.citizen_id, meeting_id=meeting.id)
    db.session.commit()
    return bool(changed)
