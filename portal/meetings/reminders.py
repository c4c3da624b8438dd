"""E-mail reminders to citizens: a meeting tomorrow, a meeting changed or cancelled, homework due tomorrow,
a new caseworker, and (from a feature above this one, passed in as a finder) a new message in Beskeder.

Off until SMTP is configured (PORTAL_SMTP_HOST; also PORTAL_SMTP_PORT, PORTAL_SMTP_USERNAME,
PORTAL_SMTP_PASSWORD, PORTAL_SMTP_STARTTLS, PORTAL_MAIL_FROM and PORTAL_BASE_URL for the link).
`send_due()` finds what is due and sends it; the command line runs it:

    flask --app wsgi reminders send

Run it from cron, e.g. every 15 minutes (it is safe to repeat: nothing is sent twice), with the same
environment as the web app:

    */15 * * * *  cd /srv/minplan && . ./env && .venv/bin/flask --app wsgi reminders send >>log/reminders.log 2>&1

The exit status is 1 when any reminder failed; those are tried again on the next run.

Exactly once: every reminder has a (kind, reference) that is unique in `reminder_sent`. In its own
transaction the row is inserted and flushed before the mail goes out (an IntegrityError means another
run took it: skipped), then the mail is sent, then the row commits with its audit row; a failed send
rolls both back so the next run retries. Only a crash between a sent mail and the commit can repeat a
mail. A moved meeting has a new reference (its start time is part of it) and is reminded again; a
meeting change is told once per highest change id, so a later change gives a new mail.

The texts name no content: no purpose, agenda, place, summary or homework title; only that there is
something, its time for a meeting tomorrow, and a link to log in. In the citizen's language; one the
portal no longer offers falls back to Danish.
The mail about a cancelled meeting carries the cancelling .ics (portal/meetings/calendar.py: its time,
"Møde med jobcentret" and the link, no place), so a meeting the citizen put in their calendar leaves it.

Features above meetings (Beskeder) cannot be imported here; they give `send_due` a finder of their
own (`extra_finders`), and the command line, which reaches every feature, passes it.
"""

from __future__ import annotations

import logging
import smtplib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from email.message import EmailMessage
from zoneinfo import ZoneInfo

from flask import current_app
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from portal import audit, mail, urls
from portal.auth.models import User
from portal.clock import local_zone, utcnow
from portal.db import db
from portal.i18n import clock, force_locale, gettext
from portal.meetings import calendar
from portal.meetings.models import Homework, Meeting, MeetingChange, MeetingStatus, ReminderSent
from portal.organisation.models import CaseloadAssignment

log = logging.getLogger(__name__)

MEETING_TOMORROW = "meeting_tomorrow"
MEETING_CHANGED = "meeting_changed"
HOMEWORK_DUE = "homework_due"
CASEWORKER_CHANGED = "caseworker_changed"
#: The caseworker wrote in a thread of Beskeder (found by portal/messages/reminders.py).
MESSAGE_NEW = "message_new"
#: Changes older than this are not told any more (a run missed for a week does not flood inboxes).
CHANGE_WINDOW = timedelta(days=7)
AUDIT_PURPOSE = "Påmindelse på e-mail"

#: Who can be reminded: an active account with an e-mail address.
RECIPIENT = (User.id, User.email, User.preferred_language)
REACHABLE = (User.is_active.is_(True), User.email.is_not(None), User.email != "")


@dataclass
class Result:
    sent: int = 0
    #: Already sent by an earlier (or a concurrent) run.
    skipped: int = 0
    #: Not sent this time (SMTP refused or unreachable); tried again on the next run.
    failed: int = 0
    smtp_configured: bool = True


@dataclass(frozen=True)
class Due:
    """One reminder to send: its unique key, its recipient, and the few facts its text may name."""

    kind: str
    reference: str
    recipient_id: int
    #: Never None: REACHABLE picks only accounts with an e-mail (a citizen added by CPR may have none).
    email: str | None
    language: str | None
    #: The page the link opens, e.g. "/meetings/12".
    path: str
    starts_at: datetime | None = None
    #: A cancelled meeting, loaded with the reminder: its mail carries the cancelling .ics.
    cancelled: Meeting | None = None


#: What a feature above meetings adds: everything of its kind due at the given time, in one query.
Finder = Callable[[datetime], list[Due]]


