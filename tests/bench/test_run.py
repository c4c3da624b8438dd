"""python -m bench.run: its options, the rounds taken in turns, and one real run on a tiny SQLite scale
database."""

from __future__ import annotations

import json
import time
import xml.etree.ElementTree as ET
from contextlib import contextmanager

import pytest

from bench import databases, report, run, scenario, server, wrk
from bench.scenario import PAGES, Request
from tests.bench.steps import PAGE_KEYS, StopAfterForgetting, bars_and_legend, bench_rows, needs_wrk


def test_run_without_wrk_exits_2_before_serving_anything(monkeypatch, capsys, tmp_path):
    monkeypatch.setattr(run.shutil, "which", lambda name: None)
    monkeypatch.setattr(run.server, "serving", lambda *args, **kwargs: pytest.fail("nothing is served without wrk"))
    assert run.main(["--output", str(tmp_path / "out")]) == 2
    assert "wrk is not installed" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_run_options():
    options = run._options(["--citizens", "40,1000", "--databases", "sqlite, postgresql"])
    assert options.citizens == [40, 1000] and options.databases == ["sqlite", "postgresql"]
    assert (options.seconds, options.connections, options.data_dir) == (10, 20, databases.DEFAULT_DIR)
    assert options.rounds == 2
    for wrong in (["--databases", "sqlite,mysql"], ["--citizens", "1,2,3,4,5"], ["--rounds", "0"]):
        with pytest.raises(SystemExit) as refused:
            run._options(wrong)
        assert refused.value.code == 2, wrong


def test_best_of_rounds_is_the_fastest_with_the_errors_of_all():
    slow = wrk.Result(requests=500, per_second=50.0, p50_ms=30, p95_ms=60, p99_ms=90, max_ms=95, errors=1)
    fast = wrk.Result(requests=900, per_second=90.0, p50_ms=20, p95_ms=40, p99_ms=70, max_ms=80, errors=0)
    assert wrk.best_of([slow, fast]) == wrk.Result(900, 90.0, 20, 40, 70, 80, errors=1)
    assert wrk.best_of([fast]) == fast


def test_sizes_take_turns_page_by_page_and_the_best_round_counts(monkeypatch):
    """Both sizes are served at once; each page is loaded on one size, then the other, round after
    round, before the next page. The load itself is stood in for here (the end-to-end test below
    drives it for real): each load's figure is its place in the order."""
    sizes = {40: run.PORTAL_PORTS[0], 60: run.PORTAL_PORTS[1]}
    pages = {key: scenario.Page(key, title, 200, [Request("GET", f"/{key}", "c=1")]) for key, title in PAGES}
    floor = {key: scenario.Page(key, title, 200, [Request("GET", f"/{key}", "")]) for key, title in scenario.FLOOR}

    @contextmanager
    def serving(_options, _database, citizens, port):
        yield run.Served(citizens, port, None, pages, floor, dict.fromkeys({**pages, **floor}, 3))

    loads = []

    def load(port, requests, **_kwargs):
        loads.append((port, requests[0].path if len(requests) == 1 else "mixed"))
        # Round 2 of the 40-citizen size's overview has an error; the fastest round is round 1.
        errors = 1 if (port, len(loads)) == (sizes[40], 3) else 0
        return wrk.Result(10, 1000.0 / len(loads), 1, 2, 3, 4, errors)

    monkeypatch.setattr(run, "_serving", serving)
    monkeypatch.setattr(run.wrk, "run", load)
    monkeypatch.setattr(run.server, "settle", lambda *args: None)
    monkeypatch.setattr(run.server, "worker_rss_mb", lambda process: [90.0, 91.0])
    options = run._options(["--citizens", "40,60", "--rounds", "2"])

    runs = run._portal(options, "sqlite")

    small, large = sizes[40], sizes[60]
    floor_keys = [key for key, _title in scenario.FLOOR]
    expected = [(port, f"/{key}") for key in PAGE_KEYS + floor_keys for port in (small, large, small, large)]
    assert loads == expected + [(small, "mixed"), (large, "mixed")]
    assert [list(each["floor"]) for each in runs] == [floor_keys, floor_keys]
    assert [(each["database"], each["citizens"]) for each in runs] == [("sqlite", 40), ("sqlite", 60)]
    first, second = runs
    assert first["pages"]["overview"]["per_second"] == 1000.0 and first["pages"]["overview"]["errors"] == 1
    assert second["pages"]["overview"]["per_second"] == 500.0 and second["pages"]["overview"]["errors"] == 0
    assert first["pages"]["plan"]["per_second"] == 1000.0 / 5 and second["pages"]["plan"]["per_second"] == 1000.0 / 6
    assert first["worker_rss_mb"] == [90.0, 91.0] and first["pages"]["plan"]["statements"] == 3


