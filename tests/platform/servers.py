"""Real processes for the resilience tests: the portal under gunicorn with the production
gunicorn.conf.py, nginx with the shipped site file, a database that accepts and never answers, and a
TCP port in front of a real server that can be taken down and brought back."""

from __future__ import annotations

import os
import re
import shutil
import socket
import ssl
import subprocess
import sys
import threading
import time
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

from bench.server import stop

REPO = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).with_name("gunicorn")
NGINX_SITE = REPO / "deploy" / "nginx" / "min-plan.conf"
NGINX = shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx",) if os.path.exists(p)), None)
SECRET_KEY = "resilience-test-secret-key-0123456789abcdef"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Portal:
    port: int
    log_path: Path

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")


@contextmanager
def serving_portal(tmp_path: Path, env: dict[str, str], workers: int = 2):
    """gunicorn as the README's production command starts it (gunicorn.conf.py), on a free port."""
    port = free_port()
    log_path = tmp_path / f"gunicorn-{port}.log"
    settings = {
        "PORTAL_ENV": "development",
        "SECRET_KEY": SECRET_KEY,
        "REDIS_URL": "",
        # No identity provider: the login page offers the password form only.
        "PORTAL_MITID_ISSUER": "",
        "PORTAL_STAFF_ISSUER": "",
        **env,
    }
    with open(log_path, "w") as log:
        # The log goes to a file: a pipe nobody reads fills up and stops the workers.
        process = subprocess.Popen(
            [str(GUNICORN), "-c", "gunicorn.conf.py", "--bind", f"127.0.0.1:{port}", "--workers", str(workers)],
            cwd=REPO,
            env={**os.environ, **settings},
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    portal = Portal(port, log_path)
    try:
        _wait_for(process, port, "/static/css/portal.css", portal.log)
        yield portal
    finally:
        stop(process, 15)


def _wait_for(process: subprocess.Popen, port: int, path: str, log, status: bytes = b"200") -> None:
    """Until every worker can answer: a page that needs no database, asked a few times."""
    deadline = time.monotonic() + 60
    answered = 0
    while answered < 3:
        if process.poll() is not None:
            raise RuntimeError(f"the server stopped: {log()[-2000:]}")
        if time.monotonic() > deadline:
            raise RuntimeError(f"no answer on port {port} within 60 s: {log()[-2000:]}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=2) as conn:
                conn.sendall(f"GET {path} HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n".encode())
                if conn.recv(12).endswith(status):
                    answered += 1
                    continue
        except OSError:
            pass
        time.sleep(0.1)


class FrozenServer:
    """A "database" that accepts connections and never says a word: a server that hangs, a
    firewall that swallows packets after the handshake."""

    def __init__(self) -> None:
        self.listener = socket.create_server(("127.0.0.1", 0), backlog=128)
        self.port = self.listener.getsockname()[1]
        self.held: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        with suppress(OSError):
            while True:
                self.held.append(self.listener.accept()[0])

    def close(self) -> None:
        self.listener.close()
        for conn in self.held:
            conn.close()


class Forwarder:
    """A port in front of a real server that can be taken down, connections and all, and brought
    back on the same port (a server stopped and started again), or frozen: connections stay open and
    new ones are accepted, but not a byte passes (a server process stopped, a machine paused)."""

    def __init__(self, target: tuple[str, int]) -> None:
        self.target = target
        self.port = free_port()
        self.listener: socket.socket | None = None
        self.open: list[socket.socket] = []
        self.frozen = False

    def up(self) -> None:
        self.listener = socket.create_server(("127.0.0.1", self.port), reuse_port=False)
        threading.Thread(target=self._accept, args=(self.listener,), daemon=True).start()

    def down(self) -> None:
        if self.listener is not None:
            self.listener.close()
            self.listener = None
        for conn in self.open:
            with suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)
            conn.close()
        self.open.clear()

    def _accept(self, listener: socket.socket) -> None:
        with suppress(OSError):
            while True:
                client = listener.accept()[0]
                server = socket.create_connection(self.target)
                self.open += [client, server]
                for source, sink in ((client, server), (server, client)):
                    threading.Thread(target=self._pump, args=(source, sink), daemon=True).start()

    def _pump(self, source: socket.socket, sink: socket.socket) -> None:
        with suppress(OSError):
            while data := source.recv(65536):
                while self.frozen:
                    time.sleep(0.05)
                sink.sendall(data)
        with suppress(OSError):
            sink.shutdown(socket.SHUT_WR)


@dataclass
class Proxy:
    https_port: int
    http_port: int
    error_log: Path


def nginx_site(upstream_port: int, https_port: int, http_port: int, certificate: Path, key: Path) -> str:
    """The shipped site file with only its addresses and certificate changed. Each change must
    match exactly as often as expected, so a reshaped file fails here rather than go untested."""
    text = NGINX_SITE.read_text()
    changes = [
        (r"server 127\.0\.0\.1:8000;", f"server 127.0.0.1:{upstream_port};", 1),
        (r"listen \[::\]:\d+[^;]*;\n", "", 2),  # this machine may have no IPv6
        (r"listen 443 ssl;", f"listen 127.0.0.1:{https_port} ssl;", 1),
        (r"listen 80;", f"listen 127.0.0.1:{http_port};", 1),
        (r"ssl_certificate \S+;", f"ssl_certificate {certificate};", 1),
        (r"ssl_certificate_key \S+;", f"ssl_certificate_key {key};", 1),
    ]
    for pattern, replacement, count in changes:
        text, made = re.subn(pattern, replacement, text)
        assert made == count, f"{NGINX_SITE.name}: expected {count} of {pattern!r}, found {made}"
    return text


@contextmanager
def serving_nginx(tmp_path: Path, upstream_port: int):
    """Debian's nginx with deploy/nginx/min-plan.conf in front of the portal, TLS and all."""
    assert NGINX, "nginx is not installed"
    root = tmp_path / "nginx"
    root.mkdir()
    certificate, key = root / "cert.pem", root / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
         "-keyout", str(key), "-out", str(certificate)],
        check=True,
        capture_output=True,
    )  # fmt: skip
    https_port, http_port = free_port(), free_port()
    (root / "min-plan.conf").write_text(nginx_site(upstream_port, https_port, http_port, certificate, key))
    # What Debian's /etc/nginx/nginx.conf gives the site file, with this test's own paths.
    temp_paths = "\n".join(
        f"  {kind}_temp_path {root / kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    (root / "nginx.conf").write_text(
        f"""{"user root;" if os.geteuid() == 0 else ""}
worker_processes 1;
pid {root / "nginx.pid"};
error_log {root / "error.log"} warn;
daemon off;
events {{ worker_connections 1024; }}
http {{
  access_log off;
{temp_paths}
  include /etc/nginx/mime.types;
  include {root / "min-plan.conf"};
}}
"""
    )
    process = subprocess.Popen(
        [NGINX, "-p", str(root), "-c", str(root / "nginx.conf"), "-e", str(root / "error.log")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    proxy = Proxy(https_port, http_port, root / "error.log")
    try:
        # Port 80 answers by itself, with the redirect to https.
        _wait_for(process, http_port, "/", lambda: proxy.error_log.read_text(), status=b"301")
        yield proxy
    finally:
        stop(process, 15)


def tls_context() -> ssl.SSLContext:
    """The test's certificate is its own; what is tested is the proxy, not the trust chain."""
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    return context
