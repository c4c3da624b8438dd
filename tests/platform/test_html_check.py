"""The Nu HTML checker that every rendered page goes through (tests/html_check.py) does find errors."""

from __future__ import annotations

import os
import shutil

import pytest

from tests.html_check import VNU, nu_errors

PAGE = """<!DOCTYPE html><html lang="da"><head><meta charset="utf-8"><title>T</title></head>
<body><main><h1>T</h1>{body}</main></body></html>"""


@pytest.fixture
def java():
    found = shutil.which("java")
    if found is None or not VNU.exists():
        if os.environ.get("CI"):
            pytest.fail("Java and vnu-jar (npm ci) are needed for the HTML check")
        pytest.skip("Java or vnu-jar missing")
    return found


def test_the_checker_reports_what_the_portal_once_wrote_and_passes_what_it_writes_now(java):
    errors = nu_errors(
        {
            "micro.html": PAGE.format(body='<time datetime="2026-12-04T16:13:28.385603+00:00">i dag</time>'),
            "select.html": PAGE.format(
                body='<label for="s">S</label><select id="s" name="s" required><option value="a">A</option></select>'
            ),
            "good.html": PAGE.format(body='<time datetime="2026-12-04T16:13:28+00:00">i dag</time>'),
        },
        java,
    )
    files = sorted({error["url"].rsplit("/", 1)[-1] for error in errors})
    assert files == ["micro.html", "select.html"]
