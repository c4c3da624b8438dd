"""The citizen's joblog: add quickly, validation with input kept, edit, delete with undo, the list's
filters, search and pages, export and print, and nobody else's entries."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from portal.audit import AuditEntry
from portal.clock import local_today
from portal.joblog.models import JobLogEntry
from portal.plan.models import ItemKind, Plan, PlanItem
from tests.factories import post_form
from tests.pages import parse_page, statements_per_page

QUICK = {
    "entry_type": "application",
    "job_title": "Lagerleder",
    "employer": "Holbæk Logistik",
    "applied_on": "20.11.2026",
    "application_type": "advertised",
    "status": "applied",
}


def entries(page) -> list[str]:
    """The titles in the list of entries (not the chart's table)."""
    table = page.find(id="joblog-caption").find_parent("table")
    return [row.find_all("td")[1].get_text(" ", strip=True) for row in table.find("tbody")("tr")]


def errors(page) -> str:
    summary = page.find(attrs={"data-module": "error-summary"})
    return summary.get_text(" ", strip=True) if summary else ""


def test_the_quick_form_defaults_to_today_and_saves_in_one_step(client, session, jobseeker):
    citizen, caseworker = jobseeker
    page = parse_page(client.get("/joblog/new"))
    assert page.find("input", id="applied_on")["value"] == f"{local_today():%-d.%-m.%Y}"
    assert page.find("details").get("open") is None, "the optional fields wait behind 'Flere oplysninger'"
    response = post_form(client, "/joblog/new", {**QUICK, "another": "1"}, page_url="/joblog/new")
    assert response.headers["Location"].endswith("/joblog/new"), "Gem og tilføj en til"
    assert "Indførslen er gemt i din joblog." in parse_page(client.get("/joblog/new")).get_text()
    entry = session.scalar(select(JobLogEntry))
    assert (entry.citizen_id, entry.employer, entry.applied_on, entry.search_text) == (
        citizen.id,
        "Holbæk Logistik",
        date(2026, 11, 20),
        "lagerleder holbæk logistik",
    )
    assert session.scalar(select(AuditEntry.action).where(AuditEntry.action == "joblog.added"))


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"job_title": ""}, "Skriv stillingen eller aktiviteten"),
        ({"employer": ""}, "Skriv virksomhedens navn"),
        ({"application_type": ""}, "Vælg, hvordan du søgte"),
        ({"application_type": "carrier-pigeon"}, "Vælg et af svarene på listen"),
        ({"applied_on": "32.13.2026"}, "Skriv en rigtig dato"),
        ({"applied_on": "1.1.1850"}, "Skriv en dato mellem år"),
        ({"link": "javascript:alert(1)"}, "Skriv hele adressen på opslaget"),
        ({"link": "https://"}, "Skriv hele adressen på opslaget"),
        ({"link": "data:text/html,<b>x</b>"}, "Skriv hele adressen på opslaget"),
        ({"result": "got_job"}, "Vælg status Afsluttet"),
        ({"entry_type": "other", "activity_kind": ""}, "Vælg, hvilken aktivitet det var"),
        ({"job_title": "x" * 201}, "Skriv højst 200 tegn"),
        ({"notes": "x" * 2001}, "Skriv højst 2000 tegn"),
    ],
)
def test_bad_input_is_explained_and_kept(client, session, jobseeker, changes, message):
    page = parse_page(post_form(client, "/joblog/new", {**QUICK, **changes}, page_url="/joblog/new"))
    assert message in errors(page)
    for name, value in changes.items():
        field = (
            page.find(id=name) if name != "entry_type" else page.find("input", attrs={"name": name, "checked": True})
        )
        kept = field.get_text() if field.name == "textarea" else field.get("value") or ""
        if field.name == "select":
            option = field.find("option", selected=True)
            kept = option["value"] if option else ""
        if name not in ("application_type", "result", "entry_type"):
            assert kept.strip() == value.strip(), name
    assert session.scalar(select(func.count()).select_from(JobLogEntry)) == 0


