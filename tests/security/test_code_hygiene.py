"""Static checks that keep known XSS and secret-handling pitfalls out of the code."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def sources(folder: str, pattern: str):
    return [path for path in (ROOT / folder).rglob(pattern) if path.is_file()]


def test_no_safe_filter_markup_or_autoescape_off_in_templates():
    offenders = []
    for path in sources("templates", "*.html"):
        text = path.read_text(encoding="utf-8")
        code = re.sub(r"\{#.*?#\}", "", text, flags=re.S)  # comments may mention |safe as a warning
        if re.search(r"\|\s*safe\b|autoescape\s+false|Markup\(", code):
            offenders.append(str(path.relative_to(ROOT)))
    assert not offenders, f"autoescape bypassed in {offenders}"


def test_no_templates_built_from_strings_and_no_insecure_random():
    offenders = []
    for path in sources("portal", "*.py"):
        text = path.read_text(encoding="utf-8")
        if path.name == "i18n.py" and path.parent.name == "portal":
            # The templates' gettext marks the catalogue's own text safe, as Jinja's does; the
            # variables formatted into it are still escaped.
            text = text.replace("Markup(translated)", "")
        if path.name == "templating.py" and path.parent.name == "portal":
            # `| typed`: a fixed tag around the value, which Markup's % escapes.
            text = text.replace('Markup("<bdi>%s</bdi>") % value', "")
        if (
            "render_template_string" in text
            or "Markup(" in text
            or re.search(r"^import random|from random ", text, re.M)
        ):
            offenders.append(str(path.relative_to(ROOT)))
    assert not offenders, offenders


def test_flash_messages_are_escaped(app, client, make_citizen):
    from flask import flash, render_template

    with app.test_request_context("/"):
        flash("<b>fed</b>", "success")
        html = render_template("errors/404.html", code=404)
    assert "&lt;b&gt;fed&lt;/b&gt;" in html and "<b>fed</b>" not in html
    assert 'class="alert alert-success' in html


def view_modules():
    return [path for path in sources("portal", "*.py") if path.name == "views.py" or path.parent.name == "views"]


def test_views_neither_commit_nor_write_audit_rows():
    """Writes and their audit rows belong to services, so a write and its audit row share one
    transaction that one function owns; a view reads, calls a service, and renders."""
    assert len(view_modules()) >= 15, "the check finds the view modules"
    offenders = []
    for path in view_modules():
        text = path.read_text(encoding="utf-8")
        if re.search(r"\.commit\(|audit\.record\(|session\.(add|delete|execute)\(", text):
            offenders.append(str(path.relative_to(ROOT)))
    assert not offenders, f"views that write: {offenders}"
