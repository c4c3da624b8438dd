"""bench/server.py keeps serving a noisy app; bench/client.py reads a form as a browser would submit it."""

from __future__ import annotations

import urllib.request

import pytest

from bench import client, server
from tests.bench.steps import FORMS, NOISY_APP, free_port


def test_serving_keeps_answering_however_much_the_app_logs(tmp_path):
    (tmp_path / "noisy_bench_app.py").write_text(NOISY_APP)
    port = free_port()
    answered = 0
    with server.serving("noisy_bench_app:app", port, {"PYTHONPATH": str(tmp_path)}):
        try:
            for _ in range(8):
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/noisy", timeout=3) as response:
                    response.read()
                answered += 1
        except OSError:
            pass
    assert answered == 8


def test_form_fields_submits_what_a_browser_would():
    action, fields = client.form_fields(FORMS, "job_title")
    assert action == "/joblog/new"
    assert fields == [
        ("csrf_token", "tok&en"),
        ("job_title", "Lager"),
        ("no_value", ""),
        ("track", "B"),
        ("agreed", "on"),
        ("status", "applied"),
        ("kind", "first"),
        ("note", "Første linje\nanden linje"),
        ("two", "\nafter two newlines"),
        ("inline", "no newline"),
    ]


def test_form_fields_picks_the_form_holding_the_field():
    assert client.form_fields(FORMS, "q") == ("/search", [("q", "not this form")])
    assert client.form_fields(FORMS, "version") == ("", [("version", "3")])
    with pytest.raises(StopIteration):  # scenario._questionnaire_step relies on this
        client.form_fields(FORMS, "nowhere")


def test_form_fields_leaves_out_disabled_controls():
    html = '<form><input name="job_title" value="a"><input name="locked" value="b" disabled></form>'
    assert client.form_fields(html, "job_title")[1] == [("job_title", "a")]


def test_form_fields_option_without_value_submits_its_text():
    html = '<form><select name="answer"><option>Nej</option><option selected>Ja</option></select></form>'
    assert client.form_fields(html, "answer")[1] == [("answer", "Ja")]
