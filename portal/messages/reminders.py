"""The e-mail that tells a citizen their caseworker wrote in Beskeder, sent by `flask reminders send`
through the meetings' exactly-once machinery (portal/meetings/reminders.py), which cannot import this
feature: the command line passes `due` to it as a finder.

A thread with caseworker messages the citizen has not read gives one mail, named by the latest of
them ("message:<thread>:<message>"), and a thread gets at most one an hour: a caseworker who writes
three short messages in a row sends one mail, not three. Nothing is sent for a message read before
the run, nor for one the citizen has answered in the thread (they were on its page). The mail says
only that there is a message, with a link to the thread.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import String, cast, exists, func, literal, or_, select
from sqlalchemy.orm import aliased

from portal.auth.models import User
from portal.db import db
from portal.meetings.models import ReminderSent
from portal.meetings.reminders import CHANGE_WINDOW, MESSAGE_NEW, REACHABLE, RECIPIENT, Due
from portal.messages.models import AuthorRole, Message, MessageThread

#: At most one mail per thread in this time, however many messages the caseworker writes.
QUIET_PERIOD = timedelta(hours=1)


def due(now: datetime) -> list[Due]:
    """A mail for every thread with a caseworker message the citizen has neither read nor answered,
    unless one went out for the thread in the last hour or for that message already: one statement."""
    unread = (
        select(Message.thread_id, func.max(Message.id).label("message_id"))
        .where(
            Message.author_role == AuthorRole.CASEWORKER,
            Message.read_at.is_(None),
            # A run missed for a week does not flood inboxes with old news.
            Message.created_at >= now - CHANGE_WINDOW,
        )
        .group_by(Message.thread_id)
        .subquery()
    )
    answer = aliased(Message)
    answered = exists().where(
        answer.thread_id == unread.c.thread_id,
        answer.author_role == AuthorRole.CITIZEN,
        answer.id > unread.c.message_id,
    )
    prefix = literal("message:") + cast(unread.c.thread_id, String) + literal(":")
    told = exists().where(
        ReminderSent.kind == MESSAGE_NEW,
        ReminderSent.reference.startswith(prefix),
        or_(
            ReminderSent.sent_at > now - QUIET_PERIOD,
            # Sent an hour ago or more: the same unread message is not told twice.
            ReminderSent.reference == prefix + cast(unread.c.message_id, String),
        ),
    )
    rows = db.session.execute(
        select(unread.c.thread_id, unread.c.message_id, *RECIPIENT)
        .join(MessageThread, MessageThread.id == unread.c.thread_id)
        .join(User, User.id == MessageThread.citizen_id)
        .where(~told, ~answered, *REACHABLE)
        .order_by(unread.c.thread_id)
    )
    return [
        Due(MESSAGE_NEW, reference(thread_id, message_id), user_id, email, language, f"/messages/{thread_id}")
        for thread_id, message_id, user_id, email, language in rows
    ]


def reference(thread_id: int, message_id: int) -> str:
    return f"message:{thread_id}:{message_id}"
