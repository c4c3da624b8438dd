"""`make bench` (or `python -m bench.run --help`): the portal on scale databases under a fixed-time
load from wrk, page by page, beside a bare one-route Flask app served the same way."""

from __future__ import annotations

import argparse
import os
import platform
import secrets
import shutil
import subprocess
import sys
import time
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from bench import databases, report, scenario, server, statements, wrk
from demodata.scale.shape import Shape

BARE_PORT = 8312
#: One gunicorn per database size, all serving at once (so at most four sizes in one run).
PORTAL_PORTS = (8311, 8313, 8314, 8315)
WARM_UP_SECONDS = 3


def main(argv: list[str] | None = None) -> int:
    options = _options(argv)
    if not shutil.which("wrk"):
        print("wrk is not installed: `apt-get install wrk` (make bench does this)", file=sys.stderr)
        return 2
    started = time.monotonic()
    results = {
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": f"{platform.machine()}, {_cores()} cores, Python {platform.python_version()}",
        "seconds_per_page": options.seconds,
        "connections": options.connections,
        "rounds": options.rounds,
        "workers": server.WORKERS,
        "runs": [],
    }
    results["bare"] = _bare(options).as_dict()
    print(f"bare Flask: {results['bare']['per_second']:,.0f} req/s", flush=True)
    for database in options.databases:
        results["runs"].extend(_portal(options, database))
    results["bare_after"] = _bare(options).as_dict()
    results["minutes"] = round((time.monotonic() - started) / 60, 1)
    print()
    print(report.table(results))
    json_path, svg_path = report.write(results, options.output)
    print(f"\nWritten: {json_path}, {svg_path}")
    missed = report.targets(results)
    print("\nTargets: all met." if not missed else "\nTargets missed:\n  " + "\n  ".join(missed))
    return 0 if not missed else 1


def _bare(options) -> wrk.Result:
    with server.serving("bench.bare:app", BARE_PORT, {}):
        request = [scenario.Request("GET", "/", "")]
        wrk.run(BARE_PORT, request, expect=200, seconds=WARM_UP_SECONDS, connections=options.connections)
        return wrk.best_of(
            [
                wrk.run(BARE_PORT, request, expect=200, seconds=options.seconds, connections=options.connections)
                for _round in range(options.rounds)
            ]
        )


@dataclass
class Served:
    """One database size, served by its own gunicorn, with its load prepared."""

    citizens: int
    port: int
    process: subprocess.Popen
    pages: dict[str, scenario.Page]
    floor: dict[str, scenario.Page]
    statements: dict[str, int]


def _portal(options, database: str) -> list[dict]:
    """Every size of one database at once, measured page by page in turns (1k, 150k, 1k, 150k, …).
    The machine's speed drifts over minutes; taking turns gives each size the same share of that
    drift, which is what the flatness target compares, and the best of the rounds leaves out a round
    that another process on the machine slowed down."""
    with ExitStack() as stack:
        sizes = [
            stack.enter_context(_serving(options, database, citizens, port))
            for citizens, port in zip(options.citizens, PORTAL_PORTS, strict=False)
        ]
        measured: dict[int, dict] = {size.citizens: {"pages": {}, "floor": {}} for size in sizes}
        loads = [("pages", key, title) for key, title in scenario.PAGES] + [
            ("floor", key, title) for key, title in scenario.FLOOR
        ]
        for part, key, title in loads:
            rounds: dict[int, list[wrk.Result]] = {size.citizens: [] for size in sizes}
            for _round in range(options.rounds):
                for size in sizes:
                    server.settle(size.port, "/healthz")
                    page = getattr(size, part)[key]
                    rounds[size.citizens].append(
                        wrk.run(
                            size.port,
                            page.requests,
                            expect=page.expect,
                            seconds=options.seconds,
                            connections=options.connections,
                        )
                    )
            for size in sizes:
                result = wrk.best_of(rounds[size.citizens])
                measured[size.citizens][part][key] = {
                    **result.as_dict(),
                    "statements": size.statements[key],
                    "title": title,
                }
                print(
                    f"  {database} {size.citizens:>8,}  {key:<22}{result.per_second:>8,.0f} req/s  "
                    f"p99 {result.p99_ms:6.1f} ms  {size.statements[key]:>3} SQL  {result.errors} errors",
                    flush=True,
                )
        runs = []
        for size in sizes:
            server.settle(size.port, "/healthz")
            everything = [request for page in size.pages.values() for request in page.requests]
            mixed = wrk.run(size.port, everything, expect=0, seconds=options.seconds, connections=options.connections)
            runs.append(
                {
                    "database": database,
                    "citizens": size.citizens,
                    **measured[size.citizens],
                    "mixed": mixed.as_dict(),
                    "worker_rss_mb": [round(rss, 1) for rss in server.worker_rss_mb(size.process)],
                }
            )
        return runs


