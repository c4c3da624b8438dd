"""The caseworker plans, moves and cancels meetings, writes the summary with homework and agreements,
and sees the cadence rules; every read is audited and other caseworkers get 404."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from portal.audit import AuditEntry
from portal.clock import local_today
from portal.meetings.models import Homework, Meeting, MeetingChange, MeetingKind, MeetingStatus
from portal.organisation.models import CitizenProfile
from portal.plan.models import ItemKind, PlanItem
from tests.factories import log_in, post_form
from tests.pages import parse_page, statements_per_page

VALID = {
    "kind": "follow_up",
    "day": "4.3.2031",
    "clock": "10:30",
    "duration_minutes": "45",
    "channel": "in_person",
    "place": "Kanalstræde 2",
    "purpose": "Opfølgning",
    "agenda": "Cv\nJoblog",
    "preparation": "Tag cv med",
}


@pytest.fixture
def office(client, make_caseworker, make_citizen):
    caseworker = make_caseworker(name="Karen Holm")
    citizen = make_citizen(caseworker=caseworker, name="Maria Jensen")
    log_in(client, caseworker.email)
    return caseworker, citizen


def errors(page) -> str:
    summary = page.find(attrs={"data-module": "error-summary"})
    return summary.get_text(" ", strip=True) if summary else ""


def test_new_meeting_starts_from_the_progression_template(client, office):
    caseworker, citizen = office
    page = parse_page(client.get(f"/caseworker/citizens/{citizen.id}/meetings/new?kind=first"))
    assert page.find("select", id="kind").find("option", selected=True)["value"] == "first"
    assert "kompetencer og dit cv på Jobnet" in page.find("textarea", id="agenda").get_text()
    assert "Udfyld forberedelsen" in page.find("textarea", id="preparation").get_text()
    assert page.find("a", href=f"/caseworker/citizens/{citizen.id}/meetings/new?kind=after_practicum")


def test_new_meeting_with_errors_keeps_the_input_then_the_citizen_sees_it(app, client, session, office):
    caseworker, citizen = office
    url = f"/caseworker/citizens/{citizen.id}/meetings/new"
    bad = {**VALID, "day": "31.2.2031", "clock": "25:00", "place": "", "kind": "rocket", "agenda": "Mit <b>emne</b>"}
    page = parse_page(post_form(client, url, bad, page_url=url))
    text = errors(page)
    assert "Skriv en rigtig dato" in text and "fx 10:30" in text and "Skriv adressen" in text
    assert "Vælg et af svarene på listen" in text and "Not a valid choice" not in text
    assert page.find("input", id="clock")["value"] == "25:00"
    assert page.find("textarea", id="agenda").get_text().strip() == "Mit <b>emne</b>"
    response = post_form(client, url, VALID, page_url=url)
    assert response.status_code == 302
    meeting = session.scalar(select(Meeting).where(Meeting.citizen_id == citizen.id))
    assert meeting.starts_at.isoformat() == "2031-03-04T09:30:00+00:00", "10:30 in Copenhagen is 09:30 UTC in March"
    assert meeting.caseworker_id == caseworker.id and meeting.agenda_lines == ["Cv", "Joblog"]
    reader = app.test_client()
    log_in(reader, citizen.email)
    text = parse_page(reader.get(f"/meetings/{meeting.id}")).get_text(" ", strip=True)
    assert "tirsdag den 4. marts 2031 kl. 10:30" in text and "Tag cv med" in text


def test_moving_a_meeting_is_kept_as_a_change_and_an_old_form_is_refused(client, session, office, make_meeting):
    caseworker, citizen = office
    meeting = make_meeting(citizen, caseworker, days=5)
    url = f"/caseworker/citizens/{citizen.id}/meetings/{meeting.id}/edit"
    form = parse_page(client.get(url))
    assert form.find("input", id="version")["value"] == "1"
    assert form.find("select", id="duration_minutes").find("option", selected=True)["value"] == "45"
    moved = {**VALID, "version": "1"}
    assert post_form(client, url, moved, page_url=url).status_code == 302
    fields = set(session.scalars(select(MeetingChange.field).where(MeetingChange.meeting_id == meeting.id)))
    assert {"starts_at", "place"} <= fields and "agenda" not in fields, "only what the citizen needs told"
    page = parse_page(post_form(client, url, {**VALID, "clock": "11:00", "version": "1"}, page_url=url))
    assert "Nogen har gemt, før du nåede det" in page.find(id="conflict-notice").get_text()
    assert page.find("input", id="clock")["value"] == "11:00"
    session.refresh(meeting)
    assert meeting.starts_at.hour == 9 and meeting.version == 2


def test_cancel_needs_a_reason_and_the_citizen_reads_it(client, session, office, make_meeting):
    caseworker, citizen = office
    meeting = make_meeting(citizen, caseworker, days=5)
    url = f"/caseworker/citizens/{citizen.id}/meetings/{meeting.id}/cancel"
    assert "Skriv, hvorfor mødet aflyses" in errors(
        parse_page(post_form(client, url, {"reason": "", "version": "1"}, page_url=url))
    )
    assert post_form(client, url, {"reason": "Jeg er syg", "version": "1"}, page_url=url).status_code == 302
    session.refresh(meeting)
    assert meeting.status is MeetingStatus.CANCELLED and meeting.cancel_reason == "Jeg er syg"
    assert session.scalar(select(MeetingChange.new_value).where(MeetingChange.field == "status")) == "cancelled"


def test_summary_with_homework_and_agreements_in_one_step(client, session, office, make_meeting):
    caseworker, citizen = office
    meeting = make_meeting(citizen, caseworker, days=-1, kind=MeetingKind.FIRST)
    url = f"/caseworker/citizens/{citizen.id}/meetings/{meeting.id}/summary"
    page = parse_page(client.get(url))
    assert "Find virksomheder" in page.find("input", id="homework-0-title")["value"], "suggested homework for the step"
    bad = {
        "version": "1",
        "summary": "",
        "publish": "y",
        "homework-0-title": "",
        "homework-0-due": "1.1.2027",
        "agreements-1-title": "Søg 5 job",
        "agreements-1-due": "i morgen",
    }
    page = parse_page(post_form(client, url, bad, page_url=url))
    text = errors(page)
    assert "Skriv referatet, før du deler det" in text and "Skriv, hvad borgeren skal gøre" in text
    assert "Skriv en rigtig dato" in text
    assert page.find("input", id="agreements-1-title")["value"] == "Søg 5 job"
    assert session.scalar(select(Homework)) is None and session.scalar(select(PlanItem)) is None
    good = {
        "version": "1",
        "summary": "Vi talte om dit cv.",
        "publish": "y",
        "homework-0-title": "Find 5 virksomheder",
        "homework-0-why": "Til næste møde",
        "homework-0-due": "1.12.2030",
        "agreements-0-title": "Søg 5 job om ugen",
        "agreements-0-owner": "citizen",
        "agreements-0-due": "",
        "agreements-1-title": "Find praktiksted",
        "agreements-1-owner": "caseworker",
        "agreements-1-due": "15.12.2030",
    }
    assert post_form(client, url, good, page_url=url).status_code == 302
    session.refresh(meeting)
    assert meeting.summary == "Vi talte om dit cv." and meeting.summary_published_at is not None
    task = session.scalar(select(Homework))
    assert (task.title, task.due_date, task.meeting_id) == ("Find 5 virksomheder", date(2030, 12, 1), meeting.id)
    agreements = session.scalars(
        select(PlanItem).where(PlanItem.kind == ItemKind.AGREEMENT).order_by(PlanItem.id)
    ).all()
    assert [(a.title, a.owner, a.due_date) for a in agreements] == [
        ("Søg 5 job om ugen", "citizen", None),
        ("Find praktiksted", "caseworker", date(2030, 12, 15)),
    ]
    unpublish = {"version": str(meeting.version), "summary": "Vi talte om dit cv."}
    assert post_form(client, url, unpublish, page_url=url).status_code == 302
    session.refresh(meeting)
    assert meeting.summary_published_at is None
    assert len(session.scalars(select(Homework)).all()) == 1, "saving again adds no copy of the homework"


def test_opening_a_meeting_is_audited_and_marks_nothing_seen_until_the_caseworker_says_so(
    app, client, session, office, make_meeting
):
    caseworker, citizen = office
    from portal.clock import utcnow
    from portal.meetings.models import MeetingComment

    meeting = make_meeting(citizen, caseworker, days=3)
    meeting.absence_reason, meeting.absence_reported_at = "Syg", utcnow()
    session.add(MeetingComment(meeting_id=meeting.id, author_id=citizen.id, text="Jeg husker det anderledes"))
    session.commit()
    url = f"/caseworker/citizens/{citizen.id}/meetings/{meeting.id}"
    page = parse_page(client.get(url))
    text = page.get_text(" ", strip=True)
    assert "Borgeren kan ikke komme" in text and "Syg" in text and "Jeg husker det anderledes" in text
    assert "Ikke læst af dig endnu" in text
    entry = session.scalar(select(AuditEntry).where(AuditEntry.action == "caseworker.meeting.viewed"))
    assert entry.citizen_id == citizen.id and entry.actor_id == caseworker.id and entry.purpose
    session.refresh(meeting)
    assert meeting.absence_seen_at is None, "opening the page is not seeing the notice"
    assert session.scalar(select(MeetingComment.seen_at)) is None

    mine = app.test_client()
    log_in(mine, citizen.email)
    assert "Din sagsbehandler kan se det" in mine.get(f"/meetings/{meeting.id}").get_data(as_text=True)
    assert post_form(client, f"{url}/absence/seen", page_url=url).status_code == 302
    assert post_form(client, f"{url}/comments/seen", page_url=url).status_code == 302
    page = parse_page(client.get(url))
    assert page.find("button", string="Marker kommentarerne som læst") is None
    assert "Ikke læst af dig endnu" not in page.get_text()
    html = mine.get(f"/meetings/{meeting.id}").get_data(as_text=True)
    assert "Din sagsbehandler så det" in html
    actions = session.scalars(select(AuditEntry.action).where(AuditEntry.action.like("meeting.%_seen"))).all()
    assert sorted(actions) == ["meeting.absence_seen", "meeting.comments_seen"]


def test_another_jobcentres_caseworker_gets_404_everywhere(app, session, office, make_caseworker, make_meeting):
    caseworker, citizen = office
    meeting = make_meeting(citizen, caseworker, days=3)
    task = Homework(citizen_id=citizen.id, meeting_id=meeting.id, title="x", done_at=meeting.created_at)
    session.add(task)
    session.commit()
    stranger = make_caseworker()
    other = app.test_client()
    log_in(other, stranger.email)
    base = f"/caseworker/citizens/{citizen.id}/meetings"
    for url in (
        f"{base}/new",
        f"{base}/{meeting.id}",
        f"{base}/{meeting.id}/edit",
        f"{base}/{meeting.id}/cancel",
        f"{base}/{meeting.id}/summary",
    ):
        assert other.get(url).status_code == 404, url
    assert post_form(other, f"{base}/homework/{task.id}/seen", page_url="/caseworker/").status_code == 404
    session.refresh(task)
    assert task.seen_at is None
    assert session.scalar(select(AuditEntry).where(AuditEntry.action == "access.denied")) is not None


def test_cadence_on_the_citizen_page(client, session, office, make_meeting):
    caseworker, citizen = office
    profile = session.get(CitizenProfile, citizen.id)
    profile.first_contact_date = local_today() - timedelta(days=10)
    session.commit()
    text = parse_page(client.get(f"/caseworker/citizens/{citizen.id}")).get_text(" ", strip=True)
    assert "Reglen er ikke overholdt" in text
    assert "Den første samtale blev ikke holdt inden for fristen." in text
    make_meeting(citizen, caseworker, days=-5)  # day 5 after first contact: in time
    make_meeting(citizen, caseworker, days=20)
    make_meeting(citizen, caseworker, days=50)
    make_meeting(citizen, caseworker, days=80)
    text = parse_page(client.get(f"/caseworker/citizens/{citizen.id}")).get_text(" ", strip=True)
    assert "Reglen er overholdt" in text and "ikke holdt inden for fristen" not in text
    assert "skal der holdes mindst 4 samtaler." in text and "De holdte og planlagte møder dækker det." in text


def test_caseworker_meeting_pages_use_a_constant_number_of_statements(app, client, session, office, make_meeting):
    from portal.meetings.models import MeetingComment

    caseworker, citizen = office
    meeting = make_meeting(citizen, caseworker, days=-2)
    base = f"/caseworker/citizens/{citizen.id}"
    urls = [base, f"{base}/meetings/{meeting.id}", f"{base}/meetings/{meeting.id}/summary"]
    small = statements_per_page(app, client, urls)
    for n in range(25):
        make_meeting(citizen, caseworker, days=n - 12)
        session.add(Homework(citizen_id=citizen.id, meeting_id=meeting.id, title=f"Opgave {n}"))
        session.add(MeetingComment(meeting_id=meeting.id, author_id=citizen.id, text=f"Kommentar {n}"))
        session.add(
            MeetingChange(meeting_id=meeting.id, actor_id=caseworker.id, field="place", old_value="A", new_value="B")
        )
    session.commit()
    assert statements_per_page(app, client, urls) == small
    assert small.pop(base) <= 20  # the citizen page gathers every section (tests/caseworker)
    assert max(small.values()) <= 12, small


def test_caseload_shows_each_citizens_meeting_rule(client, session, office, make_citizen, make_meeting):
    caseworker, citizen = office
    session.get(CitizenProfile, citizen.id).first_contact_date = local_today() - timedelta(days=10)
    on_time = make_citizen(caseworker=caseworker, name="Ali Hansen")
    session.get(CitizenProfile, on_time.id).first_contact_date = local_today() - timedelta(days=3)
    session.commit()
    make_meeting(on_time, caseworker, days=2)
    rows = {
        tr.find("a").get_text(strip=True): tr.get_text(" ", strip=True)
        for tr in parse_page(client.get("/caseworker/")).find("tbody")("tr")
    }
    assert "Ikke overholdt" in rows["Maria Jensen"]
    assert "Næste senest" in rows["Maria Jensen"]
    assert "Overholdt" in rows["Ali Hansen"] and "Ikke overholdt" not in rows["Ali Hansen"]


@pytest.mark.parametrize("value", ["\x00", "𝕏" * 5000, "<script>x</script>", "31.12.99999", "99:99", "-1", "１０:３０"])
def test_strange_input_never_breaks_a_meeting_form(client, office, make_meeting, value):
    caseworker, citizen = office
    meeting = make_meeting(citizen, caseworker, days=5)
    base = f"/caseworker/citizens/{citizen.id}/meetings"
    forms = {
        f"{base}/new": VALID,
        f"{base}/{meeting.id}/edit": {**VALID, "version": "1"},
        f"{base}/{meeting.id}/summary": {"version": "1", "summary": "x", "homework-0-title": "y"},
        f"{base}/{meeting.id}/cancel": {"version": "1", "reason": "z"},
    }
    for url, data in forms.items():
        for name in data:
            response = post_form(client, url, {**data, name: value}, page_url=url)
            assert response.status_code in (200, 302), (url, name, response.status_code)
