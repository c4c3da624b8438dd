"""Homework: the citizen's list and ticking off with a note; the caseworker marks it seen."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from portal.audit import AuditEntry
from portal.clock import local_today
from portal.meetings.models import Homework
from tests.factories import log_in, post_form
from tests.pages import parse_page


@pytest.fixture
def homework_setup(client, session, make_caseworker, make_citizen, make_meeting):
    caseworker = make_caseworker()
    citizen = make_citizen(caseworker=caseworker)
    meeting = make_meeting(citizen, caseworker, days=-7)
    today = local_today()

    def task(title, due, **fields):
        found = Homework(citizen_id=citizen.id, meeting_id=meeting.id, title=title, due_date=due, **fields)
        session.add(found)
        return found

    later = task("Søg praktik", today + timedelta(days=9), why="Så du får erfaring.")
    overdue = task("Opdater cv", today - timedelta(days=2))
    no_date = task("Tal med din familie", None)
    soon = task("Find 5 virksomheder", today + timedelta(days=1))
    done = task("Jobmesse", today - timedelta(days=5), done_at=meeting.starts_at + timedelta(days=1))
    session.commit()
    log_in(client, citizen.email)
    return (
        citizen,
        caseworker,
        meeting,
        {"later": later, "overdue": overdue, "no_date": no_date, "soon": soon, "done": done},
    )


def test_list_open_first_by_due_date_and_overdue_highlighted(get_page, homework_setup):
    citizen, caseworker, meeting, tasks = homework_setup
    page = get_page("/homework/")
    lists = page.find_all(class_="plan-items")
    open_titles = [li.a.get_text(strip=True) for li in lists[0]("li")]
    assert open_titles == ["Opdater cv", "Find 5 virksomheder", "Søg praktik", "Tal med din familie"]
    assert [li.a.get_text(strip=True) for li in lists[1]("li")] == ["Jobmesse"]
    overdue = page.find_all(class_="homework-overdue")
    assert len(overdue) == 1 and "Skulle have været gjort senest" in overdue[0].get_text()
    overview = get_page("/").find(id="homework-heading").parent
    assert [li.a.get_text(strip=True) for li in overview("li")] == ["Opdater cv", "Find 5 virksomheder", "Søg praktik"]
    assert "Du har 1 åben opgave mere." in overview.get_text()


def test_tick_off_with_a_note_and_undo(client, session, homework_setup):
    citizen, caseworker, meeting, tasks = homework_setup
    url = f"/homework/{tasks['soon'].id}"
    page = parse_page(post_form(client, url, {"note": "x" * 2001, "version": "1"}, page_url=url))
    assert "Skriv højst 2000 tegn" in page.find(attrs={"data-module": "error-summary"}).get_text()
    assert page.find("textarea", id="note").get_text().strip() == "x" * 2001
    response = post_form(client, url, {"note": "Jeg fandt <i>fem</i>.", "version": "1"}, page_url=url)
    assert response.status_code == 302
    session.refresh(tasks["soon"])
    assert tasks["soon"].done_at is not None and tasks["soon"].done_note == "Jeg fandt <i>fem</i>."
    page = parse_page(client.get(url))
    assert "Jeg fandt <i>fem</i>." in page.get_text()
    assert session.scalar(select(AuditEntry).where(AuditEntry.action == "homework.done")).citizen_id == citizen.id
    response = post_form(client, f"{url}/reopen", {"version": "2"}, page_url=url)
    assert response.status_code == 302
    session.refresh(tasks["soon"])
    assert tasks["soon"].done_at is None


def test_tick_off_from_an_old_page_is_refused_and_the_note_kept(client, session, homework_setup):
    citizen, caseworker, meeting, tasks = homework_setup
    url = f"/homework/{tasks['later'].id}"
    page = parse_page(post_form(client, url, {"note": "Min note", "version": "0"}, page_url=url))
    assert "Nogen har gemt, før du nåede det" in page.find(id="conflict-notice").get_text()
    assert page.find("textarea", id="note").get_text().strip() == "Min note"
    session.refresh(tasks["later"])
    assert tasks["later"].done_at is None


def test_someone_elses_homework_is_not_found(client, session, make_citizen, homework_setup):
    citizen, caseworker, meeting, tasks = homework_setup
    other = make_citizen(caseworker=caseworker)
    theirs = Homework(citizen_id=other.id, title="Deres opgave")
    session.add(theirs)
    session.commit()
    assert client.get(f"/homework/{theirs.id}").status_code == 404
    response = post_form(client, f"/homework/{theirs.id}", {"version": "1"}, page_url="/homework/")
    assert response.status_code == 404
    session.refresh(theirs)
    assert theirs.done_at is None


def test_caseworker_sees_counts_and_marks_done_homework_seen(app, client, session, homework_setup):
    citizen, caseworker, meeting, tasks = homework_setup
    office = app.test_client()
    log_in(office, caseworker.email)
    row = parse_page(office.get("/caseworker/")).find("tbody").get_text(" ", strip=True)
    assert "4 åbne opgaver" in row and "1 overskredet" in row and "1 gjort, ikke set" in row
    citizen_page = parse_page(office.get(f"/caseworker/citizens/{citizen.id}")).get_text(" ", strip=True)
    assert "Overskredet – frist" in citizen_page and "Ikke set af dig endnu" in citizen_page
    meeting_url = f"/caseworker/citizens/{citizen.id}/meetings/{meeting.id}"
    response = post_form(
        office, f"/caseworker/citizens/{citizen.id}/meetings/homework/{tasks['done'].id}/seen", page_url=meeting_url
    )
    assert response.status_code == 302
    session.refresh(tasks["done"])
    assert tasks["done"].seen_at is not None
    assert "Din sagsbehandler har set det" in parse_page(client.get(f"/homework/{tasks['done'].id}")).get_text()
    row = parse_page(office.get("/caseworker/")).find("tbody").get_text(" ", strip=True)
    assert "gjort, ikke set" not in row
