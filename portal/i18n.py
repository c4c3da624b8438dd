"""Language choice and date formatting.

The language is the account's choice, else the one picked on the login page (kept in the cookie
session), else the browser's Accept-Language, else Danish.
"""

from __future__ import annotations

from contextlib import contextmanager
from datetime import UTC, date, datetime, tzinfo
from functools import lru_cache

import flask_babel
from babel import Locale, dates
from flask import Flask, current_app, g, has_app_context, has_request_context, request, session
from flask_babel import get_locale
from flask_babel.speaklater import LazyString
from flask_login import current_user
from jinja2 import pass_context
from markupsafe import Markup

from portal.access import Role
from portal.clock import local_zone
from portal.db import db
from portal.extensions import babel

_CATALOGUE = "_portal_catalogue"
_LANGUAGE = "_portal_language"


def gettext(string: str, **variables) -> str:
    """Flask-Babel's gettext, with the catalogue looked up once per request rather than per call."""
    translated = _catalogue().ugettext(string)
    return translated % variables if variables else translated


def ngettext(singular: str, plural: str, num: int, **variables) -> str:
    variables.setdefault("num", num)
    return _catalogue().ungettext(singular, plural, num) % variables


def lazy_gettext(string: str, **variables) -> LazyString:
    """A text translated when it is shown (labels defined at import time)."""
    return LazyString(gettext, string, **variables)


@contextmanager
def force_locale(language: str):
    """Flask-Babel's force_locale (an e-mail in its reader's language), keeping the catalogue in step."""
    with flask_babel.force_locale(language):
        _forget_request_language()
        try:
            yield
        finally:
            _forget_request_language()


def _forget_request_language() -> None:
    g.pop(_CATALOGUE, None)
    g.pop(_LANGUAGE, None)


def _catalogue():
    """Flask-Babel finds the locale and its catalogue anew on every call, about 30 µs each, and a
    page with a table of labels makes a hundred calls. The locale is fixed for a request (Flask-Babel
    keeps it on the context too) except inside force_locale, which resets this."""
    return _once_per_request(_CATALOGUE, flask_babel.get_translations)


def current_language() -> str:
    """The request's locale as a string ("da"), found once per request like the catalogue."""
    return _once_per_request(_LANGUAGE, lambda: str(get_locale()))


def _once_per_request(key: str, find):
    if not has_app_context():
        return find()
    value = g.get(key)
    if value is None:
        value = g.setdefault(key, find())
    return value


def offered_languages(user=None) -> tuple[str, ...]:
    """The languages a person may choose, in the order of config LANGUAGES (the portal's own, turned
    on for this installation): before login all of them; a citizen those their jobcentre offers;
    staff STAFF_LANGUAGES (the caseworker's pages are in Danish and English)."""
    config = current_app.config
    installed = config["LANGUAGES"]
    if user is None or db.is_unavailable():
        return installed
    if user.role is not Role.CITIZEN:
        wanted = config["STAFF_LANGUAGES"]
    else:
        wanted = user.jobcentre.languages.split() if user.jobcentre is not None else ()
    return tuple(code for code in installed if code in wanted) or (config["BABEL_DEFAULT_LOCALE"],)


@lru_cache(maxsize=32)
def text_direction(language: str) -> str:
    """ "rtl" or "ltr", from Babel's locale data (Arabic is written right to left)."""
    return "rtl" if Locale.parse(language).character_order == "right-to-left" else "ltr"


def select_locale() -> str:
    if not has_request_context():
        return current_app.config["BABEL_DEFAULT_LOCALE"]  # CLI: demo data and e-mails choose their own
    user = current_user if current_user and current_user.is_authenticated else None
    languages = offered_languages(user)
    if user is not None and user.preferred_language in languages:
        return user.preferred_language
    if session.get("lang") in languages:
        return session["lang"]
    return request.accept_languages.best_match(languages) or current_app.config["BABEL_DEFAULT_LOCALE"]


def long_date(value) -> str:
    """'mandag den 23. november 2026' / 'Monday, November 23, 2026', on the local wall clock."""
    local = _local(value)
    return _formatted(local, getattr(local, "tzinfo", None), "full", current_language())


def short_date(value) -> str:
    """'23. november 2026' / 'November 23, 2026': the one way a date is written in a sentence."""
    local = _local(value)
    return _formatted(local, getattr(local, "tzinfo", None), "long", current_language())


def clock(value) -> str:
    local = _local(value)
    return _formatted(local, getattr(local, "tzinfo", None), "HH:mm", current_language())


def _local(value: date | datetime) -> date | datetime:
    if not isinstance(value, datetime):
        return value
    if value.tzinfo is None:  # as Flask-Babel reads a naive time: UTC
        value = value.replace(tzinfo=UTC)
    return value.astimezone(local_zone())


@lru_cache(maxsize=8192)
def _formatted(value: date | datetime, zone: tzinfo | None, pattern: str, locale: str) -> str:
    """Babel parses the pattern and the locale's data on every call; a caseload formats hundreds of
    dates, most of them the same few days. The result depends on the arguments alone (the zone is
    one of them: two aware times at the same instant are equal keys whatever their zones)."""
    if isinstance(value, datetime) and pattern == "HH:mm":
        return dates.format_time(value, pattern, tzinfo=zone, locale=locale)
    return dates.format_date(value, pattern, locale=locale)


def date_and_time(value: datetime) -> str:
    return _date_and_time(value, local_zone(), current_language())


@lru_cache(maxsize=8192)
def _date_and_time(value: datetime, _zone: tzinfo, language: str) -> str:
    """Memoised whole: the text depends on the time and the language alone (the caseload shows one
    per citizen)."""
    return gettext("%(date)s kl. %(time)s", date=long_date(value), time=clock(value))


# Templates call these in place of Jinja's newstyle wrappers, which resolve `gettext` in the context
# and call through it twice for every `_()` (about 10 µs; a caseload makes over a thousand calls).
# The behaviour is Jinja's: the text is escaped-safe Markup where autoescape is on (so the
# variables are escaped), and always treated as a format string ("%%" is a percent sign).
@pass_context
def _template_gettext(context, string: str, **variables) -> str:
    return _shown(context, _catalogue().ugettext(string), variables)


@pass_context
def _template_ngettext(context, singular: str, plural: str, num: int, **variables) -> str:
    variables.setdefault("num", num)
    return _shown(context, _catalogue().ungettext(singular, plural, num), variables)


def _shown(context, translated: str, variables: dict) -> str:
    if context.eval_ctx.autoescape:
        translated = Markup(translated)
    return translated % variables


def init_app(app: Flask) -> None:
    babel.init_app(app, locale_selector=select_locale)
    # Flask-Babel installed the i18n extension in newstyle ({% trans %} passes its variables as
    # keywords, as `_()` does); ours replace its template functions.
    app.jinja_env.globals.update(_=_template_gettext, gettext=_template_gettext, ngettext=_template_ngettext)
    app.jinja_env.filters.update(long_date=long_date, short_date=short_date, clock=clock, date_and_time=date_and_time)
