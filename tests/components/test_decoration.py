"""Decoration stays out of what a screen reader reads: every "·" that a template puts between two
pieces of text is hidden from the accessibility tree (tests/browser/test_labels.py checks Chromium's
tree, where DKFDS's own bullets and footer dots are kept out by static/css/portal.css)."""

from __future__ import annotations

import re

from tests.components.steps import REPO

HIDDEN_DOT = '<span aria-hidden="true">·</span>'


# test that no template writes a bare "·" that a screen reader would read out as "punkt" or "prik"
def test_every_separator_in_a_template_is_hidden():
    bare = {}
    for template in sorted((REPO / "templates").rglob("*.html")):
        for number, line in enumerate(template.read_text(encoding="utf-8").splitlines(), start=1):
            if re.search("[·•]", line.replace(HIDDEN_DOT, "")):
                bare[f"{template.relative_to(REPO)}:{number}"] = line.strip()
    assert bare == {}
