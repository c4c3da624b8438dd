"""The caseload at a glance: search by name, "needs attention", "meeting this week", the order, and
the same statements for 150 citizens as for one."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from portal.clock import local_today
from portal.meetings.models import Homework
from tests.factories import log_in
from tests.pages import parse_page, statements_per_page


def names(client, query: str = "") -> list[str]:
    page = parse_page(client.get(f"/caseworker/?{query}"))
    body = page.find("tbody")
    return [row.find("a").get_text(strip=True) for row in body("tr")] if body else []


@pytest.fixture
def caseload(client, session, make_caseworker, make_citizen, make_meeting):
    caseworker = make_caseworker()
    today = local_today()
    sunday = today + timedelta(days=6 - today.weekday())
    this_week = datetime.combine(sunday, time(23, 0), tzinfo=ZoneInfo("Europe/Copenhagen"))
    anne = make_citizen(caseworker=caseworker, name="Anne Ørsted")
    make_meeting(anne, caseworker, starts_at=this_week.astimezone(ZoneInfo("UTC")))
    bo = make_citizen(caseworker=caseworker, name="Bo Andersen")
    make_meeting(bo, caseworker, days=20)
    session.add(Homework(citizen_id=bo.id, title="CV", due_date=today - timedelta(days=1)))
    session.commit()
    make_citizen(caseworker=caseworker, name="Carl Berg")
    log_in(client, caseworker.email)
    return caseworker


def test_search_views_and_order(client, caseload):
    assert names(client) == ["Anne Ørsted", "Bo Andersen", "Carl Berg"], "soonest meeting first"
    assert names(client, "q=ØRST") == ["Anne Ørsted"]
    assert names(client, "view=this_week") == ["Anne Ørsted"]
    assert "Bo Andersen" in names(client, "view=attention"), "overdue homework needs attention"
    assert names(client, "order=name&q=b") == ["Bo Andersen", "Carl Berg"]
    assert names(client, "order=attention")[0] == "Bo Andersen"
    page = parse_page(client.get("/caseworker/?view=rocket&order=%00"))
    assert "Vælg et af svarene på listen" in page.find(attrs={"data-module": "error-summary"}).get_text()
    assert len(names(client, "view=rocket")) == 3, "an invalid choice is explained and not applied"
    assert "Ingen borgere passer" in parse_page(client.get("/caseworker/?q=zzz")).get_text()


def test_150_citizens_cost_the_same_statements_as_one(app, client, make_caseworker, make_citizen, make_meeting):
    caseworker = make_caseworker()
    make_meeting(make_citizen(caseworker=caseworker), caseworker)
    log_in(client, caseworker.email)
    urls = ["/caseworker/", "/caseworker/?view=attention&order=name&q=a"]
    small = statements_per_page(app, client, urls)
    for n in range(149):
        citizen = make_citizen(caseworker=caseworker)
        if n % 2:
            make_meeting(citizen, caseworker, days=1 + n % 20)
    assert statements_per_page(app, client, urls) == small
