"""The development identity provider speaks real OpenID Connect: discovery, the login page, the
authorization code flow with PKCE, client authentication and signed ID tokens."""

from __future__ import annotations

import time
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from authlib.integrations.requests_client import OAuth2Session, OAuthError
from authlib.oauth2.rfc7523 import PrivateKeyJWT
from bs4 import BeautifulSoup
from joserfc import jwt
from joserfc.errors import BadSignatureError
from joserfc.jwk import KeySet

from tests.identity import PORTAL, STAFF_SECRET
from tests.identity import arm_fault as arm


def discover(base: str, name: str) -> dict:
    return requests.get(f"{base}/{name}/.well-known/openid-configuration", timeout=5).json()


def log_in(base, name, client, scope, choices):
    """Drive the provider's login page as a person would; returns the callback's query and the verifier."""
    metadata = discover(base, name)
    browser = requests.Session()
    url, state = client.create_authorization_url(
        metadata["authorization_endpoint"], code_verifier="v" * 48, nonce="n-123", scope=scope
    )
    page = browser.get(url, timeout=5)
    assert page.status_code == 200
    form = BeautifulSoup(page.text, "html.parser").find("form")
    assert form is not None, "the login page has a form"
    answer = browser.post(page.url, data=choices, timeout=5, allow_redirects=False)
    while answer.status_code in (302, 303) and not answer.headers["location"].startswith(PORTAL):
        answer = browser.get(answer.headers["location"], timeout=5, allow_redirects=False)
    location = answer.headers["location"]
    assert location.startswith(f"{PORTAL}/login/{name}/callback")
    query = {k: v[0] for k, v in parse_qs(urlsplit(location).query).items()}
    assert query["state"] == state
    return metadata, query


def id_token_claims(metadata, token) -> dict:
    keys = KeySet.import_key_set(requests.get(metadata["jwks_uri"], timeout=5).json())
    return jwt.decode(token["id_token"], keys).claims


def staff_client() -> OAuth2Session:
    return OAuth2Session(
        "min-plan-staff", STAFF_SECRET, redirect_uri=f"{PORTAL}/login/staff/callback", code_challenge_method="S256"
    )


def staff_token(base: str) -> tuple[dict, dict]:
    """Karen's login through the staff provider, up to the token response."""
    client = staff_client()
    metadata, query = log_in(base, "staff", client, "openid", {"identity": "karen", "mfa": "yes", "action": "login"})
    return metadata, client.fetch_token(metadata["token_endpoint"], code=query["code"], code_verifier="v" * 48)


def test_both_issuers_publish_their_configuration(devidp):
    for name in ("mitid", "staff"):
        metadata = discover(devidp, name)
        assert metadata["issuer"] == f"{devidp}/{name}"
        assert metadata["backchannel_logout_supported"] is True
        assert "end_session_endpoint" in metadata
    assert any(v.endswith("/Substantial") for v in discover(devidp, "mitid")["acr_values_supported"])


def test_mitid_login_with_private_key_jwt_gives_cpr_and_level(devidp, client_key):
    client = OAuth2Session(
        "min-plan",
        client_key.private_pem,
        token_endpoint_auth_method="private_key_jwt",
        redirect_uri=f"{PORTAL}/login/mitid/callback",
        code_challenge_method="S256",
    )
    client.register_client_auth_method(PrivateKeyJWT())
    metadata, query = log_in(
        devidp, "mitid", client, "openid profile mitid", {"identity": "maria", "level": "High", "action": "login"}
    )
    token = client.fetch_token(metadata["token_endpoint"], code=query["code"], code_verifier="v" * 48)
    claims = id_token_claims(metadata, token)
    assert claims["dk:cpr"] == "0104901234"
    assert claims["acr"].endswith("/nsis/loa/High")
    assert claims["nonce"] == "n-123" and claims["aud"] == "min-plan" and "sid" in claims


def test_staff_login_with_a_secret_says_whether_mfa_was_used(devidp):
    for mfa, expected in (("yes", ["pwd", "mfa"]), ("no", ["pwd"])):
        client = staff_client()
        metadata, query = log_in(
            devidp, "staff", client, "openid profile email groups", {"identity": "karen", "mfa": mfa, "action": "login"}
        )
        claims = id_token_claims(
            metadata, client.fetch_token(metadata["token_endpoint"], code=query["code"], code_verifier="v" * 48)
        )
        assert claims["amr"] == expected
        assert "minplan-sagsbehandler" in claims["groups"] and claims["email"] == "caseworker@demo.dk"


def test_cancel_comes_back_as_access_denied(devidp):
    client = staff_client()
    _metadata, query = log_in(devidp, "staff", client, "openid", {"action": "cancel"})
    assert query["error"] == "access_denied" and "code" not in query


def test_a_code_works_once(devidp):
    client = staff_client()
    metadata, query = log_in(devidp, "staff", client, "openid", {"identity": "lene", "mfa": "yes", "action": "login"})
    client.fetch_token(metadata["token_endpoint"], code=query["code"], code_verifier="v" * 48)
    with pytest.raises(OAuthError, match="invalid_grant"):
        client.fetch_token(metadata["token_endpoint"], code=query["code"], code_verifier="v" * 48)


@pytest.mark.parametrize(
    "fault, claim, spoiled",
    [
        ("wrong-issuer", "iss", "https://login.example.net"),
        ("wrong-audience", "aud", "another-service"),
        ("wrong-nonce", "nonce", "not-the-nonce-you-sent"),
    ],
)
def test_test_hooks_change_one_claim_and_keep_a_valid_signature(devidp, fault, claim, spoiled):
    arm(devidp, fault)
    metadata, token = staff_token(devidp)
    assert id_token_claims(metadata, token)[claim] == spoiled
    _metadata, next_token = staff_token(devidp)
    assert id_token_claims(metadata, next_token)[claim] != spoiled, "a fault spoils one response only"


def test_test_hooks_expire_a_token(devidp):
    arm(devidp, "expired")
    metadata, token = staff_token(devidp)
    assert id_token_claims(metadata, token)["exp"] < time.time() - 3000


def test_test_hooks_sign_with_a_key_the_provider_does_not_publish(devidp):
    arm(devidp, "other-key")
    metadata, token = staff_token(devidp)
    with pytest.raises(BadSignatureError):
        id_token_claims(metadata, token)


def test_test_hooks_slow_the_token_endpoint(devidp):
    client = staff_client()
    metadata, query = log_in(devidp, "staff", client, "openid", {"identity": "karen", "mfa": "yes", "action": "login"})
    arm(devidp, "slow")
    with pytest.raises(requests.exceptions.Timeout):
        client.fetch_token(metadata["token_endpoint"], code=query["code"], code_verifier="v" * 48, timeout=1)
