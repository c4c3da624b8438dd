"""The portal works on generated data: a citizen and a caseworker log in and see their own, new rows follow
the generated ones."""

from __future__ import annotations

import re

from sqlalchemy import select

from demodata.scale.shape import caseworker_email, citizen_email
from demodata.seed import DEMO_PASSWORD
from portal.access import Role
from portal.auth import services as accounts
from portal.auth.models import User
from portal.clock import local_today
from portal.db import db
from portal.joblog.models import JobLogEntry
from portal.meetings.models import Meeting
from tests.factories import log_in, post_form
from tests.pages import parse_page
from tests.scale.steps import ids_by_email, query


def test_a_generated_citizen_logs_in_and_sees_their_own_data(small):
    ids = ids_by_email(small.engine)
    citizen = ids[citizen_email(1)]
    client = small.app.test_client()
    assert log_in(client, citizen_email(1), DEMO_PASSWORD).status_code == 302

    [(name,)] = query(small.engine, select(User.name).where(User.id == citizen))
    assert name in parse_page(client.get("/")).get_text(" ", strip=True)
    assert "Fast job som lagermedarbejder" in parse_page(client.get("/plan/")).get_text(" ", strip=True)

    joblog = parse_page(client.get("/joblog/"))
    listed = [
        tuple(cell.get_text(" ", strip=True) for cell in row.find_all("td")[1:3])
        for row in joblog.find(id="joblog-caption").find_parent("table").find("tbody")("tr")
    ]
    entries = query(
        small.engine, select(JobLogEntry.job_title, JobLogEntry.employer).where(JobLogEntry.citizen_id == citizen)
    )
    assert len(entries) == 8
    assert sorted(listed) == sorted(tuple(entry) for entry in entries)

    meetings = parse_page(client.get("/meetings/"))
    linked = {
        int(match.group(1))
        for link in meetings.find_all("a", href=True)
        if (match := re.fullmatch(r"/meetings/(\d+)", link["href"]))
    }
    assert linked == {id_ for (id_,) in query(small.engine, select(Meeting.id).where(Meeting.citizen_id == citizen))}
    assert "Du kan læse referatet fra mødet." in meetings.get_text(" ", strip=True)
    for meeting in sorted(linked):
        parse_page(client.get(f"/meetings/{meeting}"))


def test_a_generated_caseworker_logs_in_and_sees_their_caseload(small):
    ids = ids_by_email(small.engine)
    client = small.app.test_client()
    assert log_in(client, caseworker_email(1), DEMO_PASSWORD).status_code == 302

    rows = parse_page(client.get("/caseworker/")).find("tbody")("tr")
    names = query(small.engine, select(User.name).where(User.email.in_([citizen_email(n) for n in range(1, 16)])))
    assert sorted(row.find("a").get_text(strip=True) for row in rows) == sorted(name for (name,) in names)

    first = parse_page(client.get(f"/caseworker/citizens/{ids[citizen_email(1)]}")).get_text(" ", strip=True)
    [(name,)] = query(small.engine, select(User.name).where(User.id == ids[citizen_email(1)]))
    assert name in first
    assert client.get(f"/caseworker/citizens/{ids[citizen_email(16)]}").status_code == 404, (
        "borger16 is on the other caseworker's caseload"
    )


def test_the_portal_adds_new_rows_after_the_generated_ones(one_jobcentre):
    # The generator numbers its rows itself; on PostgreSQL only moving the id sequences past them
    # keeps the portal's next insert from colliding with a generated id.
    engine = one_jobcentre.engine
    citizen = ids_by_email(engine)[citizen_email(2)]
    client = one_jobcentre.app.test_client()
    assert log_in(client, citizen_email(2), DEMO_PASSWORD).status_code == 302
    response = post_form(
        client,
        "/joblog/new",
        {
            "entry_type": "application",
            "job_title": "Lagerchef",
            "employer": "Skalaens Lager ApS",
            "applied_on": f"{local_today():%-d.%-m.%Y}",
            "application_type": "advertised",
            "status": "applied",
        },
        page_url="/joblog/new",
    )
    assert response.status_code == 302, response.get_data(as_text=True)
    [(entry_id,)] = query(
        engine,
        select(JobLogEntry.id).where(JobLogEntry.employer == "Skalaens Lager ApS", JobLogEntry.citizen_id == citizen),
    )
    assert entry_id == one_jobcentre.counts["joblog_entry"] + 1
    assert "Lagerchef" in parse_page(client.get("/joblog/")).get_text(" ", strip=True)

    with one_jobcentre.app.app_context():
        user = accounts.create_user(
            email="ny@example.test",
            password="a-long-enough-password",
            role=Role.CASEWORKER,
            name="Ny Kollega",
            jobcentre_id=None,
        )
        db.session.commit()
        assert user.id == one_jobcentre.counts["user_account"] + 1
