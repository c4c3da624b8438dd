"""The citizen's overview: greeting, next meeting in Copenhagen time, their caseworker."""

from __future__ import annotations

from datetime import UTC, datetime

from portal.db import db
from portal.meetings.models import Channel, Homework
from tests.factories import log_in
from tests.pages import StatementCounter


def test_overview_shows_next_meeting_not_past_one(client, get_page, make_caseworker, make_citizen, make_meeting):
    caseworker = make_caseworker(name="Karen Holm")
    citizen = make_citizen(caseworker=caseworker, name="Maria Jensen")
    make_meeting(citizen, caseworker, starts_at=datetime(2020, 3, 1, 9, 0, tzinfo=UTC), place="Gammelt sted")
    make_meeting(
        citizen,
        caseworker,
        starts_at=datetime(2030, 12, 2, 13, 30, tzinfo=UTC),
        channel=Channel.PHONE,
        place=None,
    )
    make_meeting(citizen, caseworker, starts_at=datetime(2031, 1, 5, 9, 0, tzinfo=UTC), place="Senere")
    log_in(client, citizen.email)
    page = get_page("/")
    text = page.find("main").get_text(" ", strip=True)
    assert page.h1.get_text(strip=True) == "Hej Maria"
    assert "mandag den 2. december 2030 kl. 14:30" in text  # winter: UTC+1
    assert "Telefon" in text and "Din sagsbehandler ringer til dig" in text
    assert "Gammelt sted" not in text and "Senere" not in text
    assert "Karen Holm" in text


def test_overview_without_meeting_says_so(client, get_page, make_citizen):
    citizen = make_citizen()
    log_in(client, citizen.email)
    assert "ikke noget møde i kalenderen" in get_page("/").get_text()


def test_citizen_never_sees_another_citizens_meeting(client, get_page, make_caseworker, make_citizen, make_meeting):
    caseworker = make_caseworker()
    me = make_citizen(caseworker=caseworker)
    other = make_citizen(caseworker=caseworker)
    make_meeting(other, caseworker, place="Andens mødested")
    log_in(client, me.email)
    assert "Andens mødested" not in get_page("/").get_text()


def test_overview_statements_are_few_and_constant(app, client, session, make_caseworker, make_citizen, make_meeting):
    caseworker = make_caseworker()
    citizen = make_citizen(caseworker=caseworker)
    make_meeting(citizen, caseworker, days=1)
    log_in(client, citizen.email)
    engine = db.state(app).engine
    client.get("/")
    with StatementCounter(engine) as few:
        client.get("/")
    for days in range(2, 40):
        meeting = make_meeting(citizen, caseworker, days=days)
        session.add(Homework(citizen_id=citizen.id, meeting_id=meeting.id, title=f"Opgave {days}"))
    session.commit()
    with StatementCounter(engine) as many:
        assert client.get("/").status_code == 200
    assert few.count == many.count <= 8


def test_static_files_and_public_pages_do_not_touch_the_database(app, client):
    engine = db.state(app).engine
    with StatementCounter(engine) as counter:
        assert client.get("/static/css/portal.css").status_code == 200
    assert counter.count == 0


def test_jobcentre_text_is_marked_danish_on_english_pages(
    client, get_page, make_caseworker, make_citizen, make_meeting
):
    caseworker = make_caseworker()
    citizen = make_citizen(caseworker=caseworker, language="en")
    make_meeting(citizen, caseworker, place="Kanalstræde 2, mødelokale 3")
    log_in(client, citizen.email)
    place = get_page("/").find("dd", string="Kanalstræde 2, mødelokale 3")
    assert place["lang"] == "da"
