"""Beskeder as the citizen uses it: write, ask about a homework task, see the answer and the read
receipt; and what an attacker or a clumsy network gets: 404 for another's thread, one message for a
double send, limits, stripped bidi overrides, text shown as text, a friendly page past the rate limit."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from portal.audit import AuditEntry
from portal.db import db
from portal.meetings.models import Homework
from portal.messages.models import AuthorRole, Message, MessageThread, ThreadState
from tests.factories import csrf_token_from, log_in
from tests.pages import StatementCounter, parse_page


@pytest.fixture
def maria(session, make_caseworker, make_citizen, make_meeting):
    caseworker = make_caseworker(name="Karen Holm")
    citizen = make_citizen(caseworker=caseworker, name="Maria Jensen")
    meeting = make_meeting(citizen, caseworker, days=-3)
    task = Homework(citizen_id=citizen.id, meeting_id=meeting.id, title="Køb sikkerhedssko til praktikken")
    session.add(task)
    session.commit()
    return citizen, caseworker, task


def form_values(client, url: str) -> dict:
    """What the page's message form sends as it stands: its fields as filled in, and the CSRF token."""
    page = parse_page(client.get(url))
    form = next(form for form in page.find_all("form", method="post") if form.find("input", attrs={"name": "key"}))
    values = {field["name"]: field.get("value", "") for field in form.find_all("input") if field.get("name")}
    return values | {area["name"]: area.get_text().lstrip("\n") for area in form.find_all("textarea")}


def send(client, url: str, **typed):
    return client.post(url, data=form_values(client, url) | typed)


def messages_in(session, thread_id: int) -> list[Message]:
    session.expire_all()
    return list(session.scalars(select(Message).where(Message.thread_id == thread_id).order_by(Message.id)))


def answer_as_caseworker(session, thread: MessageThread, caseworker, text: str) -> Message:
    message = Message(
        thread_id=thread.id,
        author_id=caseworker.id,
        author_role=AuthorRole.CASEWORKER,
        body=text,
        idempotency_key=f"answer-{thread.id}-{len(text)}-{text[:8]}".replace(" ", "-"),
    )
    session.add(message)
    session.commit()
    return message


def test_a_citizen_asks_about_a_homework_task_and_sees_the_answer_and_the_read_receipt(client, session, maria):
    citizen, caseworker, task = maria
    log_in(client, citizen.email)
    homework_page = parse_page(client.get(f"/homework/{task.id}"))
    ask = homework_page.find("a", string="Spørg om dette")
    assert ask["href"] == f"/messages/new?homework={task.id}"

    new_page = parse_page(client.get(ask["href"]))
    assert new_page.find("input", attrs={"name": "subject"})["value"] == task.title
    about = new_page.select_one(".message-about a")
    assert about["href"] == f"/homework/{task.id}"
    text = new_page.find("main").get_text(" ", strip=True)
    assert "Din sagsbehandler læser beskeden" in text and "kan ikke slettes" in text
    assert "Jobcentret svarer inden for 2 arbejdsdage." in text
    assert "sig det til dit næste møde" in text

    sent = send(client, ask["href"], body="Skal skoene have stålnæse?")
    thread = session.scalar(select(MessageThread).where(MessageThread.citizen_id == citizen.id))
    assert sent.status_code == 302 and sent.headers["Location"] == f"/messages/{thread.id}"
    assert thread.homework_id == task.id and thread.subject == task.title
    shown = parse_page(client.get(f"/messages/{thread.id}"))
    assert shown.select_one(".message-about a")["href"] == f"/homework/{task.id}"
    assert shown.select_one(".message-receipt").get_text(strip=True) == "Ikke læst endnu"

    answer_as_caseworker(session, thread, caseworker, "Ja, med stålnæse.")
    session.execute(
        Message.__table__.update()
        .where(Message.thread_id == thread.id, Message.author_role == AuthorRole.CITIZEN)
        .values(read_at=datetime(2026, 12, 7, 9, 30, tzinfo=UTC))
    )
    session.commit()
    listing = parse_page(client.get("/messages/"))
    assert "1 nyt svar" in listing.find("main").get_text(" ", strip=True)
    overview = parse_page(client.get("/")).find("main").get_text(" ", strip=True)
    assert "Du har 1 nyt svar fra din sagsbehandler." in overview
    shown = parse_page(client.get(f"/messages/{thread.id}"))
    bodies = [p.get_text(strip=True) for p in shown.select(".message-body")]
    assert bodies == ["Skal skoene have stålnæse?", "Ja, med stålnæse."]
    assert "Karen Holm" in shown.select(".message-meta")[1].get_text()
    assert shown.select_one(".message-receipt").get_text(strip=True) == (
        "Læst af din sagsbehandler mandag den 7. december 2026 kl. 10:30"
    )
    # Opening the page marks nothing (a GET may be a prefetch): the page's script posts the mark.
    assert session.scalar(select(func.count()).where(Message.read_at.is_(None))) == 1
    read = shown.find("form", attrs={"data-auto-read": "true"})
    payload = {field["name"]: field["value"] for field in read.find_all("input")}
    assert client.post(read["action"], data=payload, headers={"X-Requested-With": "fetch"}).status_code == 204
    assert session.scalar(select(func.count()).where(Message.read_at.is_(None))) == 0
    assert "nyt svar" not in parse_page(client.get("/messages/")).find("main").get_text()


