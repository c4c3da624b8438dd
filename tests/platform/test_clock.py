"""The portal's days are the jobcentres' days (Europe/Copenhagen), not the server's, which often
runs in UTC: between midnight in Copenhagen and midnight in UTC the two disagree on the date."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from freezegun import freeze_time
from sqlalchemy import select

from portal.clock import local_date, local_now, local_today
from portal.organisation.models import CaseloadAssignment
from tests.factories import log_in
from tests.pages import parse_page

#: 00:30 in Copenhagen on the next day: in winter (UTC+1) and in summer (UTC+2).
HALF_PAST_MIDNIGHT = [
    (datetime(2026, 12, 3, 23, 30, tzinfo=UTC), date(2026, 12, 4)),
    (datetime(2026, 7, 1, 22, 30, tzinfo=UTC), date(2026, 7, 2)),
]


@pytest.mark.parametrize("moment, copenhagen_day", HALF_PAST_MIDNIGHT)
def test_today_is_copenhagens_date_while_utc_is_still_on_yesterday(app, moment, copenhagen_day):
    with freeze_time(moment), app.app_context():
        assert moment.date() != copenhagen_day
        assert local_today() == copenhagen_day
        assert (local_now().hour, local_now().minute) == (0, 30)
        assert local_date(moment) == copenhagen_day


@pytest.mark.parametrize("moment, copenhagen_day", HALF_PAST_MIDNIGHT)
def test_a_joblog_entry_started_at_half_past_midnight_is_dated_today(
    client, make_caseworker, make_citizen, moment, copenhagen_day
):
    with freeze_time(moment):
        citizen = make_citizen(caseworker=make_caseworker())
        log_in(client, citizen.email)
        page = parse_page(client.get("/joblog/new"))
    assert page.find("input", id="applied_on")["value"] == f"{copenhagen_day:%-d.%-m.%Y}"


def test_a_caseworker_sees_a_citizen_assigned_from_copenhagens_today(
    client, session, make_caseworker, make_citizen, login
):
    """An assignment that starts on the local day counts from 00:00 Copenhagen time, not from 00:00 UTC."""
    moment, copenhagen_day = HALF_PAST_MIDNIGHT[0]
    with freeze_time(moment):
        caseworker = make_caseworker()
        citizen = make_citizen(caseworker=caseworker, name="Ny Borger")
        assignment = session.scalar(select(CaseloadAssignment).where(CaseloadAssignment.citizen_id == citizen.id))
        assignment.valid_from = copenhagen_day
        session.commit()
        login(caseworker)
        page = parse_page(client.get("/caseworker/"))
    assert "Ny Borger" in page.get_text()