def send_due(now: datetime | None = None, extra_finders: Iterable[Finder] = ()) -> Result:
    """Send every reminder that is due at `now` (default: the current time) and not sent before,
    this module's kinds and those `extra_finders` find."""
    config = current_app.config
    if not config.get("SMTP_HOST"):
        return Result(smtp_configured=False)
    session = db.session
    now = now or utcnow()
    due = find_due(now) + [reminder for finder in extra_finders for reminder in finder(now)]
    already = _already_sent(due)
    session.commit()  # end the reading transaction; each reminder gets its own
    result = Result()
    with mail.Mailer(config) as mailer:
        for reminder in due:
            if (reminder.kind, reminder.reference) in already:
                result.skipped += 1
                continue
            outcome = _send_one(reminder, mailer, config)
            setattr(result, outcome, getattr(result, outcome) + 1)
    return result


def find_due(now: datetime) -> list[Due]:
    """Everything due at `now`, sent or not: one query per kind, whatever the number of citizens."""
    zone = local_zone()
    tomorrow = now.astimezone(zone).date() + timedelta(days=1)
    return (
        _meetings_tomorrow(tomorrow, zone) + _meetings_changed(now) + _homework_due(tomorrow) + _caseworker_changed(now)
    )


def _meetings_tomorrow(tomorrow: date, zone: ZoneInfo) -> list[Due]:
    start = datetime.combine(tomorrow, time(), tzinfo=zone).astimezone(UTC)
    end = datetime.combine(tomorrow + timedelta(days=1), time(), tzinfo=zone).astimezone(UTC)
    rows = db.session.execute(
        select(Meeting.id, Meeting.starts_at, *RECIPIENT)
        .join(User, User.id == Meeting.citizen_id)
        .where(Meeting.status == MeetingStatus.PLANNED, Meeting.starts_at >= start, Meeting.starts_at < end, *REACHABLE)
        .order_by(Meeting.starts_at, Meeting.id)
    )
    return [
        Due(
            MEETING_TOMORROW,
            f"meeting:{meeting_id}:{starts_at.isoformat()}",
            user_id,
            email,
            language,
            f"/meetings/{meeting_id}",
            starts_at=starts_at,
        )
        for meeting_id, starts_at, user_id, email, language in rows
    ]


def _meetings_changed(now: datetime) -> list[Due]:
    latest = (
        select(MeetingChange.meeting_id, func.max(MeetingChange.id).label("change_id"))
        .where(MeetingChange.created_at >= now - CHANGE_WINDOW)
        .group_by(MeetingChange.meeting_id)
        .subquery()
    )
    # The meetings themselves (their caseworker and jobcentre joined in), for the .ics of a cancelled one.
    rows = db.session.execute(
        select(Meeting, latest.c.change_id, *RECIPIENT)
        .join(latest, latest.c.meeting_id == Meeting.id)
        .join(User, User.id == Meeting.citizen_id)
        .where(Meeting.starts_at > now, *REACHABLE)
        .order_by(Meeting.id)
    )
    return [
        Due(
            MEETING_CHANGED,
            f"meeting-change:{meeting.id}:{change_id}",
            user_id,
            email,
            language,
            f"/meetings/{meeting.id}",
            cancelled=meeting if meeting.is_cancelled else None,
        )
        for meeting, change_id, user_id, email, language in rows
    ]


def _homework_due(tomorrow: date) -> list[Due]:
    rows = db.session.execute(
        select(Homework.id, *RECIPIENT)
        .join(User, User.id == Homework.citizen_id)
        .where(Homework.done_at.is_(None), Homework.due_date == tomorrow, *REACHABLE)
        .order_by(Homework.id)
    )
    return [
        Due(HOMEWORK_DUE, f"homework:{homework_id}:{tomorrow.isoformat()}", user_id, email, language, "/homework/")
        for homework_id, user_id, email, language in rows
    ]


def _caseworker_changed(now: datetime) -> list[Due]:
    rows = db.session.execute(
        select(CaseloadAssignment.id, *RECIPIENT)
        .join(User, User.id == CaseloadAssignment.citizen_id)
        .where(
            CaseloadAssignment.previous_caseworker_id.isnot(None),
            CaseloadAssignment.valid_to.is_(None),
            CaseloadAssignment.created_at >= now - CHANGE_WINDOW,
            *REACHABLE,
        )
        .order_by(CaseloadAssignment.id)
    )
    return [
        Due(CASEWORKER_CHANGED, f"assignment:{assignment_id}", user_id, email, language, "/")
        for assignment_id, user_id, email, language in rows
    ]


