"""Each test renders a macro from templates/components/fds/ with a real WTForms field in a tiny Flask app (no
portal factory, no database) and checks the parsed HTML."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from flask import Flask, render_template_string
from flask_babel import Babel

from portal import required
from tests.components.steps import IMPORTS, REPO, ProfileForm


@pytest.fixture(autouse=True)
def connection():
    """Shadow the suite's autouse per-test database transaction (tests/conftest.py):
    these template tests need no app factory and no database."""
    yield None


@pytest.fixture
def render():
    """render(template, data=None, **context) -> (soup, html). With `data` the form is POSTed and validated."""
    app = Flask(__name__, template_folder=str(REPO / "templates"))
    app.config.update(SECRET_KEY="test", WTF_CSRF_ENABLED=False, TESTING=True)
    Babel(app)
    app.jinja_env.globals.update(required.TEMPLATE_GLOBALS)

    def _render(template, data=None, **context):
        with app.test_request_context("/", method="GET" if data is None else "POST", data=data or {}):
            form = ProfileForm()
            if data is not None:
                form.validate()
            html = render_template_string(IMPORTS + template, form=form, **context)
        return BeautifulSoup(html, "html5lib"), html

    return _render
