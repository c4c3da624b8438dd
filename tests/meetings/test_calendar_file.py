"""The meeting's .ics file as two independent calendar parsers read it (Mozilla's ical.js from npm, run
by node, and Python's vobject): the same instant in winter, in summer and in October; the jobcentre
as organiser; a cancelled meeting's file, and the cancellation e-mail, taking the meeting away again."""

from __future__ import annotations

import json
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import vobject

from portal.meetings import reminders
from tests.factories import log_in, post_form
from tests.pages import parse_page

REPO_ROOT = Path(__file__).resolve().parents[2]
#: The caseworker's form moving a meeting to 4 March 2031 at 14:00.
MOVED = {
    "kind": "follow_up",
    "day": "4.3.2031",
    "clock": "14:00",
    "duration_minutes": "45",
    "channel": "in_person",
    "place": "Kanalstræde 2",
    "purpose": "Opfølgning",
    "agenda": "Cv",
    "preparation": "",
}
COPENHAGEN = ZoneInfo("Europe/Copenhagen")

#: How ical.js reads a file, the way a client using it does: the file's VTIMEZONEs registered first.
ICAL_JS = """
const ICAL = require("ical.js");
const calendar = new ICAL.Component(ICAL.parse(require("fs").readFileSync(0, "utf8")));
for (const zone of calendar.getAllSubcomponents("vtimezone")) ICAL.TimezoneService.register(zone);
const event = new ICAL.Event(calendar.getFirstSubcomponent("vevent"));
const organizer = calendar.getFirstSubcomponent("vevent").getFirstProperty("organizer");
console.log(JSON.stringify({
  start: event.startDate.toUnixTime(),
  end: event.endDate.toUnixTime(),
  uid: event.uid,
  sequence: event.sequence,
  method: calendar.getFirstPropertyValue("method"),
  status: calendar.getFirstSubcomponent("vevent").getFirstPropertyValue("status"),
  organizer: organizer.getFirstValue(),
  organizer_name: organizer.getParameter("cn"),
}));
"""


def read_with_ical_js(ics: bytes | str) -> dict:
    # TZ=UTC: a time ical.js could not place in a zone would be read as the machine's local time.
    done = subprocess.run(
        ["node", "-e", ICAL_JS],
        input=ics if isinstance(ics, bytes) else ics.encode(),
        cwd=REPO_ROOT,
        capture_output=True,
        timeout=30,
        check=True,
        env={"PATH": "/usr/local/bin:/usr/bin:/bin", "TZ": "UTC"},
    )
    read = json.loads(done.stdout)
    read["start"] = datetime.fromtimestamp(read["start"], UTC)
    read["end"] = datetime.fromtimestamp(read["end"], UTC)
    return read


def read_with_vobject(ics: bytes | str):
    return vobject.readOne(ics if isinstance(ics, str) else ics.decode())


@pytest.fixture
def office(session, make_jobcentre, make_caseworker, make_citizen):
    jobcentre = make_jobcentre("Jobcenter Holbæk")
    caseworker = make_caseworker(jobcentre=jobcentre)
    return caseworker, make_citizen(caseworker=caseworker)


def wall_clock(year: int, month: int, day: int, hour: int) -> datetime:
    return datetime(year, month, day, hour, tzinfo=COPENHAGEN).astimezone(UTC)


