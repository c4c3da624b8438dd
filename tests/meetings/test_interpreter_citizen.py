""" "Jeg har brug for en tolk": the citizen asks for an interpreter at a meeting, changes the language
or withdraws, and sees when the caseworker has booked one; only for their own meetings that are
planned and have not begun; the request is in "Mine data" and goes with a closed case."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from freezegun import freeze_time
from sqlalchemy import select

from portal.audit import AuditEntry
from portal.meetings.models import Meeting, MeetingStatus
from portal.questionnaire.models import Questionnaire, Status
from tests.factories import log_in, post_form
from tests.pages import parse_page


@pytest.fixture
def asking(client, make_caseworker, make_citizen, make_meeting):
    """Maria, logged in, with a meeting in three days; Karen is her caseworker."""
    caseworker = make_caseworker(name="Karen Holm")
    citizen = make_citizen(caseworker=caseworker, name="Maria Jensen")
    meeting = make_meeting(citizen, caseworker, days=3)
    log_in(client, citizen.email)
    return citizen, caseworker, meeting


def form_url(meeting: Meeting) -> str:
    return f"/meetings/{meeting.id}/interpreter"


def ask(client, meeting: Meeting, **fields):
    url = form_url(meeting)
    page = parse_page(client.get(url))
    version = page.find("input", attrs={"name": "version"})["value"]
    return post_form(client, url, {"version": version, **fields}, page_url=url)


def errors(page) -> str:
    summary = page.find(attrs={"data-module": "error-summary"})
    return summary.get_text(" ", strip=True) if summary else ""


def interpreter_section(page) -> str:
    """The text under the meeting page's "Tolk" heading, up to the next heading."""
    parts = []
    for sibling in page.find(id="interpreter-heading").find_next_siblings():
        if sibling.name == "h2":
            break
        parts.append(sibling.get_text(" ", strip=True))
    return " ".join(parts)


def saved(session, meeting: Meeting) -> Meeting:
    session.expire_all()
    return session.get(Meeting, meeting.id)


def book(session, meeting: Meeting, caseworker) -> None:
    """What the caseworker's "Tolk er bestilt" saves (tested in test_interpreter_caseworker.py)."""
    row = saved(session, meeting)
    row.interpreter_confirmed_at, row.interpreter_confirmed_by_id = datetime.now(UTC), caseworker.id
    row.interpreter_booked_language = row.interpreter_language
    row.interpreter_booked_language_other = row.interpreter_language_other
    session.commit()


def test_the_meeting_page_offers_it_and_the_form_starts_from_the_portal_language(
    client, session, make_caseworker, make_citizen, make_meeting
):
    caseworker = make_caseworker()
    # The citizen reads the page in their own language: the English one in English.
    expected = {
        "en": ("I need an interpreter", "Arabic", "Another language"),
        "da": ("Jeg har brug for en tolk", "Arabisk", "Andet sprog"),
    }
    for language, chosen in (("en", ["english"]), ("da", [])):
        ask, first, last = expected[language]
        citizen = make_citizen(caseworker=caseworker, language=language)
        meeting = make_meeting(citizen, caseworker)
        log_in(client, citizen.email)
        page = parse_page(client.get(f"/meetings/{meeting.id}"))
        assert page.find("a", href=form_url(meeting)).get_text(strip=True) == ask
        form = parse_page(client.get(form_url(meeting)))
        assert [radio["value"] for radio in form.select("input[name=language][checked]")] == chosen
        labels = [label.get_text(strip=True) for label in form.select("fieldset .form-group-radio label")]
        assert labels[0] == first and labels[-1] == last and len(labels) == 15
        post_form(client, "/logout", page_url="/")


