"""Mail as it leaves the portal: 7-bit on the wire whatever the language, read back unchanged, and
encrypted on the way to the mail server (STARTTLS, or TLS from the first byte with SMTP_SSL)."""

from __future__ import annotations

import smtplib
import ssl
import subprocess
from email import message_from_bytes, policy

import pytest
from aiosmtpd.controller import Controller

from portal import mail
from tests.mail_server import Inbox, free_port

#: Short lines: with a line over 78 characters Python would pick an encoding anyway.
DANISH = "Æblegrød på Østerbro.\n\nÅ, æøå og ÆØÅ."


def settings(port: int, **overrides) -> dict:
    return {
        "SMTP_HOST": "127.0.0.1",
        "SMTP_PORT": port,
        "SMTP_STARTTLS": False,
        "SMTP_SSL": False,
        "SMTP_USERNAME": None,
        "SMTP_PASSWORD": None,
        "MAIL_FROM": "Min Plan <noreply@holbaek.dk>",
        **overrides,
    }


def send(config: dict, body: str = DANISH) -> None:
    with mail.Mailer(config) as mailer:
        mailer.send(mail.build("borger@example.test", "Møde i morgen på jobcentret", body, config))


def test_a_danish_mail_arrives_quoted_printable_and_decodes_to_the_same_text(inbox):
    send(settings(inbox.port))
    [raw] = inbox.raw
    assert raw.isascii(), "no 8-bit byte on the wire"
    message = message_from_bytes(raw, policy=policy.default)
    assert message["Content-Transfer-Encoding"] == "quoted-printable"
    assert message["Subject"] == "Møde i morgen på jobcentret"
    assert message.get_content().replace("\r\n", "\n") == DANISH + "\n"


@pytest.fixture
def certificate(tmp_path, monkeypatch):
    """A self-signed certificate for 127.0.0.1, trusted by the portal's TLS context (SSL_CERT_FILE)."""
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
         "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(key), "-out", str(cert)],
        check=True,
        capture_output=True,
    )  # fmt: skip
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    return context


def serve(**smtp_settings):
    inbox = Inbox()
    inbox.port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=inbox.port, **smtp_settings)
    controller.start()
    return inbox, controller


def test_smtp_ssl_speaks_tls_from_the_first_byte(certificate):
    inbox, controller = serve(ssl_context=certificate)
    try:
        send(settings(inbox.port, SMTP_SSL=True))
    finally:
        controller.stop()
    assert inbox.messages[0]["Subject"] == "Møde i morgen på jobcentret"


def test_starttls_is_used_where_the_server_insists_on_it(certificate):
    inbox, controller = serve(tls_context=certificate, require_starttls=True)
    try:
        with pytest.raises(smtplib.SMTPException, match="STARTTLS"):
            send(settings(inbox.port))
        send(settings(inbox.port, SMTP_STARTTLS=True))
    finally:
        controller.stop()
    assert len(inbox.messages) == 1


def test_smtp_ssl_never_falls_back_to_clear_text(inbox):
    with pytest.raises(ssl.SSLError):
        send(settings(inbox.port, SMTP_SSL=True))
    assert inbox.messages == []
