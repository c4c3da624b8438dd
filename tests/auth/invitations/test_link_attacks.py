"""An attacker with a wrong, guessed, leaked or someone else's link, or without the right role: nothing opens,
nothing fails with 5xx."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from portal.audit import AuditEntry
from portal.auth.models import Jobcentre, User
from tests.auth.invitations.steps import GARBAGE, NEW_PASSWORD, NEW_URL, invitation_rows, token_of, user_by_email
from tests.factories import csrf_token_from, log_in, post_form
from tests.pages import parse_page


@pytest.mark.parametrize("token", GARBAGE)
def test_garbage_tokens_answer_404_link_does_not_work(client, token):
    # test that made-up tokens show the 404 page "Linket virker ikke", for GET and for POST
    page = parse_page(client.get(f"/activate/{token}"), status=404)
    assert page.h1.get_text(strip=True) == "Linket virker ikke"
    csrf = csrf_token_from(client.get("/login").get_data(as_text=True))
    posted = client.post(
        f"/activate/{token}", data={"password": NEW_PASSWORD, "repeat": NEW_PASSWORD, "csrf_token": csrf}
    )
    assert posted.status_code == 404


@pytest.mark.parametrize(
    "path",
    [
        "/activate/",
        "/activate",
        "/activate/../login",
        "/activate/..%2f..%2fetc%2fpasswd",
        "/activate/a/b",
        "/activate/%2e%2e/%2e%2e/",
    ],
)
def test_malformed_activation_paths_never_fail_with_5xx(client, path):
    # test that paths that do not hold exactly one token segment answer 404, never 5xx
    response = client.get(path)
    assert response.status_code == 404
    assert "Velkommen til Min Plan" not in response.get_data(as_text=True)


def test_a_near_miss_of_a_real_token_does_not_work(client, invited):
    # test that the real token with one character changed, upper-cased or cut short is unknown
    _citizen, link = invited
    token = token_of(link)
    flipped = token[:-1] + ("A" if token[-1] != "A" else "B")
    for guess in (flipped, token.upper() if token.upper() != token else token.lower(), token[:-1], token + "x"):
        assert client.get(f"/activate/{guess}").status_code == 404, guess
    assert client.get(link).status_code == 200


def test_link_of_a_deactivated_citizen_does_not_work(citizen_client, invited, session):
    # test that deactivating the citizen makes their open link unknown (404)
    citizen, link = invited
    stored = user_by_email(session, citizen.email)
    stored.is_active = False
    session.commit()
    assert parse_page(citizen_client.get(link), status=404).h1.get_text(strip=True) == "Linket virker ikke"


def test_link_page_does_not_leak_the_token_to_other_sites(citizen_client, invited):
    # test that the activation page is not stored and sends no Referer with the token to other sites
    _citizen, link = invited
    response = citizen_client.get(link)
    assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["Referrer-Policy"] in {"same-origin", "no-referrer", "strict-origin"}


def test_activation_post_without_csrf_token_is_refused(citizen_client, invited, session):
    # test that a cross-site POST (no CSRF token) cannot set the password
    citizen, link = invited
    response = citizen_client.post(link, data={"password": NEW_PASSWORD, "repeat": NEW_PASSWORD})
    assert response.status_code == 400
    assert user_by_email(session, citizen.email).password_hash is None


def test_activation_posts_are_rate_limited(citizen_client, invited, session):
    # test that guessing through the password form is limited like login (429 after a burst)
    citizen, link = invited
    csrf = csrf_token_from(citizen_client.get(link).get_data(as_text=True))
    statuses = [
        citizen_client.post(link, data={"password": "short", "repeat": "short", "csrf_token": csrf}).status_code
        for _ in range(15)
    ]
    assert statuses[0] == 200 and 429 in statuses
    assert user_by_email(session, citizen.email).password_hash is None


def test_other_caseworker_cannot_renew_someone_elses_link(app, invited, make_caseworker, session, caseworker):
    # test that a colleague (same jobcentre) gets 404 for a citizen who is not theirs, and no link is made
    citizen, link = invited
    colleague = make_caseworker(jobcentre=session.get(Jobcentre, caseworker.jobcentre_id))
    other = app.test_client()
    log_in(other, colleague.email)
    response = post_form(other, f"/caseworker/citizens/{citizen.id}/invitation", page_url="/caseworker/")
    assert response.status_code == 404
    assert "Giv borgeren linket" not in response.get_data(as_text=True)
    rows = invitation_rows(session, citizen.id)
    assert len(rows) == 1 and rows[0].revoked_at is None, "the citizen's link still works"
    assert app.test_client().get(link).status_code == 200
    denied = session.scalars(
        select(AuditEntry).where(AuditEntry.action == "access.denied", AuditEntry.actor_id == colleague.id)
    ).all()
    assert len(denied) == 1


def test_caseworker_at_another_jobcentre_gets_404(app, invited, make_caseworker, session):
    # test that a caseworker elsewhere cannot renew the link either
    citizen, _link = invited
    stranger = make_caseworker()
    other = app.test_client()
    log_in(other, stranger.email)
    assert post_form(other, f"/caseworker/citizens/{citizen.id}/invitation", page_url="/caseworker/").status_code == 404
    assert post_form(other, "/caseworker/citizens/999999/invitation", page_url="/caseworker/").status_code == 404
    assert len(invitation_rows(session, citizen.id)) == 1


def test_renew_without_csrf_token_is_refused(cw_client, invited, session):
    # test that a cross-site POST cannot replace the citizen's link
    citizen, link = invited
    response = cw_client.post(f"/caseworker/citizens/{citizen.id}/invitation")
    assert response.status_code == 400
    assert len(invitation_rows(session, citizen.id)) == 1


def test_citizen_gets_403_on_the_invitation_form(client, make_citizen, session):
    # test that a logged-in citizen can neither see nor send the caseworker's invitation form
    citizen = make_citizen()
    log_in(client, citizen.email)
    assert client.get(NEW_URL).status_code == 403
    response = post_form(client, NEW_URL, {"name": "Snyd", "email": "snyd@example.dk"})
    assert response.status_code == 403
    assert session.scalar(select(User).where(User.email == "snyd@example.dk")) is None


def test_anonymous_is_sent_to_login_from_the_invitation_form(client, session):
    # test that nobody logged out can add a citizen
    assert client.get(NEW_URL).status_code == 302
    response = post_form(client, NEW_URL, {"name": "Snyd", "email": "snyd@example.dk"}, page_url="/login")
    assert response.status_code == 302 and response.headers["Location"].startswith("/login")
    assert session.scalar(select(User).where(User.email == "snyd@example.dk")) is None
