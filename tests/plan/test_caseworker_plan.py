"""The caseworker sees the plan, answers proposals with a reason, and sees what waits on the caseload."""

from __future__ import annotations

from datetime import UTC

from sqlalchemy import select

from portal.audit import AuditEntry
from portal.plan.models import PlanChange, PlanComment, ProposalStatus
from tests.factories import csrf_token_from, log_in, post_form
from tests.pages import StatementCounter, parse_page


def caseworker_client(app, caseworker):
    client = app.test_client()
    log_in(client, caseworker.email)
    return client


def decide(client, citizen, item, **data):
    page = client.get(f"/caseworker/citizens/{citizen.id}/plan").get_data(as_text=True)
    payload = {"csrf_token": csrf_token_from(page), **{f"p{item.id}-{k}": v for k, v in data.items()}}
    return client.post(f"/caseworker/citizens/{citizen.id}/plan/proposals/{item.id}", data=payload)


def test_caseworker_reads_the_plan_and_the_read_is_audited(app, planned, make_item, session):
    citizen, caseworker, plan = planned
    make_item(plan, caseworker, title="Praktik gennemført", owner="company")
    client = caseworker_client(app, caseworker)
    page = parse_page(client.get(f"/caseworker/citizens/{citizen.id}/plan"))
    text = page.get_text(" ", strip=True)
    assert "Fast job som kok" in text and "Praktik gennemført" in text and "Virksomheden" in text
    assert "Borgeren har ikke bekræftet planen endnu" in text
    row = session.scalar(select(AuditEntry).where(AuditEntry.action == "caseworker.plan.viewed"))
    assert row.citizen_id == citizen.id and row.actor_id == caseworker.id


def test_accepting_a_proposal_puts_it_in_the_plan_and_asks_for_a_new_acknowledgement(
    app, client, planned, make_item, session
):
    from datetime import datetime

    citizen, caseworker, plan = planned
    plan.acknowledged_version = plan.version
    plan.acknowledged_at = datetime.now(UTC)
    session.commit()
    proposal = make_item(
        plan, citizen, title="Lastbilkørekort", proposal_status=ProposalStatus.PENDING, owner="citizen"
    )
    response = decide(caseworker_client(app, caseworker), citizen, proposal, decision="accept")
    assert response.status_code == 302
    session.refresh(proposal)
    session.refresh(plan)
    assert proposal.proposal_status is ProposalStatus.ACCEPTED and plan.needs_acknowledgement
    citizen_page = parse_page(client.get("/plan/"))
    assert "Lastbilkørekort" in citizen_page.find("h3", string="Dine delmål").find_next("ul").get_text()
    assert "Planen er ændret, siden du sidst bekræftede den" in citizen_page.get_text()


def test_saying_no_needs_a_reason_which_the_citizen_sees(app, client, planned, make_item, session):
    citizen, caseworker, plan = planned
    proposal = make_item(plan, citizen, title="Kursus i Excel", proposal_status=ProposalStatus.PENDING)
    cw = caseworker_client(app, caseworker)
    page = parse_page(decide(cw, citizen, proposal, decision="decline", reason=""))
    assert "Skriv, hvorfor du siger nej" in page.find(attrs={"data-module": "error-summary"}).get_text()
    session.refresh(proposal)
    assert proposal.proposal_status is ProposalStatus.PENDING
    decide(cw, citizen, proposal, decision="decline", reason="Det passer ikke til jobmålet lige nu")
    session.refresh(proposal)
    assert proposal.proposal_status is ProposalStatus.DECLINED
    item_page = parse_page(client.get(f"/plan/items/{proposal.id}")).get_text(" ", strip=True)
    assert "Din sagsbehandler sagde nej: Det passer ikke til jobmålet lige nu" in item_page
    assert "Din sagsbehandler sagde nej til forslaget" in item_page
    assert session.scalar(select(PlanChange.action).where(PlanChange.action == "declined")) == "declined"