def test_an_other_activity_needs_no_employer(client, session, jobseeker):
    data = {
        **QUICK,
        "entry_type": "other",
        "job_title": "Jobmesse",
        "employer": "",
        "application_type": "",
        "activity_kind": "job_fair",
    }
    assert post_form(client, "/joblog/new", data, page_url="/joblog/new").status_code == 302
    entry = session.scalar(select(JobLogEntry))
    assert (entry.entry_type, entry.activity_kind, entry.application_type) == ("other", "job_fair", None)


def test_edit_with_an_outdated_page_is_refused_and_input_kept(client, session, jobseeker, make_entry):
    citizen, caseworker = jobseeker
    entry = make_entry(citizen, track="A")
    url = f"/joblog/{entry.id}"
    page = parse_page(client.get(url))
    assert page.find("select", id="track").find("option", selected=True)["value"] == "A"
    assert post_form(client, url, {**QUICK, "status": "interview", "version": "1"}, page_url=url).status_code == 302
    session.refresh(entry)
    assert (entry.status, entry.version, entry.job_title) == ("interview", 2, "Lagerleder")
    page = parse_page(post_form(client, url, {**QUICK, "job_title": "Chauffør", "version": "1"}, page_url=url))
    notice = page.find(id="conflict-notice")
    assert "Nogen har gemt, før du nåede det" in notice.get_text()
    rows = {row.th.get_text(strip=True): [td.get_text(strip=True) for td in row("td")] for row in notice.tbody("tr")}
    assert rows["Status"] == ["Til samtale", "Søgt"], "the saved version beside the person's own"
    assert rows["Stilling eller aktivitet"] == ["Lagerleder", "Chauffør"]
    assert page.find("input", id="job_title")["value"] == "Chauffør", "the person's input is kept"
    assert page.find("input", attrs={"name": "version"})["value"] == "2"
    session.refresh(entry)
    assert entry.job_title == "Lagerleder"


def conflict_state(page) -> dict:
    form = page.find("input", attrs={"name": "conflict"}).find_parent("form")
    return {field["name"]: field.get("value", "") for field in form.find_all("input", type="hidden")}


def test_after_a_clash_saving_again_needs_a_choice(client, session, jobseeker, make_entry):
    citizen, caseworker = jobseeker
    entry = make_entry(citizen, title="Lagerleder")
    url = f"/joblog/{entry.id}"
    post_form(client, url, {**QUICK, "job_title": "Truckfører", "version": "1"}, page_url=url)
    clash = parse_page(post_form(client, url, {**QUICK, "job_title": "Chauffør", "version": "1"}, page_url=url))
    state = conflict_state(clash)
    assert (state["version"], state["conflict"]) == ("2", "1")
    assert [radio["value"] for radio in clash.find_all("input", attrs={"name": "keep"})] == ["mine", "saved"]

    again = parse_page(post_form(client, url, {**QUICK, "job_title": "Chauffør", **state}, page_url=url))
    assert "Vælg, om du vil gemme din udgave eller beholde den gemte" in errors(again)
    session.refresh(entry)
    assert entry.job_title == "Truckfører", "no choice, nothing saved"

    kept = post_form(client, url, {**QUICK, "job_title": "Chauffør", **state, "keep": "saved"}, page_url=url)
    assert kept.status_code == 302 and kept.headers["Location"] == url
    session.refresh(entry)
    assert entry.job_title == "Truckfører", "the saved version stays"
    assert "Du har beholdt den gemte udgave" in parse_page(client.get(url)).get_text()

    mine = post_form(client, url, {**QUICK, "job_title": "Chauffør", **state, "keep": "mine"}, page_url=url)
    assert mine.status_code == 302
    session.refresh(entry)
    assert (entry.job_title, entry.version) == ("Chauffør", 3)


def test_delete_then_undo_and_recently_deleted(client, session, jobseeker, make_entry):
    citizen, caseworker = jobseeker
    entry = make_entry(citizen, title="Truckfører")
    url = f"/joblog/{entry.id}"
    response = post_form(client, f"{url}/delete", {"version": "1"}, page_url=url)
    assert response.status_code == 302
    page = parse_page(client.get(response.headers["Location"]))
    assert "Slettet: Truckfører" in page.get_text()
    assert page.find("form", action=f"/joblog/{entry.id}/restore")
    assert "Der er ingen indførsler endnu." in page.get_text()
    assert client.get(url).status_code == 404, "a deleted entry cannot be edited"
    deleted = parse_page(client.get("/joblog/deleted"))
    assert "Truckfører" in deleted.get_text()
    assert post_form(client, f"{url}/restore", page_url="/joblog/deleted").status_code == 302
    session.refresh(entry)
    assert entry.deleted_at is None
    assert entries(parse_page(client.get("/joblog/"))) == ["Truckfører"]


