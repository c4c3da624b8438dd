"""Handing a citizen over to a colleague: the move, the note, who may do it, what the new caseworker,
the old one and the citizen see, the e-mail to the citizen, and the service's own rules."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import pytest
from babel.dates import format_date
from sqlalchemy import func, select

from portal.audit import AuditEntry
from portal.auth.models import Jobcentre, User
from portal.clock import local_today
from portal.db import db
from portal.meetings import reminders
from portal.meetings.models import ReminderSent
from portal.organisation import services
from portal.organisation.models import CaseloadAssignment, CitizenProfile
from tests.factories import log_in, post_form
from tests.pages import parse_page

NOTE = "Borgeren er i gang med et forløb hos en virksomhed.\nRing før næste møde."
BASE_URL = "https://minplan.example.dk"


# --- helpers and fixtures ------------------------------------------------------------------------


@dataclass
class Team:
    jobcentre: Jobcentre
    old: User
    new: User
    citizen: User


@pytest.fixture
def team(session, make_jobcentre, make_caseworker, make_citizen):
    """A jobcentre with two caseworkers; the citizen is Olga's and has nothing else that needs attention."""
    jobcentre = make_jobcentre()
    old = make_caseworker(jobcentre=jobcentre, name="Olga Gammel")
    new = make_caseworker(jobcentre=jobcentre, name="Niels Ny")
    citizen = make_citizen(caseworker=old, name="Birte Borger", email="birte@example.test")
    # Without a first contact date the meeting rules have nothing to say, so the citizen is not
    # "needs attention" for that reason; only the handover can put them there.
    session.get(CitizenProfile, citizen.id).first_contact_date = None
    session.commit()
    return Team(jobcentre, old, new, citizen)


def handover_url(citizen: User) -> str:
    return f"/caseworker/citizens/{citizen.id}/handover"


def hand_over(client, citizen: User, data: dict, page_url: str | None = None):
    """POST the handover form like a browser, the CSRF token taken from `page_url` (default: the form)."""
    return post_form(client, handover_url(citizen), data, page_url=page_url or "/caseworker/")


def rows_of(session, citizen: User) -> list[CaseloadAssignment]:
    session.expire_all()
    return list(
        session.scalars(
            select(CaseloadAssignment)
            .where(CaseloadAssignment.citizen_id == citizen.id)
            .order_by(CaseloadAssignment.id)
        )
    )


def audit_rows(session, action: str, citizen: User | None = None) -> list[AuditEntry]:
    query = select(AuditEntry).where(AuditEntry.action == action)
    if citizen is not None:
        query = query.where(AuditEntry.citizen_id == citizen.id)
    return list(session.scalars(query.order_by(AuditEntry.id)))


def caseload_names(client, query: str = "") -> list[str]:
    page = parse_page(client.get(f"/caseworker/?{query}"))
    body = page.find("tbody")
    return [row.find("a").get_text(strip=True) for row in body("tr")] if body else []


def name_cell(client, name: str) -> str:
    page = parse_page(client.get("/caseworker/"))
    for row in page.select("tbody tr"):
        if row.find("a").get_text(strip=True) == name:
            return row.find("td").get_text(" ", strip=True)
    raise AssertionError(f"{name} is not on the caseload")


def error_summary(page) -> str:
    summary = page.find(attrs={"data-module": "error-summary"})
    assert summary is not None, "the page has no error summary"
    return summary.get_text(" ", strip=True)


def group_text(page, field_name: str) -> str:
    """The text of the form group around a field: its label, hint and inline error."""
    field = page.find(attrs={"name": field_name, "id": True})
    return field.find_parent("div").get_text(" ", strip=True)


def danish_date(day: date) -> str:
    return format_date(day, "long", locale="da")


def move(
    app, citizen: User, caseworker: User, *, by: User | None, note: str | None = NOTE, today: date | None = None
) -> int:
    """Make the assignment through the service, committed; returns the new assignment's id."""
    with app.app_context():
        assignment = services.assign(citizen, caseworker, by=by, note=note, today=today)
        db.session.commit()
        return assignment.id


@pytest.fixture
def old_client(client, team):
    log_in(client, team.old.email)
    return client


@pytest.fixture
def new_client(app, team):
    other = app.test_client()
    log_in(other, team.new.email)
    return other