@pytest.mark.parametrize(
    ("day", "instant"),
    [
        ((2031, 1, 14), datetime(2031, 1, 14, 9, 0, tzinfo=UTC)),  # winter time, UTC+1
        ((2031, 6, 17), datetime(2031, 6, 17, 8, 0, tzinfo=UTC)),  # summer time, UTC+2
        ((2031, 10, 21), datetime(2031, 10, 21, 8, 0, tzinfo=UTC)),  # still summer time (ends 26 October)
        ((2031, 10, 28), datetime(2031, 10, 28, 9, 0, tzinfo=UTC)),  # winter time again
    ],
    ids=["january", "june", "october-summer-time", "october-winter-time"],
)
def test_both_parsers_put_a_ten_oclock_meeting_at_the_same_instant(
    client, office, make_meeting, get_page, day, instant
):
    caseworker, citizen = office
    meeting = make_meeting(citizen, caseworker, starts_at=wall_clock(*day, 10))
    log_in(client, citizen.email)
    assert "kl. 10:00" in get_page(f"/meetings/{meeting.id}").get_text(" ", strip=True)
    ics = client.get(f"/meetings/{meeting.id}/calendar.ics").get_data()

    by_ical_js = read_with_ical_js(ics)
    assert (by_ical_js["start"], by_ical_js["end"]) == (instant, instant + timedelta(minutes=45))
    event = read_with_vobject(ics).vevent
    assert event.dtstart.value.astimezone(UTC) == instant
    assert event.dtend.value.astimezone(UTC) == instant + timedelta(minutes=45)


def test_the_jobcentre_is_the_organiser_with_an_address_only_when_one_is_set(
    client, office, make_meeting, make_app, session
):
    caseworker, citizen = office
    meeting = make_meeting(citizen, caseworker, days=5)
    log_in(client, citizen.email)
    ics = client.get(f"/meetings/{meeting.id}/calendar.ics").get_data()
    assert read_with_ical_js(ics)["organizer_name"] == "Jobcenter Holbæk"
    organizer = read_with_vobject(ics).vevent.organizer
    assert organizer.params["CN"] == ["Jobcenter Holbæk"]
    assert not organizer.value.startswith("mailto:"), "no made-up address to write to"

    with_address = make_app(SUPPORT_EMAIL="jobcenter@holbaek.dk").test_client()
    log_in(with_address, citizen.email)
    ics = with_address.get(f"/meetings/{meeting.id}/calendar.ics").get_data()
    assert read_with_ical_js(ics)["organizer"] == "mailto:jobcenter@holbaek.dk"
    assert read_with_vobject(ics).vevent.organizer.value == "mailto:jobcenter@holbaek.dk"


def test_a_cancelled_meeting_offers_the_file_that_takes_it_out_and_the_mail_carries_it(
    app, client, office, make_meeting, make_app, inbox, session
):
    caseworker, citizen = office
    meeting = make_meeting(citizen, caseworker, starts_at=wall_clock(2031, 6, 17, 10))
    log_in(client, citizen.email)
    added = read_with_ical_js(client.get(f"/meetings/{meeting.id}/calendar.ics").get_data())
    assert (added["method"], added["status"]) == ("PUBLISH", "CONFIRMED")

    office_client = app.test_client()
    log_in(office_client, caseworker.email)
    url = f"/caseworker/citizens/{citizen.id}/meetings/{meeting.id}/cancel"
    assert post_form(office_client, url, {"reason": "Jeg er syg", "version": "1"}, page_url=url).status_code == 302

    page = parse_page(client.get(f"/meetings/{meeting.id}"))
    link = page.find("a", href=f"/meetings/{meeting.id}/calendar.ics")
    assert link and link.get_text(strip=True) == "Fjern mødet fra din kalender (.ics-fil)"
    ics = client.get(link["href"]).get_data()
    cancelling = read_with_ical_js(ics)
    assert (cancelling["method"], cancelling["status"]) == ("CANCEL", "CANCELLED")
    assert cancelling["uid"] == added["uid"] and cancelling["sequence"] > added["sequence"]
    assert cancelling["start"] == added["start"]
    event = read_with_vobject(ics).vevent
    assert (event.uid.value, event.status.value) == (added["uid"], "CANCELLED")
    assert "Jobcentret, mødelokale 2" not in ics.decode(), "a cancellation needs no place"

    # The mail's file names the same event: the page's and the mail's are both built from BASE_URL.
    mail_app = make_app(SMTP_HOST="127.0.0.1", SMTP_PORT=inbox.port)
    with mail_app.app_context():
        assert reminders.send_due().sent == 1
    [message] = inbox.messages
    assert message["Subject"] == "Et møde er aflyst"
    [attachment] = list(message.iter_attachments())
    assert (attachment.get_content_type(), attachment.get_filename()) == ("text/calendar", "aflyst-mode.ics")
    mailed = attachment.get_content()
    assert mailed.count("BEGIN:VEVENT") == 1 and "Jobcentret, mødelokale 2" not in mailed, "no place in an e-mail"
    by_mail = read_with_ical_js(mailed)
    assert {key: by_mail[key] for key in ("method", "status", "uid", "sequence", "start")} == {
        key: cancelling[key] for key in ("method", "status", "uid", "sequence", "start")
    }
    assert read_with_vobject(mailed).vevent.dtstart.value.astimezone(UTC) == added["start"]