def test_a_new_thread_without_a_link_and_the_citizens_answer_opens_a_closed_thread(client, session, maria):
    citizen, caseworker, _task = maria
    log_in(client, citizen.email)
    send(client, "/messages/new", subject="Jeg er syg på mandag", body="Jeg har feber.\n\nKan vi flytte mødet?")
    thread = session.scalar(select(MessageThread).where(MessageThread.citizen_id == citizen.id))
    assert thread.plan_item_id is thread.meeting_id is thread.homework_id is None
    assert messages_in(session, thread.id)[0].body == "Jeg har feber.\n\nKan vi flytte mødet?"
    thread.state, thread.close_note = ThreadState.CLOSED, "Mødet er flyttet til torsdag."
    session.commit()
    closed = parse_page(client.get(f"/messages/{thread.id}")).find("main").get_text(" ", strip=True)
    assert "Din sagsbehandler har lukket samtalen" in closed and "Mødet er flyttet til torsdag." in closed
    send(client, f"/messages/{thread.id}", body="Tak!")
    session.expire_all()
    assert session.get(MessageThread, thread.id).state is ThreadState.OPEN
    assert [m.body for m in messages_in(session, thread.id)] == ["Jeg har feber.\n\nKan vi flytte mødet?", "Tak!"]


def test_the_citizen_sees_when_the_caseworker_waits_for_them(client, session, maria):
    citizen, _caseworker, _task = maria
    thread = MessageThread(citizen_id=citizen.id, subject="Cv", state=ThreadState.WAITING_ON_CITIZEN)
    session.add(thread)
    session.commit()
    log_in(client, citizen.email)
    assert "Din sagsbehandler venter på svar fra dig" in client.get(f"/messages/{thread.id}").get_data(as_text=True)
    assert "Din sagsbehandler venter på svar fra dig i 1 samtale." in client.get("/").get_data(as_text=True)


def test_a_form_sent_twice_sends_once(client, session, maria):
    citizen, _caseworker, _task = maria
    log_in(client, citizen.email)
    payload = form_values(client, "/messages/new") | {"subject": "Praktik", "body": "Hvornår starter jeg?"}
    first, second = client.post("/messages/new", data=payload), client.post("/messages/new", data=payload)
    assert first.headers["Location"] == second.headers["Location"]
    assert session.scalar(select(func.count()).select_from(Message)) == 1
    thread_url = first.headers["Location"]
    reply = form_values(client, thread_url) | {"body": "Og hvor?"}
    for _ in range(3):
        assert client.post(thread_url, data=reply).status_code == 302
    assert session.scalar(select(func.count()).select_from(Message)) == 2


