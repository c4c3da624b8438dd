"""The cookie holds only opaque tokens; logs hold no passwords, cookies or tokens."""

from __future__ import annotations

import json
import logging

from flask.sessions import TaggedJSONSerializer
from itsdangerous import URLSafeTimedSerializer

from tests.factories import PASSWORD, log_in


def decode_session_cookie(app, value: str) -> dict:
    serializer = URLSafeTimedSerializer(
        app.secret_key,
        salt="cookie-session",
        serializer=TaggedJSONSerializer(),
        signer_kwargs={"key_derivation": "hmac", "digest_method": __import__("hashlib").sha1},
    )
    return serializer.loads(value)


def test_session_cookie_holds_only_opaque_ids(app, client, make_citizen):
    citizen = make_citizen(name="Maria Jensen")
    log_in(client, citizen.email)
    client.get("/")
    data = decode_session_cookie(app, client.get_cookie("session").value)
    assert set(data) <= {"auth", "csrf_token", "lang", "_fresh", "_id"}
    flat = json.dumps(data)
    for personal in (citizen.email, "Maria", "citizen", str(citizen.id)):
        assert personal not in flat.replace(data.get("auth", ""), "").replace(data.get("csrf_token", ""), "")


def test_logs_hold_no_secrets(client, make_citizen, caplog):
    citizen = make_citizen()
    with caplog.at_level(logging.DEBUG):
        log_in(client, citizen.email, "wrong-password-xyz")
        log_in(client, citizen.email)
        client.get("/")
    cookie = client.get_cookie("session").value
    text = caplog.text
    for secret in (PASSWORD, "wrong-password-xyz", cookie):
        assert secret not in text
