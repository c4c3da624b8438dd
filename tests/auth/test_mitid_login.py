""" "Log ind med MitID", driven for real: the portal, the development MitID broker as its own process,
HTTP redirects, the token endpoint with private_key_jwt, the provider's keys. Every way it can go
wrong gets a clear page and an audit row, and no token or CPR number lands in a log or the audit."""

from __future__ import annotations

import json
import logging
import re
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from sqlalchemy import select

from portal.audit import AuditEntry
from portal.auth import cpr
from portal.auth.models import AuthSession
from tests.identity import arm_fault, choose_at_provider, go_to_provider, log_in_through, mitid, portal_path
from tests.pages import parse_page

MARIA_CPR = "0104901234"
CPR_PATTERN = re.compile(r"\d{6}-?\d{4}")


@pytest.fixture
def portal(federated_app):
    return federated_app.test_client()


@pytest.fixture
def maria(federated_app, make_citizen):
    return make_citizen(name="Maria Jensen", cpr_hash=cpr.keyed_hash(MARIA_CPR, federated_app.config["CPR_KEY"]))


def failures(session) -> list[dict]:

    rows = session.scalars(select(AuditEntry).where(AuditEntry.action == "login.failed").order_by(AuditEntry.id))
    return [json.loads(row.detail) for row in rows]


def audit_text(session) -> str:
    return " ".join(f"{row.action} {row.detail}" for row in session.scalars(select(AuditEntry)))


def test_the_login_page_offers_mitid_first(federated_app):
    page = parse_page(federated_app.test_client().get("/login"))
    buttons = [button.get_text(strip=True) for button in page.find("main").find_all("button")]
    assert buttons[0] == "Log ind med MitID"
    assert "Log ind som medarbejder" in buttons


def test_the_redirect_asks_for_a_code_with_pkce_state_and_nonce(portal, devidp):
    url = go_to_provider(portal, "mitid")
    assert url.startswith(f"{devidp}/mitid/")
    query = {key: values[0] for key, values in parse_qs(urlsplit(url).query).items()}
    assert query["response_type"] == "code" and query["client_id"] == "min-plan"
    assert query["code_challenge_method"] == "S256" and len(query["code_challenge"]) >= 43
    assert len(query["state"]) >= 20 and len(query["nonce"]) >= 20
    assert query["redirect_uri"] == "http://portal.test/login/mitid/callback"
    assert set(query["scope"].split()) == {"openid", "profile", "mitid"}
    assert query["prompt"] == "login", "the provider asks who is there every time"


def test_a_known_citizen_logs_in_and_lands_on_their_overview(portal, maria, session, caplog):
    caplog.set_level(logging.DEBUG)
    trip = log_in_through(portal, "mitid", mitid("maria"))
    assert trip.response.status_code == 302 and trip.response.headers["Location"] == "/"
    assert parse_page(portal.get("/")).h1.get_text(strip=True) == "Hej Maria"
    login = session.scalars(select(AuthSession).where(AuthSession.user_id == maria.id)).one()
    assert login.provider == "mitid" and login.provider_sid and login.provider_subject == "maria"
    row = session.scalars(select(AuditEntry).where(AuditEntry.action == "login.succeeded")).one()
    assert row.actor_id == maria.id and '"level": "substantial"' in row.detail
    assert not CPR_PATTERN.search(audit_text(session) + caplog.text)


def test_the_page_asked_for_before_login_opens_after_it(portal, maria):
    trip = log_in_through(portal, "mitid", mitid("maria", "High"), next_url="/joblog/")
    assert trip.response.headers["Location"] == "/joblog/"


def test_a_level_below_substantial_is_refused_with_what_to_do(portal, maria, session):
    trip = log_in_through(portal, "mitid", mitid("maria", "Low"))
    page = parse_page(trip.response, status=403)
    assert page.h1.get_text(strip=True) == "Dit login med MitID er ikke sikkert nok"
    assert "MitID-appen" in page.get_text()
    assert failures(session)[-1] == {"provider": "mitid", "reason": "level_too_low", "level": "low"}
    assert portal.get("/").status_code == 302, "not logged in"