@pytest.fixture
def handed_over(old_client, team):
    """Olga hands Birte over to Niels through the form; returns the response."""
    return hand_over(
        old_client, team.citizen, {"caseworker": str(team.new.id), "note": NOTE}, page_url=handover_url(team.citizen)
    )


# --- the handover itself -------------------------------------------------------------------------


def test_form_offers_only_active_colleagues_in_the_same_jobcentre(old_client, team, make_caseworker):
    # test that the choice lists active colleagues of the jobcentre, not the caseworker, not others
    make_caseworker(jobcentre=team.jobcentre, name="Inaktiv Kollega", active=False)
    make_caseworker(name="Fremmed Sagsbehandler")
    page = parse_page(old_client.get(handover_url(team.citizen)))
    options = {option.get_text(strip=True): option.get("value") for option in page.find("select")("option")}
    assert options == {"Vælg en kollega": "", "Niels Ny": str(team.new.id)}


def test_caseworker_alone_in_the_jobcentre_is_told_there_is_nobody_to_hand_over_to(
    client, make_caseworker, make_citizen
):
    # test that without colleagues the page says so and shows no form
    alone = make_caseworker()
    citizen = make_citizen(caseworker=alone)
    log_in(client, alone.email)
    page = parse_page(client.get(handover_url(citizen)))
    assert "Der er ingen andre aktive sagsbehandlere i dit jobcenter" in page.get_text()
    assert page.find("select") is None


def test_handover_redirects_to_caseload_and_old_caseworker_loses_the_citizen(old_client, team, handed_over):
    # test that a handover ends on the caseload with a message and the citizen is gone for the old caseworker
    assert handed_over.status_code == 302
    assert handed_over.headers["Location"] == "/caseworker/"
    page = parse_page(old_client.get("/caseworker/"))
    assert "Birte Borger er overdraget til Niels Ny" in page.get_text()
    assert "Birte Borger" not in caseload_names(old_client)
    assert old_client.get(f"/caseworker/citizens/{team.citizen.id}").status_code == 404
    assert old_client.get(handover_url(team.citizen)).status_code == 404


def test_handover_closes_the_old_assignment_yesterday_and_opens_one_today(session, team, handed_over):
    # test the rows a handover leaves: the old one ends yesterday, the new one names who, from whom and the note
    old, new = rows_of(session, team.citizen)
    today = local_today()
    assert (old.caseworker_id, old.valid_to) == (team.old.id, today - timedelta(days=1))
    assert (new.caseworker_id, new.valid_from, new.valid_to) == (team.new.id, today, None)
    assert (new.previous_caseworker_id, new.assigned_by_id) == (team.old.id, team.old.id)
    assert new.handover_note == NOTE
    assert new.handover_read_at is None and new.citizen_informed_at is None


def test_handover_is_audited(session, team, handed_over):
    # test that the handover writes one audit row naming actor, citizen, purpose and both caseworkers
    [row] = audit_rows(session, "caseload.handed_over", team.citizen)
    assert (row.actor_id, row.actor_role) == (team.old.id, "caseworker")
    assert row.purpose == "Skift af sagsbehandler"
    assert f'"caseworker_id": {team.new.id}' in row.detail
    assert f'"previous_caseworker_id": {team.old.id}' in row.detail
    assert NOTE.split()[0] not in row.detail, "the note itself is not copied into the audit log"


def test_new_caseworker_sees_the_unread_handover_on_the_caseload(new_client, team, handed_over):
    # test that the new caseworker's caseload marks the citizen as handed over with an unread note
    assert caseload_names(new_client) == ["Birte Borger"]
    cell = name_cell(new_client, "Birte Borger")
    assert "Overdraget til dig, note ikke læst" in cell
    assert "1 skift af sagsbehandler" in cell
    assert caseload_names(new_client, "view=attention") == ["Birte Borger"]


