"""The citizen's meetings: list, one page each, calendar file, "Jeg kan ikke komme", the summary."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from portal.audit import AuditEntry
from portal.meetings.models import Homework, MeetingChange, MeetingComment, MeetingStatus
from tests.factories import log_in, post_form
from tests.pages import parse_page, statements_per_page


@pytest.fixture
def citizen_with_meetings(client, session, make_caseworker, make_citizen, make_meeting):
    caseworker = make_caseworker(name="Karen Holm")
    citizen = make_citizen(caseworker=caseworker, name="Maria Jensen")
    past = make_meeting(citizen, caseworker, days=-14)
    upcoming = make_meeting(
        citizen,
        caseworker,
        starts_at=datetime(2031, 3, 4, 9, 30, tzinfo=UTC),
        purpose="Vi følger op på din jobsøgning.",
        agenda="Dit cv\n\n Din joblog ",
        preparation="Tag dine ansøgninger med.",
    )
    log_in(client, citizen.email)
    return citizen, caseworker, past, upcoming


def error_text(page) -> str:
    summary = page.find(attrs={"data-module": "error-summary"})
    return summary.get_text(" ", strip=True) if summary else ""


def test_list_and_meeting_page_say_why_what_and_what_to_prepare(get_page, citizen_with_meetings):
    citizen, caseworker, past, upcoming = citizen_with_meetings
    listing = get_page("/meetings/")
    upcoming_links = [a["href"] for a in listing.find(class_="meeting-list").find_all("a")]
    assert f"/meetings/{upcoming.id}" in upcoming_links
    assert "Der er ikke noget referat endnu." in listing.get_text(" ", strip=True)
    page = get_page(f"/meetings/{upcoming.id}")
    text = page.get_text(" ", strip=True)
    assert "tirsdag den 4. marts 2031 kl. 10:30" in text, "shown in Copenhagen time"
    assert "Vi følger op på din jobsøgning." in text and "Tag dine ansøgninger med." in text
    assert [li.get_text(strip=True) for li in page.find(string="Det skal vi tale om").find_next("ul")("li")] == [
        "Dit cv",
        "Din joblog",
    ], "one agenda topic a line; blank lines dropped"
    assert page.find("a", href="/questionnaire/"), "the next meeting links to its questionnaire"
    assert page.find("a", href=f"/meetings/{upcoming.id}/calendar.ics")
    assert page.find("a", href=f"/meetings/{upcoming.id}/absence")


def test_calendar_file_has_the_time_in_utc_and_nothing_sensitive(client, citizen_with_meetings):
    citizen, caseworker, past, upcoming = citizen_with_meetings
    response = client.get(f"/meetings/{upcoming.id}/calendar.ics")
    assert response.status_code == 200
    assert response.mimetype == "text/calendar"
    assert "attachment" in response.headers["Content-Disposition"]
    body = response.get_data(as_text=True).replace("\r\n ", "")
    # 10:30 in Copenhagen; how calendar clients read it is tested in test_calendar_file.py.
    assert "DTSTART:20310304T093000Z" in body and "DTEND:20310304T101500Z" in body
    assert "VTIMEZONE" not in body
    assert "LOCATION:Jobcentret\\, mødelokale 2" in body
    assert "jobsøgning" not in body and "ansøgninger" not in body, "no purpose or preparation in a synced calendar"


def test_a_moved_meeting_shows_where_from_and_to(get_page, session, citizen_with_meetings):
    citizen, caseworker, past, upcoming = citizen_with_meetings
    session.add(
        MeetingChange(
            meeting_id=upcoming.id,
            actor_id=caseworker.id,
            field="starts_at",
            old_value="2031-03-03T12:00:00+00:00",
            new_value=upcoming.starts_at.isoformat(),
        )
    )
    session.add(
        MeetingChange(
            meeting_id=upcoming.id, actor_id=caseworker.id, field="channel", old_value="phone", new_value="in_person"
        )
    )
    session.commit()
    text = get_page(f"/meetings/{upcoming.id}").get_text(" ", strip=True)
    assert "Mødet er ændret" in text
    assert "Flyttet fra mandag den 3. marts 2031 kl. 13:00 til tirsdag den 4. marts 2031 kl. 10:30" in text
    assert "Mødeformen er ændret fra Telefon til Fremmøde" in text


def test_a_cancelled_meeting_says_so_and_offers_only_its_removal(get_page, session, citizen_with_meetings):
    citizen, caseworker, past, upcoming = citizen_with_meetings
    upcoming.status, upcoming.cancel_reason = MeetingStatus.CANCELLED, "Din sagsbehandler er syg."
    session.commit()
    page = get_page(f"/meetings/{upcoming.id}")
    assert "Mødet er aflyst" in page.get_text() and "Din sagsbehandler er syg." in page.get_text()
    assert not page.find("a", href=f"/meetings/{upcoming.id}/absence")
    [calendar_link] = page.find_all("a", href=f"/meetings/{upcoming.id}/calendar.ics")
    assert calendar_link.get_text(strip=True) == "Fjern mødet fra din kalender (.ics-fil)"
    overview = get_page("/").find(id="next-meeting-heading").parent.get_text(" ", strip=True)
    assert "Du har ikke noget møde i kalenderen" in overview, "a cancelled meeting is not the next meeting"


def test_the_meeting_page_says_what_missing_it_can_mean_and_what_kontanthjaelp_is(get_page, citizen_with_meetings):
    citizen, caseworker, past, upcoming = citizen_with_meetings
    section = get_page(f"/meetings/{upcoming.id}").find("h2", string="Kan du ikke komme?").find_next("p").get_text()
    assert "kan det få betydning for din kontanthjælp" in section
    # The legal term stays (it is the word in the jobcentre's letters), explained where it appears.
    assert "Kontanthjælp er de penge fra kommunen, du lever af, når du ikke kan forsørge dig selv." in section


def test_cannot_come_with_errors_then_a_receipt_and_the_caseworker_sees_it(app, client, session, citizen_with_meetings):
    citizen, caseworker, past, upcoming = citizen_with_meetings
    url = f"/meetings/{upcoming.id}/absence"
    page = parse_page(post_form(client, url, {"reason": "  ", "version": "1"}, page_url=url))
    assert "Skriv, hvorfor du ikke kan komme" in error_text(page)
    too_long = "ø" * 2001
    page = parse_page(post_form(client, url, {"reason": too_long, "version": "1"}, page_url=url))
    assert "Skriv højst 2000 tegn" in error_text(page)
    assert page.find("textarea", id="reason").get_text().strip() == too_long, "input kept"
    response = post_form(client, url, {"reason": "Mit barn er <b>syg</b>", "version": "1"}, page_url=url)
    assert response.status_code == 302
    page = parse_page(client.get(response.headers["Location"]))
    text = page.get_text(" ", strip=True)
    assert "Du har meldt afbud" in text and "Mit barn er <b>syg</b>" in text
    assert session.scalar(select(AuditEntry).where(AuditEntry.action == "meeting.absence_reported")) is not None
    office = app.test_client()
    log_in(office, caseworker.email)
    caseload = parse_page(office.get("/caseworker/"))
    assert "Kan ikke komme" in caseload.find("tbody").get_text()


def test_cannot_come_from_an_old_page_is_refused_with_the_text_kept(client, session, citizen_with_meetings):
    citizen, caseworker, past, upcoming = citizen_with_meetings
    upcoming.version = 2  # the caseworker moved the meeting while the citizen was writing
    session.commit()
    url = f"/meetings/{upcoming.id}/absence"
    page = parse_page(post_form(client, url, {"reason": "Jeg er syg", "version": "1"}, page_url=url))
    assert "Nogen har gemt, før du nåede det" in page.find(id="conflict-notice").get_text()
    assert page.find("textarea", id="reason").get_text().strip() == "Jeg er syg"
    session.refresh(upcoming)
    assert upcoming.absence_reported_at is None


def test_no_cannot_come_for_a_past_meeting(client, citizen_with_meetings):
    citizen, caseworker, past, upcoming = citizen_with_meetings
    url = f"/meetings/{past.id}/absence"
    response = post_form(client, url, {"reason": "For sent", "version": "1"}, page_url=f"/meetings/{past.id}")
    assert response.status_code == 302
    page = parse_page(client.get(response.headers["Location"]))
    assert "kan ikke melde afbud her" in page.get_text()


def test_summary_is_shown_only_when_published_and_the_citizen_can_comment(client, session, citizen_with_meetings):
    citizen, caseworker, past, upcoming = citizen_with_meetings
    past.summary = "Vi aftalte, at du søger 5 job om ugen."
    session.commit()
    url = f"/meetings/{past.id}"
    page = parse_page(client.get(url))
    assert "Vi aftalte" not in page.get_text(), "a draft summary stays with the caseworker"
    assert post_form(client, url, {"text": "Hej"}, page_url=url).status_code == 404
    past.summary_published_at = datetime.now(UTC)
    session.commit()
    page = parse_page(post_form(client, url, {"text": ""}, page_url=url))
    assert "Skriv din kommentar" in error_text(page)
    response = post_form(client, url, {"text": "Jeg husker det anderledes: 4 job om ugen."}, page_url=url)
    assert response.status_code == 302
    text = parse_page(client.get(url)).get_text(" ", strip=True)
    assert "Vi aftalte, at du søger 5 job om ugen." in text
    assert "Jeg husker det anderledes: 4 job om ugen." in text
    comment = session.scalar(select(MeetingComment))
    assert comment.meeting_id == past.id and comment.author_id == citizen.id and comment.seen_at is None


def test_another_citizens_meeting_is_not_found(client, session, make_citizen, make_meeting, citizen_with_meetings):
    citizen, caseworker, past, upcoming = citizen_with_meetings
    other = make_citizen(caseworker=caseworker)
    theirs = make_meeting(other, caseworker)
    for url in (f"/meetings/{theirs.id}", f"/meetings/{theirs.id}/calendar.ics", f"/meetings/{theirs.id}/absence"):
        assert client.get(url).status_code == 404, url
    response = post_form(
        client, f"/meetings/{theirs.id}/absence", {"reason": "x", "version": "1"}, page_url="/meetings/"
    )
    assert response.status_code == 404
    session.refresh(theirs)
    assert theirs.absence_reported_at is None


def test_meeting_pages_use_a_constant_number_of_statements(app, client, session, make_meeting, citizen_with_meetings):
    citizen, caseworker, past, upcoming = citizen_with_meetings
    urls = ["/meetings/", f"/meetings/{past.id}", "/homework/"]
    small = statements_per_page(app, client, urls)
    for days in range(1, 30):
        make_meeting(citizen, caseworker, days=days * 7)
        session.add(Homework(citizen_id=citizen.id, meeting_id=past.id, title=f"Opgave {days}"))
        session.add(
            MeetingChange(meeting_id=past.id, actor_id=caseworker.id, field="place", old_value="A", new_value="B")
        )
    session.commit()
    assert statements_per_page(app, client, urls) == small
    assert max(small.values()) <= 8, small


def test_an_english_reader_gets_english_labels(client, session, citizen_with_meetings):
    citizen, caseworker, past, upcoming = citizen_with_meetings
    citizen.preferred_language = "en"
    session.commit()
    text = parse_page(client.get(f"/meetings/{upcoming.id}")).get_text(" ", strip=True)
    assert "What to prepare" in text and "Det skal du forberede" not in text
