"""The caseworker's caseload and citizen pages: right people, right data, every read audited."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from portal.audit import AuditEntry
from portal.db import db
from tests.factories import log_in
from tests.messages.caseworker_steps import add_message, add_thread
from tests.pages import StatementCounter


def test_caseload_lists_current_citizens_with_next_meeting(
    client, get_page, make_caseworker, make_citizen, make_meeting
):
    caseworker = make_caseworker()
    soon = make_citizen(caseworker=caseworker, name="Anne Andersen")
    later = make_citizen(caseworker=caseworker, name="Bo Berg")
    make_citizen(caseworker=caseworker, name="Carl Carlsen")  # no meeting yet
    make_citizen(name="Fremmed Borger")  # someone else's
    make_meeting(later, caseworker, starts_at=datetime(2030, 5, 2, 8, 0, tzinfo=UTC))
    make_meeting(soon, caseworker, starts_at=datetime(2030, 5, 1, 8, 0, tzinfo=UTC))
    make_meeting(soon, caseworker, starts_at=datetime(2020, 1, 1, 8, 0, tzinfo=UTC))  # past
    log_in(client, caseworker.email)
    page = get_page("/caseworker/")
    rows = [[cell.get_text(" ", strip=True) for cell in tr.find_all("td")] for tr in page.select("tbody tr")]
    assert [row[0] for row in rows] == ["Anne Andersen", "Bo Berg", "Carl Carlsen"]
    assert rows[0][1] == "onsdag den 1. maj 2030 kl. 10:00"  # 08:00 UTC is 10:00 in Copenhagen (summer)
    assert rows[2][1] == "Intet møde planlagt"
    assert "Fremmed Borger" not in page.get_text()


def test_citizen_page_shows_meetings_and_is_audited(
    client, get_page, make_caseworker, make_citizen, make_meeting, session
):
    caseworker = make_caseworker()
    citizen = make_citizen(caseworker=caseworker, name="Anne Andersen")
    make_meeting(citizen, caseworker, starts_at=datetime(2030, 1, 15, 9, 0, tzinfo=UTC), place="Lokale 4")
    log_in(client, caseworker.email)
    page = get_page(f"/caseworker/citizens/{citizen.id}")
    assert page.h1.get_text(strip=True) == "Anne Andersen"
    assert "tirsdag den 15. januar 2030 kl. 10:00" in page.get_text(" ", strip=True)
    assert "Lokale 4" in page.get_text()
    rows = session.scalars(select(AuditEntry).where(AuditEntry.action == "caseworker.citizen.viewed")).all()
    assert len(rows) == 1
    row = rows[0]
    assert (row.actor_id, row.actor_role, row.citizen_id) == (caseworker.id, "caseworker", citizen.id)
    assert row.purpose and row.request_id and row.occurred_at.tzinfo is not None


def test_caseload_view_is_audited(client, make_caseworker, make_citizen, session):
    caseworker = make_caseworker()
    make_citizen(caseworker=caseworker)
    log_in(client, caseworker.email)
    client.get("/caseworker/")
    row = session.scalar(select(AuditEntry).where(AuditEntry.action == "caseworker.caseload.viewed"))
    assert row.actor_id == caseworker.id


def test_audit_failure_fails_the_request_and_shows_no_data(app, client, make_caseworker, make_citizen, monkeypatch):
    caseworker = make_caseworker()
    citizen = make_citizen(caseworker=caseworker, name="Skjult Navn")
    log_in(client, caseworker.email)

    def broken_record(*_args, **_kwargs):
        raise RuntimeError("audit store unavailable")

    monkeypatch.setattr("portal.caseworker.services.audit.record", broken_record)
    response = client.get(f"/caseworker/citizens/{citizen.id}")
    assert response.status_code == 500
    html = response.get_data(as_text=True)
    assert "Skjult Navn" not in html
    assert "Traceback" not in html and "RuntimeError" not in html


@pytest.mark.parametrize("url_for_citizen", [lambda c: "/caseworker/", lambda c: f"/caseworker/citizens/{c.id}"])
def test_statement_count_does_not_grow_with_data(
    app, client, session, make_caseworker, make_citizen, make_meeting, url_for_citizen
):
    caseworker = make_caseworker()
    first = make_citizen(caseworker=caseworker)
    make_meeting(first, caseworker)
    log_in(client, caseworker.email)
    engine = db.state(app).engine
    client.get(url_for_citizen(first))  # warm up (session refresh etc.)
    with StatementCounter(engine) as small:
        client.get(url_for_citizen(first))
    for n in range(25):
        other = make_citizen(caseworker=caseworker)
        make_meeting(other, caseworker)
        make_meeting(first, caseworker, days=10)
        thread = add_thread(session, first, f"Samtale {n}")
        add_message(session, thread, first, "Et spørgsmål", days_ago=n % 5)
        add_message(session, add_thread(session, other), other, "Et andet spørgsmål")
    with StatementCounter(engine) as large:
        response = client.get(url_for_citizen(first))
    assert response.status_code == 200
    assert large.count == small.count, f"{small.count} statements with little data, {large.count} with more"
    # The citizen page gathers seven sections (meeting, preparation, plan, meetings, messages, joblog,
    # caseworkers); the caseload has one statement for each column it counts, Beskeder's included.
    assert small.count <= (11 if url_for_citizen(first) == "/caseworker/" else 20), small.count
