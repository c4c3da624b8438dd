"""Beskeder from the caseworker's side: starting a thread, answering, "Venter på svar fra borgeren",
closing with a note, marking read; what the citizen then sees; who may see a thread; every showing
audited; and a thread of 500 messages costing the statements of one."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from portal.audit import AuditEntry
from portal.db import db
from portal.messages.models import Message, MessageThread, ThreadState
from tests.factories import log_in, post_form
from tests.messages.caseworker_steps import add_message, add_thread, audit_rows
from tests.pages import StatementCounter, parse_page
from tests.security.forms import send


@pytest.fixture
def people(app, client, make_caseworker, make_citizen):
    """A caseworker (on `client`) and their citizen (on a browser of their own)."""
    caseworker = make_caseworker(name="Karen Holm")
    citizen = make_citizen(caseworker=caseworker, name="Maria Jensen")
    log_in(client, caseworker.email)
    citizen_browser = app.test_client()
    log_in(citizen_browser, citizen.email)
    return caseworker, citizen, citizen_browser


@pytest.fixture
def asked(session, people):
    """The citizen has asked something the caseworker has not read yet."""
    _caseworker, citizen, _browser = people
    thread = add_thread(session, citizen, "Sikkerhedssko")
    add_message(session, thread, citizen, "Skal jeg have sikkerhedssko med i praktikken?")
    return thread


def thread_url(citizen, thread) -> str:
    return f"/caseworker/citizens/{citizen.id}/messages/{thread.id}"


def text_of(client, url: str) -> str:
    return parse_page(client.get(url)).get_text(" ", strip=True)


def test_the_caseworker_starts_a_thread_the_citizen_reads(client, session, people):
    # test "Skriv til borgeren" from the citizen page: the thread starts, and the citizen has it
    caseworker, citizen, citizen_browser = people
    citizen_page = parse_page(client.get(f"/caseworker/citizens/{citizen.id}"))
    start = citizen_page.find("a", string="Skriv til borgeren")["href"]
    assert start == f"/caseworker/citizens/{citizen.id}/messages/new"
    form_page = parse_page(client.get(start))
    assert form_page.h1.get_text(strip=True) == "Skriv til borgeren"
    response = send(client, start, {"subject": "Dit nye møde", "body": "Kan du komme tirsdag kl. 10?"})
    assert response.status_code == 302
    thread = session.scalar(select(MessageThread).where(MessageThread.citizen_id == citizen.id))
    assert response.headers["Location"] == thread_url(citizen, thread)
    [message] = session.scalars(select(Message).where(Message.thread_id == thread.id)).all()
    assert message.author_id == caseworker.id and message.author_role == "caseworker"
    assert "Dit nye møde" in text_of(citizen_browser, "/messages/")
    assert "Kan du komme tirsdag kl. 10?" in text_of(citizen_browser, f"/messages/{thread.id}")


def test_a_new_thread_without_subject_or_text_says_what_to_write(client, session, people):
    # test that an empty form comes back with instructions, and that nothing is sent
    _caseworker, citizen, _browser = people
    url = f"/caseworker/citizens/{citizen.id}/messages/new"
    page = parse_page(send(client, url, {"subject": " ", "body": ""}))
    summary = page.find(attrs={"data-module": "error-summary"}).get_text(" ", strip=True)
    assert "Skriv et emne" in summary and "Skriv din besked" in summary
    assert session.scalar(select(MessageThread).where(MessageThread.citizen_id == citizen.id)) is None


def test_an_answer_marks_the_citizens_message_read_and_the_citizen_sees_it(client, session, people, asked):
    # test that answering reads what the citizen wrote (their receipt says so) and shows them the answer
    _caseworker, citizen, citizen_browser = people
    page = parse_page(client.get(thread_url(citizen, asked)))
    assert "Skal jeg have sikkerhedssko med i praktikken?" in page.get_text()
    assert page.find(class_="message-new") is not None, "the citizen's message is new to the caseworker"
    response = send(client, thread_url(citizen, asked), {"body": "Ja, tag dem med. Du kan låne et par."})
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"{thread_url(citizen, asked)}#latest")
    session.expire_all()
    question = session.scalar(select(Message).where(Message.thread_id == asked.id).order_by(Message.id))
    assert question.read_at is not None
    citizen_view = text_of(citizen_browser, f"/messages/{asked.id}")
    assert "Ja, tag dem med. Du kan låne et par." in citizen_view
    assert "Læst af din sagsbehandler" in citizen_view


def test_waiting_on_the_citizen_is_what_the_citizen_sees(client, session, people, asked):
    # test "Venter på svar fra borgeren": the state changes, and the citizen is told an answer is awaited
    _caseworker, citizen, citizen_browser = people
    url = thread_url(citizen, asked)
    response = send(client, url, action=f"{url}/wait")
    assert response.status_code == 302 and response.headers["Location"] == url
    session.expire_all()
    assert session.get(MessageThread, asked.id).state is ThreadState.WAITING_ON_CITIZEN
    assert "Din sagsbehandler venter på svar fra dig" in text_of(citizen_browser, f"/messages/{asked.id}")
    page = parse_page(client.get(url))
    assert "Du venter på svar fra borgeren" in page.get_text()
    assert page.find("button", string="Venter på svar fra borgeren") is None, "pressed once is enough"


def test_a_closed_thread_shows_its_note_and_opens_again_when_the_citizen_writes(client, session, people, asked):
    # test closing with a note the citizen reads, and that the citizen writing again opens it again
    _caseworker, citizen, citizen_browser = people
    url = thread_url(citizen, asked)
    note = "Svaret er givet. Skriv igen, hvis du har flere spørgsmål."
    response = send(client, url, {"note": note}, action=f"{url}/close")
    assert response.status_code == 302 and response.headers["Location"] == url
    session.expire_all()
    closed = session.get(MessageThread, asked.id)
    assert (closed.state, closed.close_note) == (ThreadState.CLOSED, note)
    citizen_view = text_of(citizen_browser, f"/messages/{asked.id}")
    assert "Din sagsbehandler har lukket samtalen" in citizen_view and note in citizen_view

    assert send(citizen_browser, f"/messages/{asked.id}", {"body": "Hvad med handsker?"}).status_code == 302
    session.expire_all()
    assert session.get(MessageThread, asked.id).state is ThreadState.OPEN
    page = parse_page(client.get(url))
    assert "Åben" in page.select_one("p.plan-meta").get_text()
    assert page.find("h2", string="Luk samtalen") is not None, "it can be closed again"


def test_a_close_without_a_note_is_explained_on_the_thread_page(client, session, people, asked):
    # test that an empty or too long note comes back on the thread page with the error, and closes nothing
    _caseworker, citizen, _browser = people
    url = thread_url(citizen, asked)
    for note, error in (("", "Skriv en kort note til borgeren"), ("x" * 301, "Skriv højst 300 tegn")):
        response = send(client, url, {"note": note}, action=f"{url}/close")
        page = parse_page(response)
        assert error in page.find(attrs={"data-module": "error-summary"}).get_text()
        assert page.find("input", attrs={"name": "note"}).get("value", "") == note, "what was typed is kept"
        assert "Skal jeg have sikkerhedssko med" in page.get_text(), "the thread is shown beside the error"
    session.expire_all()
    assert session.get(MessageThread, asked.id).state is ThreadState.OPEN


def test_a_close_from_an_outdated_page_is_refused_and_the_note_kept(client, session, people, asked):
    # test that a citizen writing while the caseworker closes stops the close, without a 5xx, note kept
    _caseworker, citizen, citizen_browser = people
    url = thread_url(citizen, asked)
    shown_version = str(asked.version)
    assert send(citizen_browser, f"/messages/{asked.id}", {"body": "Og handsker?"}).status_code == 302
    response = post_form(client, f"{url}/close", {"note": "Svaret er givet.", "version": shown_version}, page_url=url)
    page = parse_page(response)
    assert "Der er sket noget nyt i samtalen" in page.get_text()
    assert page.find("input", attrs={"name": "note"})["value"] == "Svaret er givet."
    assert "Og handsker?" in page.get_text(), "the new message is shown"
    session.expire_all()
    assert session.get(MessageThread, asked.id).state is ThreadState.OPEN
    again = send(client, url, {"note": "Svaret er givet."}, action=f"{url}/close")
    assert again.status_code == 302, "from the page as it is now, the close goes through"


def test_waiting_from_an_outdated_page_is_refused_without_an_error_page(client, session, people, asked):
    # test a stale "Venter på svar fra borgeren": a message and a redirect, nothing changed
    _caseworker, citizen, _browser = people
    url = thread_url(citizen, asked)
    response = post_form(client, f"{url}/wait", {"version": str(asked.version + 5)}, page_url=url)
    assert response.status_code == 302 and response.headers["Location"] == url
    assert "Der er sket noget nyt i samtalen" in text_of(client, url)
    session.expire_all()
    assert session.get(MessageThread, asked.id).state is ThreadState.OPEN


def test_messages_are_marked_read_by_the_page_and_by_the_button(client, session, people, asked):
    # test the read form: the script's call answers 204, the button without a script redirects back
    _caseworker, citizen, _browser = people
    url = thread_url(citizen, asked)
    page = parse_page(client.get(url))
    form = page.find("form", attrs={"data-auto-read": "true"})
    assert form["action"] == f"{url}/read" and form.find("button", string="Marker som læst")
    assert page.find("script", src=lambda src: src and "messages" in src), "the page posts it by itself"
    up_to = form.find("input", attrs={"name": "up_to"})["value"]
    fetched = post_form(client, f"{url}/read", {"up_to": up_to}, page_url=url)
    assert fetched.status_code == 302 and fetched.headers["Location"] == url
    session.expire_all()
    assert session.scalar(select(Message.read_at).where(Message.thread_id == asked.id)) is not None
    assert parse_page(client.get(url)).find("form", attrs={"data-auto-read": "true"}) is None


def test_every_showing_of_a_thread_is_an_audited_read(client, session, people, asked):
    # test one "caseworker.messages.viewed" row per GET, naming the thread, and none for the citizen's own reads
    caseworker, citizen, citizen_browser = people
    for _ in range(3):
        client.get(thread_url(citizen, asked))
    citizen_browser.get(f"/messages/{asked.id}")
    rows = audit_rows(session, "caseworker.messages.viewed", citizen)
    assert len(rows) == 3
    assert {(row.actor_id, row.purpose) for row in rows} == {(caseworker.id, "Sagsbehandling")}
    assert all(f'"thread_id": {asked.id}' in row.detail for row in rows)


def test_an_audit_that_fails_fails_the_thread_page(client, people, asked, monkeypatch):
    # test that the thread is not shown when its read cannot be logged
    _caseworker, citizen, _browser = people

    def broken(*_args, **_kwargs):
        raise RuntimeError("audit store unavailable")

    monkeypatch.setattr("portal.caseworker.services.audit.record", broken)
    response = client.get(thread_url(citizen, asked))
    assert response.status_code == 500
    assert "sikkerhedssko" not in response.get_data(as_text=True)


def test_a_caseworker_of_another_jobcentre_gets_404_everywhere(app, session, people, asked, make_caseworker):
    # test that someone else's citizen and thread answer 404 to every page and button, and change nothing
    _caseworker, citizen, _browser = people
    stranger = make_caseworker(name="Fremmed Sagsbehandler")
    other = app.test_client()
    log_in(other, stranger.email)
    url = thread_url(citizen, asked)
    assert other.get(f"/caseworker/citizens/{citizen.id}").status_code == 404
    assert other.get(f"/caseworker/citizens/{citizen.id}/messages/new").status_code == 404
    assert other.get(url).status_code == 404
    for action, data in (("", {"body": "Hej"}), ("/wait", {}), ("/close", {"note": "Lukket"}), ("/read", {})):
        response = post_form(other, url + action, {"version": str(asked.version), "up_to": "999"} | data)
        assert response.status_code == 404, action
    session.expire_all()
    assert session.get(MessageThread, asked.id).state is ThreadState.OPEN
    assert len(session.scalars(select(Message).where(Message.thread_id == asked.id)).all()) == 1
    assert audit_rows(session, "caseworker.messages.viewed", citizen) == []


def test_another_citizens_thread_under_this_citizen_is_404(client, session, people, make_citizen):
    # test that a thread id of another citizen, even the caseworker's own, is refused under this one
    caseworker, citizen, _browser = people
    neighbour = make_citizen(caseworker=caseworker, name="Anden Borger")
    theirs = add_thread(session, neighbour, "Andens samtale")
    add_message(session, theirs, neighbour, "Hemmeligt spørgsmål")
    url = thread_url(citizen, theirs)
    response = client.get(url)
    assert response.status_code == 404 and "Hemmeligt" not in response.get_data(as_text=True)
    assert post_form(client, url, {"body": "Hej"}).status_code == 404
    assert client.get(thread_url(neighbour, theirs)).status_code == 200, "under its own citizen it opens"
    denied = session.scalar(select(AuditEntry).where(AuditEntry.action == "access.denied"))
    assert '"endpoint": "caseworker_messages.thread"' in denied.detail


def test_the_citizen_page_lists_the_threads_with_what_is_unread(client, session, people, asked):
    # test the "Beskeder" section: subject link, state, unread from the citizen, and its place in the page's menu
    _caseworker, citizen, _browser = people
    answered = add_thread(session, citizen, "Mødetid")
    add_message(session, answered, citizen, "Kan vi flytte mødet?", days_ago=3, read=True)
    page = parse_page(client.get(f"/caseworker/citizens/{citizen.id}"))
    assert page.select_one('nav.citizen-sections a[href="#messages"]').get_text(strip=True) == "Beskeder"
    section = page.find(id="messages").find_parent("section")
    items = [item.get_text(" ", strip=True) for item in section.select("ul.message-threads > li")]
    assert items[0].startswith("Sikkerhedssko") and "Åben" in items[0] and "1 ulæst fra borgeren" in items[0]
    assert items[1].startswith("Mødetid") and "ulæst" not in items[1]
    assert section.find("a", string="Sikkerhedssko")["href"] == thread_url(citizen, asked)
    facts = page.find("table", class_="citizen-facts").get_text(" ", strip=True)
    assert "Beskeder 1 ulæst besked" in facts


def test_a_thread_of_500_messages_costs_the_statements_of_one(app, client, session, people):
    # test that the thread page's statements do not grow with its messages
    caseworker, citizen, _browser = people
    short = add_thread(session, citizen, "Kort")
    add_message(session, short, citizen, "Hej")
    long = add_thread(session, citizen, "Lang")
    session.add_all(
        Message(
            thread_id=long.id,
            author_id=(citizen if n % 2 else caseworker).id,
            author_role="citizen" if n % 2 else "caseworker",
            body=f"Besked nummer {n}",
            idempotency_key=f"long-thread-{n:06d}",
        )
        for n in range(500)
    )
    session.commit()
    engine = db.state(app).engine
    counts = []
    for thread in (short, long):
        client.get(thread_url(citizen, thread))  # warm up
        with StatementCounter(engine) as counter:
            response = client.get(thread_url(citizen, thread))
        assert response.status_code == 200
        counts.append(counter.count)
    assert counts[0] == counts[1], counts
    assert "Besked nummer 499" in response.get_data(as_text=True)


def test_sending_is_limited_per_caseworker(make_app, session, make_caseworker, make_citizen):
    # test that the caseworker's answers share the citizen side's limit: past it, 429 and nothing sent
    limited = make_app(MESSAGE_RATE_LIMIT="2 per hour")
    caseworker = make_caseworker()
    citizen = make_citizen(caseworker=caseworker)
    thread = add_thread(session, citizen)
    browser = limited.test_client()
    log_in(browser, caseworker.email)
    url = thread_url(citizen, thread)
    answers = [post_form(browser, url, {"body": f"Svar {n}"}, page_url=url).status_code for n in range(3)]
    assert answers == [302, 302, 429]
    assert len(session.scalars(select(Message).where(Message.thread_id == thread.id)).all()) == 2
