"""Every page the tests render goes through the W3C Nu HTML checker (npm vnu-jar on Java), errors
only, once at the end of the run: a pytest plugin (tests/conftest.py names it). The PostgreSQL leg
of `make test` renders the same pages and skips it."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
#: path of the page -> its HTML, one per distinct page (the first few hundred are plenty).
RENDERED: dict[str, tuple[str, str]] = {}
LIMIT = 600


def keep(html: str, path: str) -> None:
    digest = hashlib.sha1(html.encode()).hexdigest()[:12]
    if len(RENDERED) < LIMIT and digest not in RENDERED:
        RENDERED[digest] = (path, html)


def nu_errors(pages: dict[str, str], java: str) -> list[dict]:
    """The checker's errors for these pages (file name -> HTML), each naming its file in "url"."""
    with tempfile.TemporaryDirectory() as folder:
        for name, html in pages.items():
            (Path(folder) / name).write_text(html, encoding="utf-8")
        result = subprocess.run(
            [java, "-jar", str(VNU), "--errors-only", "--format", "json", folder],
            capture_output=True,
            text=True,
            check=False,
        )
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    return [message for message in messages if message.get("type") == "error"]


def pytest_sessionfinish(session, exitstatus):
    if not RENDERED or os.environ.get("TEST_DATABASE_URL"):
        return
    java = shutil.which("java")
    if java is None or not VNU.exists():
        message = "the HTML check needs Java and `npm ci` (vnu-jar): not run"
        if os.environ.get("CI"):
            print(f"\nFAILED: {message}")
            session.exitstatus = 1
        else:
            print(f"\nWARNING: {message}")
        return
    names = {f"{digest}.html": path for digest, (path, _html) in RENDERED.items()}
    errors = nu_errors({f"{digest}.html": html for digest, (_path, html) in RENDERED.items()}, java)
    print(f"\nNu HTML checker: {len(RENDERED)} pages, {len(errors)} errors")
    seen: dict[str, int] = {}
    for error in errors:
        kind = error.get("message", "")[:70]
        seen[kind] = seen.get(kind, 0) + 1
        if seen[kind] <= 3:
            page = names.get(Path(error.get("url", "")).name, error.get("url"))
            print(f"  {page} line {error.get('lastLine')}: {error.get('message')} {error.get('extract', '')!r}")
    for kind, count in seen.items():
        if count > 3:
            print(f"  … and {count - 3} more of: {kind}")
    if errors:
        session.exitstatus = 1