def test_a_cancelled_meetings_mail_is_in_the_citizens_language_and_others_carry_no_file(
    session, office, make_meeting, make_app, inbox
):
    caseworker, citizen = office
    citizen.preferred_language = "en"
    session.commit()
    meeting = make_meeting(citizen, caseworker, days=5)
    mail_app = make_app(SMTP_HOST="127.0.0.1", SMTP_PORT=inbox.port)
    office_client = mail_app.test_client()
    log_in(office_client, caseworker.email)
    base = f"/caseworker/citizens/{citizen.id}/meetings/{meeting.id}"
    moved = post_form(office_client, f"{base}/edit", {**MOVED, "version": "1"}, page_url=f"{base}/edit")
    assert moved.status_code == 302
    with mail_app.app_context():
        reminders.send_due()
    [changed] = inbox.messages
    assert changed["Subject"] == "A meeting has been changed"
    assert list(changed.iter_attachments()) == [], "only a cancellation carries a file"

    reason = {"reason": "Syg", "version": "2"}
    assert post_form(office_client, f"{base}/cancel", reason, page_url=f"{base}/cancel").status_code == 302
    with mail_app.app_context():
        reminders.send_due()
    [attachment] = list(inbox.messages[1].iter_attachments())
    event = read_with_vobject(attachment.get_content()).vevent
    assert event.summary.value == "Meeting with the jobcentre"
    assert event.organizer.params["CN"] == ["Jobcenter Holbæk"], "the attachment's charset is said"


def test_a_caseworker_without_a_jobcentre_gives_the_organiser_a_plain_name(session, office, make_meeting, client):
    caseworker, citizen = office
    meeting = make_meeting(citizen, caseworker, days=5)
    caseworker.jobcentre_id = None
    session.commit()
    log_in(client, citizen.email)
    ics = client.get(f"/meetings/{meeting.id}/calendar.ics").get_data()
    assert read_with_vobject(ics).vevent.organizer.params["CN"] == ["Jobcentret"]


def test_the_file_names_the_portal_by_base_url_whatever_host_the_request_named(office, make_meeting, make_app):
    """Behind the proxy the Host is the client's X-Forwarded-Host: a link someone sends a citizen with
    another host must not put that host in the calendar (a link to a look-alike site, a foreign UID)."""
    caseworker, citizen = office
    meeting = make_meeting(citizen, caseworker, starts_at=wall_clock(2031, 6, 17, 10))
    # Development trusts any host, so the request gets through and only the file can be at fault.
    browser = make_app(BASE_URL="https://minplan.holbaek.dk", PROXY_FIX=True).test_client()
    log_in(browser, citizen.email)
    response = browser.get(f"/meetings/{meeting.id}/calendar.ics", headers={"X-Forwarded-Host": "evil.example"})
    assert response.mimetype == "text/calendar"
    ics = response.get_data(as_text=True)
    assert "evil" not in ics
    event = read_with_vobject(ics).vevent
    assert event.uid.value == f"meeting-{meeting.id}@minplan.holbaek.dk"
    assert event.url.value == f"https://minplan.holbaek.dk/meetings/{meeting.id}"
    assert read_with_ical_js(ics)["uid"] == event.uid.value
