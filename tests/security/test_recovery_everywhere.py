"""Nothing a citizen types is lost when their session or form token ends: every page a citizen types
into keeps the late POST for its writer, and shows it again, once, after the next login; no one
else ever sees it.

The pages are found from the route table (a citizen's GET+POST routes), so a new form page that is
not recoverable fails here.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from freezegun import freeze_time
from sqlalchemy import select

from portal import access
from portal.plan.models import Plan, PlanComment
from portal.recovery import PendingInput
from tests.factories import log_in
from tests.pages import parse_page
from tests.security.forms import text_boxes, the_form, values_of

NOTICE = "Du blev logget af, mens du skrev. Vi har hentet det, du skrev."

#: Citizen form pages with nothing to type: there is nothing to keep.
NOTHING_TYPED = {"questionnaire.check": "a send button and the answers, already saved step by step"}

#: endpoint -> the page's URL in the world below (the questionnaire's is made by starting it).
PAGES = {
    "questionnaire.step": lambda w: w["questionnaire_step"],
    "plan.goal": lambda w: "/plan/goal",
    "plan.item": lambda w: f"/plan/items/{w['milestone']}",
    "plan.reflection": lambda w: f"/plan/items/{w['practicum']}/expectations",
    "plan.reflection/evaluation": lambda w: f"/plan/items/{w['ended_practicum']}/evaluation",
    "plan.propose": lambda w: "/plan/propose",
    "meetings.meeting": lambda w: f"/meetings/{w['summarised_meeting']}",
    "meetings.absence": lambda w: f"/meetings/{w['next_meeting']}/absence",
    "meetings.interpreter": lambda w: f"/meetings/{w['next_meeting']}/interpreter",
    "homework.item": lambda w: f"/homework/{w['homework']}",
    "joblog.new": lambda w: "/joblog/new",
    "joblog.edit": lambda w: f"/joblog/{w['entry']}",
    "messages.new": lambda w: "/messages/new",
    "messages.thread": lambda w: f"/messages/{w['thread']}",
}


def citizen_form_pages(app) -> set[str]:
    """Every route a citizen may both open (GET) and send (POST): the pages with a form on them."""
    return {
        rule.endpoint
        for rule in app.url_map.iter_rules()
        if {"GET", "POST"} <= rule.methods and access.ROUTE_ACCESS.get(rule.endpoint) == access.CITIZEN
    }


def test_every_citizen_form_page_is_recoverable_and_walked_here(app):
    walked = {page.split("/")[0] for page in PAGES}
    assert citizen_form_pages(app) - set(NOTHING_TYPED) == walked
    assert walked == access.RECOVERABLE


def type_into(form, marker: str) -> tuple[dict, dict]:
    """What a browser sends from `form` after the person typed into every text box: (payload, typed)."""
    typed = {name: f"{marker}: skrevet i {name}, æøå" for name in text_boxes(form)}
    return values_of(form) | typed, typed


def shown_value(page, name: str) -> str:
    field = page.find(attrs={"name": name})
    return field.get_text() if field.name == "textarea" else field.get("value", "")


def typed_then_idle(app, client, url: str, marker: str, now: datetime) -> dict:
    """Open the page, type, leave it past the idle limit, send; what was typed."""
    with freeze_time(now):
        payload, typed = type_into(the_form(parse_page(client.get(url)), url), marker)
    with freeze_time(now + timedelta(minutes=app.config["SESSION_IDLE_MINUTES"] + 5)):
        response = client.post(url, data=payload)
    assert response.status_code == 302, url
    assert response.headers["Location"].startswith(f"/login?next={url}"), "sent to log in again"
    assert "reason=idle" in response.headers["Location"], "and told why"
    return typed


@pytest.mark.parametrize("page", PAGES)
def test_text_typed_when_the_session_went_idle_comes_back_after_login(app, client, session, world, page):
    url = PAGES[page](world)
    now = datetime.now(UTC)
    typed = typed_then_idle(app, client, url, "Ikke tabt", now)
    with freeze_time(now + timedelta(minutes=app.config["SESSION_IDLE_MINUTES"] + 6)):
        assert log_in(client, world["citizen"].email, next_url=url).headers["Location"] == url
        shown = client.get(url)
        page_html = parse_page(shown)
        for name, text in typed.items():
            assert shown_value(page_html, name).strip() == text, f"{url}: {name} came back"
        assert shown.get_data(as_text=True).count(NOTICE) == 1, "the notice says what happened, once"
        assert session.scalars(select(PendingInput)).all() == [], "gone from the server once shown"
        again = client.get(url).get_data(as_text=True)
    assert NOTICE not in again and "Ikke tabt" not in again, "shown once, then the page is as saved"


@pytest.mark.parametrize("page", PAGES)
def test_another_person_at_the_same_browser_never_sees_it(
    app, client, session, world, make_citizen, page, make_caseworker
):
    url = PAGES[page](world)
    other = make_citizen(caseworker=make_caseworker(), name="Ole Olsen")
    session.add(Plan(citizen_id=other.id, end_goal="Uddannelse", end_goal_kind="education"))
    session.commit()
    now = datetime.now(UTC)
    typed_then_idle(app, client, url, "Privat tekst", now)
    with freeze_time(now + timedelta(minutes=app.config["SESSION_IDLE_MINUTES"] + 6)):
        log_in(client, other.email)
        response = client.get(url)
    html = response.get_data(as_text=True)
    assert response.status_code in (200, 404), url  # the same path for everyone, or 404: not theirs
    assert "Privat tekst" not in html and NOTICE not in html
    session.expire_all()
    kept = session.scalars(select(PendingInput)).all()
    assert [(row.user_id, row.path) for row in kept] == [(world["citizen"].id, url)], "still only the writer's"


@pytest.mark.parametrize("page", PAGES)
def test_an_expired_form_token_keeps_the_text_too(client, world, page):
    url = PAGES[page](world)
    payload, typed = type_into(the_form(parse_page(client.get(url)), url), "Sent for sent")
    response = client.post(url, data=payload | {"csrf_token": "expired"})
    assert response.status_code == 302 and response.headers["Location"] == url
    shown = parse_page(client.get(url))
    for name, text in typed.items():
        assert shown_value(shown, name).strip() == text


def test_what_comes_back_is_not_saved_until_sent_again(app, client, session, world):
    url = f"/plan/items/{world['milestone']}"
    now = datetime.now(UTC)
    typed = typed_then_idle(app, client, url, "Min kommentar", now)
    with freeze_time(now + timedelta(minutes=app.config["SESSION_IDLE_MINUTES"] + 6)):
        log_in(client, world["citizen"].email, next_url=url)
        page = parse_page(client.get(url))
        assert session.scalars(select(PlanComment)).all() == [], "shown, not sent behind the person's back"
        payload, _typed = type_into(the_form(page, url), "unused")
        client.post(url, data=payload | typed)
    assert [c.text for c in session.scalars(select(PlanComment))] == [typed["text"]]
