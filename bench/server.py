"""gunicorn with two workers, the same settings for the portal and the bare app."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
GUNICORN = Path(sys.executable).with_name("gunicorn")
WORKERS = 2


@contextmanager
def serving(app: str, port: int, env: dict[str, str], probe: str = "/"):
    # gunicorn's log goes to a file: a pipe nobody reads fills up and stops the workers.
    with tempfile.TemporaryFile("w+") as log:
        process = subprocess.Popen(
            [str(GUNICORN), "--workers", str(WORKERS), "--bind", f"127.0.0.1:{port}", "--log-level", "warning", app],
            cwd=REPO,
            env={**os.environ, **env},
            stdout=subprocess.DEVNULL,
            stderr=log,
            text=True,
        )
        try:
            _wait_until_up(process, port, probe, log)
            yield process
        finally:
            stop(process)


def stop(process: subprocess.Popen, seconds: float = 30) -> None:
    """gunicorn's graceful stop, and a kill if that takes longer than `seconds`."""
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def worker_rss_mb(process: subprocess.Popen) -> list[float]:
    """Resident memory of each worker (the master's children), in MB."""
    children = Path(f"/proc/{process.pid}/task/{process.pid}/children").read_text().split()
    sizes = []
    for pid in children:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                sizes.append(int(line.split()[1]) / 1024)
    return sizes


def _wait_until_up(process: subprocess.Popen, port: int, probe: str, log) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            log.seek(0)
            raise RuntimeError(f"gunicorn stopped: {log.read()[-2000:]}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}{probe}", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not answer on port {port} within 60 s")


def settle(port: int, probe: str, seconds: float = 30) -> None:
    """Wait until requests left queued by the last load are served, so the next page is measured
    alone: the probe must come back quickly twice in a row."""
    deadline, quick = time.monotonic() + seconds, 0
    while quick < 2 and time.monotonic() < deadline:
        started = time.monotonic()
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{probe}", timeout=seconds) as response:
            response.read()
        quick = quick + 1 if time.monotonic() - started < 0.05 else 0
        time.sleep(0.2)