def test_new_caseworker_reads_the_note_and_marks_it_read(session, new_client, team, handed_over):
    # test the note alert on the citizen page, and that marking it read removes it everywhere, audited
    citizen_url = f"/caseworker/citizens/{team.citizen.id}"
    page = parse_page(new_client.get(citizen_url))
    [alert] = [div for div in page.select("div.alert") if "Overdraget fra Olga Gammel" in div.get_text()]
    alert_text = alert.get_text(" ", strip=True)
    assert danish_date(local_today()) in alert_text, "the alert says when the citizen was handed over"
    assert "Borgeren er i gang med et forløb hos en virksomhed." in alert_text
    assert alert.find("button", string="Marker noten som læst") is not None

    response = post_form(new_client, f"{citizen_url}/handover/read", page_url=citizen_url)
    assert response.status_code == 302 and response.headers["Location"] == citizen_url
    page = parse_page(new_client.get(citizen_url))
    assert "Overdraget fra Olga Gammel" not in page.get_text()
    assert page.find("button", string="Marker noten som læst") is None
    assert "overdraget fra Olga Gammel" in page.find(id="history").find_parent("section").get_text(), (
        "the history still says where the citizen came from"
    )
    [current] = [row for row in rows_of(session, team.citizen) if row.valid_to is None]
    assert current.handover_read_at is not None
    [read] = audit_rows(session, "caseload.handover_read", team.citizen)
    assert read.actor_id == team.new.id and read.purpose == "Skift af sagsbehandler"

    assert "note ikke læst" not in name_cell(new_client, "Birte Borger")
    assert caseload_names(new_client, "view=attention") == [], "nothing else needs attention"


def test_marking_read_twice_keeps_the_first_time_and_one_audit_row(session, new_client, team, handed_over):
    # test that a second "read" (double click, back button) changes nothing
    citizen_url = f"/caseworker/citizens/{team.citizen.id}"
    post_form(new_client, f"{citizen_url}/handover/read", page_url=citizen_url)
    first = [row for row in rows_of(session, team.citizen) if row.valid_to is None][0].handover_read_at
    assert post_form(new_client, f"{citizen_url}/handover/read", page_url=citizen_url).status_code == 302
    assert [row for row in rows_of(session, team.citizen) if row.valid_to is None][0].handover_read_at == first
    assert len(audit_rows(session, "caseload.handover_read", team.citizen)) == 1


def test_note_is_shown_as_text_not_markup(session, new_client, old_client, team):
    # test that markup in a handover note is shown literally to the new caseworker, never run
    hand_over(old_client, team.citizen, {"caseworker": str(team.new.id), "note": "<script>alert(1)</script> Hej"})
    response = new_client.get(f"/caseworker/citizens/{team.citizen.id}")
    html = response.get_data(as_text=True)
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Hej" in html


def test_a_note_of_exactly_4000_characters_is_accepted(session, old_client, team):
    # test the upper boundary of the note length
    response = hand_over(old_client, team.citizen, {"caseworker": str(team.new.id), "note": "x" * 4000})
    assert response.status_code == 302
    assert rows_of(session, team.citizen)[-1].handover_note == "x" * 4000


# --- validation ------------------------------------------------------------------------------------


def test_empty_note_is_refused_and_the_chosen_colleague_kept(session, old_client, team):
    # test that a missing note gives the error summary, the inline error and keeps the colleague chosen
    response = hand_over(old_client, team.citizen, {"caseworker": str(team.new.id), "note": "   "})
    page = parse_page(response)
    message = "Skriv en overdragelsesnote til den nye sagsbehandler"
    assert message in error_summary(page)
    assert message in group_text(page, "note")
    selected = page.find("select").find("option", selected=True)
    assert selected is not None and selected["value"] == str(team.new.id)
    assert len(rows_of(session, team.citizen)) == 1
    assert audit_rows(session, "caseload.handed_over", team.citizen) == []


def test_no_colleague_chosen_is_refused_and_the_note_kept(session, old_client, team):
    # test that a missing colleague gives its own error and the typed note stays in the form
    page = parse_page(hand_over(old_client, team.citizen, {"caseworker": "", "note": NOTE}))
    message = "Vælg den kollega, der skal overtage borgeren"
    assert message in error_summary(page)
    assert message in group_text(page, "caseworker")
    assert page.find("textarea", attrs={"name": "note"}).get_text().strip() == NOTE
    assert len(rows_of(session, team.citizen)) == 1