def test_deleted_entries_go_for_good_after_30_days(app, session, jobseeker, make_entry):
    from portal.clock import utcnow

    citizen, caseworker = jobseeker
    old = make_entry(citizen, title="Gammel")
    recent = make_entry(citizen, title="Ny")
    old.deleted_at = utcnow() - timedelta(days=31)
    recent.deleted_at = utcnow() - timedelta(days=29)
    session.commit()
    result = app.test_cli_runner().invoke(args=["joblog", "purge"])
    assert result.exit_code == 0 and "Fjernet: 1" in result.output
    assert [e.job_title for e in session.scalars(select(JobLogEntry))] == ["Ny"]


def test_filters_search_and_keyset_pages(client, session, jobseeker, make_entry):
    citizen, caseworker = jobseeker
    today = local_today()
    for n in range(30):
        make_entry(
            citizen,
            title=f"Job {n:02d}",
            employer="Æblegården" if n % 10 == 0 else "Coop",
            applied_on=today - timedelta(days=n // 2),
            track="B" if n % 3 == 0 else "A",
            status="interview" if n % 5 == 0 else "applied",
        )
    first = parse_page(client.get("/joblog/"))
    titles = entries(first)
    assert len(titles) == 25 and titles[0] == "Job 01" and titles[1] == "Job 00", "newest first; ties by latest id"
    more = first.find("a", string="Vis ældre")["href"]
    second = parse_page(client.get(more))
    rest = entries(second)
    assert len(rest) == 5 and not set(rest) & set(titles), "the next page continues where the first ended"
    assert not second.find("a", string="Vis ældre")
    found = parse_page(client.get("/joblog/?q=æBLEGÅRDEN"))
    assert "3 indførsler passer til søgningen" in found.get_text() and "Job 10" in entries(found)
    filtered = parse_page(client.get("/joblog/?status=interview&track=B"))
    assert "2 indførsler" in filtered.get_text(), "n in {0, 15}"
    period = parse_page(client.get(f"/joblog/?start={today - timedelta(days=1):%d.%m.%Y}&end={today:%d.%m.%Y}"))
    assert "4 indførsler" in period.get_text()
    wrong = parse_page(client.get("/joblog/?start=2.2.2026&end=1.1.2026&status=nonsense"))
    assert "Vælg et af svarene på listen" in errors(wrong)
    assert "Skriv en til-dato" in errors(parse_page(client.get("/joblog/?start=2.2.2026&end=1.1.2026")))
    assert "30 indførsler" in wrong.get_text(), "invalid filters are explained and not applied"
    assert client.get("/joblog/?after=garbage%27--").status_code == 200
    assert client.get("/joblog/?q=%25%25_").status_code == 200


def test_export_and_print_keep_the_filters(client, jobseeker, make_entry):
    citizen, caseworker = jobseeker
    make_entry(citizen, title="=HYPERLINK(1)", employer="Føtex", applied_on=date(2026, 10, 1))
    make_entry(citizen, title="Lager", employer="Netto", applied_on=date(2026, 11, 1))
    response = client.get("/joblog/export.csv?start=15.10.2026")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert 'filename="joblog-fra-2026-10-15.csv"' in response.headers["Content-Disposition"]
    text = response.get_data().decode("utf-8-sig")
    assert "Netto" in text and "Føtex" not in text
    whole = client.get("/joblog/export.csv").get_data().decode("utf-8-sig")
    assert "'=HYPERLINK(1)" in whole
    printed = parse_page(client.get("/joblog/print?end=15.10.2026"))
    assert "Føtex" in printed.get_text() and "Netto" not in printed.get_text()


def test_progress_against_the_plans_requirement(get_page, session, jobseeker, make_entry):
    citizen, caseworker = jobseeker
    plan = Plan(citizen_id=citizen.id)
    session.add(plan)
    session.flush()
    session.add(
        PlanItem(
            plan_id=plan.id,
            kind=ItemKind.AGREEMENT,
            title="Søg 5 job om ugen",
            status="open",
            owner="citizen",
            requirement_count=5,
            requirement_period="week",
            created_by_id=caseworker.id,
        )
    )
    session.commit()
    today = local_today()
    monday = today - timedelta(days=today.weekday())
    make_entry(citizen, applied_on=monday)
    make_entry(citizen, applied_on=monday, track="B")
    make_entry(citizen, applied_on=monday, status="saved")
    make_entry(citizen, applied_on=monday - timedelta(days=1))
    page = get_page("/joblog/")
    assert "2 af 5 ansøgninger denne uge" in page.get_text()
    assert page.find("svg", attrs={"role": "img"}) is not None
    overview = get_page("/").find(id="joblog-heading").parent.get_text(" ", strip=True)
    assert "2 af 5 ansøgninger denne uge" in overview and "Husk din joblog" not in overview


def test_the_overview_reminds_after_30_days_without_activity(get_page, jobseeker, make_entry):
    citizen, caseworker = jobseeker
    assert "Husk din joblog" in get_page("/").get_text()
    make_entry(citizen, applied_on=local_today() - timedelta(days=31))
    assert "Husk din joblog" in get_page("/").get_text()
    make_entry(citizen, applied_on=local_today() - timedelta(days=3))
    assert "Husk din joblog" not in get_page("/").get_text()


def test_nobody_elses_entries(client, session, jobseeker, make_citizen, make_entry):
    citizen, caseworker = jobseeker
    theirs = make_entry(make_citizen(caseworker=caseworker), title="Hemmelig")
    assert client.get(f"/joblog/{theirs.id}").status_code == 404
    assert post_form(client, f"/joblog/{theirs.id}", {**QUICK, "version": "1"}, page_url="/joblog/").status_code == 404
    assert post_form(client, f"/joblog/{theirs.id}/delete", {"version": "1"}, page_url="/joblog/").status_code == 404
    theirs.deleted_at = theirs.created_at
    session.commit()
    assert post_form(client, f"/joblog/{theirs.id}/restore", page_url="/joblog/").status_code == 404
    session.refresh(theirs)
    assert theirs.deleted_at is not None and theirs.job_title == "Hemmelig"
    for url in ("/joblog/", "/joblog/export.csv", "/joblog/print", "/joblog/deleted"):
        assert "Hemmelig" not in client.get(url).get_data().decode("utf-8-sig"), url


def test_5000_entries_cost_the_same_statements_as_one(app, client, jobseeker, make_entry, add_many_entries):
    citizen, caseworker = jobseeker
    make_entry(citizen)
    urls = ["/joblog/", "/joblog/?q=coop&status=applied", "/", "/joblog/deleted"]
    small = statements_per_page(app, client, urls)
    add_many_entries(citizen)
    assert statements_per_page(app, client, urls) == small


STRANGE = [
    "\x00",
    "𝕏" * 300,
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "9" * 400,
    "１２.１２.２０２６",
    "\u202e",
    "%00",
    "2026-02-30",
    "-1",
    "31.12.99999",
]


@pytest.mark.parametrize("value", STRANGE)
def test_strange_input_never_breaks_a_page(client, session, jobseeker, make_entry, value):
    citizen, caseworker = jobseeker
    entry = make_entry(citizen)
    for name in ("job_title", "employer", "applied_on", "status", "link", "deadline", "track", "notes", "version"):
        response = post_form(client, "/joblog/new", {**QUICK, name: value}, page_url="/joblog/new")
        assert response.status_code in (200, 302), (name, response.status_code)
        response = post_form(
            client, f"/joblog/{entry.id}", {**QUICK, name: value, "version": "1"}, page_url=f"/joblog/{entry.id}"
        )
        assert response.status_code in (200, 302), (name, response.status_code)
    for name in ("q", "status", "track", "start", "end", "after"):
        for url in ("/joblog/", "/joblog/print", "/joblog/export.csv"):
            assert client.get(url, query_string={name: value}).status_code == 200, (url, name)
    assert "<script>alert(1)</script>" not in client.get("/joblog/").get_data(as_text=True)
