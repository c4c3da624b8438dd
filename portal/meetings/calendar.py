"""A meeting as an iCalendar file (RFC 5545) for the citizen's phone calendar.

Times are written in UTC (`DTSTART:20310304T093000Z`), not in Europe/Copenhagen with a VTIMEZONE.
A meeting is one instant, not a series, so a zone adds nothing but a way to be misread: the
VTIMEZONE icalendar writes lists each summer-time change as an RDATE without an RRULE, and ical.js,
vobject and Outlook's import put meetings in summer time an hour late. Every client reads a UTC
time the same way and shows it in the phone's own zone.

A phone calendar is often synced to a cloud service, so the event says only "Møde med jobcentret",
the place, a link and the jobcentre as organiser: no purpose, agenda or summary. A cancelled meeting
gives the same event with METHOD:CANCEL and no place, so importing it takes the meeting out of the
calendar; the cancellation e-mail carries it too.
"""

from __future__ import annotations

from datetime import UTC

from icalendar import Calendar, Event, vCalAddress

from portal.clock import utcnow
from portal.i18n import gettext as _
from portal.meetings.models import Meeting

#: The organiser's address when no real one is configured. ORGANIZER's value must be a URI; this is
#: the one Outlook writes for an organiser without an address, and no client tries to mail it.
NO_ADDRESS = "invalid:nomail"


def meeting_ics(meeting: Meeting, page_url: str, host: str, organizer_email: str | None = None) -> bytes:
    """The meeting's event; `organizer_email` (SUPPORT_EMAIL) is named only when it is configured."""
    calendar = Calendar()
    calendar.add("prodid", "-//Min Plan//Jobcentre meetings//DA")
    calendar.add("version", "2.0")
    calendar.add("method", "CANCEL" if meeting.is_cancelled else "PUBLISH")
    event = Event()
    # One uid per meeting and a sequence that grows with each change (the cancellation too):
    # re-importing updates the event, and the cancelling file replaces it.
    event.add("uid", f"meeting-{meeting.id}@{host}")
    event.add("sequence", meeting.version)
    event.add("dtstamp", utcnow())
    event.add("dtstart", meeting.starts_at.astimezone(UTC))
    event.add("dtend", meeting.ends_at.astimezone(UTC))
    event.add("organizer", _organizer(meeting, organizer_email))
    event.add("summary", _("Møde med jobcentret"))
    # A cancellation is matched by its uid and needs no place; without one it can go by e-mail, which
    # names no place (portal/meetings/reminders.py).
    if meeting.place and not meeting.is_cancelled:
        event.add("location", meeting.place)
    event.add("description", _("Se mødet og hvad du skal forberede i Min Plan: %(url)s", url=page_url))
    event.add("url", page_url)
    event.add("status", "CANCELLED" if meeting.is_cancelled else "CONFIRMED")
    calendar.add_component(event)
    return calendar.to_ical()


def _organizer(meeting: Meeting, email: str | None) -> vCalAddress:
    """The caseworker's jobcentre, by name; a mailto only for an address people can write to."""
    organizer = vCalAddress(f"mailto:{email}" if email else NO_ADDRESS)
    jobcentre = meeting.caseworker.jobcentre
    organizer.params["cn"] = jobcentre.name if jobcentre else _("Jobcentret")
    return organizer
