"""Typing while the session or form token expires loses nothing: the text comes back after login."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from freezegun import freeze_time
from sqlalchemy import select

from portal.questionnaire.models import Answer
from portal.recovery import PendingInput
from tests.factories import log_in
from tests.pages import parse_page


def test_text_typed_across_an_idle_logout_comes_back_after_login(client, prepared, walker, session):
    citizen = prepared[0]
    now = datetime.now(UTC)
    with freeze_time(now):
        walker.start()
        walker.answer_all(["A"])
        state = walker.form_state("D")
    with freeze_time(now + timedelta(minutes=45)):
        response = walker.post("D", {"D1": "Jeg drømmer om at blive kok", "D2": "Kok"}, state=state)
        assert response.status_code == 302
        assert response.headers["Location"].startswith("/login?next=/questionnaire/")
        assert "reason=idle" in response.headers["Location"]
        assert session.scalar(select(Answer).where(Answer.question_key == "D1")) is None
        login = log_in(client, citizen.email, next_url=walker.url("D"))
        assert login.headers["Location"] == walker.url("D")
        page = parse_page(client.get(walker.url("D")))
        assert page.find("textarea", id="D1").get_text().strip() == "Jeg drømmer om at blive kok"
        assert page.find("input", id="D2")["value"] == "Kok"
        assert "Vi har hentet det, du skrev" in page.get_text()
        # Shown once, then gone from the server.
        assert session.scalars(select(PendingInput)).all() == []
        again = parse_page(client.get(walker.url("D")))
        assert again.find("textarea", id="D1").get_text().strip() == ""


def test_an_expired_form_token_keeps_the_text_too(client, walker, session):
    walker.start()
    response = walker.post(
        "A",
        {"A2": "Tekst skrevet længe", "csrf_token": "expired-token"},
        state={"csrf_token": "expired-token", "version": "1"},
    )
    assert response.status_code == 302 and response.headers["Location"] == walker.url("A")
    page = parse_page(client.get(walker.url("A")))
    assert page.find("textarea", id="A2").get_text().strip() == "Tekst skrevet længe"


def test_kept_input_never_reaches_another_person(app, client, prepared, walker, make_citizen, session):
    now = datetime.now(UTC)
    with freeze_time(now):
        walker.start()
        state = walker.form_state("A")
    with freeze_time(now + timedelta(minutes=45)):
        walker.post("A", {"A2": "Privat tekst"}, state=state)
        other = make_citizen()
        log_in(client, other.email)
        response = client.get(walker.url("A"))
        assert response.status_code == 404
        assert "Privat tekst" not in response.get_data(as_text=True)
        assert "Privat tekst" not in client.get("/").get_data(as_text=True)


def test_kept_input_expires(client, prepared, walker, session):
    now = datetime.now(UTC)
    with freeze_time(now):
        walker.start()
        state = walker.form_state("A")
    with freeze_time(now + timedelta(minutes=45)):
        walker.post("A", {"A2": "Gammel tekst"}, state=state)
    with freeze_time(now + timedelta(hours=4)):
        log_in(client, prepared[0].email)
        page = parse_page(client.get(walker.url("A")))
        assert "Gammel tekst" not in page.get_text()


def pending_rows(session) -> list[PendingInput]:
    session.expire_all()
    return list(session.scalars(select(PendingInput)))


def test_a_post_without_a_session_stores_nothing_and_gets_a_plain_400(app, walker, session):
    """Anyone can post to a form page; only a person whose own session just ended gets input kept."""
    stranger = app.test_client()
    response = stranger.post(walker.url("A"), data={"A2": "x" * 150_000})
    assert parse_page(response, status=400).h1.get_text(strip=True) == "Siden var udløbet"
    assert pending_rows(session) == []


def test_a_forged_cookie_for_a_session_that_never_was_stores_nothing(app, walker, session):
    forged = app.test_client()
    with forged.session_transaction() as cookie:
        cookie["auth"] = "a-token-no-session-ever-had"
    forged.post(walker.url("A"), data={"A2": "tekst"})
    assert pending_rows(session) == []


def test_kept_input_names_its_owner(client, prepared, walker, session):
    now = datetime.now(UTC)
    with freeze_time(now):
        walker.start()
        state = walker.form_state("A")
    with freeze_time(now + timedelta(minutes=45)):
        walker.post("A", {"A2": "Min tekst"}, state=state)
    assert [row.user_id for row in pending_rows(session)] == [prepared[0].id]


def test_a_person_keeps_at_most_five_rows_and_ten_a_minute(app, make_citizen, session):
    from werkzeug.datastructures import MultiDict

    from portal import recovery
    from portal.extensions import limiter

    citizen = make_citizen()
    previous = limiter.enabled
    limiter.enabled = True
    try:
        with app.test_request_context():
            kept = [recovery.stash(citizen.id, f"/questionnaire/1/{n}", MultiDict({"A2": "t"})) for n in range(12)]
    finally:
        limiter.enabled = previous
    assert kept == [True] * 10 + [False] * 2
    assert len(pending_rows(session)) == recovery.MAX_ROWS_PER_PERSON


def test_the_purge_deletes_what_is_past_its_time(app, make_citizen, session):
    from werkzeug.datastructures import MultiDict

    from portal import recovery
    from portal.db import db

    citizen = make_citizen()
    now = datetime.now(UTC)
    with app.test_request_context():
        with freeze_time(now - timedelta(hours=3)):
            recovery.stash(citizen.id, "/questionnaire/1/1", MultiDict({"A2": "gammel"}))
        with freeze_time(now):
            recovery.stash(citizen.id, "/questionnaire/1/2", MultiDict({"A2": "ny"}))
            assert recovery.purge() == 1
            db.session.commit()
    assert [row.path for row in pending_rows(session)] == ["/questionnaire/1/2"]
