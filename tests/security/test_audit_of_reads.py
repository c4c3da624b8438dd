"""Every caseworker page that shows a citizen's data writes an audit row: on GET, and again when a
form comes back after a save that failed. The routes come from the app's url_map and the role table
(portal/access.py), so a new caseworker page is walked as soon as it exists."""

from __future__ import annotations

import json
from urllib.parse import urlsplit

import pytest
from sqlalchemy import func, select

from portal.access import CASEWORKER, ROUTE_ACCESS
from portal.audit import AuditEntry
from tests.factories import log_in, post_form
from tests.pages import parse_page

#: Caseworker pages that show no citizen's data, and why.
SHOWS_NO_CITIZEN = {"caseworker_invitations.new": "an empty form for adding a new citizen"}
#: Pages that take a POST to search, not to save: their read is audited below, with its criterion.
SEARCHES = {"caseworker.caseload"}


def caseworker_pages(app, case) -> dict[str, str]:
    """endpoint -> URL of every GET route only caseworkers may use (overview.index, open to every
    role, only sends the caseworker on to the caseload)."""
    urls = case.get_urls(app, "caseworker")
    return {endpoint: url for endpoint, url in urls.items() if ROUTE_ACCESS[endpoint] == CASEWORKER}


def reads_since(session, case, last_id: int) -> list[AuditEntry]:
    return list(
        session.scalars(
            select(AuditEntry).where(
                AuditEntry.id > last_id,
                AuditEntry.actor_id == case.caseworker.id,
                AuditEntry.action.like("caseworker.%"),
            )
        )
    )


def last_audit_id(session) -> int:
    return session.scalar(select(func.coalesce(func.max(AuditEntry.id), 0)))


def test_every_caseworker_page_with_citizen_data_writes_an_audit_row(app, client, session, case):
    log_in(client, case.caseworker.email)
    pages = caseworker_pages(app, case)
    assert len(pages) >= 12, pages
    assert set(SHOWS_NO_CITIZEN) <= set(pages), "an exception for a page that is gone"
    for endpoint, url in pages.items():
        if endpoint in SHOWS_NO_CITIZEN:
            continue
        last = last_audit_id(session)
        response = client.get(url)
        assert response.status_code == 200, url
        assert case.citizen.name in response.get_data(as_text=True), f"{url} shows the citizen"
        rows = reads_since(session, case, last)
        assert len(rows) == 1, f"{endpoint}: {[row.action for row in rows]}"
        if endpoint == "caseworker.caseload":
            assert rows[0].citizen_id is None and json.loads(rows[0].detail)["citizens"] == 1
        else:
            assert rows[0].citizen_id == case.citizen.id, endpoint
        assert rows[0].purpose == "Sagsbehandling"


def form_with_bad_input(page, path: str) -> dict:
    """The page's own form, its hidden fields kept and every field a person types in filled with far
    too much text: no form in the portal accepts it."""
    for form in page.find_all("form", method="post"):
        if urlsplit(form.get("action") or path).path != path:
            continue
        data = {field["name"]: field.get("value", "") for field in form.find_all("input", type="hidden")}
        typed = form.find_all("textarea") + form.find_all("input", type=lambda kind: kind in (None, "text", "date"))
        data.update({field["name"]: "x" * 20_000 for field in typed if field.get("name")})
        return data
    raise AssertionError(f"no form posts to {path}")


def test_a_form_shown_again_after_a_failed_save_writes_an_audit_row(app, client, session, case):
    log_in(client, case.caseworker.email)
    forms = {
        endpoint: url
        for endpoint, url in caseworker_pages(app, case).items()
        if endpoint not in SHOWS_NO_CITIZEN
        and endpoint not in SEARCHES
        and any("POST" in rule.methods for rule in app.url_map.iter_rules(endpoint))
    }
    assert len(forms) >= 7, forms
    for endpoint, url in forms.items():
        data = form_with_bad_input(parse_page(client.get(url)), urlsplit(url).path)
        last = last_audit_id(session)
        response = client.post(url, data=data)
        assert response.status_code == 200, f"{endpoint} did not show the form again"
        assert case.citizen.name in response.get_data(as_text=True)
        rows = reads_since(session, case, last)
        assert [row.citizen_id for row in rows] == [case.citizen.id], endpoint


@pytest.mark.parametrize(
    ("search", "criterion"),
    [
        (None, {"view": "all", "order": "meeting", "name_search_length": 0}),
        (
            {"q": "010190-1234", "view": "attention", "order": "name"},
            {"view": "attention", "order": "name", "name_search_length": 11},
        ),
    ],
)
def test_the_caseload_search_logs_its_criterion_but_never_the_text(client, session, case, search, criterion):
    log_in(client, case.caseworker.email)
    if search is None:
        client.get("/caseworker/")
    else:
        post_form(client, "/caseworker/", search, page_url="/caseworker/")
    row = session.scalars(
        select(AuditEntry).where(AuditEntry.action == "caseworker.caseload.viewed").order_by(AuditEntry.id.desc())
    ).first()
    detail = json.loads(row.detail)
    assert {key: detail[key] for key in criterion} == criterion
    assert detail["of"] == 1 and detail["citizens"] == (1 if search is None else 0)
    assert "010190" not in row.detail
