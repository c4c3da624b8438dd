"""A database that fails in the middle of a logged-in page (issue 18, R1): the 503 page is rendered
without asking the database again. The real processes are in test_resilience.py; here the failure
comes after the person was found, which a stopped server cannot arrange."""

from __future__ import annotations

import logging

from sqlalchemy import event
from sqlalchemy.exc import OperationalError

from portal.meetings import queries as meetings
from tests.factories import log_in
from tests.pages import parse_page


def test_a_failure_after_login_shows_the_503_page_and_asks_the_database_nothing_more(
    client, connection, make_jobcentre, make_citizen, monkeypatch, caplog
):
    citizen = make_citizen(name="Ada Testesen", jobcentre=make_jobcentre("Jobcenter Fejlby"))
    assert log_in(client, citizen.email).status_code == 302
    assert "Ada Testesen" in client.get("/").get_data(as_text=True)

    asked: list[str] = []

    def server_gone(*_args, **_kwargs):
        asked.clear()  # what counts is what comes after the failure
        raise OperationalError("SELECT …", {}, Exception("server closed the connection unexpectedly"))

    monkeypatch.setattr(meetings, "next_for_citizen", server_gone)
    listener = lambda _conn, _cursor, statement, *_rest: asked.append(statement)  # noqa: E731
    event.listen(connection, "before_cursor_execute", listener)
    try:
        with caplog.at_level(logging.ERROR):
            response = client.get("/")
    finally:
        event.remove(connection, "before_cursor_execute", listener)

    page = parse_page(response, status=503)
    assert page.h1.get_text(strip=True) == "Min Plan virker ikke lige nu"
    body = response.get_data(as_text=True)
    # The layout would show the name and jobcentre, and look the jobcentre up to do so.
    assert "Ada Testesen" not in body and "Jobcenter Fejlby" not in body and "Log af" not in body
    assert [s for s in asked if s.lstrip().upper().startswith("SELECT")] == []
    lines = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(lines) == 1 and lines[0].exc_info is None
    assert lines[0].getMessage() == (
        "database unavailable on GET /: Exception: server closed the connection unexpectedly"
    )

    monkeypatch.undo()
    assert "Ada Testesen" in client.get("/").get_data(as_text=True), "the next request finds the person again"
