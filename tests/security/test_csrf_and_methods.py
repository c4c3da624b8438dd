"""CSRF on every POST, no state change by GET, nothing exposed that should not be."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from portal.access import RECOVERABLE, Role
from portal.db import Base
from tests.factories import csrf_token_from, log_in
from tests.pages import parse_page


def post_routes(app, endpoints=None):
    for rule in app.url_map.iter_rules():
        if "POST" in rule.methods and (endpoints is None or rule.endpoint in endpoints):
            yield rule.build(dict.fromkeys(rule.arguments, 1), append_unknown=False)[1]


def test_every_post_without_token_is_refused_with_friendly_page(app, client, make_citizen):
    citizen = make_citizen()
    log_in(client, citizen.email)
    urls = list(post_routes(app))
    assert "/logout" in urls and "/login" in urls
    # The pages a citizen types into: input kept and the form shown again (portal/recovery.py).
    recoverable = set(post_routes(app, RECOVERABLE))
    assert {"/questionnaire/1/1", "/joblog/new", "/plan/items/1"} <= recoverable
    # The provider's server-to-server call carries a signed logout token instead of a form token;
    # tests/auth/test_provider_logout.py shows it refuses anything else.
    token_signed = {"/logout/backchannel/1"}
    for url in urls:
        response = client.post(url, data={"email": citizen.email, "password": "x", "language": "en"})
        if url in recoverable:
            assert response.status_code == 302 and response.headers["Location"] == url
            continue
        if url in token_signed:
            assert response.status_code in (400, 404), url
            continue
        assert response.status_code == 400, url
        page = parse_page(response, status=400)
        assert "Siden var udløbet" in page.h1.get_text()
    assert client.get("/").status_code == 200, "still logged in: logout without token did nothing"


def test_a_forged_token_is_refused(client, make_citizen):
    log_in(client, make_citizen().email)
    assert client.post("/logout", data={"csrf_token": "forged"}).status_code == 400


FORM_PAGES = {
    "auth.login",
    "questionnaire.step",
    "questionnaire.check",
    "plan.item",
    "plan.goal",
    "plan.reflection",
    "plan.propose",
    "caseworker_plan.edit_goal",
    "caseworker_plan.new_item",
    "caseworker_plan.edit_item",
    "meetings.meeting",
    "meetings.absence",
    "meetings.interpreter",
    "homework.item",
    "caseworker_meetings.new",
    "caseworker_meetings.edit",
    "caseworker_meetings.cancel",
    "caseworker_meetings.summary",
    "joblog.new",
    "joblog.edit",
    "messages.new",
    "messages.thread",
    "auth.activate",
    # The caseload's search goes by POST so that no name is ever in a URL (and so in a log).
    "caseworker.caseload",
    "caseworker_handover.hand_over",
    "caseworker_invitations.new",
    "caseworker_messages.new",
    "caseworker_messages.thread",
}
ACTIONS = {
    "auth.logout",
    "auth.provider_login",
    "auth.backchannel_logout",
    "pages.set_language_choice",
    "questionnaire.begin",
    "caseworker.reveal_sensitive",
    "plan.acknowledge",
    "plan.tick_off",
    "caseworker.decide_proposal",
    "homework.reopen",
    "caseworker_meetings.homework_seen",
    "caseworker_meetings.absence_seen",
    "caseworker_meetings.comments_seen",
    "caseworker_meetings.interpreter_booked",
    "caseworker_meetings.interpreter_cancelled",
    "meetings.withdraw_interpreter",
    "caseworker.plan_comments_seen",
    "joblog.remove",
    "joblog.restore",
    "caseworker_handover.mark_read",
    "caseworker_invitations.renew",
    "account.caseworker_change_seen",
    "messages.mark_read",
    "caseworker_messages.wait",
    "caseworker_messages.close",
    "caseworker_messages.mark_read",
}


def test_get_rules_never_mutate(app):
    """Only these endpoints accept POST; form pages show the form on GET, actions refuse GET."""
    posting = {rule.endpoint for rule in app.url_map.iter_rules() if "POST" in rule.methods}
    assert posting == FORM_PAGES | ACTIONS
    for rule in app.url_map.iter_rules():
        if rule.endpoint in ACTIONS:
            assert "GET" not in rule.methods, rule.endpoint


@pytest.mark.parametrize("url", ["/.git/HEAD", "/.env", "/static/../portal/config.py", "/instance/portal.sqlite3"])
def test_nothing_private_is_served(client, url):
    assert client.get(url).status_code == 404


def test_trace_is_not_allowed(client):
    assert client.open("/", method="TRACE").status_code == 405


def test_template_injection_and_markup_are_not_evaluated(client):
    token = csrf_token_from(client.get("/login").get_data(as_text=True))
    payload = "{{7*7}}<script>alert(1)</script>\"'"
    page = client.post("/login", data={"csrf_token": token, "email": payload, "password": "x"})
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "49" not in html
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def table_rows(connection) -> dict[str, list]:
    """Every row of every table but the audit log (a read writes its audit row, and only that)."""
    return {
        table.name: sorted(map(tuple, connection.execute(select(table)).all()), key=repr)
        for table in Base.metadata.sorted_tables
        if table.name != "audit_log"
    }


@pytest.mark.parametrize("role", [Role.CITIZEN, Role.CASEWORKER])
def test_no_get_changes_a_row(app, client, connection, case, role):
    """Seen marks and other bookkeeping change only by POST: a GET may be a prefetch, a crawler or a
    link in a mail, and it carries no CSRF token."""
    log_in(client, (case.citizen if role is Role.CITIZEN else case.caseworker).email)
    urls = case.get_urls(app, role)
    assert len(urls) >= (15 if role is Role.CITIZEN else 10), urls
    changed = []
    for endpoint, url in urls.items():
        before = table_rows(connection)
        response = client.get(url)
        assert response.status_code < 400, url
        after = table_rows(connection)
        changed += [f"{endpoint}: {name}" for name in before if before[name] != after[name]]
    assert not changed


def test_a_control_character_in_the_url_never_reaches_the_page(client):
    html = client.get("/activate/%00").get_data(as_text=True)
    assert "\x00" not in html
