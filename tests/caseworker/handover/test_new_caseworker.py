"""The new caseworker sees and reads the note; who else may hand over or mark read; how changes are
counted."""

from __future__ import annotations

from datetime import timedelta

import pytest

from portal.clock import local_today
from tests.caseworker.handover.steps import (
    NOTE,
    audit_rows,
    caseload_names,
    danish_date,
    handover_url,
    move,
    name_cell,
)
from tests.factories import assignments_of, log_in, post_form
from tests.pages import parse_page


def test_new_caseworker_sees_the_unread_handover_on_the_caseload(new_client, team, handed_over):
    # test that the new caseworker's caseload marks the citizen as handed over with an unread note
    assert caseload_names(new_client) == ["Birte Borger"]
    cell = name_cell(new_client, "Birte Borger")
    assert "Overdraget til dig, note ikke læst" in cell
    assert "1 skift af sagsbehandler" in cell
    assert caseload_names(new_client, "view=attention") == ["Birte Borger"]


def test_new_caseworker_reads_the_note_and_marks_it_read(session, new_client, team, handed_over):
    # test the note alert on the citizen page, and that marking it read removes it everywhere, audited
    citizen_url = f"/caseworker/citizens/{team.citizen.id}"
    page = parse_page(new_client.get(citizen_url))
    [alert] = [div for div in page.select("div.alert") if "Overdraget fra Olga Gammel" in div.get_text()]
    alert_text = alert.get_text(" ", strip=True)
    assert danish_date(local_today()) in alert_text, "the alert says when the citizen was handed over"
    assert "Borgeren er i gang med et forløb hos en virksomhed." in alert_text
    assert alert.find("button", string="Marker noten som læst") is not None

    response = post_form(new_client, f"{citizen_url}/handover/read", page_url=citizen_url)
    assert response.status_code == 302 and response.headers["Location"] == citizen_url
    page = parse_page(new_client.get(citizen_url))
    assert "Overdraget fra Olga Gammel" not in page.get_text()
    assert page.find("button", string="Marker noten som læst") is None
    assert "overdraget fra Olga Gammel" in page.find(id="history").find_parent("section").get_text(), (
        "the history still says where the citizen came from"
    )
    [current] = [row for row in assignments_of(session, team.citizen) if row.valid_to is None]
    assert current.handover_read_at is not None
    [read] = audit_rows(session, "caseload.handover_read", team.citizen)
    assert read.actor_id == team.new.id and read.purpose == "Skift af sagsbehandler"

    assert "note ikke læst" not in name_cell(new_client, "Birte Borger")
    assert caseload_names(new_client, "view=attention") == [], "nothing else needs attention"


def test_marking_read_twice_keeps_the_first_time_and_one_audit_row(session, new_client, team, handed_over):
    # test that a second "read" (double click, back button) changes nothing
    citizen_url = f"/caseworker/citizens/{team.citizen.id}"
    post_form(new_client, f"{citizen_url}/handover/read", page_url=citizen_url)
    first = [row for row in assignments_of(session, team.citizen) if row.valid_to is None][0].handover_read_at
    assert post_form(new_client, f"{citizen_url}/handover/read", page_url=citizen_url).status_code == 302
    assert [row for row in assignments_of(session, team.citizen) if row.valid_to is None][0].handover_read_at == first
    assert len(audit_rows(session, "caseload.handover_read", team.citizen)) == 1


@pytest.mark.parametrize("method,suffix", [("get", ""), ("post", ""), ("post", "/read")])
def test_a_caseworker_without_the_citizen_gets_404(session, app, team, make_caseworker, method, suffix):
    # test that another caseworker in the same jobcentre cannot see, take or mark the citizen's handover
    intruder = make_caseworker(jobcentre=team.jobcentre, name="Ida Indtrænger")
    other = app.test_client()
    log_in(other, intruder.email)
    url = handover_url(team.citizen) + suffix
    if method == "get":
        response = other.get(url)
    else:
        response = post_form(other, url, {"caseworker": str(intruder.id), "note": NOTE}, page_url="/caseworker/")
    assert response.status_code == 404
    assert [(row.caseworker_id, row.valid_to) for row in assignments_of(session, team.citizen)] == [(team.old.id, None)]
    denied = audit_rows(session, "access.denied")
    assert denied and denied[-1].actor_id == intruder.id


@pytest.mark.parametrize("method,suffix", [("get", ""), ("post", ""), ("post", "/read")])
def test_a_citizen_gets_403_on_the_handover_urls(session, client, team, method, suffix):
    # test that a citizen cannot reach the caseworker's handover pages, not even for themselves
    log_in(client, team.citizen.email)
    url = handover_url(team.citizen) + suffix
    if method == "get":
        response = client.get(url)
    else:
        response = post_form(client, url, {"caseworker": str(team.new.id), "note": NOTE}, page_url="/")
    assert response.status_code == 403
    assert len(assignments_of(session, team.citizen)) == 1


def test_old_caseworker_cannot_mark_the_note_read(session, old_client, team, handed_over):
    # test that after the handover the former caseworker gets 404 on marking the note read
    response = post_form(old_client, handover_url(team.citizen) + "/read", page_url="/caseworker/")
    assert response.status_code == 404
    assert assignments_of(session, team.citizen)[-1].handover_read_at is None


def test_mark_read_without_a_handover_is_404_and_without_token_400(session, old_client, team):
    # test that "read" on a first assignment is 404, and a POST without CSRF token is 400
    url = handover_url(team.citizen) + "/read"
    assert post_form(old_client, url, page_url="/caseworker/").status_code == 404
    assert old_client.post(url).status_code == 400
    assert audit_rows(session, "caseload.handover_read") == []


def test_two_handovers_are_counted_and_the_history_lists_all_three(app, client, team, make_caseworker):
    # test that after two moves the page counts 2 changes and lists all three caseworkers with the notes
    third = make_caseworker(jobcentre=team.jobcentre, name="Tove Tredje")
    move(app, team.citizen, team.new, by=team.old, note="Første note", today=local_today() - timedelta(days=10))
    move(app, team.citizen, third, by=team.new, note="Anden note")
    log_in(client, third.email)
    page = parse_page(client.get(f"/caseworker/citizens/{team.citizen.id}"))
    text = page.get_text(" ", strip=True)
    assert "Borgeren har skiftet sagsbehandler 2 gange." in text
    assert "2 skift af sagsbehandler" in page.find("h1").find_next("p").get_text()
    history = page.find(id="history").find_parent("section")
    names = [item.find("strong").get_text(strip=True) for item in history.find("ol")("li")]
    assert names == ["Tove Tredje", "Niels Ny", "Olga Gammel"], "newest first"
    assert "Første note" in history.get_text() and "Anden note" in history.get_text()
    assert "Overdraget fra Niels Ny" in text
    assert "2 skift af sagsbehandler" in name_cell(client, "Birte Borger")


def test_one_handover_is_counted_in_the_singular(app, client, team):
    # test the singular text after one change, and zero before
    log_in(client, team.old.email)
    before = parse_page(client.get(f"/caseworker/citizens/{team.citizen.id}")).get_text(" ", strip=True)
    assert "Borgeren har skiftet sagsbehandler 0 gange." in before
    assert "skift af sagsbehandler" not in name_cell(client, "Birte Borger")
    move(app, team.citizen, team.new, by=team.old)
    other = app.test_client()
    log_in(other, team.new.email)
    after = parse_page(other.get(f"/caseworker/citizens/{team.citizen.id}")).get_text(" ", strip=True)
    assert "Borgeren har skiftet sagsbehandler 1 gang." in after
