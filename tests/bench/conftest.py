"""The bench tests touch no portal test database; a small local server records what wrk sends."""

from __future__ import annotations

import threading
from http.server import ThreadingHTTPServer

import pytest

from tests.bench.steps import Recorder


@pytest.fixture
def connection():
    """Overrides the suite's autouse fixture: the bench never uses the portal's test database."""
    yield None


@pytest.fixture
def local_server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    httpd.daemon_threads = True
    httpd.seen = []
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()
    thread.join(5)
