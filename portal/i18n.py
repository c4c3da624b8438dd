"""Language choice and date formatting.

The language is the account's choice, else the one picked on the login page (kept in the cookie
session), else the browser's Accept-Language, else Danish.
"""
from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from flask import Flask, current_app, has_request_context, request, session
from flask_babel import format_date, format_time, gettext
from flask_login import current_user

from portal.extensions import babel

#: The portal's wall-clock time: meetings, due dates and "this week" are Danish local time.
LOCAL_TZ = ZoneInfo("Europe/Copenhagen")


def select_locale() -> str:
    languages = current_app.config["LANGUAGES"]
    if not has_request_context():
        return current_app.config["BABEL_DEFAULT_LOCALE"]  # CLI: demo data and e-mails choose their own
    user = current_user if current_user and current_user.is_authenticated else None
    if user is not None and user.preferred_language in languages:
        return user.preferred_language
    if session.get("lang") in languages:
        return session["lang"]
    return request.accept_languages.best_match(languages) or current_app.config["BABEL_DEFAULT_LOCALE"]


def long_date(value) -> str:
    """"mandag den 23. november 2026" / "Monday, November 23, 2026", in Europe/Copenhagen."""
    return format_date(value, "full")


def short_date(value) -> str:
    return format_date(value, "long")


def clock(value) -> str:
    return format_time(value, "HH:mm")


def date_and_time(value: datetime) -> str:
    return gettext("%(date)s kl. %(time)s", date=long_date(value), time=clock(value))


def init_app(app: Flask) -> None:
    babel.init_app(app, locale_selector=select_locale)
    app.jinja_env.filters.update(long_date=long_date, short_date=short_date, clock=clock,
                                 date_and_time=date_and_time)
