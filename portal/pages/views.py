"""Pages for everyone: health check, accessibility statement, privacy policy, language choice."""

from __future__ import annotations

from flask import Blueprint, abort, redirect, render_template, request, session, url_for
from flask_login import current_user

from portal.auth.services import set_language
from portal.db import db
from portal.i18n import offered_languages
from portal.urls import safe_next

bp = Blueprint("pages", __name__)


@bp.get("/healthz")
def healthz():
    if not db.answers():
        return {"status": "unavailable", "database": "down"}, 503
    return {"status": "ok", "database": "up"}


@bp.get("/tilgaengelighed")
def accessibility():
    return render_template("pages/accessibility.html")


@bp.get("/privatliv")
def privacy():
    return render_template("pages/privacy.html")


@bp.post("/language")
def set_language_choice():
    language = request.form.get("language", "")
    if language not in offered_languages(current_user if current_user.is_authenticated else None):
        abort(400)
    session["lang"] = language
    if current_user.is_authenticated:
        set_language(current_user, language)
    return redirect(safe_next(request.form.get("next")) or url_for("overview.index"))
