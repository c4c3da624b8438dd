"""What every template can use: the person, the language and the layout's frame (menu, subtitle)."""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache

from babel import Locale
from flask import Flask, has_request_context, request, url_for
from flask_login import current_user
from markupsafe import Markup

from portal import required
from portal.db import db
from portal.i18n import current_language, offered_languages, text_direction
from portal.navigation import frame_for


@lru_cache(maxsize=64)
def language_names(codes: tuple[str, ...]) -> list[tuple[str, str, str]]:
    """Each language, named in itself as its speakers write it at the start of a line ("Dansk",
    "English", "العربية", "Українська"), with its writing direction."""
    names = []
    for code in codes:
        name = Locale.parse(code).get_display_name(code) or code
        names.append((code, name[:1].upper() + name[1:], text_direction(code)))
    return names


def layout_context_for(app: Flask):
    def layout_context() -> dict:
        # After the database failed, the person's name and jobcentre may be unloaded: don't ask.
        user = current_user if not db.is_unavailable() and current_user and current_user.is_authenticated else None
        language = current_language()
        return {
            "person": user,
            "jobcentre": user.jobcentre if user is not None else None,
            "frame": frame_for(
                user.role if user is not None else None, request.endpoint if has_request_context() else None
            ),
            "current_language": language,
            "text_direction": text_direction(language),
            "languages": language_names(offered_languages(user)),
        }

    return layout_context


def memoised_url_for(size: int = 16384):
    """url_for for templates, remembering what it built: building costs about 13 µs, and a page
    builds the same layout links on every request and a caseload the same 150 citizens' links on
    every visit. A URL depends on the app's routes, the endpoint, the values and the request's script
    root alone; external URLs, anchors and relative endpoints are built every time."""

    @lru_cache(maxsize=size)
    def build(endpoint: str, script_root: str, values: tuple) -> str:
        return url_for(endpoint, **{key: value for key, _kind, value in values})

    class TemplateUrlFor:
        cache_info = build.cache_info

        def __call__(self, endpoint: str, **values) -> str:
            if endpoint.startswith(".") or not has_request_context() or any(key[0] == "_" for key in values):
                return url_for(endpoint, **values)
            # The type is part of the key: 1 and True are equal to a dict but not in a URL.
            key = tuple(sorted((name, type(value), value) for name, value in values.items()))
            try:
                hash(key)
            except TypeError:
                return url_for(endpoint, **values)
            return build(endpoint, request.script_root, key)

    return TemplateUrlFor()


def machine_time(value) -> str:
    """A date or an instant for `<time datetime>`: HTML allows at most milliseconds, so whole seconds."""
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    return value.isoformat()


def printable(value: str) -> str:
    """Without control characters (a URL can carry %00): HTML may not hold them, even escaped."""
    return "".join(char for char in value if char >= " " and char != "\x7f")


def typed(value) -> Markup:
    """Text a person typed, inside a line of the portal's own text: isolated so it keeps its own
    direction (Arabic typed into a Danish page, a Danish company name in an Arabic one) and does not
    drag the punctuation around it along. Escaped like any other value."""
    return Markup("<bdi>%s</bdi>") % value


def init_app(app: Flask) -> None:
    app.context_processor(layout_context_for(app))
    app.jinja_env.add_extension("jinja2.ext.do")
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    app.jinja_env.globals["url_for"] = memoised_url_for()
    app.jinja_env.filters["machine_time"] = machine_time
    app.jinja_env.filters["printable"] = printable
    app.jinja_env.filters["typed"] = typed
    app.jinja_env.globals.update(required.TEMPLATE_GLOBALS)