def test_limits_say_what_to_do_and_keep_what_was_typed(client, session, maria):
    citizen, _caseworker, _task = maria
    log_in(client, citizen.email)
    page = parse_page(send(client, "/messages/new", subject="x" * 121, body="y" * 5001))
    summary = page.select_one(".alert-error").get_text(" ", strip=True)
    assert "Skriv højst 120 tegn – Emne" in summary and "Skriv højst 5000 tegn – Din besked" in summary
    assert page.find("input", attrs={"name": "subject"})["value"] == "x" * 121
    assert page.find("textarea", attrs={"name": "body"}).get_text().strip() == "y" * 5001
    empty = parse_page(send(client, "/messages/new", subject=" ", body="\u202e\x00"))
    assert "Skriv et emne" in empty.get_text() and "Skriv din besked" in empty.get_text()
    assert session.scalar(select(func.count()).select_from(Message)) == 0


def test_bidi_overrides_and_control_characters_are_removed_and_markup_is_shown_as_text(client, session, maria):
    citizen, _caseworker, _task = maria
    log_in(client, citizen.email)
    body = 'Se <a href="https://evil.example">her</a> \u202egnp.exe\u202c og https://jobnet.dk\x07\u2066x\u2069'
    send(client, "/messages/new", subject="Fil\u202e\ttxt.exe\nlinje", body=body)
    thread = session.scalar(select(MessageThread))
    assert thread.subject == "Fil txt.exe linje"
    stored = messages_in(session, thread.id)[0].body
    assert stored == 'Se <a href="https://evil.example">her</a> gnp.exe og https://jobnet.dkx'
    html = client.get(f"/messages/{thread.id}").get_data(as_text=True)
    assert "&lt;a href=&#34;https://evil.example&#34;&gt;" in html
    assert 'href="https://evil.example"' not in html and 'href="https://jobnet.dk' not in html


def test_another_citizens_thread_and_homework_answer_404_and_are_logged(client, session, maria, make_citizen):
    citizen, caseworker, task = maria
    theirs = MessageThread(citizen_id=citizen.id, subject="Marias hemmelighed")
    session.add(theirs)
    session.commit()
    other = make_citizen(caseworker=caseworker, name="Ole Olsen")
    log_in(client, other.email)
    assert client.get(f"/messages/{theirs.id}").status_code == 404
    assert client.get(f"/messages/new?homework={task.id}").status_code == 404
    assert client.get("/messages/new?homework=abc").status_code == 404
    token = csrf_token_from(client.get("/messages/").get_data(as_text=True))
    assert client.post(f"/messages/{theirs.id}", data={"csrf_token": token, "body": "Hej"}).status_code == 404
    assert client.post(f"/messages/{theirs.id}/read", data={"csrf_token": token, "up_to": "1"}).status_code == 404
    forged = {"csrf_token": token, "subject": "Hej", "body": "Hej", "about": f"homework:{task.id}"}
    assert client.post("/messages/new", data=forged).status_code == 404
    assert session.scalar(select(func.count()).select_from(Message)) == 0
    refusals = session.scalars(select(AuditEntry).where(AuditEntry.action == "access.denied")).all()
    assert len(refusals) >= 3
    assert "Marias hemmelighed" not in client.get("/messages/").get_data(as_text=True)


def test_caseworkers_cannot_use_the_citizens_pages(client, maria):
    _citizen, caseworker, _task = maria
    log_in(client, caseworker.email)
    assert client.get("/messages/").status_code == 403


def test_past_the_rate_limit_the_person_gets_a_friendly_page_and_nothing_is_sent(make_app, session, maria):
    citizen, _caseworker, _task = maria
    app = make_app(MESSAGE_RATE_LIMIT="3 per hour")
    client = app.test_client()
    log_in(client, citizen.email)
    for number in range(3):
        assert send(client, "/messages/new", subject=f"Spørgsmål {number}", body="Hej").status_code == 302
    stopped = send(client, "/messages/new", subject="En til", body="Hej")
    told = parse_page(stopped, 429).get_text(" ", strip=True)
    assert "Vent 60 minutter, og prøv så igen." in told
    assert session.scalar(select(func.count()).select_from(Message)) == 3
    assert client.get("/messages/").status_code == 200  # reading is not sending