def test_a_proposal_is_answered_once(app, planned, make_item, session):
    citizen, caseworker, plan = planned
    proposal = make_item(plan, citizen, title="Netværk", proposal_status=ProposalStatus.PENDING)
    cw = caseworker_client(app, caseworker)
    page = cw.get(f"/caseworker/citizens/{citizen.id}/plan").get_data(as_text=True)
    data = {"csrf_token": csrf_token_from(page), f"p{proposal.id}-decision": "accept"}
    cw.post(f"/caseworker/citizens/{citizen.id}/plan/proposals/{proposal.id}", data=data)
    second = cw.post(
        f"/caseworker/citizens/{citizen.id}/plan/proposals/{proposal.id}",
        data={**data, f"p{proposal.id}-decision": "decline", f"p{proposal.id}-reason": "nej"},
    )
    assert second.status_code == 302
    session.refresh(proposal)
    assert proposal.proposal_status is ProposalStatus.ACCEPTED


def test_caseload_counts_what_waits_and_the_seen_button_clears_comments(app, planned, make_item, session):
    citizen, caseworker, plan = planned
    make_item(plan, citizen, title="Forslag", proposal_status=ProposalStatus.PENDING)
    session.add(PlanComment(plan_id=plan.id, author_id=citizen.id, author_role="citizen", text="Hej"))
    session.commit()
    cw = caseworker_client(app, caseworker)
    assert waiting(cw)[citizen.name].startswith("1 forslag, 1 kommentar")
    plan_url = f"/caseworker/citizens/{citizen.id}/plan"
    assert "Ikke læst af dig endnu" in parse_page(cw.get(plan_url)).get_text()
    assert waiting(cw)[citizen.name].startswith("1 forslag, 1 kommentar"), "reading the plan marks nothing"
    response = post_form(cw, f"{plan_url}/comments/seen", page_url=plan_url)
    assert response.status_code == 302
    assert "Kommentarerne er markeret som læst." in parse_page(cw.get(response.headers["Location"])).get_text()
    assert waiting(cw)[citizen.name].startswith("1 forslag, 0 kommentarer")
    assert session.scalar(select(AuditEntry).where(AuditEntry.action == "plan.comments_seen")).citizen_id == citizen.id


def waiting(client) -> dict[str, str]:
    """The caseload's "waits for you" cell by citizen name."""
    return {
        tr.find("td").get_text(strip=True): tr.find_all("td")[3].get_text(" ", strip=True)
        for tr in parse_page(client.get("/caseworker/")).select("tbody tr")
    }


def test_other_caseworkers_get_404_on_the_plan_and_its_proposals(app, planned, make_item, make_caseworker, session):
    citizen, caseworker, plan = planned
    proposal = make_item(plan, citizen, title="Forslag", proposal_status=ProposalStatus.PENDING)
    stranger = caseworker_client(app, make_caseworker())
    assert stranger.get(f"/caseworker/citizens/{citizen.id}/plan").status_code == 404
    token = csrf_token_from(stranger.get("/caseworker/").get_data(as_text=True))
    response = stranger.post(
        f"/caseworker/citizens/{citizen.id}/plan/proposals/{proposal.id}",
        data={"csrf_token": token, f"p{proposal.id}-decision": "accept"},
    )
    assert response.status_code == 404
    session.refresh(proposal)
    assert proposal.proposal_status is ProposalStatus.PENDING


def test_caseworker_plan_and_caseload_statements_are_constant(app, planned, make_item, make_citizen, session):
    from portal.db import db

    citizen, caseworker, plan = planned
    cw = caseworker_client(app, caseworker)
    engine = db.state(app).engine

    def count(url):
        cw.get(url)
        with StatementCounter(engine) as counter:
            assert cw.get(url).status_code == 200
        return counter.count

    urls = ("/caseworker/", f"/caseworker/citizens/{citizen.id}/plan")
    few = [count(url) for url in urls]
    for n in range(20):
        make_item(plan, caseworker, title=f"Delmål {n}")
        make_item(plan, citizen, title=f"Forslag {n}", proposal_status=ProposalStatus.PENDING)
        session.add(PlanComment(plan_id=plan.id, author_id=citizen.id, author_role="citizen", text=f"K {n}"))
        make_citizen(caseworker=caseworker)
    session.commit()
    assert [count(url) for url in urls] == few