def test_the_minimum_level_is_a_setting(make_app, devidp, client_key, maria, session):
    strict = make_app(
        BASE_URL="http://portal.test",
        MITID_ISSUER=f"{devidp}/mitid",
        MITID_PRIVATE_KEY_FILE=str(client_key.private_file),
        MITID_MIN_LEVEL="High",
    )
    trip = log_in_through(strict.test_client(), "mitid", mitid("maria", "Substantial"))
    assert trip.response.status_code == 403
    trip = log_in_through(strict.test_client(), "mitid", mitid("maria", "High"))
    assert trip.response.status_code == 302


def test_an_unknown_cpr_number_gets_contact_your_jobcentre(portal, maria, session, caplog):
    caplog.set_level(logging.DEBUG)
    trip = log_in_through(portal, "mitid", mitid("peter"))
    page = parse_page(trip.response, status=403)
    assert page.h1.get_text(strip=True) == "Vi kan ikke finde dig i Min Plan"
    assert "Kontakt dit jobcenter" in page.get_text()
    assert failures(session)[-1] == {"provider": "mitid", "reason": "unknown_cpr"}
    assert "2011754321" not in audit_text(session) + caplog.text + trip.response.get_data(as_text=True)


def test_no_cpr_claim_is_refused(portal, session):
    trip = log_in_through(portal, "mitid", mitid("anna"))
    assert parse_page(trip.response, status=403).h1.get_text(strip=True) == "Vi fik ikke dit CPR-nummer"
    assert failures(session)[-1]["reason"] == "no_cpr"


def test_a_deactivated_citizen_is_refused(federated_app, make_citizen, session):
    make_citizen(active=False, cpr_hash=cpr.keyed_hash(MARIA_CPR, federated_app.config["CPR_KEY"]))
    trip = log_in_through(federated_app.test_client(), "mitid", mitid("maria"))
    assert parse_page(trip.response, status=403).h1.get_text(strip=True) == "Din adgang til Min Plan er lukket"


def test_cancelling_at_mitid_comes_back_to_a_clear_page(portal, session):
    trip = log_in_through(portal, "mitid", {"action": "cancel"})
    page = parse_page(trip.response)
    assert page.h1.get_text(strip=True) == "Du afbrød login"
    assert failures(session)[-1]["reason"] == "cancelled"


def test_a_replayed_callback_is_refused(portal, maria, session):
    trip = log_in_through(portal, "mitid", mitid("maria"))
    assert trip.response.status_code == 302
    other_browser = portal.application.test_client()
    assert other_browser.get(portal_path(trip.callback)).status_code == 400
    # And in the same browser, after its state was used up, the code does not log in again.
    portal.post("/logout", data={})
    assert portal.get(portal_path(trip.callback)).status_code == 400
    assert failures(session)[-1]["reason"] == "state"


@pytest.mark.parametrize("spoil", ["wrong", "missing"])
def test_a_wrong_or_missing_state_is_refused(portal, maria, session, spoil):
    idp_url = go_to_provider(portal, "mitid")

    callback = choose_at_provider(requests.Session(), idp_url, mitid("maria"))
    query = {key: values[0] for key, values in parse_qs(urlsplit(callback).query).items()}
    query.pop("state")
    if spoil == "wrong":
        query["state"] = "not-the-state-the-portal-sent"
    response = portal.get("/login/mitid/callback", query_string=query)
    page = parse_page(response, status=400)
    assert page.h1.get_text(strip=True) == "Login kunne ikke gennemføres"
    assert failures(session)[-1]["reason"] == "state"
    assert portal.get("/").status_code == 302


def test_a_code_replayed_with_fresh_state_is_refused_by_the_provider(portal, maria, session):
    """An attacker who copies a used code into a new login of their own: the provider's token
    endpoint refuses the second use."""
    first = log_in_through(portal, "mitid", mitid("maria"))
    code = parse_qs(urlsplit(first.callback).query)["code"][0]
    attacker = portal.application.test_client()

    callback = choose_at_provider(requests.Session(), go_to_provider(attacker, "mitid"), mitid("peter"))
    query = {key: values[0] for key, values in parse_qs(urlsplit(callback).query).items()}
    query["code"] = code
    response = attacker.get("/login/mitid/callback", query_string=query)
    assert response.status_code == 400
    assert failures(session)[-1]["reason"] == "provider_error"


