"""Logging out of a login that came through a provider: the portal's session ends and the person is
sent to the provider's end-session endpoint; and when the provider ends its session first, its
back-channel logout token ends the portal's session too (driven for real: the provider calls a
portal served over HTTP)."""

from __future__ import annotations

import json
import time
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from cryptography.hazmat.primitives.asymmetric import rsa
from joserfc import jwt
from joserfc.jwk import RSAKey
from sqlalchemy import select

from portal.audit import AuditEntry
from portal.auth import cpr
from portal.auth.models import AuthSession
from tests.factories import csrf_token_from, log_in
from tests.identity import (
    PORTAL,
    LateApp,
    choose_at_provider,
    confirm_provider_logout,
    log_in_through,
    mitid,
    portal_path,
    running_devidp,
    serving,
    signed_by_provider,
)

MARIA_CPR = "0104901234"


@pytest.fixture
def maria(federated_app, make_citizen):
    return make_citizen(name="Maria Jensen", cpr_hash=cpr.keyed_hash(MARIA_CPR, federated_app.config["CPR_KEY"]))


def test_logout_ends_the_session_and_goes_to_the_providers_end_session(federated_app, maria, devidp, session):
    portal = federated_app.test_client()
    trip = log_in_through(portal, "mitid", mitid("maria"))
    cookie = portal.get_cookie("session").value
    token = csrf_token_from(portal.get("/").get_data(as_text=True))
    response = portal.post("/logout", data={"csrf_token": token})
    end_session = response.headers["Location"]
    assert end_session.startswith(f"{devidp}/mitid/session/end")
    query = {key: values[0] for key, values in parse_qs(urlsplit(end_session).query).items()}
    assert query["client_id"] == "min-plan" and query["post_logout_redirect_uri"] == f"{PORTAL}/logout/done"
    assert "id_token_hint" not in query, "the portal keeps no ID token: it holds the CPR number"
    # The old cookie opens nothing any more.
    replay = federated_app.test_client()
    replay.set_cookie("session", cookie)
    assert replay.get("/").status_code == 302
    # The provider asks, then sends the person back to the portal's logout page.
    back = confirm_provider_logout(trip.idp, end_session)
    assert back.headers["location"].startswith(f"{PORTAL}/logout/done")
    done = portal.get(portal_path(back.headers["location"]))
    assert done.headers["Location"] == "/login?reason=logout"


def test_a_password_login_logs_out_without_a_provider(federated_app, make_citizen):

    portal = federated_app.test_client()
    log_in(portal, make_citizen().email)
    token = csrf_token_from(portal.get("/").get_data(as_text=True))
    assert portal.post("/logout", data={"csrf_token": token}).headers["Location"] == "/login?reason=logout"


@pytest.fixture(scope="module")
def portal_server():
    late = LateApp()
    with serving(late) as url:
        yield late, url


@pytest.fixture(scope="module")
def devidp_calling_back(client_key, portal_server):
    """A provider whose back-channel logout reaches the portal served over HTTP."""
    _late, url = portal_server
    yield from running_devidp(client_key, url)


@pytest.fixture
def served(make_app, portal_server, devidp_calling_back, client_key):
    late, url = portal_server
    late.app = make_app(
        BASE_URL=url,
        MITID_ISSUER=f"{devidp_calling_back}/mitid",
        MITID_PRIVATE_KEY_FILE=str(client_key.private_file),
        RATELIMIT_ENABLED=False,
    )
    return late.app, url