@pytest.mark.parametrize(
    "who",
    [
        "other_jobcentre",
        "inactive",
        "self",
        "citizen",
        "abc",
        "99999999999999999999",
        "-1",
        "1.0",
        " ",
        "²",
    ],
)
def test_a_caseworker_id_that_is_not_a_colleague_is_refused(session, old_client, team, make_caseworker, who):
    # test that a forged colleague value (foreign, inactive, own, citizen, not a number) is an error, never a 5xx
    values = {
        "other_jobcentre": lambda: str(make_caseworker(name="Fremmed Sagsbehandler").id),
        "inactive": lambda: str(make_caseworker(jobcentre=team.jobcentre, active=False).id),
        "self": lambda: str(team.old.id),
        "citizen": lambda: str(team.citizen.id),
    }
    value = values[who]() if who in values else who
    response = hand_over(old_client, team.citizen, {"caseworker": value, "note": NOTE})
    assert response.status_code == 200, f"{value!r} answered {response.status_code}"
    page = parse_page(response)
    assert "Vælg den kollega, der skal overtage borgeren" in error_summary(page)
    rows = rows_of(session, team.citizen)
    assert [(row.caseworker_id, row.valid_to) for row in rows] == [(team.old.id, None)]
    assert audit_rows(session, "caseload.handed_over") == []


def test_a_note_of_4001_characters_is_refused(session, old_client, team):
    # test that an over-long note is refused with the limit named, and nothing moves
    page = parse_page(hand_over(old_client, team.citizen, {"caseworker": str(team.new.id), "note": "x" * 4001}))
    assert "Skriv højst 4000 tegn" in error_summary(page)
    assert len(rows_of(session, team.citizen)) == 1


def test_handover_without_csrf_token_is_refused(session, old_client, team):
    # test that a cross-site POST (no token) moves nobody
    response = old_client.post(handover_url(team.citizen), data={"caseworker": str(team.new.id), "note": NOTE})
    assert response.status_code == 400
    assert len(rows_of(session, team.citizen)) == 1


# --- who may hand over and mark read ----------------------------------------------------------------


@pytest.mark.parametrize("method,suffix", [("get", ""), ("post", ""), ("post", "/read")])
def test_a_caseworker_without_the_citizen_gets_404(session, app, team, make_caseworker, method, suffix):
    # test that another caseworker in the same jobcentre cannot see, take or mark the citizen's handover
    intruder = make_caseworker(jobcentre=team.jobcentre, name="Ida Indtrænger")
    other = app.test_client()
    log_in(other, intruder.email)
    url = handover_url(team.citizen) + suffix
    if method == "get":
        response = other.get(url)
    else:
        response = post_form(other, url, {"caseworker": str(intruder.id), "note": NOTE}, page_url="/caseworker/")
    assert response.status_code == 404
    assert [(row.caseworker_id, row.valid_to) for row in rows_of(session, team.citizen)] == [(team.old.id, None)]
    denied = audit_rows(session, "access.denied")
    assert denied and denied[-1].actor_id == intruder.id


@pytest.mark.parametrize("method,suffix", [("get", ""), ("post", ""), ("post", "/read")])
def test_a_citizen_gets_403_on_the_handover_urls(session, client, team, method, suffix):
    # test that a citizen cannot reach the caseworker's handover pages, not even for themselves
    log_in(client, team.citizen.email)
    url = handover_url(team.citizen) + suffix
    if method == "get":
        response = client.get(url)
    else:
        response = post_form(client, url, {"caseworker": str(team.new.id), "note": NOTE}, page_url="/")
    assert response.status_code == 403
    assert len(rows_of(session, team.citizen)) == 1


def test_old_caseworker_cannot_mark_the_note_read(session, old_client, team, handed_over):
    # test that after the handover the former caseworker gets 404 on marking the note read
    response = post_form(old_client, handover_url(team.citizen) + "/read", page_url="/caseworker/")
    assert response.status_code == 404
    assert rows_of(session, team.citizen)[-1].handover_read_at is None


def test_mark_read_without_a_handover_is_404_and_without_token_400(session, old_client, team):
    # test that "read" on a first assignment is 404, and a POST without CSRF token is 400
    url = handover_url(team.citizen) + "/read"
    assert post_form(old_client, url, page_url="/caseworker/").status_code == 404
    assert old_client.post(url).status_code == 400
    assert audit_rows(session, "caseload.handover_read") == []


# --- counting changes ------------------------------------------------------------------------------


