"""The caseworker reads a caseload citizen's joblog; the caseload shows four weeks against the requirement."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from portal.audit import AuditEntry
from portal.clock import local_today
from portal.plan.models import ItemKind, Plan, PlanItem
from tests.factories import log_in
from tests.pages import parse_page, statements_per_page


def require(session, citizen, caseworker, count=5, period="week"):
    plan = Plan(citizen_id=citizen.id)
    session.add(plan)
    session.flush()
    session.add(
        PlanItem(
            plan_id=plan.id,
            kind=ItemKind.AGREEMENT,
            title="Krav",
            status="open",
            owner="citizen",
            requirement_count=count,
            requirement_period=period,
            created_by_id=caseworker.id,
        )
    )
    session.commit()


def test_read_view_with_filters_progress_and_audit(app, session, make_caseworker, make_citizen, make_entry):
    caseworker = make_caseworker()
    citizen = make_citizen(caseworker=caseworker, name="Maria Jensen")
    require(session, citizen, caseworker)
    make_entry(citizen, title="Lagerleder", employer="Holbæk Logistik", track="A")
    make_entry(citizen, title="Chauffør", employer="Arla", track="C", status="interview")
    office = app.test_client()
    log_in(office, caseworker.email)
    page = parse_page(office.get(f"/caseworker/citizens/{citizen.id}/joblog?status=interview"))
    text = page.get_text(" ", strip=True)
    assert "Chauffør" in text and "Lagerleder" not in text.split("Indførsler")[-1]
    assert "ansøgninger denne uge" in text and "Borgeren" in text, "the progress, told about the citizen"
    assert not page.find("a", href=lambda h: h and h.startswith("/joblog/")), "no edit links for the caseworker"
    entry = session.scalar(select(AuditEntry).where(AuditEntry.action == "caseworker.joblog.viewed"))
    assert entry.citizen_id == citizen.id and entry.actor_id == caseworker.id and entry.purpose


def test_another_caseworker_gets_404(app, session, make_caseworker, make_citizen, make_entry):
    caseworker = make_caseworker()
    citizen = make_citizen(caseworker=caseworker)
    make_entry(citizen)
    stranger = app.test_client()
    log_in(stranger, make_caseworker().email)
    assert stranger.get(f"/caseworker/citizens/{citizen.id}/joblog").status_code == 404
    assert session.scalar(select(AuditEntry).where(AuditEntry.action == "access.denied")) is not None


def test_caseload_shows_four_weeks_against_the_requirement(app, session, make_caseworker, make_citizen, make_entry):
    caseworker = make_caseworker()
    behind = make_citizen(caseworker=caseworker, name="Anne Bagud")
    free = make_citizen(caseworker=caseworker, name="Bo Fri")
    require(session, behind, caseworker, count=5)
    for days in (0, 5, 20, 27):
        make_entry(behind, applied_on=local_today() - timedelta(days=days))
    make_entry(behind, applied_on=local_today() - timedelta(days=28))
    make_entry(behind, status="saved")
    make_entry(free)
    office = app.test_client()
    log_in(office, caseworker.email)
    rows = {
        tr.find("a").get_text(strip=True): tr.get_text(" ", strip=True)
        for tr in parse_page(office.get("/caseworker/")).find("tbody")("tr")
    }
    assert "4 af 20" in rows["Anne Bagud"] and "under kravet" in rows["Anne Bagud"]
    assert "under kravet" not in rows["Bo Fri"]


def test_statements_stay_constant_with_5000_entries(app, make_caseworker, make_citizen, make_entry, add_many_entries):
    caseworker = make_caseworker()
    citizen = make_citizen(caseworker=caseworker)
    make_entry(citizen)
    office = app.test_client()
    log_in(office, caseworker.email)
    urls = [f"/caseworker/citizens/{citizen.id}/joblog", "/caseworker/"]
    small = statements_per_page(app, office, urls)
    add_many_entries(citizen, spread_days=300)
    assert statements_per_page(app, office, urls) == small


def test_every_page_counts_against_the_same_requirement_when_the_plan_holds_several(
    app, session, make_caseworker, make_citizen
):
    """The overview and the citizen page take the requirement from the plan they already read; the
    joblog and the caseload read it on their own. All four choose the newest open one."""
    from portal.joblog.queries import requirement_among, requirements_by_citizen
    from portal.plan.queries import plan_for, plan_page

    caseworker = make_caseworker()
    citizen = make_citizen(caseworker=caseworker)
    require(session, citizen, caseworker, count=3, period="week")
    plan = session.scalar(select(Plan).where(Plan.citizen_id == citizen.id))
    for count, period, status in ((7, "month", "open"), (9, "week", "done")):
        session.add(
            PlanItem(
                plan_id=plan.id,
                kind=ItemKind.AGREEMENT,
                title=f"Krav {count}",
                status=status,
                owner="citizen",
                requirement_count=count,
                requirement_period=period,
                created_by_id=caseworker.id,
            )
        )
    session.commit()
    with app.test_request_context("/"):
        chosen = requirements_by_citizen([citizen.id])[citizen.id]
        assert (chosen.count, chosen.period) == (7, "month")
        assert requirement_among(plan_page(plan_for(citizen)).items) == chosen

    office = app.test_client()
    log_in(office, caseworker.email)
    citizen_page = parse_page(office.get(f"/caseworker/citizens/{citizen.id}")).get_text(" ", strip=True)
    joblog_page = parse_page(office.get(f"/caseworker/citizens/{citizen.id}/joblog")).get_text(" ", strip=True)
    home = app.test_client()
    log_in(home, citizen.email)
    overview = parse_page(home.get("/")).get_text(" ", strip=True)
    for text in (citizen_page, joblog_page, overview):
        assert "af 7" in text and "denne måned" in text, text[:400]
