"""What the benchmark tests share: report figures made to order, a Lua dump of wrk's requests, a recording
server, forms to read."""

from __future__ import annotations

import os
import shutil
import socket
import sqlite3
import subprocess
import xml.etree.ElementTree as ET
from contextlib import closing
from http.server import BaseHTTPRequestHandler

import pytest

from bench import wrk
from bench.scenario import BENCH_JOB_TITLE, PAGES, Request

# Under CI (.ci/run installs wrk) a missing wrk fails these tests instead of skipping them.
HAVE_WRK = shutil.which("wrk") is not None or bool(os.environ.get("CI"))


needs_wrk = pytest.mark.skipif(
    not HAVE_WRK,
    reason="wrk is not installed (`apt-get install wrk`; `make bench` and CI "
    "install it): these tests drive the real load tool",
)


SVG = {"svg": "http://www.w3.org/2000/svg"}


PAGE_KEYS = [key for key, _title in PAGES]


def figures(per_second: float = 500.0, p99: float = 50.0, errors: int = 0, statements: int | None = 5) -> dict:
    return {
        "requests": int(per_second * 10),
        "per_second": per_second,
        "p50_ms": p99 / 4,
        "p95_ms": p99 / 2,
        "p99_ms": p99,
        "max_ms": p99 + 1,
        "errors": errors,
        "statements": statements,
        "title": "a page",
    }


def a_run(database: str = "sqlite", citizens: int = 1000, rss=(80.0, 90.0), **pages: dict) -> dict:
    measured = {key: figures() for key in PAGE_KEYS}
    measured.update(pages)
    return {
        "database": database,
        "citizens": citizens,
        "pages": measured,
        "mixed": figures(),
        "worker_rss_mb": list(rss),
    }


def results_of(*runs: dict, bare: float = 1000.0, bare_errors: int = 0) -> dict:
    bare_figures = {
        key: value for key, value in figures(bare, 5.0, bare_errors).items() if key not in ("statements", "title")
    }
    return {
        "measured_at": "2026-01-01T00:00:00+00:00",
        "machine": "x86_64, 2 cores, Python 3.11",
        "seconds_per_page": 10,
        "connections": 20,
        "workers": 2,
        "runs": list(runs),
        "bare": bare_figures,
        "bare_after": dict(bare_figures),
        "minutes": 1.0,
    }


def all_met() -> dict:
    return results_of(
        a_run("sqlite", 1000), a_run("sqlite", 150000), a_run("postgresql", 1000), a_run("postgresql", 150000)
    )


def bars_and_legend(svg: str):
    root = ET.fromstring(svg)
    rects = root.findall("svg:rect", SVG)
    return root, [r for r in rects if r.get("x") != "10"], [r for r in rects if r.get("x") == "10"]


LUA_DUMP = r"""
for _, r in ipairs(requests) do
  for _, name in ipairs({"method", "path", "cookie", "body"}) do
    local value = r[name]
    io.write(name, "=")
    for i = 1, #value do io.write(string.format("%02x", value:byte(i))) end
    io.write("\n")
  end
end
io.write("expect=", expect, "\n")
io.flush()
os.exit(0)
"""


def lua_sees(tmp_path, requests: list[Request], expect: int = 303) -> list[dict[str, str]]:
    """Run the script wrk.run would write, with a dump of what Lua holds appended, in wrk's own Lua:
    the top-level chunk runs (and exits here) before wrk connects anywhere."""
    script = tmp_path / "dump.lua"
    script.write_text(
        wrk.SCRIPT % {"requests": ", ".join(wrk._lua(r) for r in requests), "expect": expect} + LUA_DUMP,
        encoding="utf-8",
    )
    done = subprocess.run(
        ["wrk", "-t1", "-c1", "-d1s", "-s", str(script), "http://127.0.0.1:9/"],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert done.returncode == 0, f"wrk could not run the script: {done.stderr.strip()}"
    lines = done.stdout.splitlines()
    assert lines[-1] == f"expect={expect}"
    seen, current = [], {}
    for line in lines[:-1]:
        name, _, hexed = line.partition("=")
        current[name] = bytes.fromhex(hexed).decode("utf-8")
        if name == "body":
            seen.append(current)
            current = {}
    return seen


AWKWARD = [
    Request("GET", "/plan/", "__Host-session=abc.def'ghi\\; lang=da"),
    Request(
        "POST", "/a'b\\c", 's="quoted\\"x"; t=\'single\'', "text=it's+a+%22test%22&path=C:\\dir\\&pct=%d%%s&end=\\"
    ),
    Request("POST", "/questionnaire/", "", "]]--[[ ]=] \\\\' \\'"),
]


class Recorder(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    seen: list[tuple[str, str, str, str, str]]

    def _answer(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode() if length else ""
        self.server.seen.append(
            (self.command, self.path, self.headers.get("Cookie", ""), self.headers.get("Content-Type", ""), body)
        )
        status, location = {
            "/missing": (404, ""),
            "/to-login": (302, "/login?next=/"),
            "/to-plan": (302, "/plan/"),
        }.get(self.path.split("?")[0], (200, ""))
        head = f"HTTP/1.1 {status} X\r\nContent-Length: 2\r\n"
        if location:
            head += f"Location: {location}\r\n"
        # One write per response: no waiting on delayed ACKs between header and body.
        self.wfile.write((head + "\r\nok").encode())

    do_GET = do_POST = _answer

    def log_message(self, *_args) -> None:
        pass


def load(httpd, requests, expect, connections=2) -> wrk.Result:
    return wrk.run(httpd.server_address[1], requests, expect=expect, seconds=1, connections=connections)


NOISY_APP = """
import sys

def app(environ, start_response):
    if environ["PATH_INFO"] == "/noisy":
        # What a traceback logged on every failing request amounts to.
        sys.stderr.write("x" * 16384 + "\\n")
        sys.stderr.flush()
    start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", "2")])
    return [b"ok"]
"""


def free_port() -> int:
    with closing(socket.socket()) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


FORMS = """
<form action="/search"><input name="q" value="not this form"></form>
<form action="/joblog/new" method="post">
  <input type="hidden" name="csrf_token" value="tok&amp;en">
  <input name="job_title" value="Lager">
  <input name="no_value">
  <input value="no name">
  <input type="radio" name="track" value="A">
  <input type="radio" name="track" value="B" checked>
  <input type="checkbox" name="remote" value="yes">
  <input type="checkbox" name="agreed" checked>
  <select name="status"><option value="planned">Planlagt</option><option value="applied" selected>Søgt</option></select>
  <select name="kind"><option value="first">Første</option><option value="second">Anden</option></select>
  <textarea name="note">
Første linje
anden linje</textarea>
  <textarea name="two">

after two newlines</textarea>
  <textarea name="inline">no newline</textarea>
  <input type="submit" name="action" value="save">
  <input type="button" name="helper" value="x">
  <button type="submit" name="action" value="next">Næste</button>
</form>
<form><input name="version" value="3"></form>
"""


def bench_rows(database_file) -> int:
    with closing(sqlite3.connect(database_file)) as db:
        return db.execute("SELECT count(*) FROM joblog_entry WHERE job_title = ?", (BENCH_JOB_TITLE,)).fetchone()[0]


class StopAfterForgetting(Exception):
    pass
