"""A meeting as an iCalendar file (RFC 5545) for the citizen's phone calendar.

Times are written in Europe/Copenhagen with the VTIMEZONE included, so the phone shows the right
hour across summer time. A phone calendar is often synced to a cloud service, so the event says
only "Møde med jobcentret", the place and a link: no purpose, agenda or summary.
"""

from __future__ import annotations

from icalendar import Calendar, Event

from portal.clock import local_zone, utcnow
from portal.i18n import gettext as _
from portal.meetings.models import Meeting


def meeting_ics(meeting: Meeting, page_url: str, host: str) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//Min Plan//Jobcentre meetings//DA")
    calendar.add("version", "2.0")
    calendar.add("method", "CANCEL" if meeting.is_cancelled else "PUBLISH")
    event = Event()
    # One uid per meeting and a sequence that grows with each change: re-importing updates the event.
    event.add("uid", f"meeting-{meeting.id}@{host}")
    event.add("sequence", meeting.version)
    event.add("dtstamp", utcnow())
    event.add("dtstart", meeting.starts_at.astimezone(local_zone()))
    event.add("dtend", meeting.ends_at.astimezone(local_zone()))
    event.add("summary", _("Møde med jobcentret"))
    if meeting.place:
        event.add("location", meeting.place)
    event.add("description", _("Se mødet og hvad du skal forberede i Min Plan: %(url)s", url=page_url))
    event.add("url", page_url)
    event.add("status", "CANCELLED" if meeting.is_cancelled else "CONFIRMED")
    calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()