def test_errors_keep_the_input_and_a_request_is_shown_and_audited_without_the_language(client, session, asking):
    citizen, caseworker, meeting = asking
    page = parse_page(ask(client, meeting))
    assert "Vælg det sprog, du skal have en tolk til" in errors(page)
    assert page.find("a", href="#language-0"), "the summary links to the first choice"
    page = parse_page(ask(client, meeting, language="other", other_language="  "))
    assert "Skriv, hvilket sprog du skal have en tolk til" in errors(page)
    assert page.find("input", attrs={"name": "language", "value": "other"}).has_attr("checked"), "choice kept"
    too_long = "ø" * 101
    page = parse_page(ask(client, meeting, language="other", other_language=too_long))
    assert "Skriv højst 100 tegn" in errors(page) and page.find("input", id="other_language")["value"] == too_long
    page = parse_page(ask(client, meeting, language="klingon"))
    assert "Vælg et af svarene på listen" in errors(page)
    assert saved(session, meeting).interpreter_language is None, "nothing saved from a form with errors"

    response = ask(client, meeting, language="arabic", other_language="ignoreres")
    assert response.status_code == 302
    row = saved(session, meeting)
    assert (row.interpreter_language, row.interpreter_language_other) == ("arabic", None)
    assert row.interpreter_requested_at is not None and row.interpreter_confirmed_at is None
    text = parse_page(client.get(response.headers["Location"])).get_text(" ", strip=True)
    assert "Du har bedt om en tolk på arabisk." in text and "Tolken er ikke bestilt endnu." in text
    audit = session.scalars(select(AuditEntry).where(AuditEntry.action == "meeting.interpreter_requested")).one()
    assert (audit.actor_id, audit.citizen_id, json.loads(audit.detail)) == (
        citizen.id,
        citizen.id,
        {"meeting_id": meeting.id},
    )

    ask(client, meeting, language="other", other_language="Wolof")
    text = parse_page(client.get(f"/meetings/{meeting.id}")).get_text(" ", strip=True)
    assert "Du har bedt om en tolk på Wolof." in text, "the language in the citizen's own words"


def test_the_booking_is_shown_and_a_change_of_language_clears_it(client, session, asking):
    citizen, caseworker, meeting = asking
    ask(client, meeting, language="arabic")
    book(session, meeting, caseworker)
    page = parse_page(client.get(f"/meetings/{meeting.id}"))
    assert "Der er bestilt en tolk på arabisk" in interpreter_section(page)
    assert "Arabisk. Tolken er bestilt." in page.find("dl", class_="meeting-summary").get_text(" ", strip=True)
    assert "skal din sagsbehandler bestille en ny tolk" in parse_page(client.get(form_url(meeting))).get_text()

    ask(client, meeting, language="arabic")
    assert saved(session, meeting).interpreter_confirmed_at is not None, "sent again unchanged: still booked"

    ask(client, meeting, language="dari")
    row = saved(session, meeting)
    assert row.interpreter_language == "dari" and row.interpreter_confirmed_at is None
    assert row.interpreter_booked_language == "arabic", "kept, so the caseworker knows what to cancel"
    text = parse_page(client.get(f"/meetings/{meeting.id}")).get_text(" ", strip=True)
    assert "Du har bedt om en tolk på dari." in text and "Der er bestilt en tolk" not in text
    assert session.scalars(select(AuditEntry.action).where(AuditEntry.action.like("meeting.interpreter%"))).all() == [
        "meeting.interpreter_requested",
        "meeting.interpreter_changed",
    ]


def test_withdrawing_removes_the_request_and_keeps_the_booking_to_cancel(client, session, asking):
    citizen, caseworker, meeting = asking
    ask(client, meeting, language="somali")
    book(session, meeting, caseworker)
    page = parse_page(client.get(form_url(meeting)))
    withdraw = page.find("form", action=f"{form_url(meeting)}/withdraw")
    assert withdraw.find("button").get_text(strip=True) == "Jeg har ikke brug for en tolk"
    version = withdraw.find("input", attrs={"name": "version"})["value"]
    url = f"{form_url(meeting)}/withdraw"
    assert post_form(client, url, {"version": str(int(version) - 1)}, page_url=form_url(meeting)).status_code == 302
    assert saved(session, meeting).interpreter_language == "somali", "a press from an outdated page does nothing"
    post_form(client, url, {"version": version}, page_url=form_url(meeting))
    row = saved(session, meeting)
    assert (row.interpreter_language, row.interpreter_requested_at, row.interpreter_confirmed_at) == (None, None, None)
    assert row.interpreter_booked_language == "somali"
    page = parse_page(client.get(f"/meetings/{meeting.id}"))
    assert page.find("a", href=form_url(meeting)).get_text(strip=True) == "Jeg har brug for en tolk"
    assert session.scalars(select(AuditEntry).where(AuditEntry.action == "meeting.interpreter_withdrawn")).one()


def test_an_outdated_form_shows_both_versions_and_saves_nothing(client, session, asking):
    citizen, caseworker, meeting = asking
    ask(client, meeting, language="polish")
    url = form_url(meeting)
    version = parse_page(client.get(url)).find("input", attrs={"name": "version"})["value"]
    ask(client, meeting, language="romanian")  # another tab
    page = parse_page(post_form(client, url, {"version": version, "language": "turkish"}, page_url=url))
    notice = page.find(id="conflict-notice").get_text(" ", strip=True)
    assert "Nogen har gemt, før du nåede det" in notice and "Rumænsk" in notice and "Tyrkisk" in notice
    assert saved(session, meeting).interpreter_language == "romanian"


