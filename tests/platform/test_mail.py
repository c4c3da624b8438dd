"""Mail as it leaves the portal: 7-bit on the wire whatever the language, read back unchanged."""

from __future__ import annotations

from email import message_from_bytes, policy

from portal import mail

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