@contextmanager
def _serving(options, database: str, citizens: int, port: int):
    print(f"\n{database}, {citizens:,} citizens: preparing the database", flush=True)
    url = (
        databases.sqlite_database(citizens, options.data_dir)
        if database == "sqlite"
        else databases.postgresql_database(options.postgresql_url, citizens)
    )
    databases.forget_bench_writes(url)
    # Development mode: the bench logs its caseworkers in with a password, which production refuses
    # (employees come through the staff login with MFA). On the measured path the two modes differ
    # only in cookie attributes and two response headers; debug is off in both.
    config = {
        "DATABASE_URL": url,
        "PORTAL_ENV": "development",
        "SECRET_KEY": secrets.token_urlsafe(48),
        "MITID_ISSUER": "",
        "STAFF_ISSUER": "",
        # Logging in the sample accounts from one address must not meet the login limit.
        "LOGIN_RATE_LIMIT": "100000 per minute",
    }
    # The same settings for gunicorn, through the environment (other settings take a PORTAL_ prefix).
    env = {
        key if key in ("DATABASE_URL", "PORTAL_ENV", "SECRET_KEY") else f"PORTAL_{key}": value
        for key, value in config.items()
    }
    with server.serving("wsgi:app", port, env, probe="/healthz") as process:
        pages = scenario.prepare(port, Shape.for_citizens(citizens))
        floor = scenario.floor(pages)
        counted = statements.per_page({**pages, **floor}, config)
        everything = [request for page in pages.values() for request in page.requests]
        wrk.run(port, everything, expect=0, seconds=WARM_UP_SECONDS, connections=options.connections)
        yield Served(citizens, port, process, pages, floor, counted)


def _cores() -> int:
    return len(os.sched_getaffinity(0))


def _options(argv):
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__)
    parser.add_argument(
        "--citizens", default="1000,150000", help="scale database sizes, comma-separated (default: 1000,150000)"
    )
    parser.add_argument("--databases", default="sqlite,postgresql", help="sqlite and/or postgresql")
    parser.add_argument(
        "--postgresql-url",
        default="postgresql+psycopg://postgres@127.0.0.1:5432/postgres",
        help="a server where databases bench_scale_<N> may be created",
    )
    parser.add_argument("--seconds", type=int, default=10, help="load per page (default 10)")
    parser.add_argument("--connections", type=int, default=20, help="concurrent connections (default 20)")
    parser.add_argument(
        "--rounds", type=int, default=2, help="loads of each page and size, taken in turns; the best counts (default 2)"
    )
    parser.add_argument(
        "--output",
        type=Path,
        default=Path(__file__).resolve().parent / "results",
        help="where latest.json and latest.svg go (default bench/results)",
    )
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=databases.DEFAULT_DIR,
        help="where the SQLite scale databases are kept (default instance/bench)",
    )
    options = parser.parse_args(argv)
    options.citizens = [int(value) for value in options.citizens.split(",")]
    options.databases = [value.strip() for value in options.databases.split(",")]
    if set(options.databases) - {"sqlite", "postgresql"}:
        parser.error("--databases takes sqlite and/or postgresql")
    if len(options.citizens) > len(PORTAL_PORTS):
        parser.error(f"--citizens takes at most {len(PORTAL_PORTS)} sizes")
    if options.rounds < 1:
        parser.error("--rounds takes 1 or more")
    return options


if __name__ == "__main__":
    sys.exit(main())