@pytest.mark.parametrize("case", ["begun", "cancelled"])
def test_only_for_a_planned_meeting_that_has_not_begun(client, session, asking, make_meeting, case):
    citizen, caseworker, meeting = asking
    if case == "begun":
        meeting = make_meeting(citizen, caseworker, starts_at=datetime.now(UTC) - timedelta(minutes=10))
    else:
        meeting.status, meeting.cancel_reason = MeetingStatus.CANCELLED, "Sygdom"
        session.commit()
    url = form_url(meeting)
    post_form(client, url, {"version": "1", "language": "arabic"}, page_url="/")
    post_form(client, f"{url}/withdraw", {"version": "1"}, page_url="/")
    assert saved(session, meeting).interpreter_language is None
    response = client.get(url)
    assert response.status_code == 302 and response.headers["Location"] == f"/meetings/{meeting.id}"
    page = parse_page(client.get(response.headers["Location"]))
    assert "Ring til jobcentret" in page.get_text() and not page.find("a", href=url)


def test_another_citizens_meeting_answers_404(app, session, asking, make_citizen):
    citizen, caseworker, meeting = asking
    other = make_citizen(caseworker=caseworker)
    client = app.test_client()
    log_in(client, other.email)
    url = form_url(meeting)
    assert client.get(url).status_code == 404
    assert post_form(client, url, {"version": "1", "language": "arabic"}).status_code == 404
    assert post_form(client, f"{url}/withdraw", {"version": "1"}).status_code == 404
    assert saved(session, meeting).interpreter_language is None
    refused = session.scalars(select(AuditEntry).where(AuditEntry.action == "access.denied")).all()
    assert len(refused) == 3 and all(entry.actor_id == other.id for entry in refused)


def test_the_preparation_pages_offer_it_too(client, session, asking):
    citizen, caseworker, meeting = asking
    start = parse_page(client.get("/questionnaire/"))
    assert start.find("a", href=form_url(meeting)).get_text(strip=True) == "Jeg har brug for en tolk"
    ask(client, meeting, language="tigrinya")
    book(session, meeting, caseworker)
    started = post_form(client, f"/questionnaire/{meeting.id}/start", page_url="/questionnaire/")
    assert started.status_code == 302
    questionnaire = session.scalars(select(Questionnaire).where(Questionnaire.meeting_id == meeting.id)).one()
    questionnaire.status, questionnaire.sent_at = Status.SENT, datetime.now(UTC)
    session.commit()
    check = parse_page(client.get(f"/questionnaire/{meeting.id}/check"))
    assert "Der er bestilt en tolk på tigrinya" in check.get_text(" ", strip=True)
    assert "Tigrinya. Tolken er bestilt." in parse_page(client.get("/")).get_text(" ", strip=True), "the overview"


def test_mine_data_holds_the_request_and_names_the_booker_by_role(client, session, asking):
    citizen, caseworker, meeting = asking
    ask(client, meeting, language="other", other_language="Wolof")
    book(session, meeting, caseworker)
    data = json.loads(client.get("/account/my-data.json").get_data(as_text=True))
    [shown] = data["meetings"]
    assert shown["interpreter_language"] == "other" and shown["interpreter_language_other"] == "Wolof"
    assert shown["interpreter_requested_at"] and shown["interpreter_confirmed_at"]
    assert shown["interpreter_confirmed_by"] == "Sagsbehandler" and "interpreter_confirmed_by_id" not in shown
    assert shown["interpreter_booked_language_other"] == "Wolof"
    page = parse_page(client.get("/account/my-data")).get_text(" ", strip=True)
    assert "interpreter_language_other Wolof" in page


@pytest.mark.database_owner
def test_a_closed_case_takes_the_request_with_it(make_app, session, make_caseworker, make_citizen, make_meeting):
    caseworker = make_caseworker()
    citizen = make_citizen(caseworker=caseworker)
    meeting = make_meeting(citizen, caseworker, interpreter_language="other", interpreter_language_other="Wolof")
    citizen.is_active, citizen.deactivated_at = False, datetime.now(UTC) - timedelta(days=400)
    session.commit()
    app = make_app(RETENTION_CLOSED_CASE_DAYS=365)
    with freeze_time(datetime.now(UTC)):
        result = app.test_cli_runner().invoke(args=["retention", "purge"])
    assert result.exit_code == 0, result.output
    assert session.scalar(select(Meeting.id).where(Meeting.id == meeting.id)) is None
