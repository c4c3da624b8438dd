"""The citizen reads Min Plan: end goal, next milestone, why each activity, the whole plan, each item."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from portal.clock import local_today
from portal.plan.models import ItemKind, PlanChange, PlanComment, ProposalStatus
from tests.factories import log_in
from tests.pages import StatementCounter


def test_plan_at_a_glance(get_page, planned, make_item):
    citizen, caseworker, plan = planned
    today = local_today()
    make_item(plan, caseworker, title="CV opdateret", status="done", due_date=today - timedelta(days=3))
    make_item(plan, caseworker, title="Praktik gennemført", due_date=today + timedelta(days=30))
    make_item(plan, caseworker, title="Kursus i hygiejne", due_date=today + timedelta(days=10), owner="citizen")
    make_item(plan, caseworker, title="Droppet mål", status="dropped", status_reason="Ikke relevant mere")
    make_item(
        plan,
        caseworker,
        ItemKind.ACTIVITY,
        "Praktik i kantine",
        "active",
        activity_type="praktik",
        practicum_purpose="clarify_goal",
        why="Du prøver køkkenarbejde af.",
    )
    make_item(
        plan,
        caseworker,
        ItemKind.AGREEMENT,
        "Søg 5 job om ugen",
        "open",
        owner="citizen",
        requirement_count=5,
        requirement_period="week",
    )
    page = get_page("/plan/")
    glance = page.find(class_="plan-glance").get_text(" ", strip=True)
    assert "Fast job som kok" in glance
    assert "Kursus i hygiejne" in glance, "the next milestone is the soonest not reached"
    assert "1 af 3 delmål nået" in glance, "dropped milestones do not count"
    progress = page.find("progress")
    assert progress["max"] == "3" and progress["value"] == "1"
    assert page.find(id=progress["aria-labelledby"]) is not None
    why = page.find(id="why-heading").parent.get_text(" ", strip=True)
    assert "Virksomhedspraktik: Praktik i kantine" in why
    assert "finder ud af, om jobmålet passer til dig" in why and "Du prøver køkkenarbejde af." in why
    assert "Krav: 5 ansøgninger om ugen" in page.get_text(" ", strip=True)


PRACTICUM_EXPLAINED = "I en virksomhedspraktik arbejder du en tid på en arbejdsplads uden løn."


def test_virksomhedspraktik_is_explained_once_where_it_first_appears(get_page, planned, make_item):
    citizen, caseworker, plan = planned
    practica = [
        make_item(plan, caseworker, ItemKind.ACTIVITY, title, "active", activity_type="praktik")
        for title in ("Praktik i kantine", "Praktik på lager")
    ]
    make_item(plan, caseworker, ItemKind.ACTIVITY, "Truckcertifikat", "planned", activity_type="amu")
    why = get_page("/plan/").find(id="why-heading").parent
    text = why.get_text(" ", strip=True)
    assert text.count(PRACTICUM_EXPLAINED) == 1, "explained at the first practicum, not at each"
    assert text.index("Virksomhedspraktik: Praktik i kantine") < text.index(PRACTICUM_EXPLAINED)
    assert text.index(PRACTICUM_EXPLAINED) < text.index("Virksomhedspraktik: Praktik på lager")
    item = get_page(f"/plan/items/{practica[0].id}").find("dt", string="Type").find_next("dd").get_text(" ", strip=True)
    assert item.startswith("Virksomhedspraktik") and PRACTICUM_EXPLAINED in item


@pytest.mark.parametrize(
    ("activity_type", "explained"),
    [
        ("nytteindsats", "I en nytteindsats laver du nyttige opgaver på en offentlig arbejdsplads"),
        ("loentilskud", "Et job med løntilskud er et rigtigt job med løn."),
        ("amu", "Et AMU-kursus er et kort kursus for voksne."),
    ],
)
def test_the_other_legal_terms_are_explained_too(get_page, planned, make_item, activity_type, explained):
    citizen, caseworker, plan = planned
    make_item(plan, caseworker, ItemKind.ACTIVITY, "Hos kommunen", "planned", activity_type=activity_type)
    make_item(plan, caseworker, ItemKind.ACTIVITY, "Også hos kommunen", "planned", activity_type=activity_type)
    assert get_page("/plan/").find(id="why-heading").parent.get_text(" ", strip=True).count(explained) == 1


def test_overview_shows_end_goal_and_next_milestone(get_page, planned, make_item):
    citizen, caseworker, plan = planned
    make_item(plan, caseworker, title="Praktik gennemført", due_date=local_today() + timedelta(days=30))
    section = get_page("/").find(id="plan-heading").parent.get_text(" ", strip=True)
    assert "Dit slutmål: Fast job som kok" in section and "Næste delmål: Praktik gennemført" in section


def test_item_page_with_purpose_comments_and_readable_history(get_page, planned, make_item, session):
    citizen, caseworker, plan = planned
    item = make_item(plan, caseworker, ItemKind.MILESTONE, "Praktik gennemført", "planned", due_date=date(2027, 3, 15))
    session.add(
        PlanChange(
            plan_id=plan.id,
            item_id=item.id,
            actor_id=caseworker.id,
            actor_role="caseworker",
            action="changed",
            field="due_date",
            old_value="2027-03-01",
            new_value="2027-03-15",
        )
    )
    session.add(
        PlanComment(
            plan_id=plan.id,
            item_id=item.id,
            author_id=citizen.id,
            author_role="citizen",
            text="Kan vi <b>rykke</b> den?",
        )
    )
    session.commit()
    page = get_page(f"/plan/items/{item.id}")
    text = page.get_text(" ", strip=True)
    assert page.h1.get_text(strip=True) == "Praktik gennemført"
    assert "Din sagsbehandler ændrede datoen fra 1. marts 2027 til 15. marts 2027" in text
    assert "Kan vi <b>rykke</b> den?" in text, "comments are shown as text, escaped"


def test_proposals_show_their_state_and_the_reason_for_no(get_page, planned, make_item):
    citizen, caseworker, plan = planned
    make_item(plan, citizen, title="Lastbilkørekort", proposal_status=ProposalStatus.PENDING)
    make_item(
        plan,
        citizen,
        title="Kursus i Excel",
        proposal_status=ProposalStatus.DECLINED,
        proposal_decision_reason="Det passer ikke til jobmålet lige nu",
    )
    make_item(plan, citizen, title="Netværksmøde", proposal_status=ProposalStatus.ACCEPTED)
    page = get_page("/plan/")
    proposals = page.find("h3", string="Dine forslag").find_next("ul").get_text(" ", strip=True)
    assert "Lastbilkørekort" in proposals and "Venter på din sagsbehandler" in proposals
    assert "Det passer ikke til jobmålet lige nu" in proposals
    assert "Netværksmøde" not in proposals, "an accepted proposal is part of the plan"
    milestones = page.find("h3", string="Dine delmål").find_next("ul").get_text(" ", strip=True)
    assert "Netværksmøde" in milestones and "Lastbilkørekort" not in milestones


def test_no_plan_yet_says_so(client, get_page, make_citizen):
    log_in(client, make_citizen().email)
    assert "Du har ikke en plan endnu" in get_page("/plan/").get_text()


def test_another_citizens_plan_items_are_404(app, planned, make_item, make_citizen, make_caseworker):
    citizen, caseworker, plan = planned
    item = make_item(plan, caseworker, title="Privat delmål")
    other = make_citizen(caseworker=caseworker)
    intruder = app.test_client()
    log_in(intruder, other.email)
    assert intruder.get(f"/plan/items/{item.id}").status_code == 404
    assert "Privat delmål" not in intruder.get("/plan/").get_data(as_text=True)
    colleague = app.test_client()
    log_in(colleague, make_caseworker().email)
    assert colleague.get("/plan/").status_code == 403


def test_statements_do_not_grow_with_items_comments_and_history(app, client, planned, make_item, session):
    from portal.db import db

    citizen, caseworker, plan = planned
    first = make_item(plan, caseworker, title="Første")
    engine = db.state(app).engine

    def count(url):
        client.get(url)
        with StatementCounter(engine) as counter:
            assert client.get(url).status_code == 200
        return counter.count

    few = (count("/plan/"), count(f"/plan/items/{first.id}"), count("/"))
    for n in range(30):
        item = make_item(
            plan,
            caseworker,
            ItemKind.ACTIVITY if n % 2 else ItemKind.AGREEMENT,
            f"Punkt {n}",
            "active" if n % 2 else "open",
            activity_type="course" if n % 2 else None,
        )
        session.add(
            PlanComment(
                plan_id=plan.id, item_id=first.id, author_id=citizen.id, author_role="citizen", text=f"Kommentar {n}"
            )
        )
        session.add(
            PlanChange(
                plan_id=plan.id,
                item_id=first.id,
                actor_id=caseworker.id,
                actor_role="caseworker",
                action="changed",
                field="title",
                old_value=str(n),
                new_value=str(n + 1),
            )
        )
        session.add(
            PlanChange(
                plan_id=plan.id, item_id=item.id, actor_id=caseworker.id, actor_role="caseworker", action="created"
            )
        )
    session.commit()
    many = (count("/plan/"), count(f"/plan/items/{first.id}"), count("/"))
    assert few == many, f"{few} statements with little data, {many} with more"


def test_the_whole_plan_has_a_readable_history(get_page, planned, make_item, session):
    citizen, caseworker, plan = planned
    item = make_item(plan, caseworker, title="Praktik gennemført")
    session.add_all(
        [
            PlanChange(
                plan_id=plan.id,
                item_id=item.id,
                actor_id=caseworker.id,
                actor_role="caseworker",
                action="changed",
                field="status",
                old_value="planned",
                new_value="in_progress",
            ),
            PlanChange(
                plan_id=plan.id,
                item_id=None,
                actor_id=caseworker.id,
                actor_role="caseworker",
                action="changed",
                field="end_goal",
                old_value="Kok",
                new_value="Køkkenchef",
            ),
        ]
    )
    session.commit()
    page = get_page("/plan/history")
    lines = [" ".join(li.get_text(" ").split()) for li in page.select("ul.plan-history > li")]
    assert any(
        "Praktik gennemført" in line and "Din sagsbehandler ændrede status fra Planlagt til I gang" in line
        for line in lines
    ), lines
    assert any("Din sagsbehandler ændrede slutmålet fra Kok til Køkkenchef" in line for line in lines)