@needs_wrk
@pytest.mark.bench
def test_bench_run_end_to_end_on_a_tiny_sqlite_database(tmp_path, monkeypatch, capsys):
    """The whole run: bare app, scale database, logins, statement counts, wrk per page, JSON and SVG.
    Then a second run on the same data folder: the database is reused, not generated again, and the
    first run's joblog entries are removed before any load (that second run is stopped right there:
    the rest would repeat the first run and double the time)."""
    # The warm-up only steadies the figures; one second keeps this test well under a minute.
    monkeypatch.setattr(run, "WARM_UP_SECONDS", 1)
    data, out = tmp_path / "data", tmp_path / "out"
    argv = [
        "--citizens",
        "40",
        "--databases",
        "sqlite",
        "--seconds",
        "1",
        "--connections",
        "4",
        "--rounds",
        "1",
        "--data-dir",
        str(data),
        "--output",
        str(out),
    ]
    started = time.monotonic()
    code = run.main(argv)
    first_run = time.monotonic() - started
    printed = capsys.readouterr().out

    assert code in (0, 1)
    results = json.loads((out / "latest.json").read_text(encoding="utf-8"))
    assert code == (1 if report.targets(results) else 0)
    assert ("Targets: all met." in printed) == (code == 0)
    assert results["workers"] == server.WORKERS == 2
    assert (results["seconds_per_page"], results["connections"], results["rounds"]) == (1, 4, 1)

    def well_measured(name: str, figures_: dict) -> None:
        assert figures_["requests"] > 0, name
        assert figures_["errors"] == 0, name
        assert figures_["per_second"] > 0, name
        assert 0 < figures_["p50_ms"] <= figures_["p95_ms"] <= figures_["p99_ms"] <= figures_["max_ms"], name

    for name in ("bare", "bare_after"):
        well_measured(name, results[name])
    [only] = results["runs"]
    assert (only["database"], only["citizens"]) == ("sqlite", 40)
    assert list(only["pages"]) == PAGE_KEYS
    for key, title in PAGES:
        page = only["pages"][key]
        well_measured(key, page)
        assert page["title"] == title
        assert type(page["statements"]) is int and page["statements"] > 0, key
    well_measured("mixed", only["mixed"])
    # The floor: the layout alone, for nobody and for the sample citizens; a login costs statements.
    assert list(only["floor"]) == [key for key, _title in scenario.FLOOR]
    for key, page in only["floor"].items():
        well_measured(key, page)
    assert only["floor"]["layout_logged_in"]["statements"] > only["floor"]["layout_anonymous"]["statements"]
    assert len(only["worker_rss_mb"]) == 2 and all(size > 0 for size in only["worker_rss_mb"])

    _root, bars, _legend = bars_and_legend((out / "latest.svg").read_text(encoding="utf-8"))
    ET.parse(out / "latest.svg")
    assert len(bars) == len(PAGE_KEYS)

    # The joblog_add load really wrote: every completed POST of that page added an entry (and the
    # warm-up, the mixed load, the check and the statement count added more).
    database_file = data / "scale-40.sqlite3"
    stamp = database_file.with_suffix(".fingerprint")
    written = bench_rows(database_file)
    assert written >= only["pages"]["joblog_add"]["requests"] > 0
    assert stamp.read_text() == databases.fingerprint()

    # Second run, same data folder.
    inode, stamp_written = database_file.stat().st_ino, stamp.stat().st_mtime_ns

    def no_generating(*args):
        raise AssertionError(f"the scale database was generated again: {args}")

    forgotten = {}
    real_forget = databases.forget_bench_writes

    def forget_and_stop(url: str) -> None:
        forgotten.update(url=url, before=bench_rows(database_file))
        real_forget(url)
        forgotten["after"] = bench_rows(database_file)
        raise StopAfterForgetting

    monkeypatch.setattr(databases, "_generate", no_generating)
    monkeypatch.setattr(databases, "forget_bench_writes", forget_and_stop)
    started = time.monotonic()
    with pytest.raises(StopAfterForgetting):
        run.main(argv)
    second_run = time.monotonic() - started
    capsys.readouterr()

    assert forgotten == {"url": f"sqlite:///{database_file}", "before": written, "after": 0}
    assert database_file.stat().st_ino == inode
    assert stamp.stat().st_mtime_ns == stamp_written
    assert sorted(path.name for path in data.iterdir() if not path.name.endswith(("-wal", "-shm"))) == [
        "scale-40.fingerprint",
        "scale-40.sqlite3",
    ]
    print(f"bench end to end: first run {first_run:.1f} s, second run to forget_bench_writes {second_run:.1f} s")
