"""The portal as an OpenID Connect relying party of two providers: a MitID broker for citizens
("mitid") and the municipality's own login for staff ("staff").

Authlib does the protocol: discovery from the issuer, the authorization code flow with PKCE, state
and nonce, client authentication (private_key_jwt or client_secret_basic), and the ID token's
checks (signature against the provider's keys, issuer, audience, expiry, nonce). This module adds
what is the portal's own: which claims say how sure the login is (NSIS level, MFA), who the
person is to the portal (CPR claim, role and jobcentre groups), and the back-channel logout token.
Nothing here writes to the database.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path
from typing import Any

from authlib.integrations.flask_client import OAuth
from authlib.oauth2.rfc7523 import PrivateKeyJWT
from flask import Flask, current_app
from joserfc import jwt
from joserfc.errors import InvalidKeyIdError, JoseError
from joserfc.jwk import KeySet
from joserfc.jws import JWSRegistry

from portal.config import ConfigError

PROVIDERS = ("mitid", "staff")
#: NSIS assurance levels, weakest first; a level is compared by the last word of its URI.
NSIS_LEVELS = ("low", "substantial", "high")
BACKCHANNEL_EVENT = "http://schemas.openid.net/event/backchannel-logout"
#: A logout token older than this is refused (the provider sends it as the logout happens).
LOGOUT_TOKEN_MAX_AGE_SECONDS = 300
#: Clocks differ a little: a token issued "in the future" by this much is still taken.
LOGOUT_TOKEN_LEEWAY_SECONDS = 60
_EXTENSION = "min_plan_oidc"

log = logging.getLogger(__name__)


class InvalidLogoutToken(ValueError):
    """A back-channel logout token the portal does not trust; the reason is for the audit row."""


def init_app(app: Flask) -> None:
    """Register the providers whose issuer is set; each app has a registry of its own."""
    registry = OAuth()
    registry.init_app(app)
    for name in PROVIDERS:
        if not app.config.get(_key(name, "ISSUER")):
            continue
        try:
            settings = _client_settings(app.config, name)
        except ConfigError as error:
            if app.config["PORTAL_ENV"] == "production":
                raise
            # In development the provider's key is made by `make run`; without it the login is
            # simply not offered, so the tests and the command line work on a fresh clone.
            log.warning("%s login is off: %s", name, error)
            app.config[_key(name, "ISSUER")] = None
            continue
        registry.register(name, overwrite=True, **settings)
    app.extensions[_EXTENSION] = registry


def _key(name: str, setting: str) -> str:
    return f"{name.upper()}_{setting}"


def _client_settings(config, name: str) -> dict[str, Any]:
    issuer = config[_key(name, "ISSUER")].rstrip("/")
    method = config[_key(name, "CLIENT_AUTH")]
    settings: dict[str, Any] = {
        "client_id": config[_key(name, "CLIENT_ID")],
        "server_metadata_url": f"{issuer}/.well-known/openid-configuration",
        "client_kwargs": {
            "scope": config[_key(name, "SCOPE")],
            "code_challenge_method": "S256",
            "token_endpoint_auth_method": method,
            "default_timeout": config["OIDC_TIMEOUT_SECONDS"],
        },
    }
    if method == "private_key_jwt":
        # Authlib signs the client assertion with the PEM it is given as the secret.
        settings["client_secret"] = _private_key(config[_key(name, "PRIVATE_KEY_FILE")], name)
        settings["client_auth_methods"] = [PrivateKeyJWT()]
    else:
        settings["client_secret"] = config[_key(name, "CLIENT_SECRET")]
    return settings


def _private_key(path: str | None, name: str) -> bytes:
    try:
        return Path(path or "").read_bytes()
    except OSError:
        raise ConfigError(
            f"{_key(name, 'PRIVATE_KEY_FILE')} ({path}) cannot be read: `make run` makes the development key"
        ) from None


def issuer(name: str) -> str:
    """The provider's issuer as configured: its discovery document and its tokens must name it."""
    return current_app.config[_key(name, "ISSUER")].rstrip("/")


def configured(name: str) -> bool:
    return name in PROVIDERS and bool(current_app.config.get(_key(name, "ISSUER")))


def client(name: str):
    """The provider's Authlib client (FlaskOAuth2App); only for a configured provider."""
    registry: OAuth = current_app.extensions[_EXTENSION]
    remote = registry.create_client(name)
    if remote is None:
        raise LookupError(f"the {name} provider is not configured")
    return remote


