"""Sending e-mail over SMTP (PORTAL_SMTP_HOST and friends; see portal/config.py): one connection per
batch, and the headers every mail from the portal carries."""

from __future__ import annotations

import smtplib
import ssl
from email.message import EmailMessage
from email.utils import formatdate, make_msgid, parseaddr

SMTP_TIMEOUT_SECONDS = 30


def configured(config) -> bool:
    return bool(config.get("SMTP_HOST"))


def build(to: str, subject: str, body: str, config) -> EmailMessage:
    message = EmailMessage()
    message["Subject"] = subject
    message["From"] = config["MAIL_FROM"]
    message["To"] = to
    message["Date"] = formatdate(usegmt=True)
    message["Message-ID"] = make_msgid(domain=parseaddr(config["MAIL_FROM"])[1].rpartition("@")[2] or "localhost")
    message["Auto-Submitted"] = "auto-generated"
    # Quoted-printable, so æøå travel as 7-bit ASCII. Left to itself EmailMessage sends 8-bit, and
    # smtplib's send_message never announces it (no BODY=8BITMIME), so a strict relay may mangle it.
    message.set_content(body + "\n", cte="quoted-printable")
    return message


def attach_calendar(message: EmailMessage, ics: bytes, filename: str) -> None:
    """Attach an iCalendar file: base64, so 7-bit on the wire; the charset said, or a mail client reads
    the jobcentre's æøå as US-ASCII (RFC 2046's default for text)."""
    message.add_attachment(ics, maintype="text", subtype="calendar", filename=filename, params={"charset": "utf-8"})


class Mailer:
    """One SMTP connection per run, opened on first use.

    After a failed send the connection is dropped and the next send opens a new one; once the server
    could not be reached at all, the rest of the run fails at once instead of waiting out each timeout.
    """

    def __init__(self, config) -> None:
        self.config = config
        self._smtp: smtplib.SMTP | None = None
        self._unreachable: OSError | None = None

    def __enter__(self) -> Mailer:
        return self

    def __exit__(self, *_exc) -> None:
        self._close()

    def send(self, message: EmailMessage) -> None:
        if self._unreachable is not None:
            raise ConnectionError("SMTP server unreachable earlier in this run") from self._unreachable
        if self._smtp is None:
            self._smtp = self._connect()
        try:
            self._smtp.send_message(message)
        except BaseException:
            self._close()
            raise

    def _connect(self) -> smtplib.SMTP:
        config = self.config
        host, port = config["SMTP_HOST"], int(config["SMTP_PORT"])
        try:
            if config.get("SMTP_SSL"):
                smtp: smtplib.SMTP = smtplib.SMTP_SSL(
                    host, port, timeout=SMTP_TIMEOUT_SECONDS, context=ssl.create_default_context()
                )
            else:
                smtp = smtplib.SMTP(host, port, timeout=SMTP_TIMEOUT_SECONDS)
        except OSError as error:
            self._unreachable = error
            raise
        try:
            if config["SMTP_STARTTLS"] and not config.get("SMTP_SSL"):
                smtp.starttls(context=ssl.create_default_context())
            if config["SMTP_USERNAME"]:
                smtp.login(config["SMTP_USERNAME"], config["SMTP_PASSWORD"] or "")
        except BaseException:
            smtp.close()
            raise
        return smtp

    def _close(self) -> None:
        smtp, self._smtp = self._smtp, None
        if smtp is None:
            return
        try:
            smtp.quit()
        except (smtplib.SMTPException, OSError):
            smtp.close()
