"""The development identity provider (devidp/server.mjs) as a real process on a free port."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

REPO_ROOT = Path(__file__).resolve().parents[2]
PORTAL = "http://portal.test"
STAFF_SECRET = "a-staff-client-secret-for-tests-only"


@dataclass(frozen=True)
class ClientKey:
    """The portal's key for private_key_jwt: the private half for the portal, a file with the public
    half for the provider."""

    private_pem: bytes
    public_file: Path


@pytest.fixture(scope="session")
def client_key(tmp_path_factory) -> ClientKey:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    public_file = tmp_path_factory.mktemp("devidp") / "client.pub.pem"
    public_file.write_bytes(
        key.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    )
    private_pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    return ClientKey(private_pem, public_file)


@pytest.fixture(scope="session")
def devidp(client_key) -> Iterator[str]:
    """The provider's base URL; the process ends with the session."""
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
            PORTAL,
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
