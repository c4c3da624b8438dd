"""What every template can use: the person, the language and the layout's navigation."""
from __future__ import annotations

from flask import Flask, current_app
from flask_babel import get_locale
from flask_login import current_user


def layout_context() -> dict:
    user = current_user if current_user and current_user.is_authenticated else None
    return {
        "person": user,
        "jobcentre": user.jobcentre if user is not None else None,
        "current_language": str(get_locale() or current_app.config["BABEL_DEFAULT_LOCALE"]),
        "languages": [("da", "Dansk"), ("en", "English")],
    }


def init_app(app: Flask) -> None:
    app.context_processor(layout_context)
    app.jinja_env.add_extension("jinja2.ext.do")
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
