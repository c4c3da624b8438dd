"""Issue 18, R1-R5 with real processes: the portal under gunicorn (gunicorn.conf.py), its database
stopped or frozen, Redis stopped and back, idle and slow clients, big bodies. Each test takes seconds:
what they guard against used to take 30 s (gunicorn killing the worker) or for ever."""

from __future__ import annotations

import http.client
import os
import re
import runpy
import socket
import threading
import time
import uuid
from contextlib import ExitStack, closing, suppress
from urllib.parse import urlencode

import pytest
from bs4 import BeautifulSoup
from flask import Flask
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from tests.databases import migrated_database
from tests.platform.servers import (
    NGINX,
    REPO,
    SECRET_KEY,
    Forwarder,
    FrozenServer,
    free_port,
    serving_nginx,
    serving_portal,
    tls_context,
)

UNAVAILABLE = "Min Plan virker ikke lige nu"
TOO_LARGE = "Det, du sendte, er for stort"


@pytest.fixture
def connection():
    """Overrides the suite's autouse fixture: these portals run in processes of their own."""
    yield None


class Answer:
    def __init__(self, status: int, seconds: float, body: str, headers: http.client.HTTPMessage) -> None:
        self.status, self.seconds, self.body, self.headers = status, seconds, body, headers

    @property
    def heading(self) -> str:
        h1 = BeautifulSoup(self.body, "html5lib").h1
        return h1.get_text(strip=True) if h1 else ""


def ask(port: int, path: str, *, method="GET", body=None, headers=None, tls=False, timeout=15.0) -> Answer:
    conn = (
        http.client.HTTPSConnection("127.0.0.1", port, timeout=timeout, context=tls_context())
        if tls
        else http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    )
    started = time.monotonic()
    with closing(conn):
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        content = response.read().decode(errors="replace")
    return Answer(response.status, time.monotonic() - started, content, response.headers)


def login_form(port: int, **kwargs) -> tuple[str, str]:
    """The session cookie and CSRF token of a fresh login page (it needs no database)."""
    page = ask(port, "/login", **kwargs)
    assert page.status == 200
    cookie = page.headers["Set-Cookie"].split(";")[0]
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page.body).group(1)
    return cookie, token


