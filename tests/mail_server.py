"""A real SMTP server for tests (aiosmtpd on a free loopback port): what the portal sends arrives here."""

from __future__ import annotations

import socket
from email import message_from_bytes, policy

from aiosmtpd.controller import Controller


class Inbox:
    """An aiosmtpd handler that keeps what it receives, or refuses everything when told to."""

    def __init__(self) -> None:
        self.messages = []
        #: Each message exactly as the server received it (bytes), beside its parsed form.
        self.raw: list[bytes] = []
        self.refuse = False
        self.port = 0

    async def handle_DATA(self, server, session, envelope):
        if self.refuse:
            return "550 Mailbox unavailable"
        self.raw.append(envelope.original_content)
        self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        return "250 OK"

    def texts(self) -> list[str]:
        """Each message's subject and every text part in it, attachments (a .ics) included, decoded."""
        texts = []
        for message in self.messages:
            parts = [part.get_content() for part in message.walk() if part.get_content_maintype() == "text"]
            texts.append("\n".join([message["Subject"], *parts]))
        return texts


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def running_inbox():
    """Start a server; yields its Inbox and stops it afterwards (use as a fixture body)."""
    handler = Inbox()
    handler.port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=handler.port)
    controller.start()
    try:
        yield handler
    finally:
        controller.stop()
