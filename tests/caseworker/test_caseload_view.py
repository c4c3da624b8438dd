"""The caseload at a glance: search by name, "needs attention", "meeting this week", the order, and
the same statements for 150 citizens as for one."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from portal.clock import local_today
from portal.meetings.models import Homework
from tests.factories import log_in, post_form
from tests.messages.caseworker_steps import add_message, add_thread
from tests.pages import parse_page, statements_per_page


def names_on(page) -> list[str]:
    body = page.find("tbody")
    return [row.find("a").get_text(strip=True) for row in body("tr")] if body else []


def names(client, query: str = "") -> list[str]:
    return names_on(parse_page(client.get(f"/caseworker/?{query}")))


def search(client, **fields) -> list[str]:
    """Send the caseload's filter form as the page does (by POST); the names shown."""
    return names_on(parse_page(post_form(client, "/caseworker/", fields, page_url="/caseworker/")))


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
    assert search(client, q="ØRST") == ["Anne Ørsted"]
    assert names(client, "view=this_week") == ["Anne Ørsted"]
    assert search(client, view="this_week") == ["Anne Ørsted"]
    assert "Bo Andersen" in names(client, "view=attention"), "overdue homework needs attention"
    assert search(client, order="name", q="b") == ["Bo Andersen", "Carl Berg"]
    assert names(client, "order=attention")[0] == "Bo Andersen"
    page = parse_page(client.get("/caseworker/?view=rocket&order=%00"))
    assert "Vælg et af svarene på listen" in page.find(attrs={"data-module": "error-summary"}).get_text()
    assert len(names(client, "view=rocket")) == 3, "an invalid choice is explained and not applied"
    zzz = parse_page(post_form(client, "/caseworker/", {"q": "zzz"}, page_url="/caseworker/"))
    assert "Ingen borgere passer" in zzz.get_text()


def test_the_search_never_travels_in_a_url(client, caseload):
    """A name (or a CPR number typed into the box) in a query string lands in every proxy's access
    log and the browser's history; the search goes by POST, and a URL that carries one is ignored."""
    form = parse_page(client.get("/caseworker/")).find("input", attrs={"name": "q"}).find_parent("form")
    assert form["method"] == "post" and "?" not in form["action"]
    found = post_form(client, "/caseworker/", {"q": "Ørsted"}, page_url="/caseworker/")
    assert found.status_code == 200, "the result is the page itself: no redirect to a URL with the search"
    page = parse_page(found)
    assert names_on(page) == ["Anne Ørsted"]
    assert page.find("input", attrs={"name": "q"})["value"] == "Ørsted", "the box keeps what was searched"
    urls = [tag.get("href") or tag.get("action") or "" for tag in page.find_all(["a", "form", "link"])]
    assert not [url for url in urls if "rsted" in url or "q=" in url]
    bookmarked = parse_page(client.get("/caseworker/?q=Ørsted"))
    assert len(names_on(bookmarked)) == 3, "a search in a URL is not applied, so no page invites one"
    assert not bookmarked.find("input", attrs={"name": "q"}).get("value")


def test_150_citizens_cost_the_same_statements_as_one(
    app, client, session, make_caseworker, make_citizen, make_meeting
):
    caseworker = make_caseworker()
    make_meeting(make_citizen(caseworker=caseworker), caseworker)
    log_in(client, caseworker.email)
    urls = ["/caseworker/", "/caseworker/?view=attention&order=name"]
    small = statements_per_page(app, client, urls)
    for n in range(149):
        citizen = make_citizen(caseworker=caseworker)
        if n % 2:
            make_meeting(citizen, caseworker, days=1 + n % 20)
        # Beskeder of every kind: unread and overdue, read and waiting, answered, none.
        if n % 4:
            thread = add_thread(session, citizen)
            add_message(session, thread, citizen, "Et spørgsmål", days_ago=n % 9, read=n % 4 == 2)
            if n % 4 == 3:
                add_message(session, thread, caseworker, "Et svar")
    page = parse_page(client.get("/caseworker/"))
    assert "Svarfristen er overskredet" in page.get_text(), "the messages are on the page that is counted"
    assert statements_per_page(app, client, urls) == small