def post_login(port: int, cookie: str, token: str, email: str = "nobody@example.test", **kwargs) -> Answer:
    form = urlencode({"csrf_token": token, "email": email, "password": "not-the-password"})
    headers = {"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie}
    return ask(port, "/login", method="POST", body=form, headers=headers, **kwargs)


def logged_in_cookie() -> str:
    """A signed cookie naming a login session, as a logged-in person's browser sends it: the portal
    must look the session up in the database to know who it is."""
    app = Flask("cookie")
    app.secret_key = SECRET_KEY
    signer = app.session_interface.get_signing_serializer(app)
    return f"session={signer.dumps({'auth': 'a-token-of-a-live-session'})}"


def assert_unavailable_page(answer: Answer) -> None:
    assert answer.status == 503, answer.body[:300]
    assert answer.heading == UNAVAILABLE
    assert "Det er ikke din skyld" in answer.body
    assert answer.headers["Retry-After"] == "30"
    assert "/static/css/portal.css" in answer.body, "the portal's own page, not a bare line"
    assert "Log af" not in answer.body, "nobody is shown as logged in: finding them needs the database"


# --- R1: the database stopped ------------------------------------------------------------------


def test_database_stopped_answers_503_with_the_portals_page_and_one_line_each(tmp_path):
    nothing_listens = free_port()
    env = {"DATABASE_URL": f"postgresql://postgres@127.0.0.1:{nothing_listens}/resil_stopped"}
    with serving_portal(tmp_path, env) as portal:
        cookie, token = login_form(portal.port)  # the login page itself needs no database
        logged_in = ask(portal.port, "/", headers={"Cookie": logged_in_cookie()})
        login = post_login(portal.port, cookie, token)
        health = ask(portal.port, "/healthz")
        log = portal.log()

    assert_unavailable_page(logged_in)
    assert_unavailable_page(login)
    assert logged_in.seconds < 2 and login.seconds < 2
    assert health.status == 503 and '"database":"down"' in health.body.replace(" ", "") and health.seconds < 2
    assert log.count("database unavailable on GET /: ") == 1
    assert log.count("database unavailable on POST /login: ") == 1
    assert "Connection refused" in log, "the line says why"
    assert "Traceback" not in log and "the error page itself failed" not in log


# --- R2: the database frozen: accepts connections, never answers ---------------------------------


def test_database_frozen_answers_503_within_the_timeouts(tmp_path):
    frozen = FrozenServer()
    env = {"DATABASE_URL": f"postgresql://postgres@127.0.0.1:{frozen.port}/resil_frozen"}
    try:
        with serving_portal(tmp_path, env) as portal:
            health = [ask(portal.port, "/healthz") for _ in range(2)]
            logged_in = ask(portal.port, "/", headers={"Cookie": logged_in_cookie()})
            log = portal.log()
    finally:
        frozen.close()

    for answer in health:
        assert answer.status == 503 and answer.seconds < 2, (answer.status, answer.seconds)
    assert_unavailable_page(logged_in)
    # DB_CONNECT_TIMEOUT_SECONDS (3 s by default), not gunicorn's 30 s.
    assert 2.5 < logged_in.seconds < 5, logged_in.seconds
    assert log.count("database unavailable on GET /: ") == 1 and "timeout" in log
    assert "Traceback" not in log


def test_a_statement_that_waits_too_long_answers_503_but_commands_have_no_limit(database_url, caplog):
    """A migration or a stuck transaction holding a lock: the request waits for
    DB_STATEMENT_TIMEOUT_SECONDS, not until gunicorn kills it. Commands run from cron may take longer."""
    if not database_url.startswith("postgresql"):
        pytest.skip("statement_timeout is PostgreSQL's; SQLite waits its busy timeout")
    from tests.conftest import make_test_app

    app = make_test_app(database_url, DB_STATEMENT_TIMEOUT_SECONDS=1)
    client = app.test_client()
    with client.session_transaction() as session:
        session["auth"] = "a-token-of-a-live-session"
    locker = create_engine(database_url)
    try:
        with locker.connect() as holding:
            holding.execute(text("LOCK TABLE auth_session IN ACCESS EXCLUSIVE MODE"))
            started = time.monotonic()
            response = client.get("/")
            seconds = time.monotonic() - started
            holding.rollback()
    finally:
        locker.dispose()
    assert response.status_code == 503 and UNAVAILABLE in response.get_data(as_text=True)
    assert 0.9 < seconds < 3, seconds
    lines = [r for r in caplog.records if r.name == "portal.errors"]
    assert len(lines) == 1 and "statement timeout" in lines[0].getMessage() and lines[0].exc_info is None

    from portal.db import db

    command = make_test_app(database_url, DB_STATEMENT_TIMEOUT_SECONDS=1)
    with command.app_context():  # as a command runs, in a process that serves no request: no limit
        assert db.session.execute(text("SHOW statement_timeout")).scalar() == "0"
        db.session.rollback()


def through_forwarder(database_url: str) -> tuple[Forwarder, str]:
    """The test's PostgreSQL behind a Forwarder, and the URL that reaches it through that."""
    url = make_url(database_url)
    forwarder = Forwarder((url.host or "127.0.0.1", url.port or 5432))
    forwarder.up()
    return forwarder, url.set(host="127.0.0.1", port=forwarder.port).render_as_string(hide_password=False)


def test_a_database_that_freezes_under_pooled_connections_answers_503_in_seconds(tmp_path, database_url):
    """The server stops answering while the pool holds connections to it: the pool's ping would wait
    for ever (gunicorn killed the worker at 30 s); the portal's own ping gives up after
    DB_CONNECT_TIMEOUT_SECONDS, and the new connection it tries then is bounded by the same."""
    if not database_url.startswith("postgresql"):
        pytest.skip("the pool and its ping are PostgreSQL's here")
    forwarder, url = through_forwarder(database_url)
    try:
        # One worker, so the connection the first request leaves in the pool is the one the next finds.
        with serving_portal(tmp_path, {"DATABASE_URL": url}, workers=1) as portal:
            warm = ask(portal.port, "/", headers={"Cookie": logged_in_cookie()})
            forwarder.frozen = True
            frozen = ask(portal.port, "/", headers={"Cookie": logged_in_cookie()})
            health = ask(portal.port, "/healthz")
            forwarder.frozen = False
            thawed = ask(portal.port, "/", headers={"Cookie": logged_in_cookie()})
            log = portal.log()
    finally:
        forwarder.down()

    assert warm.status == 302, "the session is unknown: to the login page"
    assert_unavailable_page(frozen)
    assert frozen.seconds < 8, frozen.seconds  # the ping's 3 s, then a new connection's 3 s
    assert health.status == 503 and health.seconds < 2
    assert thawed.status == 302 and thawed.seconds < 1, "a new connection once the server answers"
    assert log.count("database unavailable on GET /: no answer from the database within 3 s") == 1
    assert "Traceback" not in log and "WORKER TIMEOUT" not in log


def test_a_database_that_freezes_during_a_statement_answers_503_in_seconds(tmp_path, database_url):
    """Frozen while a statement runs: the server's statement_timeout cannot reach the portal, so the
    portal gives up a second after it (portal/deadlines.py)."""
    if not database_url.startswith("postgresql"):
        pytest.skip("statement_timeout is PostgreSQL's")
    forwarder, url = through_forwarder(database_url)
    locker = create_engine(database_url)
    env = {"DATABASE_URL": url, "PORTAL_DB_STATEMENT_TIMEOUT_SECONDS": "1"}
    try:
        with serving_portal(tmp_path, env, workers=1) as portal, locker.connect() as holding:
            assert ask(portal.port, "/", headers={"Cookie": logged_in_cookie()}).status == 302
            # The session look-up will wait on this lock; while it waits, the server stops answering.
            holding.execute(text("LOCK TABLE auth_session IN ACCESS EXCLUSIVE MODE"))
            answers: list[Answer] = []
            asking = threading.Thread(
                target=lambda: answers.append(ask(portal.port, "/", headers={"Cookie": logged_in_cookie()}))
            )
            asking.start()
            time.sleep(0.4)
            forwarder.frozen = True
            asking.join(15)
            holding.rollback()
            log = portal.log()
    finally:
        forwarder.frozen = False
        forwarder.down()
        locker.dispose()

    assert_unavailable_page(answers[0])
    assert 1.5 < answers[0].seconds < 4, answers[0].seconds  # statement_timeout 1 s, and a second's grace
    assert log.count("database unavailable on GET /: no answer from the database within 2 s") == 1
    assert "Traceback" not in log and "WORKER TIMEOUT" not in log


# --- R3: Redis stopped, and back -----------------------------------------------------------------


def test_redis_down_logins_still_work_and_are_still_limited_then_redis_is_used_again(tmp_path, tmp_path_factory):
    from redis import Redis
    from redis.exceptions import ConnectionError as RedisDown

    url = os.environ.get("TEST_REDIS_URL") or "redis://127.0.0.1:6379/10"
    redis = Redis.from_url(url)
    try:
        redis.ping()
    except RedisDown:
        if os.environ.get("CI"):
            raise
        pytest.skip("no Redis server on this machine")
    options = redis.connection_pool.connection_kwargs
    forwarder = Forwarder((options["host"], options["port"]))
    prefix = f"resilience-{uuid.uuid4().hex}"
    env = {
        "DATABASE_URL": migrated_database("resil_redis", tmp_path_factory, postgresql=False),
        "REDIS_URL": f"redis://127.0.0.1:{forwarder.port}/{options.get('db', 0)}",
        "PORTAL_LOGIN_RATE_LIMIT": "3 per minute",
        "PORTAL_RATELIMIT_KEY_PREFIX": prefix,
    }
    try:
        # One worker: its count in memory is the whole count, so the fourth try is the one refused.
        with serving_portal(tmp_path, env, workers=1) as portal:
            cookie, token = login_form(portal.port)
            # A new address each time: this is the per-address limit, not the per-account lockout.
            while_down = [post_login(portal.port, cookie, token, email=f"nobody{n}@example.test") for n in range(4)]
            forwarder.up()
            time.sleep(2.5)  # Flask-Limiter asks Redis again 1, 2, 4, ... s after it failed
            # An address no earlier run has counted failures for (the lockout's count outlives a run).
            after = post_login(portal.port, cookie, token, email=f"after-{prefix}@example.test")
            log = portal.log()
            stored = redis.keys(f"*{prefix}*")
    finally:
        forwarder.down()
        for key in redis.keys(f"*{prefix}*"):
            redis.delete(key)

    assert [answer.status for answer in while_down] == [200, 200, 200, 429]
    assert all("E-mailadressen eller adgangskoden er forkert" in answer.body for answer in while_down[:3])
    assert while_down[3].heading == "Du har prøvet for mange gange"
    assert log.count("falling back to in-memory storage") == 1, "one warning, not one per login"
    assert after.status == 200 and "Rate limit storage recovered" in log
    assert stored, "the count is kept in Redis again"
    assert "Traceback" not in log


# --- R4: idle and slow clients; R5: big bodies. Both meet nginx first (deploy/nginx/min-plan.conf) ---

needs_nginx = pytest.mark.skipif(
    NGINX is None and not os.environ.get("CI"),
    reason="nginx is not installed (`apt-get install nginx`; .ci/run installs it): these tests run the shipped proxy",
)


@pytest.fixture(scope="module")
def behind_nginx(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("proxy")
    env = {"DATABASE_URL": migrated_database("resil_proxy", tmp_path_factory, postgresql=False)}
    with serving_portal(tmp, env) as portal, serving_nginx(tmp, portal.port) as proxy:
        yield portal, proxy


def test_gunicorn_is_reached_through_the_proxy_only():
    settings = runpy.run_path(str(REPO / "gunicorn.conf.py"))
    assert settings["bind"].startswith("127.0.0.1:"), "sync workers must not face the internet"
    assert settings["worker_class"] == "sync"
    assert f"server {settings['bind']};" in (REPO / "deploy" / "nginx" / "min-plan.conf").read_text()


@needs_nginx
def test_idle_and_slow_clients_wait_in_nginx_not_in_the_workers(behind_nginx):
    portal, proxy = behind_nginx
    context = tls_context()
    with ExitStack() as held:

        def connect(tls: bool) -> socket.socket:
            sock = socket.create_connection(("127.0.0.1", proxy.https_port), timeout=5)
            return held.enter_context(context.wrap_socket(sock) if tls else sock)

        for _ in range(100):
            connect(tls=False)  # connected, and not a byte more
        for _ in range(10):
            connect(tls=True).sendall(b"GET /login HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # headers never finished
        for _ in range(5):
            connect(tls=True).sendall(
                b"POST /login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100000\r\n"
                b"Content-Type: application/x-www-form-urlencoded\r\n\r\nemail="
            )  # a form the portal would read, whose body stops after six bytes
        time.sleep(0.3)
        answers = [ask(proxy.https_port, path, tls=True, timeout=10) for path in ("/healthz", "/login", "/login")]

    for answer in answers:
        assert answer.status == 200 and answer.seconds < 1, (answer.status, answer.seconds)
    assert answers[1].heading == "Log ind på Min Plan"
    assert "Traceback" not in portal.log()


def post_declaring(port: int, size: int, *, send_body: bool, tls: bool = False) -> Answer:
    """A POST /login of `size` bytes; `seconds` is how long its answer took to begin. Without
    `send_body` only the headers go: the server must judge the body by its declared length."""
    started = time.monotonic()
    sock = socket.create_connection(("127.0.0.1", port), timeout=10)
    if tls:
        sock = tls_context().wrap_socket(sock)
    body = b"a=" + b"x" * (size - 2)
    with sock:
        sock.sendall(
            b"POST /login HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
            b"Content-Type: application/x-www-form-urlencoded\r\n"
            b"Content-Length: %d\r\n\r\n" % size
        )
        if send_body and tls:
            sock.sendall(body)  # one thread only: a TLS connection is not to be shared between two
        elif send_body:
            # Sent beside the reading: a server that answers early and closes would otherwise reset
            # the connection before its answer is read.
            def send() -> None:
                with suppress(OSError):
                    sock.sendall(body)

            threading.Thread(target=send, daemon=True).start()
        received, first = b"", None
        with suppress(OSError):
            while chunk := sock.recv(65536):
                first = first or time.monotonic()
                received += chunk
                if _complete(received):
                    break  # nginx lingers a few seconds for the rest of a refused body
    head, _, text = received.partition(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    seconds = (first or time.monotonic()) - started
    return Answer(status, seconds, text.decode(errors="replace"), http.client.HTTPMessage())


def _complete(received: bytes) -> bool:
    head, separator, body = received.partition(b"\r\n\r\n")
    length = re.search(rb"(?im)^content-length:\s*(\d+)", head)
    return bool(separator and length and len(body) >= int(length.group(1)))


@needs_nginx
def test_a_big_body_is_refused_without_being_read(behind_nginx):
    portal, proxy = behind_nginx
    # The portal alone (MAX_CONTENT_LENGTH, 1 MB): its own page, at once.
    direct = post_declaring(portal.port, 10_000_000, send_body=True)
    assert direct.status == 413 and TOO_LARGE in direct.body and direct.seconds < 2
    # Through nginx (client_max_body_size, the same limit): refused there before the body is read,
    # and still with the portal's page...
    huge = post_declaring(proxy.https_port, 10_000_000, send_body=False, tls=True)
    assert huge.status == 413 and TOO_LARGE in huge.body and huge.seconds < 1
    # ...also when the body is on its way, not a 502 from a portal that answered before nginx had sent it.
    over = post_declaring(proxy.https_port, 1_500_000, send_body=True, tls=True)
    assert over.status == 413 and TOO_LARGE in over.body
    assert "Traceback" not in portal.log()
