"""A caseworker at a jobcentre, logged in; a citizen's browser; a citizen invited by that caseworker."""

from __future__ import annotations

import pytest

from tests.auth.invitations.steps import BASE_URL, add_citizen, link_on, path_of, user_by_email
from tests.factories import log_in


@pytest.fixture
def caseworker(make_caseworker):
    return make_caseworker(name="Sofie Sagsbehandler")


@pytest.fixture
def cw_client(client, caseworker):
    """The caseworker's browser, logged in."""
    assert log_in(client, caseworker.email).status_code == 302
    return client


@pytest.fixture
def citizen_client(app):
    """The citizen's own browser (no one logged in)."""
    return app.test_client()


@pytest.fixture
def invited(cw_client, session):
    """A citizen the caseworker has just added: (citizen row, the link's path)."""
    url = link_on(add_citizen(cw_client))
    return user_by_email(session, "anna.holm@example.dk"), path_of(url)


@pytest.fixture
def mail_client(make_app, inbox, caseworker):
    """The caseworker's browser on an app with SMTP and a public BASE_URL."""
    mail_app = make_app(SMTP_HOST="127.0.0.1", SMTP_PORT=inbox.port, BASE_URL=BASE_URL + "/")
    browser = mail_app.test_client()
    assert log_in(browser, caseworker.email).status_code == 302
    return browser