@pytest.mark.parametrize(
    ("fault", "error"),
    [
        ("wrong-issuer", "InvalidClaimError"),
        ("wrong-audience", "InvalidClaimError"),
        ("expired", "ExpiredTokenError"),
        ("wrong-nonce", "InvalidClaimError"),
        ("other-key", "BadSignatureError"),
    ],
)
def test_an_id_token_that_fails_a_check_is_refused(portal, maria, devidp, session, caplog, fault, error):
    caplog.set_level(logging.DEBUG)
    arm_fault(devidp, fault)
    trip = log_in_through(portal, "mitid", mitid("maria"))
    page = parse_page(trip.response, status=400)
    assert page.h1.get_text(strip=True) == "Vi kunne ikke bekræfte dit login"
    assert failures(session)[-1] == {"provider": "mitid", "reason": "invalid_token", "error": error}
    assert portal.get("/").status_code == 302
    assert "eyJ" not in caplog.text + audit_text(session), "no token in a log or the audit"


def test_a_slow_provider_gets_a_friendly_page_not_an_error(make_app, devidp, client_key, maria, session):
    impatient = make_app(
        BASE_URL="http://portal.test",
        MITID_ISSUER=f"{devidp}/mitid",
        MITID_PRIVATE_KEY_FILE=str(client_key.private_file),
        OIDC_TIMEOUT_SECONDS=1,
    )
    arm_fault(devidp, "slow")
    trip = log_in_through(impatient.test_client(), "mitid", mitid("maria"))
    page = parse_page(trip.response)
    assert page.h1.get_text(strip=True) == "Login svarer ikke lige nu"
    assert failures(session)[-1] == {"provider": "mitid", "reason": "unreachable", "error": "ReadTimeout"}


def test_a_provider_that_is_down_gets_a_friendly_page(make_app, client_key, session):
    down = make_app(
        BASE_URL="http://portal.test",
        MITID_ISSUER="http://127.0.0.1:9/mitid",
        MITID_PRIVATE_KEY_FILE=str(client_key.private_file),
    )
    client = down.test_client()
    token = parse_page(client.get("/login")).find("input", attrs={"name": "csrf_token"})["value"]
    response = client.post("/login/mitid", data={"csrf_token": token})
    assert parse_page(response).h1.get_text(strip=True) == "Login svarer ikke lige nu"
    assert failures(session)[-1] == {"provider": "mitid", "reason": "unreachable", "error": "ConnectionError"}


def test_a_callback_naming_another_issuer_is_refused(portal, maria, session):

    callback = choose_at_provider(requests.Session(), go_to_provider(portal, "mitid"), mitid("maria"))
    query = {key: values[0] for key, values in parse_qs(urlsplit(callback).query).items()}
    assert "iss" in query, "the provider names itself (RFC 9207)"
    query["iss"] = "https://login.example.net"
    assert portal.get("/login/mitid/callback", query_string=query).status_code == 400
    assert failures(session)[-1]["reason"] == "wrong_issuer"


def test_strange_callbacks_never_give_a_server_error(portal):
    for query in (
        {},
        {"code": "x"},
        {"state": "x"},
        {"error": "server_error"},
        {"error": "access_denied", "state": "x"},
        {"code": "\x00", "state": "\u202e"},
    ):
        assert portal.get("/login/mitid/callback", query_string=query).status_code < 500, query
    assert portal.get("/login/nowhere/callback").status_code == 404


def test_forms_may_lead_only_here_and_to_the_providers(federated_app, app, devidp):
    policy = federated_app.test_client().get("/login").headers["Content-Security-Policy"]
    assert f"form-action 'self' {devidp};" in policy
    assert "form-action 'self';" in app.test_client().get("/login").headers["Content-Security-Policy"]