def test_two_handovers_are_counted_and_the_history_lists_all_three(app, client, team, make_caseworker):
    # test that after two moves the page counts 2 changes and lists all three caseworkers with the notes
    third = make_caseworker(jobcentre=team.jobcentre, name="Tove Tredje")
    move(app, team.citizen, team.new, by=team.old, note="Første note", today=local_today() - timedelta(days=10))
    move(app, team.citizen, third, by=team.new, note="Anden note")
    log_in(client, third.email)
    page = parse_page(client.get(f"/caseworker/citizens/{team.citizen.id}"))
    text = page.get_text(" ", strip=True)
    assert "Borgeren har skiftet sagsbehandler 2 gange." in text
    assert "2 skift af sagsbehandler" in page.find("h1").find_next("p").get_text()
    history = page.find(id="history").find_parent("section")
    names = [item.find("strong").get_text(strip=True) for item in history.find("ol")("li")]
    assert names == ["Tove Tredje", "Niels Ny", "Olga Gammel"], "newest first"
    assert "Første note" in history.get_text() and "Anden note" in history.get_text()
    assert "Overdraget fra Niels Ny" in text
    assert "2 skift af sagsbehandler" in name_cell(client, "Birte Borger")


def test_one_handover_is_counted_in_the_singular(app, client, team):
    # test the singular text after one change, and zero before
    log_in(client, team.old.email)
    before = parse_page(client.get(f"/caseworker/citizens/{team.citizen.id}")).get_text(" ", strip=True)
    assert "Borgeren har skiftet sagsbehandler 0 gange." in before
    assert "skift af sagsbehandler" not in name_cell(client, "Birte Borger")
    move(app, team.citizen, team.new, by=team.old)
    other = app.test_client()
    log_in(other, team.new.email)
    after = parse_page(other.get(f"/caseworker/citizens/{team.citizen.id}")).get_text(" ", strip=True)
    assert "Borgeren har skiftet sagsbehandler 1 gang." in after


# --- what the citizen sees -------------------------------------------------------------------------


def test_citizen_is_told_about_the_new_caseworker_until_they_confirm(app, session, client, team):
    # test the citizen's notice naming new and former caseworker, gone after "OK, forstået"
    move(app, team.citizen, team.new, by=team.old)
    log_in(client, team.citizen.email)
    page = parse_page(client.get("/"))
    notice = page.find(string=lambda s: "Du har fået en ny sagsbehandler" in s)
    assert notice is not None
    text = page.get_text(" ", strip=True)
    assert "er Niels Ny din sagsbehandler i stedet for Olga Gammel" in text
    assert page.find("button", string="OK, forstået") is not None

    response = post_form(client, "/account/caseworker-change/seen", page_url="/")
    assert response.status_code == 302 and response.headers["Location"] == "/"
    page = parse_page(client.get("/"))
    assert "Du har fået en ny sagsbehandler" not in page.get_text()
    section = page.find(id="caseworker-heading").find_parent("section").get_text(" ", strip=True)
    assert f"Niels Ny, siden {danish_date(local_today())}" in section
    assert rows_of(session, team.citizen)[-1].citizen_informed_at is not None


def test_citizen_with_only_a_first_assignment_sees_no_notice(client, team):
    # test that a citizen who never changed caseworker is not told they did
    log_in(client, team.citizen.email)
    page = parse_page(client.get("/"))
    assert "Du har fået en ny sagsbehandler" not in page.get_text()
    assert "Olga Gammel, siden" in page.find(id="caseworker-heading").find_parent("section").get_text(" ", strip=True)


def test_a_later_handover_is_told_again(app, client, team, make_caseworker):
    # test that confirming one change does not hide the next one
    move(app, team.citizen, team.new, by=team.old, today=local_today() - timedelta(days=5))
    log_in(client, team.citizen.email)
    post_form(client, "/account/caseworker-change/seen", page_url="/")
    third = make_caseworker(jobcentre=team.jobcentre, name="Tove Tredje")
    move(app, team.citizen, third, by=team.new)
    text = parse_page(client.get("/")).get_text(" ", strip=True)
    assert "er Tove Tredje din sagsbehandler i stedet for Niels Ny" in text


def test_citizen_can_read_the_handover_note_under_my_data(app, client, team):
    # test the form's promise that the citizen can read the note under "Mine data"
    move(app, team.citizen, team.new, by=team.old)
    log_in(client, team.citizen.email)
    text = parse_page(client.get("/account/my-data")).get_text(" ", strip=True)
    assert "Niels Ny" in text and "Olga Gammel" in text
    assert "Borgeren er i gang med et forløb hos en virksomhed." in text


