"""Scale databases for the load: made once with `flask demo scale` and kept, because 150,000
citizens take minutes to write; made again when the generator changes. New migrations are applied
to a kept database, as they would be to a production one."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from bench.scenario import BENCH_JOB_TITLE

REPO = Path(__file__).resolve().parent.parent
FLASK = [str(Path(sys.executable).with_name("flask")), "--app", "wsgi"]
DEFAULT_DIR = REPO / "instance" / "bench"


def fingerprint() -> str:
    digest = hashlib.sha256()
    for path in sorted((REPO / "portal" / "scale").glob("*.py")):
        digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()[:16]


def sqlite_database(citizens: int, folder: Path = DEFAULT_DIR) -> str:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"scale-{citizens}.sqlite3"
    stamp = path.with_suffix(".fingerprint")
    url = f"sqlite:///{path}"
    if not (path.exists() and stamp.exists() and stamp.read_text() == fingerprint()):
        for old in folder.glob(f"scale-{citizens}.*"):
            old.unlink()
        _generate(url, citizens)
        stamp.write_text(fingerprint())
    _upgrade(url)
    return url


def postgresql_database(server_url: str, citizens: int) -> str:
    """A database `bench_scale_<N>` on the server; its comment holds the fingerprint it was made with."""
    name = f"bench_scale_{citizens}"
    admin = create_engine(server_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        comment = connection.execute(
            text("SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = :name"), {"name": name}
        ).first()
        if comment is None or comment[0] != fingerprint():
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            connection.execute(text(f'CREATE DATABASE "{name}"'))
            url = make_url(server_url).set(database=name).render_as_string(hide_password=False)
            _generate(url, citizens)
            connection.execute(text(f"COMMENT ON DATABASE \"{name}\" IS '{fingerprint()}'"))
    admin.dispose()
    url = make_url(server_url).set(database=name).render_as_string(hide_password=False)
    _upgrade(url)
    return url


def forget_bench_writes(url: str) -> None:
    """The load adds joblog entries; remove the last run's so every run starts from the same data."""
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DELETE FROM joblog_entry WHERE job_title = :title"), {"title": BENCH_JOB_TITLE})
    engine.dispose()


def _generate(url: str, citizens: int) -> None:
    _upgrade(url)
    subprocess.run(
        [*FLASK, "demo", "scale", "--citizens", str(citizens)],
        cwd=REPO,
        check=True,
        env={**os.environ, "DATABASE_URL": url, "PORTAL_ENV": "development"},
    )


def _upgrade(url: str) -> None:
    subprocess.run(
        [*FLASK, "db", "upgrade"],
        cwd=REPO,
        env={**os.environ, "DATABASE_URL": url, "PORTAL_ENV": "development"},
        check=True,
        stdout=subprocess.DEVNULL,
    )
