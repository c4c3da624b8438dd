"""Error pages in the portal's own look; no tracebacks, SQL or paths ever reach the person."""

from __future__ import annotations

import logging
import math

from flask import Flask, g, redirect, render_template, request, url_for
from flask_limiter.errors import RateLimitExceeded
from flask_login import current_user
from flask_wtf.csrf import CSRFError
from sqlalchemy import exc
from werkzeug.exceptions import HTTPException, InternalServerError, MethodNotAllowed

from portal import deadlines
from portal.db import DatabaseUnavailable, db, describe, unavailable_error

log = logging.getLogger(__name__)

#: What a 503 tells browsers and proxies: try again in about this many seconds.
RETRY_AFTER_SECONDS = 30

SHOWN = {400, 403, 404, 405, 411, 413, 429, 500}


def render_error(code: int, template: str | None = None):
    return render_template(template or f"errors/{code}.html", code=code), code


def handle_http_error(error: HTTPException):
    code = error.code or 500
    if code not in SHOWN:
        return error
    if code >= 500:
        return handle_unexpected(error)
    if code == 429:
        return render_template("errors/429.html", code=code, wait_minutes=_wait_minutes(error)), code
    response = render_error(code, "errors/400.html" if code == 411 else None)
    if isinstance(error, MethodNotAllowed) and error.valid_methods:
        return response[0], code, {"Allow": ", ".join(error.valid_methods)}
    return response


def _wait_minutes(error: HTTPException) -> int | None:
    """The window of the limit that stopped this request, in whole minutes: after that it surely
    lets the person through. (Asking the storage for the exact time would mean another call to a
    Redis that may be down.)"""
    if not isinstance(error, RateLimitExceeded):
        return None
    return max(1, math.ceil(error.limit.limit.get_expiry() / 60))


def handle_csrf_error(_error: CSRFError):
    # Most often a form left open too long. A page a citizen types into (access.RECOVERABLE) keeps
    # what was typed and shows the page again; elsewhere explain, and offer the way back.
    from portal import access, recovery

    owner = current_user.id if current_user.is_authenticated else g.get("session_ended_user_id")
    if request.endpoint in access.RECOVERABLE and request.method == "POST" and owner is not None:
        recovery.stash(owner, request.path, request.form)
        return redirect(request.path)
    back = request.path if request.path in {"/login"} else url_for("overview.index")
    return render_template("errors/csrf.html", back=back), 400


def handle_database_unavailable(error: Exception):
    """The database is stopped, frozen or refusing: 503 with the portal's own page, rendered without
    it, and one log line. A traceback would say nothing the line does not, once per request for as
    long as the outage lasts."""
    if not unavailable_error(error):
        return handle_unexpected(error)
    db.mark_unavailable()  # the layout then shows no person: looking them up would need the database
    reason = deadlines.failure_reason() or describe(error)
    log.error("database unavailable on %s %s: %s", request.method, request.path, reason)
    headers = {"Retry-After": str(RETRY_AFTER_SECONDS)}
    try:
        return render_template("errors/503.html", code=503), 503, headers
    except Exception:
        log.exception("the error page itself failed")
        return "Min Plan virker ikke lige nu. Prøv igen om lidt. / Min Plan is not working right now.", 503, headers


def handle_unexpected(error: Exception):
    original = getattr(error, "original_exception", None) or error
    if unavailable_error(original):
        # Raised where the handler above is not asked first (in another error handler, say).
        return handle_database_unavailable(original)
    if not isinstance(original, HTTPException):
        log.error("unhandled error on %s %s", request.method, request.path, exc_info=original)
    try:
        db.session.rollback()
    except Exception:  # the database may be the thing that failed
        log.warning("rollback after error failed", exc_info=True)
    try:
        return render_error(500)
    except Exception:
        log.exception("the error page itself failed")
        return "Der skete en fejl. Prøv igen om lidt. / Something went wrong. Please try again.", 500


def init_app(app: Flask) -> None:
    app.register_error_handler(CSRFError, handle_csrf_error)
    app.register_error_handler(HTTPException, handle_http_error)
    app.register_error_handler(InternalServerError, handle_unexpected)
    for database_error in (exc.DBAPIError, exc.TimeoutError, DatabaseUnavailable):
        app.register_error_handler(database_error, handle_database_unavailable)
    app.register_error_handler(Exception, handle_unexpected)
