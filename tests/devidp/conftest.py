"""The development identity provider (devidp/server.mjs) as a real process on a free port."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

REPO_ROOT = Path(__file__).resolve().parents[2]
PORTAL = "http://portal.test"
STAFF_SECRET = "a-staff-client-secret-for-tests-only"


@pytest.fixture(scope="session")
def client_key(tmp_path_factory) -> bytes:
    """The portal's private key for private_key_jwt; the provider gets only its public half."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    folder = tmp_path_factory.mktemp("devidp")
    public = key.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    (folder / "client.pub.pem").write_bytes(public)
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )


@pytest.fixture(scope="session")
def devidp(client_key, tmp_path_factory) -> Iterator[str]:
    """The provider's base URL; the process ends with the session."""
    node = shutil.which("node")
    if node is None or not (REPO_ROOT / "node_modules" / "oidc-provider").is_dir():
        pytest.fail("Node.js and `npm ci` (make build) are needed for the identity provider tests")
    public_key = next(tmp_path_factory.getbasetemp().glob("devidp*/client.pub.pem"))
    process = subprocess.Popen(
        [
            node,
            "devidp/server.mjs",
            "--port",
            "0",
            "--portal",
            PORTAL,
            "--mitid-client-key",
            str(public_key),
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
