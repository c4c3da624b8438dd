"""The caseworker sees the interpreter a citizen asked for on the meeting, the citizen page and the
caseload, confirms "Tolk er bestilt", and is told when the booking no longer fits: a new language, a
withdrawal, a moved or cancelled meeting. Nobody else's caseworker sees or changes anything."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from portal.audit import AuditEntry
from portal.auth.models import Jobcentre
from portal.meetings.models import Meeting
from portal.organisation.models import CitizenProfile
from tests.factories import csrf_token_from, log_in
from tests.pages import parse_page, statements_per_page
from tests.security.forms import send


@pytest.fixture
def requested(client, session, make_caseworker, make_citizen, make_meeting):
    """Karen, logged in; Maria has asked for an interpreter in Arabic at her meeting in three days."""
    caseworker = make_caseworker(name="Karen Holm")
    citizen = make_citizen(caseworker=caseworker, name="Maria Jensen")
    now = datetime.now(UTC)
    meeting = make_meeting(
        citizen,
        caseworker,
        starts_at=now.replace(second=0, microsecond=0) + timedelta(days=3),  # as the edit form shows it
        interpreter_language="arabic",
        interpreter_requested_at=now,
    )
    # No meeting rule to keep, so only the interpreter can make the citizen need attention.
    session.get(CitizenProfile, citizen.id).first_contact_date = None
    session.commit()
    log_in(client, caseworker.email)
    return caseworker, citizen, meeting


def meeting_url(citizen, meeting) -> str:
    return f"/caseworker/citizens/{citizen.id}/meetings/{meeting.id}"


def interpreter_section(page) -> str:
    parts = []
    for sibling in page.find(id="interpreter-heading").find_next_siblings():
        if sibling.name == "h2":
            break
        parts.append(sibling.get_text(" ", strip=True))
    return " ".join(parts)


def press(client, citizen, meeting, what: str, **changes):
    """Press "Tolk er bestilt" (what="booked") or "Tolken er afbestilt" ("cancelled") on the meeting page."""
    page = meeting_url(citizen, meeting)
    return send(client, page, changes, action=f"{page}/interpreter/{what}")


def saved(session, meeting: Meeting) -> Meeting:
    session.expire_all()
    return session.get(Meeting, meeting.id)


def caseload_row(client, citizen) -> str:
    page = parse_page(client.get("/caseworker/"))
    row = page.find("a", string=citizen.name).find_parent("tr")
    return row.get_text(" ", strip=True)


def test_the_request_shows_everywhere_before_the_meeting_and_booking_it_is_audited(client, session, requested):
    caseworker, citizen, meeting = requested
    row = caseload_row(client, citizen)
    assert "Tolk: Arabisk, ikke bestilt" in row and "1 tolk skal bestilles" in row
    attention = parse_page(client.get("/caseworker/?view=attention")).get_text(" ", strip=True)
    assert citizen.name in attention, "an interpreter to book needs attention"
    overview = parse_page(client.get(f"/caseworker/citizens/{citizen.id}")).get_text(" ", strip=True)
    assert "Arabisk. Tolken er ikke bestilt endnu." in overview and "Tolk: Arabisk, ikke bestilt" in overview
    section = interpreter_section(parse_page(client.get(meeting_url(citizen, meeting))))
    assert "Borgeren har bedt om en tolk på arabisk" in section and "Tolk er bestilt" in section

    assert press(client, citizen, meeting, "booked").status_code == 302
    row = saved(session, meeting)
    assert row.interpreter_confirmed_by_id == caseworker.id and row.interpreter_confirmed_at is not None
    assert row.interpreter_booked_language == "arabic" and row.version == meeting.version, "bookkeeping: no new version"
    audit = session.scalars(select(AuditEntry).where(AuditEntry.action == "meeting.interpreter_booked")).one()
    assert (audit.actor_id, audit.citizen_id, json.loads(audit.detail)) == (
        caseworker.id,
        citizen.id,
        {"meeting_id": meeting.id},
    )
    section = interpreter_section(parse_page(client.get(meeting_url(citizen, meeting))))
    assert "Karen Holm markerede tolken som bestilt" in section and "Tolk er bestilt" not in section
    row = caseload_row(client, citizen)
    assert "Tolk: Arabisk, bestilt" in row and "tolk skal" not in row
    assert citizen.name not in parse_page(client.get("/caseworker/?view=attention")).get_text(" ", strip=True)


def test_only_meetings_not_begun_are_flagged(client, requested, make_meeting):
    caseworker, citizen, meeting = requested
    make_meeting(citizen, caseworker, days=-7, interpreter_language="dari", interpreter_booked_language="pashto")
    row = caseload_row(client, citizen)
    assert "1 tolk skal bestilles" in row and "afbestilles" not in row


def test_a_press_from_a_page_older_than_the_request_books_nothing(client, session, requested):
    caseworker, citizen, meeting = requested
    page = parse_page(client.get(meeting_url(citizen, meeting)))
    shown = page.find("form", action=f"{meeting_url(citizen, meeting)}/interpreter/booked")
    stale = {field["name"]: field.get("value", "") for field in shown.find_all("input")}
    row = saved(session, meeting)
    row.interpreter_language, row.version = "dari", row.version + 1  # the citizen changed it meanwhile
    session.commit()
    response = client.post(f"{meeting_url(citizen, meeting)}/interpreter/booked", data=stale)
    assert response.status_code == 302
    assert saved(session, meeting).interpreter_confirmed_at is None
    assert "ændret, siden du åbnede siden" in parse_page(client.get(response.headers["Location"])).get_text()
    assert not session.scalars(select(AuditEntry).where(AuditEntry.action == "meeting.interpreter_booked")).all()


def test_a_new_language_after_booking_says_what_to_cancel_and_book(client, session, requested):
    caseworker, citizen, meeting = requested
    press(client, citizen, meeting, "booked")
    row = saved(session, meeting)
    row.interpreter_language, row.interpreter_confirmed_at, row.interpreter_confirmed_by_id = "dari", None, None
    session.commit()
    section = interpreter_section(parse_page(client.get(meeting_url(citizen, meeting))))
    assert "Du har bestilt en tolk på arabisk, men borgeren har skiftet sprog." in section
    assert "bestil en tolk på dari" in section
    assert "1 tolk skal bestilles" in caseload_row(client, citizen)
    press(client, citizen, meeting, "booked")
    assert saved(session, meeting).interpreter_booked_language == "dari"


def test_moving_the_meeting_asks_to_check_the_booking_and_a_new_purpose_does_not(client, session, requested):
    caseworker, citizen, meeting = requested
    press(client, citizen, meeting, "booked")
    edit = f"{meeting_url(citizen, meeting)}/edit"
    send(client, edit, {"purpose": "Nyt formål"})
    assert saved(session, meeting).interpreter_confirmed_at is not None
    send(client, edit, {"clock": "14:45"})
    row = saved(session, meeting)
    assert row.interpreter_confirmed_at is None and row.interpreter_booked_language == "arabic"
    section = interpreter_section(parse_page(client.get(meeting_url(citizen, meeting))))
    assert "Mødet eller borgerens ønske er ændret, efter du bestilte tolken." in section
    changed = session.scalars(
        select(AuditEntry).where(AuditEntry.action == "meeting.changed").order_by(AuditEntry.id)
    ).all()
    assert [json.loads(entry.detail)["interpreter_unconfirmed"] for entry in changed] == [False, True]


def test_cancelling_the_meeting_asks_to_cancel_the_interpreter(client, session, requested):
    caseworker, citizen, meeting = requested
    press(client, citizen, meeting, "booked")
    send(client, f"{meeting_url(citizen, meeting)}/cancel", {"reason": "Sagsbehandleren er syg"})
    section = interpreter_section(parse_page(client.get(meeting_url(citizen, meeting))))
    assert "Tolken skal afbestilles" in section and "Mødet er aflyst." in section
    assert "Afbestil tolken på arabisk" in section
    row = caseload_row(client, citizen)
    assert "1 tolk skal afbestilles" in row
    assert press(client, citizen, meeting, "cancelled").status_code == 302
    row = saved(session, meeting)
    assert row.interpreter_booked_language is None and row.interpreter_language == "arabic"
    assert "tolk skal" not in caseload_row(client, citizen)
    assert session.scalars(select(AuditEntry).where(AuditEntry.action == "meeting.interpreter_cancelled")).one()


def test_after_a_withdrawal_the_caseworker_is_told_to_cancel(client, session, requested):
    caseworker, citizen, meeting = requested
    press(client, citizen, meeting, "booked")
    row = saved(session, meeting)
    row.interpreter_language = row.interpreter_requested_at = row.interpreter_confirmed_at = None
    session.commit()
    section = interpreter_section(parse_page(client.get(meeting_url(citizen, meeting))))
    assert "Borgeren har ikke brug for en tolk længere." in section
    assert "Tolken skal afbestilles" in caseload_row(client, citizen), "the next meeting says so"


@pytest.mark.parametrize("who", ["another jobcentre", "a colleague without the citizen"])
def test_another_caseworker_sees_nothing_and_changes_nothing(app, session, requested, make_caseworker, who):
    caseworker, citizen, meeting = requested
    jobcentre = None if who == "another jobcentre" else session.get(Jobcentre, caseworker.jobcentre_id)
    stranger = make_caseworker(jobcentre=jobcentre)
    client = app.test_client()
    log_in(client, stranger.email)
    assert client.get(meeting_url(citizen, meeting)).status_code == 404
    caseload = client.get("/caseworker/").get_data(as_text=True)
    assert citizen.name not in caseload
    token = csrf_token_from(caseload)
    for what in ("booked", "cancelled"):
        url = f"{meeting_url(citizen, meeting)}/interpreter/{what}"
        assert client.post(url, data={"csrf_token": token, "version": str(meeting.version)}).status_code == 404
    assert saved(session, meeting).interpreter_confirmed_at is None


def test_the_caseload_costs_the_same_statements_with_many_requests(
    app, client, session, make_caseworker, make_citizen, make_meeting
):
    caseworker = make_caseworker()
    make_meeting(make_citizen(caseworker=caseworker), caseworker)
    log_in(client, caseworker.email)
    urls = ["/caseworker/", "/caseworker/?view=attention&order=name"]
    small = statements_per_page(app, client, urls)
    now = datetime.now(UTC)
    for n in range(149):
        citizen = make_citizen(caseworker=caseworker)
        fields = {"interpreter_language": "somali", "interpreter_requested_at": now} if n % 2 else {}
        if n % 3 == 0:
            fields |= {"interpreter_booked_language": "dari"}
        make_meeting(citizen, caseworker, days=1 + n % 20, **fields)
    assert statements_per_page(app, client, urls) == small
    assert "tolke skal bestilles" not in parse_page(client.get("/caseworker/")).get_text(), "one a row"
