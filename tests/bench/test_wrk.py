"""bench/wrk.py: the Lua script it writes survives any value, and a run against a small local server counts
what it should."""

from __future__ import annotations

import pytest

from bench import wrk
from bench.scenario import Request
from tests.bench.steps import AWKWARD, HAVE_WRK, load, lua_sees, needs_wrk


def test_quote_escapes_backslashes_and_single_quotes():
    assert wrk._quote("plain") == "'plain'"
    assert wrk._quote("it's") == r"'it\'s'"
    assert wrk._quote("a\\b") == r"'a\\b'"
    assert wrk._quote("\\'") == r"'\\\''"
    assert wrk._quote("ends with \\") == r"'ends with \\'"
    assert wrk._quote('"double"') == """'"double"'"""
    assert wrk._lua(Request("POST", "/joblog/new", "s=a'b", "x=\\")) == (
        r"{method='POST', path='/joblog/new', cookie='s=a\'b', body='x=\\'}"
    )


@needs_wrk
def test_lua_survives_quotes_backslashes_and_percent_signs(tmp_path):
    assert lua_sees(tmp_path, AWKWARD) == [
        {"method": r.method, "path": r.path, "cookie": r.cookie, "body": r.body} for r in AWKWARD
    ]


@pytest.mark.parametrize("value", ["first line\nsecond line", "windows\r\nline"])
def test_lua_survives_line_breaks(tmp_path, value):
    request = Request("POST", "/joblog/new", "s=1", f"note={value}")
    if HAVE_WRK:
        assert lua_sees(tmp_path, [request]) == [
            {"method": "POST", "path": "/joblog/new", "cookie": "s=1", "body": request.body}
        ]
    literal = wrk._quote(request.body)
    assert "\n" not in literal and "\r" not in literal, "a Lua short string may not hold a raw line break"


@needs_wrk
def test_wrk_run_replays_every_request_with_its_cookie_and_body(local_server):
    requests = [
        Request("GET", "/plan/", 'a=1; b="x\'y\\z"'),
        Request("POST", "/joblog/new", "a=2", "job_title=Bench%3A+lager&note=it's\\ok"),
    ]
    result = load(local_server, requests, expect=0)
    assert result.requests > 0 and result.errors == 0
    assert 0 < result.p50_ms <= result.p95_ms <= result.p99_ms <= result.max_ms
    assert result.per_second > 0
    seen = set(local_server.seen)
    assert seen == {
        ("GET", "/plan/", 'a=1; b="x\'y\\z"', "", ""),
        ("POST", "/joblog/new", "a=2", "application/x-www-form-urlencoded", "job_title=Bench%3A+lager&note=it's\\ok"),
    }


@needs_wrk
def test_wrk_run_counts_unexpected_statuses_and_login_redirects(local_server):
    assert load(local_server, [Request("GET", "/to-plan", "")], expect=302).errors == 0
    wrong_status = load(local_server, [Request("GET", "/", "")], expect=302)
    assert wrong_status.requests > 0 and wrong_status.errors == wrong_status.requests
    to_login = load(local_server, [Request("GET", "/to-login", "")], expect=302)
    assert to_login.requests > 0 and to_login.errors == to_login.requests


@needs_wrk
def test_wrk_run_counts_each_failed_response_once(local_server):
    result = load(local_server, [Request("GET", "/missing", "")], expect=200)
    assert result.requests > 0
    assert result.errors == result.requests