def _already_sent(due: list[Due]) -> set[tuple[str, str]]:
    """The (kind, reference) pairs among `due` that went out before, in one query."""
    if not due:
        return set()
    references = {reminder.reference for reminder in due}
    rows = db.session.execute(
        select(ReminderSent.kind, ReminderSent.reference).where(ReminderSent.reference.in_(references))
    )
    return {(kind, reference) for kind, reference in rows}


def _send_one(reminder: Due, mailer: mail.Mailer, config) -> str:
    """Claim, send, commit; returns the Result field to count it in: sent, skipped or failed."""
    message = compose(reminder, config)
    session = db.session
    session.add(
        ReminderSent(
            kind=reminder.kind, reference=reminder.reference, recipient_id=reminder.recipient_id, sent_at=utcnow()
        )
    )
    try:
        session.flush()
    except IntegrityError:
        session.rollback()  # another run claimed it first
        return "skipped"
    audit.record(
        session,
        "reminder.sent",
        citizen_id=reminder.recipient_id,
        purpose=AUDIT_PURPOSE,
        kind=reminder.kind,
        reference=reminder.reference,
    )
    try:
        mailer.send(message)
    except (smtplib.SMTPException, OSError) as error:
        session.rollback()  # no row kept: the next run tries again
        # The server's answer may quote the address; the log names only what and why.
        log.warning("reminder %s %s not sent: %s", reminder.kind, reminder.reference, type(error).__name__)
        return "failed"
    session.commit()
    return "sent"


def compose(reminder: Due, config) -> EmailMessage:
    """The mail for one reminder, in the recipient's language; it names no content, only a link."""
    language = reminder.language if reminder.language in config["LANGUAGES"] else None
    language = language or config["BABEL_DEFAULT_LOCALE"]
    url = urls.public_url(config, reminder.path)
    with force_locale(language):
        subject, text = _texts(reminder)
        body = "\n\n".join(
            [
                text,
                gettext("Log ind på Min Plan for at se mere: %(url)s", url=url),
                gettext("Denne e-mail er sendt automatisk. Du kan ikke svare på den."),
            ]
        )
        # The cancelling event, in the same language: opening it takes the meeting out of the calendar.
        cancelling = (
            calendar.meeting_ics(
                reminder.cancelled, url, urls.public_host(config), organizer_email=config["SUPPORT_EMAIL"]
            )
            if reminder.cancelled is not None
            else None
        )
    if not reminder.email:
        raise ValueError("a reminder needs an e-mail address")
    message = mail.build(reminder.email, subject, body, config)
    if cancelling is not None:
        mail.attach_calendar(message, cancelling, "aflyst-mode.ics")
    return message


def _texts(reminder: Due) -> tuple[str, str]:
    """Subject and first paragraph (inside force_locale)."""
    if reminder.kind == MEETING_TOMORROW:
        return (
            gettext("Påmindelse: møde i morgen"),
            gettext("Du har et møde med jobcentret i morgen kl. %(time)s.", time=clock(reminder.starts_at)),
        )
    if reminder.kind == MEETING_CHANGED and reminder.cancelled is not None:
        return gettext("Et møde er aflyst"), gettext("Et af dine møder med jobcentret er aflyst.")
    if reminder.kind == MEETING_CHANGED:
        return gettext("Et møde er ændret"), gettext("Et af dine møder med jobcentret er ændret.")
    if reminder.kind == MESSAGE_NEW:
        # Neither the subject nor a word of the message: a mail may be read by others than the citizen.
        return (
            gettext("Du har en ny besked fra jobcentret"),
            gettext("Din sagsbehandler har skrevet til dig i Beskeder."),
        )
    if reminder.kind == CASEWORKER_CHANGED:
        return (
            gettext("Du har fået en ny sagsbehandler"),
            gettext("Din sagsbehandler i jobcentret er skiftet. Log ind for at se, hvem du skal tale med."),
        )
    return (
        gettext("Påmindelse: opgave med frist i morgen"),
        gettext("Du har en opgave fra jobcentret med frist i morgen."),
    )
