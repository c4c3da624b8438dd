"""`flask caseload assign|history`: giving a citizen a caseworker, moving them with a note, and the history."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from portal.audit import AuditEntry
from portal.auth.models import Jobcentre
from portal.clock import local_today
from tests.factories import assignments_of


def invoke(app, *args):
    return app.test_cli_runner().invoke(args=["caseload", *args], catch_exceptions=False)


@pytest.fixture
def people(make_jobcentre, make_caseworker, make_citizen):
    jobcentre = make_jobcentre()
    old = make_caseworker(jobcentre=jobcentre, email="olga@example.test", name="Olga Gammel")
    new = make_caseworker(jobcentre=jobcentre, email="niels@example.test", name="Niels Ny")
    citizen = make_citizen(caseworker=old, email="birte@example.test")
    newcomer = make_citizen(jobcentre=jobcentre, email="carl@example.test")
    return old, new, citizen, newcomer


def audit_rows(session, action: str, citizen) -> list[AuditEntry]:
    return list(
        session.scalars(select(AuditEntry).where(AuditEntry.action == action, AuditEntry.citizen_id == citizen.id))
    )


def test_assign_gives_a_citizen_without_caseworker_one_without_a_note(app, session, people):
    # test that a first assignment needs no note, prints what it did, and is audited with no actor
    _old, new, _citizen, newcomer = people
    result = invoke(app, "assign", "--citizen", "carl@example.test", "--caseworker", "niels@example.test")
    assert result.exit_code == 0, result.output
    assert result.output.strip() == f"carl@example.test -> niels@example.test from {local_today().isoformat()}."
    [row] = assignments_of(session, newcomer)
    assert (row.caseworker_id, row.valid_from, row.valid_to) == (new.id, local_today(), None)
    assert (row.previous_caseworker_id, row.assigned_by_id, row.handover_note) == (None, None, None)
    [entry] = audit_rows(session, "caseload.assigned", newcomer)
    assert (entry.actor_id, entry.actor_role) == (None, None)
    assert entry.purpose == "Skift af sagsbehandler"


def test_assign_moves_a_citizen_with_a_note(app, session, people):
    # test that a move with --note closes the old assignment yesterday and records the handover
    old, new, citizen, _newcomer = people
    result = invoke(
        app,
        "assign",
        "--citizen",
        "Birte@Example.test",
        "--caseworker",
        "niels@example.test",
        "--note",
        "Overtager fra Olga; ring før mødet.",
    )
    assert result.exit_code == 0, result.output
    assert "birte@example.test -> niels@example.test" in result.output
    assert "handed over from olga@example.test" in result.output
    first, second = assignments_of(session, citizen)
    assert (first.caseworker_id, first.valid_to) == (old.id, local_today() - timedelta(days=1))
    assert (second.caseworker_id, second.previous_caseworker_id, second.valid_to) == (new.id, old.id, None)
    assert second.handover_note == "Overtager fra Olga; ring før mødet."
    assert second.assigned_by_id is None
    [entry] = audit_rows(session, "caseload.handed_over", citizen)
    assert entry.actor_id is None and entry.purpose == "Skift af sagsbehandler"


@pytest.mark.parametrize("note", [None, "", "   "])
def test_a_move_without_a_note_fails_and_changes_nothing(app, session, people, note):
    # test that moving a citizen without a (real) note exits non-zero with the reason, nothing moved
    old, _new, citizen, _newcomer = people
    args = ["assign", "--citizen", "birte@example.test", "--caseworker", "niels@example.test"]
    if note is not None:
        args += ["--note", note]
    result = invoke(app, *args)
    assert result.exit_code != 0
    assert "Skriv en overdragelsesnote til den nye sagsbehandler" in result.output
    assert [(row.caseworker_id, row.valid_to) for row in assignments_of(session, citizen)] == [(old.id, None)]
    assert audit_rows(session, "caseload.handed_over", citizen) == []


@pytest.mark.parametrize(
    "citizen_email,caseworker_email,expected",
    [
        ("nobody@example.test", "niels@example.test", "no citizen with e-mail nobody@example.test"),
        ("birte@example.test", "nobody@example.test", "no caseworker with e-mail nobody@example.test"),
        ("olga@example.test", "niels@example.test", "no citizen with e-mail olga@example.test"),
        ("birte@example.test", "carl@example.test", "no caseworker with e-mail carl@example.test"),
    ],
)
def test_unknown_or_wrong_role_e_mail_fails(app, session, people, citizen_email, caseworker_email, expected):
    # test that an e-mail that is not a citizen / caseworker is refused by name, non-zero, nothing changed
    old, _new, citizen, _newcomer = people
    result = invoke(app, "assign", "--citizen", citizen_email, "--caseworker", caseworker_email, "--note", "x")
    assert result.exit_code != 0
    assert expected in result.output
    assert [(row.caseworker_id, row.valid_to) for row in assignments_of(session, citizen)] == [(old.id, None)]


def test_caseworker_of_another_jobcentre_or_the_same_one_is_refused(app, session, people, make_caseworker):
    # test that the service's rules reach the command line as a non-zero exit with the Danish reason
    old, _new, citizen, _newcomer = people
    make_caseworker(email="fremmed@example.test")
    make_caseworker(jobcentre=session.get(Jobcentre, citizen.jobcentre_id), email="inaktiv@example.test", active=False)
    foreign = invoke(
        app, "assign", "--citizen", "birte@example.test", "--caseworker", "fremmed@example.test", "--note", "x"
    )
    assert foreign.exit_code != 0 and "Vælg en sagsbehandler i borgerens eget jobcenter" in foreign.output
    same = invoke(app, "assign", "--citizen", "birte@example.test", "--caseworker", "olga@example.test", "--note", "x")
    assert same.exit_code != 0 and "Borgeren har allerede denne sagsbehandler" in same.output
    inactive = invoke(
        app, "assign", "--citizen", "birte@example.test", "--caseworker", "inaktiv@example.test", "--note", "x"
    )
    assert inactive.exit_code != 0 and "Vælg en aktiv sagsbehandler" in inactive.output
    assert [(row.caseworker_id, row.valid_to) for row in assignments_of(session, citizen)] == [(old.id, None)]


def test_a_note_longer_than_4000_characters_fails(app, session, people):
    # test the note limit on the command line
    old, _new, citizen, _newcomer = people
    result = invoke(
        app, "assign", "--citizen", "birte@example.test", "--caseworker", "niels@example.test", "--note", "x" * 4001
    )
    assert result.exit_code != 0 and "Skriv højst 4000 tegn i noten" in result.output
    assert len(assignments_of(session, citizen)) == 1


def test_history_lists_every_assignment_oldest_first(app, people):
    # test that history prints one line per assignment: from, to, caseworker, handed over from
    _old, _new, _citizen, _newcomer = people
    assert (
        invoke(
            app, "assign", "--citizen", "birte@example.test", "--caseworker", "niels@example.test", "--note", "Se noten"
        ).exit_code
        == 0
    )
    result = invoke(app, "history", "birte@example.test")
    assert result.exit_code == 0, result.output
    today, yesterday = local_today(), local_today() - timedelta(days=1)
    started = (today - timedelta(days=30)).isoformat()
    assert result.output.splitlines() == [
        f"{started}\t{yesterday.isoformat()}\tolga@example.test\t-",
        f"{today.isoformat()}\tnow\tniels@example.test\tolga@example.test",
    ]


def test_history_of_a_citizen_without_caseworker_is_empty_and_of_a_stranger_fails(app, people):
    # test history for a citizen with no assignments (no lines) and for an unknown e-mail (error)
    empty = invoke(app, "history", "carl@example.test")
    assert empty.exit_code == 0 and empty.output == ""
    unknown = invoke(app, "history", "nobody@example.test")
    assert unknown.exit_code != 0 and "no citizen with e-mail nobody@example.test" in unknown.output
