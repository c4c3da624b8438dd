"""Idle timeout, absolute lifetime, deactivation, and the once-a-minute activity refresh."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from freezegun import freeze_time
from sqlalchemy import select

from portal.auth.models import AuthSession
from portal.db import db
from tests.factories import log_in
from tests.pages import parse_page

START = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def test_idle_session_is_ended_and_person_told_why(client, make_citizen):
    citizen = make_citizen()
    with freeze_time(START):
        log_in(client, citizen.email)
    with freeze_time(START + timedelta(minutes=29)):
        assert client.get("/").status_code == 200
    with freeze_time(START + timedelta(minutes=29 + 31)):
        response = client.get("/")
        assert response.status_code == 302
        assert "reason=idle" in response.headers["Location"]
        page = parse_page(client.get(response.headers["Location"]))
        assert "ikke havde gjort noget i 30 minutter" in page.get_text()


def test_activity_keeps_session_alive_until_absolute_lifetime(client, make_citizen):
    citizen = make_citizen()
    with freeze_time(START):
        log_in(client, citizen.email)
    for minutes in range(20, 8 * 60, 20):
        with freeze_time(START + timedelta(minutes=minutes)):
            assert client.get("/").status_code == 200, f"still logged in after {minutes} min"
    with freeze_time(START + timedelta(hours=8, minutes=1)):
        response = client.get("/")
        assert response.status_code == 302 and "reason=expired" in response.headers["Location"]


def test_timeouts_are_configurable(database_url):
    from tests.conftest import make_test_app

    app = make_test_app(database_url, SESSION_IDLE_MINUTES=5)
    assert app.config["SESSION_IDLE_MINUTES"] == 5


def test_deactivated_account_loses_its_sessions(app, client, make_citizen, session):
    citizen = make_citizen()
    log_in(client, citizen.email)
    assert client.get("/").status_code == 200
    from portal.auth import services

    with app.app_context():
        user = db.session.get(type(citizen), citizen.id)
        assert services.deactivate(user) == 1
        db.session.commit()
    response = client.get("/")
    assert response.status_code == 302 and response.headers["Location"].startswith("/login")
    row = session.scalar(select(AuthSession).where(AuthSession.user_id == citizen.id))
    session.refresh(row)
    assert row.end_reason == "deactivated"


def test_deactivated_flag_alone_also_stops_a_live_session(app, client, make_citizen, session):
    citizen = make_citizen()
    log_in(client, citizen.email)
    citizen.is_active = False
    session.merge(citizen)
    session.commit()
    assert client.get("/").status_code == 302


def test_last_seen_is_written_at_most_once_a_minute(client, make_citizen, session):
    citizen = make_citizen()
    with freeze_time(START):
        log_in(client, citizen.email)

    def last_seen():
        row = session.scalar(select(AuthSession).where(AuthSession.user_id == citizen.id))
        session.refresh(row)
        return row.last_seen_at

    with freeze_time(START + timedelta(seconds=30)):
        client.get("/")
    assert last_seen() == START
    with freeze_time(START + timedelta(seconds=90)):
        client.get("/")
    assert last_seen() == START + timedelta(seconds=90)
