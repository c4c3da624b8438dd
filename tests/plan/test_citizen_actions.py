"""Real influence: comment, propose, tick off, expectations and evaluation, acknowledge the plan."""

from __future__ import annotations

import re
from datetime import date, timedelta

from sqlalchemy import select

from portal.audit import AuditEntry
from portal.clock import local_today
from portal.plan.models import ItemKind, Plan, PlanChange, PlanComment, PlanItem, ProposalStatus
from tests.factories import csrf_token_from, log_in
from tests.pages import parse_page


def form_post(client, url, data, page_url=None):
    """POST as the browser does from the page: its CSRF token, and the version it was shown with."""
    html = client.get(page_url or url).get_data(as_text=True)
    version = re.search(r'name="version" type="hidden" value="(\d+)"', html)
    shown = {"version": version.group(1)} if version else {}
    return client.post(url, data={"csrf_token": csrf_token_from(html), **shown, **data})


def test_comment_on_an_item_with_errors_and_input_kept(client, planned, make_item, session):
    citizen, caseworker, plan = planned
    item = make_item(plan, caseworker, title="Praktik")
    url = f"/plan/items/{item.id}"
    page = parse_page(form_post(client, url, {"text": "   "}))
    assert "Skriv din kommentar" in page.find(attrs={"data-module": "error-summary"}).get_text()
    long_text = "x" * 2001
    page = parse_page(form_post(client, url, {"text": long_text}))
    assert page.find("textarea", id="text").get_text().strip() == long_text
    response = form_post(client, url, {"text": "Skal jeg have <b>sikkerhedssko</b>?"})
    assert response.status_code == 302
    page = parse_page(client.get(url))
    assert "Skal jeg have <b>sikkerhedssko</b>?" in page.get_text()
    comment = session.scalar(select(PlanComment))
    assert comment.item_id == item.id and comment.author_role == "citizen"


def test_propose_a_milestone_which_waits_for_the_caseworker(client, planned, session):
    citizen, caseworker, plan = planned
    errors = parse_page(form_post(client, "/plan/propose", {"kind": "spaceship", "title": "", "due_date": "31.2.2027"}))
    text = errors.find(attrs={"data-module": "error-summary"}).get_text(" ", strip=True)
    assert "Skriv dit forslag" in text and "Skriv en rigtig dato" in text
    response = form_post(
        client,
        "/plan/propose",
        {"kind": "milestone", "title": "Lastbilkørekort", "why": "Flere job", "due_date": "1.3.2027"},
    )
    assert response.status_code == 302
    item = session.scalar(select(PlanItem).where(PlanItem.title == "Lastbilkørekort"))
    assert item.proposal_status is ProposalStatus.PENDING and item.due_date == date(2027, 3, 1)
    assert item.created_by_id == citizen.id and item.owner == "citizen"
    page = parse_page(client.get(response.headers["Location"]))
    assert "Venter på din sagsbehandler" in page.get_text()
    assert session.scalar(select(PlanChange.action).where(PlanChange.item_id == item.id)) == "proposed"


def test_citizen_ticks_off_own_milestone_but_not_the_caseworkers(client, planned, make_item, session):
    citizen, caseworker, plan = planned
    mine = make_item(plan, caseworker, title="Opdatere CV", owner="citizen")
    theirs = make_item(plan, caseworker, ItemKind.AGREEMENT, "Sende aftalen", "open", owner="caseworker")
    page = parse_page(client.get(f"/plan/items/{mine.id}"))
    token = page.find("form", action=f"/plan/items/{mine.id}/done").find("input", attrs={"name": "csrf_token"})["value"]
    response = client.post(f"/plan/items/{mine.id}/done", data={"csrf_token": token, "version": str(mine.version)})
    assert response.status_code == 302
    session.refresh(mine)
    assert mine.status == "done"
    assert (
        parse_page(client.get(f"/plan/items/{theirs.id}")).find("form", action=f"/plan/items/{theirs.id}/done") is None
    )
    forged = client.post(f"/plan/items/{theirs.id}/done", data={"csrf_token": token, "version": str(theirs.version)})
    assert forged.status_code == 404
    session.refresh(theirs)
    assert theirs.status == "open"


def test_ticking_off_from_a_stale_page_is_refused(client, planned, make_item, session):
    citizen, caseworker, plan = planned
    item = make_item(plan, caseworker, title="Opdatere CV", owner="citizen")
    page = client.get(f"/plan/items/{item.id}").get_data(as_text=True)
    item.title = "Opdatere CV og LinkedIn"
    item.version += 1
    session.commit()
    response = client.post(f"/plan/items/{item.id}/done", data={"csrf_token": csrf_token_from(page), "version": "1"})
    assert response.status_code == 302
    page = parse_page(client.get(response.headers["Location"]))
    assert "blev ændret, mens du kiggede" in page.get_text()
    session.refresh(item)
    assert item.status == "planned"


