"""Demo Beskeder: Maria asked about her CV homework and has an answer she has not read; an earlier
question was answered and closed. Yusuf wrote to Lene before he was handed over, and waits still."""

from __future__ import annotations

from datetime import datetime, timedelta

from portal.auth.models import User
from portal.db import db
from portal.meetings.models import Homework
from portal.messages.models import AuthorRole, Message, MessageThread, ThreadState


def _thread(citizen: User, subject: str, written: list[tuple[User, str, datetime, bool]], **fields) -> None:
    """A thread and its messages: (author, text, sent at, read by the other side)."""
    thread = MessageThread(citizen_id=citizen.id, subject=subject, last_message_at=written[-1][2], **fields)
    db.session.add(thread)
    db.session.flush()
    for number, (author, text, sent_at, read) in enumerate(written):
        role = AuthorRole.CITIZEN if author.id == citizen.id else AuthorRole.CASEWORKER
        db.session.add(
            Message(
                thread_id=thread.id,
                author_id=author.id,
                author_role=role,
                body=text,
                idempotency_key=f"demo-{thread.id}-{number:04d}-message",
                created_at=sent_at,
                read_at=sent_at + timedelta(hours=3) if read else None,
            )
        )


def seed_messages(maria: User, yusuf: User, karen: User, cv_task: Homework, now: datetime) -> None:
    _thread(
        maria,
        "Skal mit CV være på dansk?",
        [
            (
                maria,
                "Hej Karen. Skal mit CV på Jobnet være på dansk, eller må det være på engelsk?",
                now - timedelta(days=2),
                True,
            ),
            (
                karen,
                "Hej Maria. Skriv det på dansk. Du må gerne lave en engelsk udgave også.",
                now - timedelta(days=1),
                False,
            ),
        ],
        homework_id=cv_task.id,
    )
    _thread(
        maria,
        "Hvor ligger jobcentret?",
        [
            (maria, "Hvilken indgang skal jeg bruge til mødet?", now - timedelta(days=20), True),
            (
                karen,
                "Brug hovedindgangen på Kanalstræde 2 og sig dit navn i receptionen.",
                now - timedelta(days=19),
                True,
            ),
        ],
        state=ThreadState.CLOSED,
        close_note="Svaret er givet. Skriv igen, hvis du har flere spørgsmål.",
    )
    _thread(
        yusuf,
        "Jeg er syg på mandag",
        # Written to Lene, who read it before he was handed over: it moved with him, and waits for Karen.
        [
            (
                yusuf,
                "Jeg har influenza og kan ikke komme til praktikken på mandag. Hvad skal jeg gøre?",
                now - timedelta(days=6),
                True,
            )
        ],
    )
