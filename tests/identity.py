"""The development identity provider (devidp/server.mjs) as a real process on a free port, and a
portal app that logs in through it (a pytest plugin: tests/conftest.py names it)."""

from __future__ import annotations

import json
import shutil
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
import requests
from bs4 import BeautifulSoup
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from werkzeug.serving import make_server

from tests.factories import csrf_token_from

REPO_ROOT = Path(__file__).resolve().parents[1]
PORTAL = "http://portal.test"
STAFF_SECRET = "a-staff-client-secret-for-tests-only"


@dataclass(frozen=True)
class ClientKey:
    """The portal's key for private_key_jwt: the private half for the portal, a file with the public
    half for the provider."""

    private_pem: bytes
    private_file: Path
    public_file: Path


@pytest.fixture(scope="session")
def client_key(tmp_path_factory) -> ClientKey:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    folder = tmp_path_factory.mktemp("devidp")
    public_file = folder / "client.pub.pem"
    public_file.write_bytes(
        key.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    )
    private_pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    private_file = folder / "client.pem"
    private_file.write_bytes(private_pem)
    return ClientKey(private_pem, private_file, public_file)


@pytest.fixture(scope="session")
def devidp(client_key) -> Iterator[str]:
    """The provider's base URL; the process ends with the session."""
    yield from running_devidp(client_key, PORTAL)


def running_devidp(client_key: ClientKey, portal: str) -> Iterator[str]:
    """Start the provider for the portal at `portal` (its redirect, logout and back-channel URLs)."""
    node = shutil.which("node")
    if node is None or not (REPO_ROOT / "node_modules" / "oidc-provider").is_dir():
        pytest.fail("Node.js and `npm ci` (make build) are needed for the identity provider tests")
    process = subprocess.Popen(
        [
            node,
            "devidp/server.mjs",
            "--port",
            "0",
            "--portal",
            portal,
            "--mitid-client-key",
            str(client_key.public_file),
            "--staff-client-secret",
            STAFF_SECRET,
            "--test-hooks",
        ],
        cwd=REPO_ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    line = process.stdout.readline()
    if "listening on" not in line:
        process.kill()
        pytest.fail(f"the identity provider did not start: {line!r}")
    try:
        yield line.split("listening on ")[1].split()[0]
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def federated_app(make_app, devidp, client_key):
    """The portal with both logins through the development provider, at the address it registered."""
    return make_app(
        BASE_URL=PORTAL,
        MITID_ISSUER=f"{devidp}/mitid",
        MITID_PRIVATE_KEY_FILE=str(client_key.private_file),
        STAFF_ISSUER=f"{devidp}/staff",
        STAFF_CLIENT_SECRET=STAFF_SECRET,
    )


@dataclass
class RoundTrip:
    """One login through the provider as a browser makes it: the portal's answer to the callback,
    the provider-side browser (its cookies), and the callback URL the provider sent back."""

    response: object
    idp: requests.Session
    callback: str


def go_to_provider(client, name: str, *, next_url: str | None = None) -> str:
    """Press the login page's button; returns the provider URL the portal redirected to."""
    token = csrf_token_from(client.get("/login").get_data(as_text=True))
    data = {"csrf_token": token, **({"next": next_url} if next_url else {})}
    start = client.post(f"/login/{name}", data=data)
    assert start.status_code == 302, start.get_data(as_text=True)[:500]
    return start.headers["Location"]


def choose_at_provider(idp: requests.Session, authorize_url: str, choices: dict, portal: str = PORTAL) -> str:
    """Fill in the provider's login page; returns the URL it sends the browser back to the portal with."""
    page = idp.get(authorize_url, timeout=10)
    assert page.status_code == 200, page.text[:500]
    answer = idp.post(page.url, data=choices, timeout=10, allow_redirects=False)
    while answer.status_code in (302, 303) and not answer.headers["location"].startswith(portal):
        answer = idp.get(answer.headers["location"], timeout=10, allow_redirects=False)
    location = answer.headers["location"]
    assert location.startswith(portal), location
    return location


def confirm_provider_logout(idp: requests.Session, end_session_url: str) -> requests.Response:
    """Say yes on the provider's "log out?" page; returns its answer (not followed)."""
    page = idp.get(end_session_url, timeout=10)
    assert page.status_code == 200, page.text[:500]
    form = BeautifulSoup(page.text, "html.parser").find("form", id="op.logoutForm")
    data = {field["name"]: field.get("value", "") for field in form.find_all("input") if field.get("name")}
    return idp.post(
        urljoin(page.url, form["action"]), data={**data, "logout": "yes"}, timeout=10, allow_redirects=False
    )


def portal_path(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def log_in_through(client, name: str, choices: dict, *, next_url: str | None = None) -> RoundTrip:
    idp = requests.Session()
    callback = choose_at_provider(idp, go_to_provider(client, name, next_url=next_url), choices)
    return RoundTrip(client.get(portal_path(callback)), idp, callback)


def mitid(identity: str, level: str = "Substantial") -> dict:
    return {"identity": identity, "level": level, "action": "login"}


def staff(identity: str, mfa: bool = True) -> dict:
    return {"identity": identity, "mfa": "yes" if mfa else "no", "action": "login"}


def arm_fault(base: str, fault: str) -> None:
    """The provider spoils its next token response in the named way (devidp --test-hooks)."""
    assert requests.post(f"{base}/_test/fault", data={"fault": fault}, timeout=5).text == "armed"


class LateApp:
    """A WSGI app named after its server started: the provider must know the portal's URL before
    the portal can be told the provider's."""

    app = None

    def __call__(self, environ, start_response):
        return self.app(environ, start_response)


@contextmanager
def serving(wsgi_app, *, threaded: bool = False) -> Iterator[str]:
    """`wsgi_app` on http://127.0.0.1:<free port> from a daemon thread, for the provider to call."""
    server = make_server("127.0.0.1", 0, wsgi_app, threaded=threaded)
    thread = threading.Thread(target=server.serve_forever, name="portal-for-provider", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def signed_by_provider(base: str, provider: str, claims: dict) -> str:
    """`claims` as a JWT signed with the provider's own key (devidp --test-hooks)."""
    answer = requests.post(f"{base}/_test/sign", data={"provider": provider, "claims": json.dumps(claims)}, timeout=5)
    assert answer.status_code == 200, answer.text
    return answer.text