def test_expectations_before_and_evaluation_after_a_practicum(client, planned, make_item, session):
    citizen, caseworker, plan = planned
    today = local_today()
    practicum = make_item(
        plan,
        caseworker,
        ItemKind.ACTIVITY,
        "Praktik i kantine",
        "active",
        activity_type="praktik",
        starts_on=today - timedelta(days=3),
        ends_on=today + timedelta(days=20),
    )
    assert client.get(f"/plan/items/{practicum.id}/evaluation").status_code == 404, "not before it ends"
    response = form_post(client, f"/plan/items/{practicum.id}/expectations", {"text": "Lære at lave mad til mange"})
    assert response.status_code == 302
    session.refresh(practicum)
    assert practicum.expectations == "Lære at lave mad til mange"
    practicum.ends_on = today - timedelta(days=1)
    session.commit()
    assert client.get(f"/plan/items/{practicum.id}/expectations").status_code == 404
    form_post(client, f"/plan/items/{practicum.id}/evaluation", {"text": "Jeg fik et tilbud om løntimer"})
    session.refresh(practicum)
    assert practicum.evaluation == "Jeg fik et tilbud om løntimer"
    history = parse_page(client.get(f"/plan/items/{practicum.id}")).find("ul", class_="plan-history").get_text()
    assert "Du ændrede hvad praktikken gav" in history


def test_acknowledge_the_plan_and_a_caseworker_change_asks_again(client, planned, session, make_item):
    from portal.plan import services

    citizen, caseworker, plan = planned
    page = parse_page(client.get("/plan/"))
    assert page.find(id="confirm") is not None
    missing = parse_page(form_post(client, "/plan/acknowledge", {"version": str(plan.version)}, page_url="/plan/"))
    assert "Sæt kryds" in missing.find(attrs={"data-module": "error-summary"}).get_text()
    response = form_post(client, "/plan/acknowledge", {"version": str(plan.version), "confirm": "y"}, page_url="/plan/")
    assert response.status_code == 302
    session.refresh(plan)
    assert plan.acknowledged_at is not None and not plan.needs_acknowledgement
    assert "Du bekræftede" in parse_page(client.get("/plan/")).get_text()
    # The caseworker changes the plan: the citizen is asked to read and confirm again.
    item = make_item(plan, caseworker, title="Nyt delmål")
    with client.application.app_context():  # the caseworker's side of the plan arrives with its views
        from portal.db import db

        fresh_plan = db.session.get(Plan, plan.id)
        services.record(
            fresh_plan, db.session.get(PlanItem, item.id), db.session.get(type(caseworker), caseworker.id), "created"
        )
        db.session.commit()
    page = parse_page(client.get("/plan/"))
    assert "Planen er ændret, siden du sidst bekræftede den" in page.get_text()


def test_acknowledging_a_plan_that_changed_meanwhile_is_refused(client, planned, session):
    citizen, caseworker, plan = planned
    response = form_post(
        client, "/plan/acknowledge", {"version": str(plan.version - 1 or 99), "confirm": "y"}, page_url="/plan/"
    )
    assert response.status_code == 302
    session.refresh(plan)
    assert plan.acknowledged_at is None


def test_every_citizen_action_is_audited(client, planned, make_item, session):
    citizen, caseworker, plan = planned
    item = make_item(plan, caseworker, title="Opdatere CV", owner="citizen")
    form_post(client, f"/plan/items/{item.id}", {"text": "Hej"})
    form_post(client, "/plan/propose", {"kind": "job_goal", "title": "Kok"})
    actions = session.scalars(select(AuditEntry.action).where(AuditEntry.action.like("plan.%"))).all()
    assert actions == ["plan.commented", "plan.proposed"]


def test_another_citizen_cannot_act_on_my_plan(app, planned, make_item, make_citizen):
    citizen, caseworker, plan = planned
    item = make_item(plan, caseworker, title="Opdatere CV", owner="citizen")
    other = make_citizen()
    intruder = app.test_client()
    log_in(intruder, other.email)
    token = csrf_token_from(intruder.get("/").get_data(as_text=True))
    for url, data in [
        (f"/plan/items/{item.id}", {"text": "x"}),
        (f"/plan/items/{item.id}/done", {"version": "1"}),
        (f"/plan/items/{item.id}/expectations", {"text": "x", "version": "1"}),
        ("/plan/acknowledge", {"version": "1", "confirm": "y"}),
    ]:
        assert intruder.post(url, data={"csrf_token": token, **data}).status_code == 404, url