def test_confirming_without_token_is_refused(session, app, client, team):
    # test that the notice cannot be dismissed by a cross-site POST
    move(app, team.citizen, team.new, by=team.old)
    log_in(client, team.citizen.email)
    assert client.post("/account/caseworker-change/seen").status_code == 400
    assert rows_of(session, team.citizen)[-1].citizen_informed_at is None


def test_a_caseworker_cannot_confirm_for_the_citizen(session, app, new_client, team):
    # test that the citizen-only confirmation is 403 for a caseworker
    move(app, team.citizen, team.new, by=team.old)
    response = post_form(new_client, "/account/caseworker-change/seen", page_url="/caseworker/")
    assert response.status_code == 403
    assert rows_of(session, team.citizen)[-1].citizen_informed_at is None


# --- the e-mail ------------------------------------------------------------------------------------


@pytest.fixture
def mail_app(make_app, inbox):
    return make_app(SMTP_HOST="127.0.0.1", SMTP_PORT=inbox.port, BASE_URL=BASE_URL + "/")


def send(app, now: datetime | None = None) -> reminders.Result:
    with app.app_context():
        return reminders.send_due(now)


def test_citizen_gets_one_mail_about_the_new_caseworker(session, app, mail_app, inbox, team):
    # test that a handover gives one mail to the citizen, naming nobody, and a second run sends nothing
    assignment_id = move(app, team.citizen, team.new, by=team.old)
    result = send(mail_app)
    assert (result.sent, result.failed) == (1, 0)
    [message] = inbox.messages
    assert message["To"] == "birte@example.test"
    assert message["Subject"] == "Du har fået en ny sagsbehandler"
    body = message.get_content()
    assert "Din sagsbehandler i jobcentret er skiftet." in body
    assert f"Log ind på Min Plan for at se mere: {BASE_URL}/" in body
    for secret in ("Niels", "Olga", "Gammel", "forløb hos en virksomhed"):
        assert secret not in body and secret not in message["Subject"]
    sent = session.scalars(select(ReminderSent).where(ReminderSent.kind == "caseworker_changed")).all()
    assert [(row.reference, row.recipient_id) for row in sent] == [(f"assignment:{assignment_id}", team.citizen.id)]

    again = send(mail_app)
    assert (again.sent, again.skipped) == (0, 1)
    assert len(inbox.messages) == 1


def test_english_citizen_gets_the_mail_in_english(session, app, mail_app, inbox, team):
    # test that a citizen who chose English is told in English
    session.get(User, team.citizen.id).preferred_language = "en"
    session.commit()
    move(app, team.citizen, team.new, by=team.old)
    assert send(mail_app).sent == 1
    assert inbox.messages[0]["Subject"] == "You have a new caseworker"
    assert "Your caseworker at the jobcentre has changed." in inbox.messages[0].get_content()


def test_no_mail_for_a_first_assignment(app, mail_app, inbox, make_citizen, team):
    # test that getting a first caseworker (no previous one) sends no "new caseworker" mail
    newcomer = make_citizen(jobcentre=team.jobcentre, email="ny.borger@example.test")
    move(app, newcomer, team.new, by=team.new, note=None)
    assert send(mail_app).sent == 0
    assert inbox.messages == []


def test_no_mail_for_a_handover_more_than_a_week_old(app, mail_app, inbox, team):
    # test that a run after a week's outage does not tell old changes
    move(app, team.citizen, team.new, by=team.old)
    assert send(mail_app, datetime.now(UTC) + timedelta(days=8)).sent == 0
    assert inbox.messages == []


def test_inactive_citizen_gets_no_mail(session, app, mail_app, inbox, team):
    # test that a deactivated citizen is not mailed about the change
    move(app, team.citizen, team.new, by=team.old)
    session.get(User, team.citizen.id).is_active = False
    session.commit()
    assert send(mail_app).sent == 0
    assert inbox.messages == []


