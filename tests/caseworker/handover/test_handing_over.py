"""The old caseworker hands a citizen over with a note: the form, its errors, the move and its audit rows."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from portal.audit import AuditEntry
from portal.clock import local_today
from tests.caseworker.handover.steps import (
    NOTE,
    audit_rows,
    caseload_names,
    error_summary,
    group_text,
    hand_over,
    handover_url,
)
from tests.factories import assignments_of, log_in
from tests.pages import parse_page


def test_form_offers_only_active_colleagues_in_the_same_jobcentre(old_client, team, make_caseworker):
    # test that the choice lists active colleagues of the jobcentre, not the caseworker, not others
    make_caseworker(jobcentre=team.jobcentre, name="Inaktiv Kollega", active=False)
    make_caseworker(name="Fremmed Sagsbehandler")
    page = parse_page(old_client.get(handover_url(team.citizen)))
    options = {option.get_text(strip=True): option.get("value") for option in page.find("select")("option")}
    assert options == {"Vælg en kollega": "", "Niels Ny": str(team.new.id)}


def test_caseworker_alone_in_the_jobcentre_is_told_there_is_nobody_to_hand_over_to(
    client, make_caseworker, make_citizen
):
    # test that without colleagues the page says so and shows no form
    alone = make_caseworker()
    citizen = make_citizen(caseworker=alone)
    log_in(client, alone.email)
    page = parse_page(client.get(handover_url(citizen)))
    assert "Der er ingen andre aktive sagsbehandlere i dit jobcenter" in page.get_text()
    assert page.find("select") is None


def test_handover_redirects_to_caseload_and_old_caseworker_loses_the_citizen(old_client, team, handed_over):
    # test that a handover ends on the caseload with a message and the citizen is gone for the old caseworker
    assert handed_over.status_code == 302
    assert handed_over.headers["Location"] == "/caseworker/"
    page = parse_page(old_client.get("/caseworker/"))
    # No names: the message travelled in the readable session cookie.
    assert "Borgeren er overdraget til din kollega, som kan se din note." in page.get_text()
    assert "Birte Borger" not in caseload_names(old_client)
    assert old_client.get(f"/caseworker/citizens/{team.citizen.id}").status_code == 404
    assert old_client.get(handover_url(team.citizen)).status_code == 404


def test_handover_closes_the_old_assignment_yesterday_and_opens_one_today(session, team, handed_over):
    # test the rows a handover leaves: the old one ends yesterday, the new one names who, from whom and the note
    old, new = assignments_of(session, team.citizen)
    today = local_today()
    assert (old.caseworker_id, old.valid_to) == (team.old.id, today - timedelta(days=1))
    assert (new.caseworker_id, new.valid_from, new.valid_to) == (team.new.id, today, None)
    assert (new.previous_caseworker_id, new.assigned_by_id) == (team.old.id, team.old.id)
    assert new.handover_note == NOTE
    assert new.handover_read_at is None and new.citizen_informed_at is None


def test_handover_is_audited(session, team, handed_over):
    # test that the handover writes one audit row naming actor, citizen, purpose and both caseworkers
    [row] = audit_rows(session, "caseload.handed_over", team.citizen)
    assert (row.actor_id, row.actor_role) == (team.old.id, "caseworker")
    assert row.purpose == "Skift af sagsbehandler"
    assert f'"caseworker_id": {team.new.id}' in row.detail
    assert f'"previous_caseworker_id": {team.old.id}' in row.detail
    assert NOTE.split()[0] not in row.detail, "the note itself is not copied into the audit log"


def test_note_is_shown_as_text_not_markup(session, new_client, old_client, team):
    # test that markup in a handover note is shown literally to the new caseworker, never run
    hand_over(old_client, team.citizen, {"caseworker": str(team.new.id), "note": "<script>alert(1)</script> Hej"})
    response = new_client.get(f"/caseworker/citizens/{team.citizen.id}")
    html = response.get_data(as_text=True)
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Hej" in html


def test_a_note_of_exactly_4000_characters_is_accepted(session, old_client, team):
    # test the upper boundary of the note length
    response = hand_over(old_client, team.citizen, {"caseworker": str(team.new.id), "note": "x" * 4000})
    assert response.status_code == 302
    assert assignments_of(session, team.citizen)[-1].handover_note == "x" * 4000


def test_empty_note_is_refused_and_the_chosen_colleague_kept(session, old_client, team):
    # test that a missing note gives the error summary, the inline error and keeps the colleague chosen
    response = hand_over(old_client, team.citizen, {"caseworker": str(team.new.id), "note": "   "})
    page = parse_page(response)
    message = "Skriv en overdragelsesnote til den nye sagsbehandler"
    assert message in error_summary(page)
    assert message in group_text(page, "note")
    selected = page.find("select").find("option", selected=True)
    assert selected is not None and selected["value"] == str(team.new.id)
    assert len(assignments_of(session, team.citizen)) == 1
    assert audit_rows(session, "caseload.handed_over", team.citizen) == []


def test_no_colleague_chosen_is_refused_and_the_note_kept(session, old_client, team):
    # test that a missing colleague gives its own error and the typed note stays in the form
    page = parse_page(hand_over(old_client, team.citizen, {"caseworker": "", "note": NOTE}))
    message = "Vælg den kollega, der skal overtage borgeren"
    assert message in error_summary(page)
    assert message in group_text(page, "caseworker")
    assert page.find("textarea", attrs={"name": "note"}).get_text().strip() == NOTE
    assert len(assignments_of(session, team.citizen)) == 1


@pytest.mark.parametrize(
    "who",
    [
        "other_jobcentre",
        "inactive",
        "self",
        "citizen",
        "abc",
        "99999999999999999999",
        "-1",
        "1.0",
        " ",
        "²",
    ],
)
def test_a_caseworker_id_that_is_not_a_colleague_is_refused(session, old_client, team, make_caseworker, who):
    # test that a forged colleague value (foreign, inactive, own, citizen, not a number) is an error, never a 5xx
    values = {
        "other_jobcentre": lambda: str(make_caseworker(name="Fremmed Sagsbehandler").id),
        "inactive": lambda: str(make_caseworker(jobcentre=team.jobcentre, active=False).id),
        "self": lambda: str(team.old.id),
        "citizen": lambda: str(team.citizen.id),
    }
    value = values[who]() if who in values else who
    response = hand_over(old_client, team.citizen, {"caseworker": value, "note": NOTE})
    assert response.status_code == 200, f"{value!r} answered {response.status_code}"
    page = parse_page(response)
    assert "Vælg den kollega, der skal overtage borgeren" in error_summary(page)
    rows = assignments_of(session, team.citizen)
    assert [(row.caseworker_id, row.valid_to) for row in rows] == [(team.old.id, None)]
    assert audit_rows(session, "caseload.handed_over") == []


def test_a_note_of_4001_characters_is_refused(session, old_client, team):
    # test that an over-long note is refused with the limit named, and nothing moves
    page = parse_page(hand_over(old_client, team.citizen, {"caseworker": str(team.new.id), "note": "x" * 4001}))
    assert "Skriv højst 4000 tegn" in error_summary(page)
    assert len(assignments_of(session, team.citizen)) == 1


def test_handover_without_csrf_token_is_refused(session, old_client, team):
    # test that a cross-site POST (no token) moves nobody
    response = old_client.post(handover_url(team.citizen), data={"caseworker": str(team.new.id), "note": NOTE})
    assert response.status_code == 400
    assert len(assignments_of(session, team.citizen)) == 1


def test_opening_the_handover_form_is_in_the_citizens_access_log(session, old_client, team):
    # test that the handover form, which shows the citizen, is logged as a read the citizen can see
    assert old_client.get(f"/caseworker/citizens/{team.citizen.id}/handover").status_code == 200
    session.expire_all()
    entry = session.scalar(
        select(AuditEntry).where(
            AuditEntry.action == "caseworker.handover.form_viewed", AuditEntry.citizen_id == team.citizen.id
        )
    )
    assert entry is not None and entry.purpose == "Sagsbehandling"
