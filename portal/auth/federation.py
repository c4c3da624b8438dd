"""Logging in through MitID (citizens) or the municipality's login (staff): what the provider sends
back becomes a portal session, or a refusal with its reason; each writes its audit row.

Audit rows name the provider and the reason, never a token, a code or a CPR number. A citizen is
found by the keyed hash of the CPR number the broker sends (portal/auth/cpr.py); an employee's
account is created or brought up to date from the staff login's claims at every login.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import requests
from authlib.integrations.base_client import MismatchingStateError, OAuthError
from flask import current_app, request, session
from joserfc.errors import JoseError
from sqlalchemy import select

from portal import audit
from portal.access import Role
from portal.auth import cpr, oidc, sessions
from portal.auth.models import Jobcentre, User
from portal.auth.services import normalise_email
from portal.db import db
from portal.i18n import current_language

log = logging.getLogger(__name__)

NEXT_KEY = "login_next"
STAFF_ROLES = {"caseworker": Role.CASEWORKER, "auditor": Role.AUDITOR}


@dataclass(frozen=True)
class Refusal:
    """Why a login through a provider did not let the person in (see templates/auth/refused.html)."""

    provider: str
    reason: str
    status: int


def redirect_uri(name: str) -> str:
    """The callback URL registered with the provider: fixed, from BASE_URL, never from the request."""
    return f"{current_app.config['BASE_URL'].rstrip('/')}/login/{name}/callback"


def post_logout_uri() -> str:
    return f"{current_app.config['BASE_URL'].rstrip('/')}/logout/done"


def begin(name: str, next_url: str | None):
    """The redirect to the provider's login, or a Refusal when the provider cannot be reached."""
    try:
        # prompt=login: the provider asks who is there every time, so the next person at a shared
        # computer is not let in on the last one's provider session (after "Nej" to its logout, say).
        response = oidc.client(name).authorize_redirect(
            redirect_uri(name), ui_locales=current_language(), prompt="login"
        )
    except (requests.RequestException, ValueError, KeyError, RuntimeError) as error:
        return _refuse(name, "unreachable", 200, error=type(error).__name__)
    if next_url:
        session[NEXT_KEY] = next_url
    else:
        session.pop(NEXT_KEY, None)
    return response


def finish(name: str) -> tuple[User | Refusal, str | None]:
    """Complete the login the provider sent back: the person logged in (a new session) or a
    Refusal; and where they were going before the login."""
    next_url = session.pop(NEXT_KEY, None)
    remote = oidc.client(name)
    issuer = oidc.issuer(name)
    try:
        metadata = remote.load_server_metadata()
        if metadata.get("issuer") != issuer:
            log.warning(
                "%s: the discovery document names issuer %r, not the configured one", name, metadata.get("issuer")
            )
            return _refuse(name, "wrong_issuer", 400, error="discovery"), None
        # RFC 9207: a provider that names itself in the callback must be the one the login went to.
        named = request.args.get("iss")
        if named != issuer and (named is not None or metadata.get("authorization_response_iss_parameter_supported")):
            return _refuse(name, "wrong_issuer", 400), None
        token = remote.authorize_access_token(
            claims_options={
                "iss": {"essential": True, "value": issuer},
                "aud": {"essential": True, "value": remote.client_id},
                "sub": {"essential": True},
            },
            leeway=60,
        )
    except MismatchingStateError:
        return _refuse(name, "state", 400), None
    except OAuthError as error:
        if error.error == "access_denied":
            return _refuse(name, "cancelled", 200), None
        return _refuse(name, "provider_error", 400, error=_error_code(error.error)), None
    except JoseError as error:
        return _refuse(name, "invalid_token", 400, error=type(error).__name__), None
    except (requests.RequestException, ValueError, KeyError, RuntimeError) as error:
        return _refuse(name, "unreachable", 200, error=type(error).__name__), None
    claims = token.get("userinfo")
    if not claims:
        return _refuse(name, "invalid_token", 400, error="no ID token"), None
    if not _text(claims.get("sub")):
        # An empty subject would match every account that has none: never look anyone up by it.
        return _refuse(name, "invalid_token", 400, error="no subject"), None
    found = _citizen(claims) if name == "mitid" else _employee(claims)
    if isinstance(found, Refusal):
        return found, None
    sessions.start(found, provider=name, provider_sid=_text(claims.get("sid")), provider_subject=_text(claims["sub"]))
    audit.record(db.session, "login.succeeded", actor=found, provider=name, **_assurance(name, claims))
    db.session.commit()
    return found, next_url


def _citizen(claims: dict) -> User | Refusal:
    config = current_app.config
    level = oidc.nsis_level(claims)
    if not oidc.level_suffices(level, config["MITID_MIN_LEVEL"]):
        return _refuse("mitid", "level_too_low", 403, level=level or "none")
    digits = cpr.normalised(oidc.cpr_claim(claims))
    if digits is None:
        return _refuse("mitid", "no_cpr", 403)
    citizen = db.session.scalar(
        select(User).where(User.cpr_hash == cpr.keyed_hash(digits, config["CPR_KEY"]), User.role == Role.CITIZEN)
    )
    if citizen is None:
        return _refuse("mitid", "unknown_cpr", 403)
    if not citizen.is_active:
        return _refuse("mitid", "inactive", 403, actor=citizen)
    return citizen


