"""The caseworker writes the plan: end goal and every kind of item, with history, versions and warnings."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from portal.plan.models import ItemKind, Plan, PlanChange, PlanItem
from tests.factories import csrf_token_from, log_in
from tests.pages import parse_page


def cw_client(app, caseworker):
    client = app.test_client()
    log_in(client, caseworker.email)
    return client


def submit(client, url, data):
    page = client.get(url)
    assert page.status_code == 200, url
    html = page.get_data(as_text=True)
    import re

    version = re.search(r'name="version" type="hidden" value="([^"]*)"', html)
    payload = {"csrf_token": csrf_token_from(html), "version": version.group(1) if version else ""}
    payload.update(data)
    return client.post(url, data=payload)


def test_caseworker_writes_the_end_goal_of_a_new_plan(app, make_caseworker, make_citizen, session):
    caseworker = make_caseworker()
    citizen = make_citizen(caseworker=caseworker)
    client = cw_client(app, caseworker)
    url = f"/caseworker/citizens/{citizen.id}/plan/goal"
    errors = parse_page(submit(client, url, {"end_goal": "", "end_goal_target_date": "40.1.2027"}))
    text = errors.find(attrs={"data-module": "error-summary"}).get_text(" ", strip=True)
    assert "Skriv slutmålet" in text and "Vælg job eller uddannelse" in text and "Skriv en rigtig dato" in text
    response = submit(client, url, {"end_goal_kind": "job", "end_goal": "Kok", "end_goal_target_date": "1.3.2027"})
    assert response.status_code == 302
    plan = session.scalar(select(Plan).where(Plan.citizen_id == citizen.id))
    assert plan.end_goal == "Kok" and plan.end_goal_target_date == date(2027, 3, 1)
    submit(client, url, {"end_goal_kind": "job", "end_goal": "Kok", "end_goal_target_date": "15.3.2027"})
    citizen_client = app.test_client()
    log_in(citizen_client, citizen.email)
    history = parse_page(citizen_client.get("/plan/goal")).find("ul", class_="plan-history").get_text(" ", strip=True)
    assert "Din sagsbehandler ændrede måldatoen fra 1. marts 2027 til 15. marts 2027" in history


def test_every_kind_of_item_can_be_added(app, planned, session):
    citizen, caseworker, plan = planned
    client = cw_client(app, caseworker)
    base = f"/caseworker/citizens/{citizen.id}/plan/items/new?kind="
    cases = {
        "milestone": {"title": "CV opdateret", "owner": "citizen", "due_date": "1.2.2027", "status": "planned"},
        "job_goal": {"title": "Kok", "track": "A", "realistic_because": "Erfaring", "status": "active"},
        "activity": {
            "title": "Praktik i kantine",
            "activity_type": "praktik",
            "practicum_purpose": "clarify_goal",
            "starts_on": "1.2.2027",
            "ends_on": "28.2.2027",
            "hours_per_week": "25",
            "status": "planned",
        },
        "agreement": {"title": "Søg 5 job om ugen", "owner": "citizen", "requirement_count": "5", "status": "open"},
    }
    for kind, data in cases.items():
        response = submit(client, base + kind, data)
        assert response.status_code == 302, (kind, response.get_data(as_text=True)[:2000])
    items = {item.kind: item for item in session.scalars(select(PlanItem).where(PlanItem.plan_id == plan.id))}
    assert items[ItemKind.JOB_GOAL].track == "A"
    assert items[ItemKind.ACTIVITY].hours_per_week == 25 and items[ItemKind.ACTIVITY].ends_on == date(2027, 2, 28)
    assert items[ItemKind.AGREEMENT].requirement_count == 5 and items[ItemKind.AGREEMENT].requirement_period == "week"
    assert all(item.created_by_id == caseworker.id for item in items.values())


def test_item_form_validates_choices_required_fields_and_reasons(app, planned, make_item, session):
    citizen, caseworker, plan = planned
    client = cw_client(app, caseworker)
    page = parse_page(
        submit(
            client,
            f"/caseworker/citizens/{citizen.id}/plan/items/new?kind=job_goal",
            {"title": "", "track": "Z", "status": "exploded"},
        )
    )
    text = page.find(attrs={"data-module": "error-summary"}).get_text(" ", strip=True)
    assert "Skriv en titel" in text and "Vælg et af svarene på listen" in text
    item = make_item(plan, caseworker, title="Gammelt delmål", owner="citizen")
    url = f"/caseworker/citizens/{citizen.id}/plan/items/{item.id}/edit"
    page = parse_page(submit(client, url, {"title": "Gammelt delmål", "owner": "citizen", "status": "dropped"}))
    assert (
        "Skriv, hvorfor punktet droppes eller aflyses" in page.find(attrs={"data-module": "error-summary"}).get_text()
    )
    assert (
        submit(
            client,
            url,
            {
                "title": "Gammelt delmål",
                "owner": "citizen",
                "status": "dropped",
                "status_reason": "Ikke relevant efter praktikken",
            },
        ).status_code
        == 302
    )
    session.refresh(item)
    assert item.status == "dropped" and item.status_reason == "Ikke relevant efter praktikken"
    assert session.get(PlanItem, item.id) is not None, "nothing is hard-deleted"


def test_editing_records_readable_history_and_refuses_stale_forms(app, planned, make_item, session):
    citizen, caseworker, plan = planned
    item = make_item(plan, caseworker, title="Praktik gennemført", owner="company", due_date=date(2027, 3, 1))
    client = cw_client(app, caseworker)
    url = f"/caseworker/citizens/{citizen.id}/plan/items/{item.id}/edit"
    stale_page = client.get(url).get_data(as_text=True)
    assert (
        submit(
            client,
            url,
            {"title": "Praktik gennemført", "owner": "company", "due_date": "15.3.2027", "status": "planned"},
        ).status_code
        == 302
    )
    changes = session.scalars(select(PlanChange).where(PlanChange.item_id == item.id)).all()
    assert [(c.field, c.old_value, c.new_value) for c in changes] == [("due_date", "2027-03-01", "2027-03-15")]
    stale = client.post(
        url,
        data={
            "csrf_token": csrf_token_from(stale_page),
            "version": "1",
            "title": "Andet",
            "owner": "company",
            "status": "planned",
        },
    )
    page = parse_page(stale)
    notice = page.find(id="conflict-notice")
    assert "Nogen har gemt, før du nåede det" in notice.get_text()
    rows = {row.th.get_text(strip=True): [td.get_text(strip=True) for td in row("td")] for row in notice.tbody("tr")}
    assert rows["Titel"] == ["Praktik gennemført", "Andet"], "the saved version beside the caseworker's own"
    assert rows["Senest"] == ["15.3.2027", "(tomt)"]
    assert page.find("input", id="title")["value"] == "Andet", "the caseworker's input is kept"
    assert [radio["value"] for radio in page.find_all("input", attrs={"name": "keep"})] == ["mine", "saved"]
    session.refresh(item)
    assert item.title == "Praktik gennemført"
    version = page.find("input", attrs={"name": "version"})["value"]
    mine = {
        "version": version,
        "conflict": "1",
        "keep": "mine",
        "title": "Andet",
        "owner": "company",
        "status": "planned",
    }
    assert client.post(url, data={"csrf_token": csrf_token_from(stale_page), **mine}).status_code == 302
    session.refresh(item)
    assert item.title == "Andet"


def test_template_prefills_a_practicum_and_long_practicum_warns(app, planned, session):
    citizen, caseworker, plan = planned
    client = cw_client(app, caseworker)
    url = f"/caseworker/citizens/{citizen.id}/plan/items/new?kind=activity&preset=praktik_clarify"
    page = parse_page(client.get(url))
    assert page.find("input", id="title")["value"] == "Praktik for at afklare dit jobmål"
    assert page.find("input", attrs={"name": "practicum_purpose", "value": "clarify_goal"}).has_attr("checked")
    response = submit(
        client,
        url,
        {
            "title": "Lang praktik",
            "activity_type": "praktik",
            "status": "planned",
            "practicum_purpose": "clarify_goal",
            "starts_on": "1.1.2027",
            "ends_on": "30.6.2027",
            "hours_per_week": "40",
        },
    )
    page = parse_page(client.get(response.headers["Location"]))
    text = page.get_text(" ", strip=True)
    assert "længere end 13 uger" in text and "Mere end 37 timer om ugen" in text


def test_citizens_and_other_caseworkers_cannot_edit(app, client, planned, make_item, make_caseworker, session):
    citizen, caseworker, plan = planned
    item = make_item(plan, caseworker, title="Delmål", owner="citizen")
    assert client.get(f"/caseworker/citizens/{citizen.id}/plan/items/{item.id}/edit").status_code == 403
    stranger = cw_client(app, make_caseworker())
    for url in (
        f"/caseworker/citizens/{citizen.id}/plan/goal",
        f"/caseworker/citizens/{citizen.id}/plan/items/new?kind=milestone",
        f"/caseworker/citizens/{citizen.id}/plan/items/{item.id}/edit",
    ):
        assert stranger.get(url).status_code == 404, url
    token = csrf_token_from(stranger.get("/caseworker/").get_data(as_text=True))
    response = stranger.post(
        f"/caseworker/citizens/{citizen.id}/plan/items/{item.id}/edit",
        data={"csrf_token": token, "version": "1", "title": "Hacket", "owner": "citizen", "status": "planned"},
    )
    assert response.status_code == 404
    session.refresh(item)
    assert item.title == "Delmål"


def test_a_milestone_is_linked_to_activities_and_agreements(app, planned, make_item, session):
    from portal.plan.models import PlanItemLink

    citizen, caseworker, plan = planned
    practicum = make_item(plan, caseworker, ItemKind.ACTIVITY, "Praktik i kantine", "active", activity_type="praktik")
    agreement = make_item(plan, caseworker, ItemKind.AGREEMENT, "Søg 5 job", "open", owner="citizen")
    milestone = make_item(plan, caseworker, title="Praktik gennemført", owner="company")
    client = cw_client(app, caseworker)
    url = f"/caseworker/citizens/{citizen.id}/plan/items/{milestone.id}/edit"
    response = submit(
        client,
        url,
        {
            "title": "Praktik gennemført",
            "owner": "company",
            "status": "planned",
            "links": [str(practicum.id), "999999"],
        },
    )
    assert response.status_code == 302
    linked = set(session.scalars(select(PlanItemLink.item_id).where(PlanItemLink.milestone_id == milestone.id)))
    assert linked == {practicum.id}, "only the plan's own items can be linked"
    page = parse_page(client.get(url))
    assert page.find("input", attrs={"name": "links", "value": str(practicum.id)}).has_attr("checked")
    assert not page.find("input", attrs={"name": "links", "value": str(agreement.id)}).has_attr("checked")
    citizen_client = app.test_client()
    log_in(citizen_client, citizen.email)
    item_page = parse_page(citizen_client.get(f"/plan/items/{milestone.id}")).get_text(" ", strip=True)
    assert "Hører sammen med" in item_page and "Praktik i kantine" in item_page
    assert "ændrede hvad der hører til delmålet fra (tomt) til Praktik i kantine" in item_page


def test_opening_a_filled_form_is_an_audited_read(app, planned, make_item, session):
    from portal.audit import AuditEntry

    citizen, caseworker, plan = planned
    item = make_item(plan, caseworker, title="Delmål", owner="citizen")
    client = cw_client(app, caseworker)
    client.get(f"/caseworker/citizens/{citizen.id}/plan/items/{item.id}/edit")
    client.get(f"/caseworker/citizens/{citizen.id}/plan/goal")
    rows = session.scalars(select(AuditEntry).where(AuditEntry.action == "caseworker.plan.form_viewed")).all()
    assert len(rows) == 2 and all(r.citizen_id == citizen.id and r.actor_id == caseworker.id for r in rows)
