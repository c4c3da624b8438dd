"""Response headers and request ids applied to every response, error pages included."""

from __future__ import annotations

import uuid
from urllib.parse import urlsplit

from flask import Flask, abort, g, request
from flask_login import current_user


def content_security_policy(form_targets: list[str]) -> str:
    """No inline script, nothing from another origin; a form may lead only here and to the login
    providers (the login and logout buttons redirect there, and browsers hold redirects after a
    form to form-action)."""
    return "; ".join(
        [
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' data:",
            "font-src 'self'",
            "object-src 'none'",
            "base-uri 'none'",
            " ".join(["form-action 'self'", *form_targets]),
            "frame-ancestors 'none'",
        ]
    )


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def assign_request_id() -> None:
    incoming = request.headers.get("X-Request-ID", "")
    # Trust a proxy's id only when it looks like one; anything else could forge log lines.
    g.request_id = incoming if _looks_like_uuid(incoming) else str(uuid.uuid4())


def refuse_bodies_of_unknown_length():
    """A chunked body would be cut silently at MAX_CONTENT_LENGTH and then fail for another reason;
    refuse it plainly (411). Browsers always say how long a form is."""
    if "chunked" in request.headers.get("Transfer-Encoding", "").lower():
        abort(411)


def _looks_like_uuid(value: str) -> bool:
    try:
        return str(uuid.UUID(value)) == value.lower()
    except ValueError:
        return False


def add_security_headers(response, *, hsts: bool, policy: str):
    headers = response.headers
    headers["Content-Security-Policy"] = policy
    headers["X-Content-Type-Options"] = "nosniff"
    headers["Referrer-Policy"] = "same-origin"  # no-referrer would break Flask-WTF's HTTPS check
    headers["X-Frame-Options"] = "DENY"
    headers["Cross-Origin-Opener-Policy"] = "same-origin"
    headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()"
    if hsts:
        headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains"
    if "request_id" in g:
        headers["X-Request-ID"] = g.request_id
    if _is_private(response):
        headers["Cache-Control"] = "no-store"
        headers["Pragma"] = "no-cache"
    return response


def _is_private(response) -> bool:
    """Pages behind login and every HTML page with a form (CSRF token) must not be stored."""
    if request.endpoint == "static":
        return False
    return bool(current_user and current_user.is_authenticated) or response.mimetype == "text/html"


def init_app(app: Flask) -> None:
    app.before_request(assign_request_id)
    # First of all, before the CSRF check reads the form.
    app.before_request_funcs.setdefault(None, []).insert(0, refuse_bodies_of_unknown_length)
    hsts = bool(app.config["HSTS"])
    providers = sorted({_origin(app.config[key]) for key in ("MITID_ISSUER", "STAFF_ISSUER") if app.config.get(key)})
    policy = content_security_policy(providers)
    app.after_request(lambda response: add_security_headers(response, hsts=hsts, policy=policy))