def nsis_level(claims: dict) -> str | None:
    """The NSIS level a broker states in `acr` or `loa`, as low | substantial | high.

    Brokers write it as a URI or a bare word (`https://data.gov.dk/concept/core/nsis/loa/Substantial`,
    `…/nsis/Substantial`, `Substantial`): the last word decides.
    """
    for claim in ("acr", "loa"):
        value = claims.get(claim)
        if isinstance(value, str) and value:
            word = value.rstrip("/").rsplit("/", 1)[-1].strip().lower()
            if word in NSIS_LEVELS:
                return word
    return None


def level_suffices(level: str | None, minimum: str) -> bool:
    if level is None:
        return False
    return NSIS_LEVELS.index(level) >= NSIS_LEVELS.index(minimum.strip().lower())


def cpr_claim(claims: dict) -> str | None:
    value = claims.get(current_app.config["MITID_CPR_CLAIM"])
    return value if isinstance(value, str) else None


def _claim_values(claims: dict, name: str) -> set[str]:
    value = claims.get(name)
    if isinstance(value, str):
        return set(value.split())
    if isinstance(value, list):
        return {item for item in value if isinstance(item, str)}
    return set()


def _mapping(setting: str) -> dict[str, str]:
    """`group=value group2=value2` from the configuration, as a dict."""
    pairs = (item.split("=", 1) for item in current_app.config[setting].split() if "=" in item)
    return dict(pairs)


def has_mfa(claims: dict) -> bool:
    """Multi-factor: `mfa` in `amr`, or an `acr` value the municipality names in STAFF_MFA_ACR."""
    if "mfa" in _claim_values(claims, "amr"):
        return True
    accepted = set(current_app.config["STAFF_MFA_ACR"].split())
    acr = claims.get("acr")
    return isinstance(acr, str) and acr in accepted


def staff_role(claims: dict) -> str | None:
    """The portal role the staff login's groups give (caseworker before auditor); None for none."""
    granted = {
        role
        for group, role in _mapping("STAFF_ROLES").items()
        if group in _claim_values(claims, current_app.config["STAFF_ROLE_CLAIM"])
    }
    for role in ("caseworker", "auditor"):
        if role in granted:
            return role
    return None


def jobcentre_code(claims: dict) -> str | None:
    """The municipality code of the jobcentre the staff login's groups name, if exactly one."""
    codes = {
        code
        for group, code in _mapping("STAFF_JOBCENTRES").items()
        if group in _claim_values(claims, current_app.config["STAFF_JOBCENTRE_CLAIM"])
    }
    return codes.pop() if len(codes) == 1 else None


def logout_token_claims(name: str, token: str) -> dict:
    """Verify a back-channel logout token as an ID token is verified, plus its own rules
    (OpenID Connect Back-Channel Logout 1.0 §2.4 and §2.6); returns its claims.

    :raise InvalidLogoutToken: with the reason.
    """
    remote = client(name)
    metadata = remote.load_server_metadata()
    registry = JWSRegistry(algorithms=metadata.get("id_token_signing_alg_values_supported"), strict_check_header=False)
    try:
        try:
            decoded = jwt.decode(token, KeySet.import_key_set(remote.fetch_jwk_set()), registry=registry)
        except InvalidKeyIdError:
            # A key the portal has not seen: the provider may have rotated its keys since.
            decoded = jwt.decode(token, KeySet.import_key_set(remote.fetch_jwk_set(force=True)), registry=registry)
        jwt.JWTClaimsRegistry(
            leeway=LOGOUT_TOKEN_LEEWAY_SECONDS,
            iss={"essential": True, "value": issuer(name)},
            aud={"essential": True, "value": remote.client_id},
            iat={"essential": True},
            exp={"essential": True},
            jti={"essential": True},
        ).validate(decoded.claims)
    except (JoseError, ValueError, TypeError) as error:
        # The token is anyone's input to a parser: whatever it trips over is a refusal, never a 500.
        raise InvalidLogoutToken(type(error).__name__) from None
    claims = decoded.claims
    if not isinstance(claims.get("events"), dict) or BACKCHANNEL_EVENT not in claims["events"]:
        raise InvalidLogoutToken("no back-channel logout event")
    if "nonce" in claims:
        raise InvalidLogoutToken("a logout token carries no nonce")
    sid, sub = claims.get("sid"), claims.get("sub")
    if not (isinstance(sid, str) and sid) and not (isinstance(sub, str) and sub):
        raise InvalidLogoutToken("neither sid nor sub")
    if not isinstance(claims["iat"], int) or time.time() - claims["iat"] > LOGOUT_TOKEN_MAX_AGE_SECONDS:
        raise InvalidLogoutToken("too old")
    return claims
