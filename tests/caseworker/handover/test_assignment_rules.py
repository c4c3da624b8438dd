"""The organisation service's own rules for assigning and moving a citizen."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from portal.audit import AuditEntry
from portal.db import db
from portal.organisation import services
from tests.caseworker.handover.steps import NOTE, audit_rows, move, name_cell
from tests.factories import assignments_of


@pytest.mark.parametrize(
    "case,message",
    [
        ("not_a_citizen", "Kun borgere kan tildeles en sagsbehandler"),
        ("citizen_as_caseworker", "Vælg en aktiv sagsbehandler"),
        ("inactive", "Vælg en aktiv sagsbehandler"),
        ("other_jobcentre", "Vælg en sagsbehandler i borgerens eget jobcenter"),
        ("same", "Borgeren har allerede denne sagsbehandler"),
        ("no_note", "Skriv en overdragelsesnote til den nye sagsbehandler"),
        ("blank_note", "Skriv en overdragelsesnote til den nye sagsbehandler"),
        ("long_note", "Skriv højst 4000 tegn i noten"),
    ],
)
def test_assign_refuses_with_a_danish_reason_and_changes_nothing(
    app, session, team, make_caseworker, make_citizen, case, message
):
    # test each refusal of services.assign: the message, and that the citizen keeps their caseworker
    citizen, caseworker, note = team.citizen, team.new, NOTE
    if case == "not_a_citizen":
        citizen = team.old
    elif case == "citizen_as_caseworker":
        caseworker = make_citizen(jobcentre=team.jobcentre)
    elif case == "inactive":
        caseworker = make_caseworker(jobcentre=team.jobcentre, active=False)
    elif case == "other_jobcentre":
        caseworker = make_caseworker()
    elif case == "same":
        caseworker = team.old
    elif case == "no_note":
        note = None
    elif case == "blank_note":
        note = " \n\t "
    elif case == "long_note":
        note = "x" * 4001
    with app.app_context():
        with pytest.raises(services.AssignmentError) as error:
            services.assign(citizen, caseworker, by=team.old, note=note)
        assert str(error.value).rstrip(".") == message
        db.session.commit()
    assert [(row.caseworker_id, row.valid_to) for row in assignments_of(session, team.citizen)] == [(team.old.id, None)]
    assert (
        session.scalar(
            select(func.count())
            .select_from(AuditEntry)
            .where(AuditEntry.action.in_(["caseload.handed_over", "caseload.assigned"]))
        )
        == 0
    )


def test_assign_moves_with_old_assignment_ending_the_day_before(app, session, team):
    # test the dates of a move on a given day, and that services.current_assignment follows it
    day = date(2026, 11, 23)
    new_id = move(app, team.citizen, team.new, by=team.old, today=day)
    old, new = assignments_of(session, team.citizen)
    assert old.valid_to == date(2026, 11, 22)
    assert (new.id, new.valid_from, new.previous_caseworker_id) == (new_id, day, team.old.id)
    with app.app_context():
        assert services.current_assignment(team.citizen).id == new_id


def test_first_assignment_needs_no_note_and_is_audited_as_assigned(app, session, team, make_citizen):
    # test that a citizen without a caseworker gets one without a note, audited as "assigned"
    newcomer = make_citizen(jobcentre=team.jobcentre)
    new_id = move(app, newcomer, team.new, by=None, note=None)
    [row] = assignments_of(session, newcomer)
    assert (row.id, row.caseworker_id, row.previous_caseworker_id, row.handover_note, row.assigned_by_id) == (
        new_id,
        team.new.id,
        None,
        None,
        None,
    )
    [entry] = audit_rows(session, "caseload.assigned", newcomer)
    assert entry.actor_id is None and entry.purpose == "Skift af sagsbehandler"
    assert audit_rows(session, "caseload.handed_over", newcomer) == []


def test_a_note_for_a_first_assignment_is_kept_but_it_is_no_handover(app, session, new_client, team, make_citizen):
    # test that a note on a first assignment is stored but does not show as an unread handover
    newcomer = make_citizen(jobcentre=team.jobcentre, name="Carl Ny")
    move(app, newcomer, team.new, by=team.new, note="Velkommen")
    assert assignments_of(session, newcomer)[0].handover_note == "Velkommen"
    assert "note ikke læst" not in name_cell(new_client, "Carl Ny")