def test_the_providers_back_channel_logout_ends_the_portal_session(served, devidp_calling_back, make_citizen, session):
    app, url = served
    citizen = make_citizen(cpr_hash=cpr.keyed_hash(MARIA_CPR, app.config["CPR_KEY"]))
    browser = requests.Session()
    token = csrf_token_from(browser.get(f"{url}/login", timeout=10).text)
    start = browser.post(f"{url}/login/mitid", data={"csrf_token": token}, allow_redirects=False, timeout=10)
    callback = choose_at_provider(browser, start.headers["location"], mitid("maria"), portal=url)
    assert browser.get(callback, allow_redirects=False, timeout=10).headers["location"] == "/"
    assert browser.get(f"{url}/", allow_redirects=False, timeout=10).status_code == 200

    # The person logs out at the provider itself (not through the portal).
    confirm_provider_logout(browser, f"{devidp_calling_back}/mitid/session/end")

    assert browser.get(f"{url}/", allow_redirects=False, timeout=10).status_code == 302
    session.expire_all()
    login = session.scalars(select(AuthSession).where(AuthSession.user_id == citizen.id)).one()
    assert login.end_reason == "provider"
    row = session.scalars(select(AuditEntry).where(AuditEntry.action == "logout.backchannel")).one()
    assert json.loads(row.detail) == {"provider": "mitid", "sessions_ended": 1}


def stranger_token(issuer: str) -> str:
    """A logout token right in every claim, signed by a key that is not the provider's."""
    key = RSAKey.import_key(rsa.generate_private_key(public_exponent=65537, key_size=2048))
    claims = {
        "iss": issuer,
        "aud": "min-plan",
        "iat": int(time.time()),
        "jti": "x",
        "sid": "any",
        "events": {"http://schemas.openid.net/event/backchannel-logout": {}},
    }
    return jwt.encode({"alg": "RS256", "kid": "stranger"}, claims, key)


@pytest.mark.parametrize("kind", ["empty", "garbage", "unsigned", "stranger's key"])
def test_a_logout_token_the_portal_cannot_trust_is_refused(federated_app, devidp, maria, session, kind):
    portal = federated_app.test_client()
    log_in_through(portal, "mitid", mitid("maria"))
    logout_token = {
        "empty": "",
        "garbage": "not-a-token",
        "unsigned": "eyJhbGciOiJub25lIn0.eyJzaWQiOiJhbnkifQ.",
        "stranger's key": stranger_token(f"{devidp}/mitid"),
    }[kind]
    response = federated_app.test_client().post("/logout/backchannel/mitid", data={"logout_token": logout_token})
    assert response.status_code == 400 and response.headers["Cache-Control"] == "no-store"
    assert session.scalars(select(AuditEntry).where(AuditEntry.action == "logout.backchannel_refused")).one()
    assert portal.get("/").status_code == 200, "still logged in"


def logout_claims(devidp: str, session_id: str, changes: dict) -> dict:
    now = int(time.time())
    claims = {
        "iss": f"{devidp}/mitid",
        "aud": "min-plan",
        "iat": now,
        "exp": now + 120,
        "jti": f"jti-{now}",
        "sid": session_id,
        "events": {"http://schemas.openid.net/event/backchannel-logout": {}},
    }
    claims.update(changes)
    return {key: value for key, value in claims.items() if value is not None}


@pytest.mark.parametrize(
    ("changes", "accepted"),
    [
        ({}, True),
        ({"iat": int(time.time()) + 30}, True),  # the provider's clock a little ahead
        ({"iss": "https://login.example.net/mitid"}, False),
        ({"aud": "another-service"}, False),
        ({"events": None}, False),
        ({"events": {"urn:other-event": {}}}, False),
        ({"nonce": "n"}, False),
        ({"iat": int(time.time()) - 600}, False),
        ({"exp": int(time.time()) - 120}, False),
        ({"exp": None}, False),
        ({"jti": None}, False),
        ({"sid": None}, False),
        ({"sid": 5}, False),
    ],
)
def test_each_rule_of_a_logout_token_holds(federated_app, devidp, maria, session, changes, accepted):
    portal = federated_app.test_client()
    log_in_through(portal, "mitid", mitid("maria"))
    sid = session.scalars(select(AuthSession).where(AuthSession.user_id == maria.id)).one().provider_sid
    token = signed_by_provider(devidp, "mitid", logout_claims(devidp, sid, changes))
    response = federated_app.test_client().post("/logout/backchannel/mitid", data={"logout_token": token})
    assert response.status_code == (200 if accepted else 400)
    assert portal.get("/").status_code == (302 if accepted else 200)