def _employee(claims: dict) -> User | Refusal:
    if not oidc.has_mfa(claims):
        return _refuse("staff", "no_mfa", 403)
    role_name = oidc.staff_role(claims)
    if role_name is None:
        return _refuse("staff", "no_role", 403)
    role = STAFF_ROLES[role_name]
    jobcentre = None
    if role is Role.CASEWORKER:
        code = oidc.jobcentre_code(claims)
        jobcentre = db.session.scalar(select(Jobcentre).where(Jobcentre.municipality_code == code)) if code else None
        if jobcentre is None:
            return _refuse("staff", "no_jobcentre", 403)
    subject = claims["sub"]  # finish() refused a login without one
    email = normalise_email(_text(claims.get("email")) or "") or None
    account = db.session.scalar(select(User).where(User.staff_subject == subject))
    holder = db.session.scalar(select(User).where(User.email == email)) if email else None
    if account is None and holder is not None:
        # Only an employee account not yet tied to a staff login is taken over, and only where the
        # municipality says its provider's e-mail claim can be trusted for that (STAFF_LINK_BY_EMAIL).
        linkable = holder.staff_subject is None and holder.role in STAFF_ROLES.values()
        if not (linkable and current_app.config["STAFF_LINK_BY_EMAIL"]):
            return _refuse("staff", "email_in_use", 403)
        account = holder
    elif holder is not None and account is not None and holder.id != account.id:
        return _refuse("staff", "email_in_use", 403)
    if account is not None and not account.is_active:
        return _refuse("staff", "inactive", 403, actor=account)
    if account is None:
        account = User(staff_subject=subject, email=email, role=role, name="", password_hash=None)
        db.session.add(account)
        created = True
    else:
        created = False
    changed = _bring_up_to_date(account, subject=subject, email=email, role=role, claims=claims, jobcentre=jobcentre)
    db.session.flush()
    if created:
        audit.record(db.session, "account.created", role=role.value, user_id=account.id, source="staff login")
    elif changed:
        audit.record(db.session, "account.updated", user_id=account.id, source="staff login", fields=changed)
    return account


def _bring_up_to_date(account: User, *, subject, email, role, claims, jobcentre) -> list[str]:
    """Set what the staff login says of the person; returns the names of the fields that changed."""
    name = (_text(claims.get("name")) or email or subject)[:200]
    wanted = {
        "staff_subject": subject,
        "email": email if email is not None else account.email,
        "role": role,
        "name": name,
        "jobcentre_id": jobcentre.id if jobcentre is not None else None,
    }
    changed = [field for field, value in wanted.items() if getattr(account, field) != value]
    for field in changed:
        setattr(account, field, wanted[field])
    return changed


def _assurance(name: str, claims: dict) -> dict:
    if name == "mitid":
        return {"level": oidc.nsis_level(claims)}
    return {"mfa": oidc.has_mfa(claims)}


def _refuse(provider: str, reason: str, status: int, *, actor: User | None = None, **detail) -> Refusal:
    audit.record(db.session, "login.failed", actor=actor, provider=provider, reason=reason, **detail)
    db.session.commit()
    log.info("login through %s refused: %s", provider, reason)
    return Refusal(provider, reason, status)


def _text(value) -> str | None:
    return value if isinstance(value, str) and value else None


#: The error codes of RFC 6749 §4.1.2.1 and §5.2; anything else a caller sends is "other".
OAUTH_ERRORS = frozenset(
    {
        "invalid_request",
        "unauthorized_client",
        "access_denied",
        "unsupported_response_type",
        "invalid_scope",
        "server_error",
        "temporarily_unavailable",
        "invalid_client",
        "invalid_grant",
        "unsupported_grant_type",
        "login_required",
        "interaction_required",
        "consent_required",
    }
)


def _error_code(value) -> str:
    """A provider's error code for the audit row: it comes from the URL, so only known codes pass."""
    return value if value in OAUTH_ERRORS else "other"


def end_session_url(name: str) -> str | None:
    """Where to send the person so the provider ends its session too; None when it cannot say."""
    try:
        remote = oidc.client(name)
        return remote.create_logout_url(
            post_logout_redirect_uri=post_logout_uri(), client_id=remote.client_id, ui_locales=current_language()
        )["url"]
    except (requests.RequestException, ValueError, KeyError, RuntimeError, LookupError):
        return None


def backchannel_logout(name: str, logout_token: str) -> int | None:
    """End the sessions the provider's logout token names; None when the token is not trusted."""
    try:
        claims = oidc.logout_token_claims(name, logout_token)
    except oidc.InvalidLogoutToken as error:
        audit.record(db.session, "logout.backchannel_refused", provider=name, reason=str(error))
        db.session.commit()
        return None
    except (requests.RequestException, ValueError, KeyError, RuntimeError):
        return None
    ended = sessions.end_for_provider(name, sid=_text(claims.get("sid")), subject=_text(claims.get("sub")))
    audit.record(db.session, "logout.backchannel", provider=name, sessions_ended=ended)
    db.session.commit()
    return ended