def test_a_thread_of_500_messages_takes_as_many_statements_as_one_of_5(app, client, session, maria):
    citizen, caseworker, _task = maria
    thread = MessageThread(citizen_id=citizen.id, subject="Lang samtale")
    session.add(thread)
    session.commit()

    def add_messages(count: int, start: int) -> None:
        now = datetime.now(UTC)
        session.add_all(
            Message(
                thread_id=thread.id,
                author_id=(citizen if number % 2 else caseworker).id,
                author_role=AuthorRole.CITIZEN if number % 2 else AuthorRole.CASEWORKER,
                body=f"Besked {number}",
                idempotency_key=f"bulk-message-{number:06d}",
                created_at=now - timedelta(minutes=1000 - number),
            )
            for number in range(start, start + count)
        )
        session.commit()

    log_in(client, citizen.email)
    engine = db.state(app).engine
    add_messages(5, 0)
    counts = {}
    for total, more in ((5, 0), (500, 495)):
        add_messages(more, 5) if more else None
        client.get(f"/messages/{thread.id}")
        with StatementCounter(engine) as counter:
            html = client.get(f"/messages/{thread.id}").get_data(as_text=True)
        assert html.count('class="message-body') == total
        counts[total] = counter.count
    assert counts[5] == counts[500] <= 12, counts


@pytest.mark.parametrize(
    "typed",
    [
        {"subject": "\x00" * 50, "body": "\uffff\ufffe"},
        {"subject": "a", "body": "b", "key": "'; DROP TABLE message; --"},
        {"subject": "a", "body": "b", "key": "x" * 5000},
        {"subject": "a", "body": "b", "about": "homework:99999999999999999999"},
        {"subject": "a", "body": "b", "about": "meeting:-1"},
        {"subject": "a", "body": "b", "about": "plan_item:"},
        {"subject": "a", "body": "b", "about": "nonsense"},
        {"subject": ["a", "b"], "body": ["c", "d"]},
        {"subject": "\u202e" * 200, "body": "\u2066" * 6000},
        {"subject": "ﷺ" * 120, "body": "😀" * 5000},
    ],
)
def test_strange_input_never_gives_a_server_error(client, session, maria, typed):
    citizen, _caseworker, _task = maria
    log_in(client, citizen.email)
    response = send(client, "/messages/new", **typed)
    assert response.status_code in (200, 302, 404)


@pytest.mark.parametrize("up_to", ["", "0", "-1", "abc", "9" * 11, "9" * 40, "1e3", "١٢"])
def test_a_strange_read_mark_never_gives_a_server_error(client, session, maria, up_to):
    citizen, _caseworker, _task = maria
    thread = MessageThread(citizen_id=citizen.id, subject="Hej")
    session.add(thread)
    session.commit()
    log_in(client, citizen.email)
    token = csrf_token_from(client.get("/messages/").get_data(as_text=True))
    assert client.post(f"/messages/{thread.id}/read", data={"csrf_token": token, "up_to": up_to}).status_code == 302


def test_every_message_page_names_its_parts_in_the_citizens_language(client, session, maria):
    citizen, caseworker, task = maria
    citizen.preferred_language = "en"
    session.commit()
    log_in(client, citizen.email)
    send(client, f"/messages/new?homework={task.id}", body="Hello")
    thread = session.scalar(select(MessageThread))
    answer_as_caseworker(session, thread, caseworker, "Hej Maria")
    for url in ("/messages/", "/messages/new", f"/messages/{thread.id}"):
        page = parse_page(client.get(url))
        assert page.html["lang"] == "en"
        assert not re.search(r"\b(Skriv en besked|Beskeder|Ikke læst endnu)\b", page.find("main").get_text()), url
