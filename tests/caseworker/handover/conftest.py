"""The team, the old and the new caseworker's browsers, a citizen already handed over, an app that sends
mail."""

from __future__ import annotations

import pytest

from portal.organisation.models import CitizenProfile
from tests.caseworker.handover.steps import BASE_URL, NOTE, Team, hand_over, handover_url
from tests.factories import log_in


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


@pytest.fixture
def mail_app(make_app, inbox):
    return make_app(SMTP_HOST="127.0.0.1", SMTP_PORT=inbox.port, BASE_URL=BASE_URL + "/")
