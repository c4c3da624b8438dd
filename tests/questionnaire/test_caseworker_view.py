"""The caseworker reads what the citizen sent: talk-about first, changes marked, sensitive on request."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from portal.audit import AuditEntry
from portal.questionnaire.models import Questionnaire
from tests.factories import csrf_token_from, log_in, post_form
from tests.pages import StatementCounter, parse_page
from tests.questionnaire.conftest import GOOD_ANSWERS

FOLLOW_UP = ["A", "D", "E", "F", "H", "I"]


def send_with_consent(walker, extra: dict | None = None):
    walker.start()
    walker.answer_all(["A", "D", "E", "F"], {**GOOD_ANSWERS, "D2__talk": "y", **(extra or {})})
    walker.post("H", {"H0": "yes"})
    walker.post("H", {"H0": "yes", "H2": "Jeg har dårlig ryg", "H5__later": "y"})
    walker.answer_all(["I"])
    walker.send()


def as_caseworker(app, caseworker):
    client = app.test_client()
    log_in(client, caseworker.email)
    return client


def test_caseworker_sees_sent_answers_with_talk_about_first(app, walker, prepared):
    citizen, caseworker, _ = prepared
    send_with_consent(walker)
    client = as_caseworker(app, caseworker)
    page = parse_page(client.get(f"/caseworker/citizens/{citizen.id}/questionnaire"))
    headings = [h.get_text(strip=True) for h in page.main.find_all("h2")]
    assert headings[0] == "Det vil borgeren gerne tale om"
    talk = page.main.find("h2").find_next("ul").get_text(" ", strip=True)
    assert "Plan A" in talk and "Lagerarbejder" in talk
    text = page.get_text(" ", strip=True)
    assert "Chauffør" in text and "Jeg har dårlig ryg" not in text, "sensitive answers hidden by default"
    assert "Vis følsomme oplysninger" in text


def test_sensitive_answers_shown_only_with_a_reason_and_audited(app, walker, prepared, session):
    citizen, caseworker, _ = prepared
    send_with_consent(walker)
    client = as_caseworker(app, caseworker)
    url = f"/caseworker/citizens/{citizen.id}/questionnaire"
    without_reason = post_form(client, f"{url}/sensitive", {}, page_url=url)
    page = parse_page(without_reason)
    assert "Vælg, hvorfor du skal se oplysningerne" in page.find(attrs={"data-module": "error-summary"}).get_text()
    assert "Jeg har dårlig ryg" not in page.get_text()
    shown = parse_page(post_form(client, f"{url}/sensitive", {"purpose": "prepare"}, page_url=url))
    text = shown.get_text(" ", strip=True)
    assert "Jeg har dårlig ryg" in text and "Vil hellere tale om det til mødet" in text
    rows = session.scalars(
        select(AuditEntry).where(AuditEntry.action == "caseworker.questionnaire.sensitive_shown")
    ).all()
    assert len(rows) == 1 and rows[0].purpose == "Forberedelse af mødet" and rows[0].citizen_id == citizen.id
    # A plain reload hides them again: every look is a new, logged choice.
    assert "Jeg har dårlig ryg" not in client.get(url).get_data(as_text=True)


def test_nothing_is_shown_before_the_citizen_sends(app, walker, prepared):
    citizen, caseworker, _ = prepared
    walker.start()
    walker.answer_all(["A", "D"])
    client = as_caseworker(app, caseworker)
    text = parse_page(client.get(f"/caseworker/citizens/{citizen.id}/questionnaire")).get_text(" ", strip=True)
    assert "2 af 6 trin" in text and "Lagerarbejder" not in text


def test_caseload_shows_state_and_sent_time(app, walker, prepared, make_citizen, make_meeting):
    citizen, caseworker, _ = prepared
    other = make_citizen(caseworker=caseworker, name="Bo Berg")
    make_meeting(other, caseworker, days=9)
    send_with_consent(walker)
    client = as_caseworker(app, caseworker)
    rows = {
        tr.find("td").get_text(strip=True): tr.find_all("td")[2].get_text(" ", strip=True)
        for tr in parse_page(client.get("/caseworker/")).select("tbody tr")
    }
    assert rows["Maria Jensen"].startswith("Sendt") and rows["Bo Berg"] == "Ikke begyndt"


def test_changes_since_the_previous_questionnaire_are_marked(app, walker, prepared, next_meeting):
    citizen, caseworker, _ = prepared
    send_with_consent(walker)
    next_meeting(30, {**GOOD_ANSWERS, "D3": "Buschauffør"})
    caseworker_client = as_caseworker(app, caseworker)
    page = parse_page(caseworker_client.get(f"/caseworker/citizens/{citizen.id}/questionnaire"))
    changed = [row.find("dt").get_text(" ", strip=True) for row in page.select(".answer-changed")]
    assert len(changed) == 1 and changed[0].startswith("Plan B") and "Ændret siden sidst" in changed[0]


def test_other_caseworkers_and_citizens_get_404(app, walker, prepared, make_caseworker, make_citizen, session):
    citizen, _, meeting = prepared
    send_with_consent(walker)
    stranger = make_caseworker()
    client = as_caseworker(app, stranger)
    assert client.get(f"/caseworker/citizens/{citizen.id}/questionnaire").status_code == 404
    token = csrf_token_from(client.get("/caseworker/").get_data(as_text=True))
    assert (
        client.post(
            f"/caseworker/citizens/{citizen.id}/questionnaire/sensitive",
            data={"csrf_token": token, "purpose": "prepare"},
        ).status_code
        == 404
    )
    other_citizen = make_citizen()
    intruder = app.test_client()
    log_in(intruder, other_citizen.email)
    for url in (
        f"/questionnaire/{meeting.id}/A",
        f"/questionnaire/{meeting.id}/check",
        f"/questionnaire/{meeting.id}/receipt",
    ):
        assert intruder.get(url).status_code == 404, url
    token = csrf_token_from(intruder.get("/").get_data(as_text=True))
    assert intruder.post(f"/questionnaire/{meeting.id}/start", data={"csrf_token": token}).status_code == 404
    assert (
        intruder.post(
            f"/questionnaire/{meeting.id}/A", data={"csrf_token": token, "A2": "overskrevet", "action": "save"}
        ).status_code
        == 404
    )
    assert session.scalar(select(Questionnaire).where(Questionnaire.citizen_id == other_citizen.id)) is None


def test_caseworker_view_statements_do_not_grow(app, walker, prepared, next_meeting):
    from portal.db import db

    citizen, caseworker, _ = prepared
    send_with_consent(walker)
    caseworker_client = as_caseworker(app, caseworker)
    url = f"/caseworker/citizens/{citizen.id}/questionnaire"

    def count():
        caseworker_client.get(url)
        with StatementCounter(db.state(app).engine) as counter:
            assert caseworker_client.get(url).status_code == 200
        return counter.count

    counts = []
    for days in (40, 50, 60):
        next_meeting(days)
        counts.append(count())
    # One questionnaire back or three, with their answers to compare: the same statements.
    assert counts[0] == counts[-1] <= 10, counts


@pytest.mark.parametrize("state", ["none", "draft", "sent_without_sensitive"])
def test_nothing_sensitive_to_show_is_said_and_not_logged_as_shown(app, client, walker, prepared, session, state):
    citizen, caseworker, _ = prepared
    if state == "draft":  # a sensitive answer saved, the questionnaire not sent
        walker.start()
        walker.answer_all(["A", "D", "E", "F"])
        walker.post("H", {"H0": "yes"})
        walker.post("H", {"H0": "yes", "H2": "Jeg har dårlig ryg"})
    elif state == "sent_without_sensitive":
        walker.start()
        walker.answer_all(FOLLOW_UP)
        walker.send()
    office = as_caseworker(app, caseworker)
    url = f"/caseworker/citizens/{citizen.id}/questionnaire"
    for data in ({"purpose": "prepare"}, {}):
        response = post_form(office, f"{url}/sensitive", data, page_url=url)
        page = parse_page(response)
        text = page.get_text(" ", strip=True)
        assert "Der er ingen følsomme oplysninger at vise" in text
        assert "Jeg har dårlig ryg" not in text
        assert page.find(attrs={"data-module": "error-summary"}) is None, "no reason is asked for nothing"
    shown = select(AuditEntry).where(AuditEntry.action == "caseworker.questionnaire.sensitive_shown")
    assert session.scalars(shown).all() == []
    assert len(session.scalars(select(AuditEntry).where(AuditEntry.action == "caseworker.questionnaire.viewed")).all())
    access_log = parse_page(client.get("/account/access-log")).get_text(" ", strip=True)
    assert "Dine svar til mødet" in access_log and "følsomme" not in access_log
