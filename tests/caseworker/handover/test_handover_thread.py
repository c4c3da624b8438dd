"""A handover note may point the new caseworker to a conversation in Beskeder; the threads move with
the citizen, so the new caseworker reads the earlier ones and the old caseworker no longer can."""

from __future__ import annotations

import pytest

from tests.caseworker.handover.steps import NOTE, audit_rows, error_summary, hand_over, handover_url
from tests.factories import assignments_of
from tests.messages.caseworker_steps import add_message, add_thread
from tests.pages import parse_page

FIELD = "message_thread"


@pytest.fixture
def threads(session, team):
    """Olga and Birte have written about the practicum, and Birte asked about her meeting."""
    practicum = add_thread(session, team.citizen, "Praktikken hos Coop")
    add_message(session, practicum, team.citizen, "Hvornår starter jeg?", days_ago=3, read=True)
    add_message(session, practicum, team.old, "Den 1. i næste måned.", days_ago=2)
    meeting = add_thread(session, team.citizen, "Mødet på tirsdag")
    add_message(session, meeting, team.citizen, "Kan jeg komme senere?", days_ago=1)
    return practicum, meeting


def thread_url(team, thread) -> str:
    return f"/caseworker/citizens/{team.citizen.id}/messages/{thread.id}"


def test_the_form_offers_the_citizens_threads_and_none(old_client, team, threads):
    # test the optional choice: "Ingen samtale" first, then the citizen's threads, newest activity first
    page = parse_page(old_client.get(handover_url(team.citizen)))
    select = page.find("select", attrs={"name": FIELD})
    options = [(option.get_text(strip=True), option.get("value")) for option in select("option")]
    practicum, meeting = threads
    assert options == [
        ("Ingen samtale", ""),
        ("Mødet på tirsdag", str(meeting.id)),
        ("Praktikken hos Coop", str(practicum.id)),
    ]
    label = page.find("label", attrs={"for": select["id"]}).get_text(" ", strip=True)
    assert label == "Henvis til en samtale i Beskeder (frivilligt)"


def test_a_citizen_without_threads_gets_no_choice(old_client, team):
    page = parse_page(old_client.get(handover_url(team.citizen)))
    assert page.find("select", attrs={"name": FIELD}) is None


def test_the_chosen_thread_is_kept_and_linked_beside_the_note(session, old_client, new_client, team, threads):
    # test that the new caseworker gets a link to the thread beside the note, and opens it: 200, audited
    practicum, _meeting = threads
    data = {"caseworker": str(team.new.id), "note": NOTE, FIELD: str(practicum.id)}
    response = hand_over(old_client, team.citizen, data, page_url=handover_url(team.citizen))
    assert response.status_code == 302
    current = assignments_of(session, team.citizen)[-1]
    assert current.message_thread_id == practicum.id
    assert f'"message_thread_id": {practicum.id}' in audit_rows(session, "caseload.handed_over", team.citizen)[0].detail

    page = parse_page(new_client.get(f"/caseworker/citizens/{team.citizen.id}"))
    [alert] = [div for div in page.select("div.alert") if "Overdraget fra Olga Gammel" in div.get_text()]
    link = alert.find("a", href=thread_url(team, practicum))
    assert link is not None and link.get_text(strip=True) == "Praktikken hos Coop"
    history = page.find(id="history").find_parent("section")
    assert history.find("a", href=thread_url(team, practicum)) is not None, "the link stays once the note is read"

    opened = parse_page(new_client.get(thread_url(team, practicum)))
    assert "Den 1. i næste måned." in opened.get_text(), "the new caseworker reads what the old one wrote"
    [read] = audit_rows(session, "caseworker.messages.viewed", team.citizen)
    assert read.actor_id == team.new.id


def test_the_threads_move_with_the_citizen(session, old_client, new_client, team, threads, handed_over):
    # test without a chosen thread: the new caseworker still reads every earlier thread, the old one none
    assert assignments_of(session, team.citizen)[-1].message_thread_id is None
    practicum, meeting = threads
    for thread in (practicum, meeting):
        assert new_client.get(thread_url(team, thread)).status_code == 200
        assert old_client.get(thread_url(team, thread)).status_code == 404
    rows = audit_rows(session, "caseworker.messages.viewed", team.citizen)
    assert [row.actor_id for row in rows] == [team.new.id, team.new.id]
    section = parse_page(new_client.get(f"/caseworker/citizens/{team.citizen.id}")).find(id="messages")
    assert "Mødet på tirsdag" in section.find_parent("section").get_text()


@pytest.mark.parametrize("chosen", ["other", "999999", "abc"])
def test_a_thread_that_is_not_the_citizens_is_refused(session, old_client, team, threads, make_citizen, chosen):
    # test that a thread id from another citizen, or none at all, is explained and nothing is handed over
    elsewhere = add_thread(session, make_citizen(caseworker=team.old), "Andens samtale")
    value = str(elsewhere.id) if chosen == "other" else chosen
    data = {"caseworker": str(team.new.id), "note": NOTE, FIELD: value}
    page = parse_page(hand_over(old_client, team.citizen, data, page_url=handover_url(team.citizen)))
    assert "Vælg en af borgerens samtaler på listen" in error_summary(page)
    assert page.find("textarea", attrs={"name": "note"}).get_text().strip() == NOTE.strip(), "the note is kept"
    assert len(assignments_of(session, team.citizen)) == 1, "the citizen is still Olga's"