# --- the service's own rules -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "case,message",
    [
        ("not_a_citizen", "Kun borgere kan tildeles en sagsbehandler"),
        ("citizen_as_caseworker", "Vælg en aktiv sagsbehandler"),
        ("inactive", "Vælg en aktiv sagsbehandler"),
        ("other_jobcentre", "Vælg en sagsbehandler i borgerens eget jobcenter"),
        ("same", "Borgeren har allerede denne sagsbehandler"),
        ("no_note", "Skriv en overdragelsesnote til den nye sagsbehandler"),
        ("blank_note", "Skriv en overdragelsesnote til den nye sagsbehandler"),
        ("long_note", "Skriv højst 4000 tegn i noten"),
    ],
)
def test_assign_refuses_with_a_danish_reason_and_changes_nothing(
    app, session, team, make_caseworker, make_citizen, case, message
):
    # test each refusal of services.assign: the message, and that the citizen keeps their caseworker
    citizen, caseworker, note = team.citizen, team.new, NOTE
    if case == "not_a_citizen":
        citizen = team.old
    elif case == "citizen_as_caseworker":
        caseworker = make_citizen(jobcentre=team.jobcentre)
    elif case == "inactive":
        caseworker = make_caseworker(jobcentre=team.jobcentre, active=False)
    elif case == "other_jobcentre":
        caseworker = make_caseworker()
    elif case == "same":
        caseworker = team.old
    elif case == "no_note":
        note = None
    elif case == "blank_note":
        note = " \n\t "
    elif case == "long_note":
        note = "x" * 4001
    with app.app_context():
        with pytest.raises(services.AssignmentError) as error:
            services.assign(citizen, caseworker, by=team.old, note=note)
        assert str(error.value).rstrip(".") == message
        db.session.commit()
    assert [(row.caseworker_id, row.valid_to) for row in rows_of(session, team.citizen)] == [(team.old.id, None)]
    assert (
        session.scalar(
            select(func.count())
            .select_from(AuditEntry)
            .where(AuditEntry.action.in_(["caseload.handed_over", "caseload.assigned"]))
        )
        == 0
    )


def test_assign_moves_with_old_assignment_ending_the_day_before(app, session, team):
    # test the dates of a move on a given day, and that services.current_assignment follows it
    day = date(2026, 11, 23)
    new_id = move(app, team.citizen, team.new, by=team.old, today=day)
    old, new = rows_of(session, team.citizen)
    assert old.valid_to == date(2026, 11, 22)
    assert (new.id, new.valid_from, new.previous_caseworker_id) == (new_id, day, team.old.id)
    with app.app_context():
        assert services.current_assignment(team.citizen).id == new_id


def test_first_assignment_needs_no_note_and_is_audited_as_assigned(app, session, team, make_citizen):
    # test that a citizen without a caseworker gets one without a note, audited as "assigned"
    newcomer = make_citizen(jobcentre=team.jobcentre)
    new_id = move(app, newcomer, team.new, by=None, note=None)
    [row] = rows_of(session, newcomer)
    assert (row.id, row.caseworker_id, row.previous_caseworker_id, row.handover_note, row.assigned_by_id) == (
        new_id,
        team.new.id,
        None,
        None,
        None,
    )
    [entry] = audit_rows(session, "caseload.assigned", newcomer)
    assert entry.actor_id is None and entry.purpose == "Skift af sagsbehandler"
    assert audit_rows(session, "caseload.handed_over", newcomer) == []


def test_a_note_for_a_first_assignment_is_kept_but_it_is_no_handover(app, session, new_client, team, make_citizen):
    # test that a note on a first assignment is stored but does not show as an unread handover
    newcomer = make_citizen(jobcentre=team.jobcentre, name="Carl Ny")
    move(app, newcomer, team.new, by=team.new, note="Velkommen")
    assert rows_of(session, newcomer)[0].handover_note == "Velkommen"
    assert "note ikke læst" not in name_cell(new_client, "Carl Ny")


def test_opening_the_handover_form_is_in_the_citizens_access_log(session, old_client, team):
    # test that the handover form, which shows the citizen, is logged as a read the citizen can see
    assert old_client.get(f"/caseworker/citizens/{team.citizen.id}/handover").status_code == 200
    session.expire_all()
    entry = session.scalar(
        select(AuditEntry).where(
            AuditEntry.action == "caseworker.handover.form_viewed", AuditEntry.citizen_id == team.citizen.id
        )
    )
    assert entry is not None and entry.purpose == "Sagsbehandling"
