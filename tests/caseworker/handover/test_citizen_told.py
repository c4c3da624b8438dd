"""The citizen is told about the new caseworker: on the overview until they confirm, under Mine data, and by
one e-mail."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from portal.auth.models import User
from portal.clock import local_today
from portal.meetings.models import ReminderSent
from tests.caseworker.handover.steps import BASE_URL, danish_date, move, send
from tests.factories import assignments_of, log_in, post_form
from tests.pages import parse_page


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
    assert assignments_of(session, team.citizen)[-1].citizen_informed_at is not None


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
    assert assignments_of(session, team.citizen)[-1].citizen_informed_at is None


def test_a_caseworker_cannot_confirm_for_the_citizen(session, app, new_client, team):
    # test that the citizen-only confirmation is 403 for a caseworker
    move(app, team.citizen, team.new, by=team.old)
    response = post_form(new_client, "/account/caseworker-change/seen", page_url="/caseworker/")
    assert response.status_code == 403
    assert assignments_of(session, team.citizen)[-1].citizen_informed_at is None


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
