"""Read models for Beskeder: a citizen's threads, one thread with its messages, and what waits for
the caseworker on each citizen of a caseload. Each is a fixed number of statements, however many
threads or messages there are."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import and_, func, select
from sqlalchemy.orm import aliased

from portal.auth.models import Jobcentre, User
from portal.db import db
from portal.meetings.models import Homework, Meeting
from portal.messages import rules
from portal.messages.models import AuthorRole, Message, MessageThread, ThreadState
from portal.plan.models import PlanItem


def _other(reader: AuthorRole) -> AuthorRole:
    return AuthorRole.CASEWORKER if reader is AuthorRole.CITIZEN else AuthorRole.CITIZEN


@dataclass(frozen=True)
class ThreadRow:
    thread: MessageThread
    #: Messages from the other side the reader has not read yet.
    unread: int


def _unread_for(reader: AuthorRole):
    unread = aliased(Message)
    return (
        select(func.count(unread.id))
        .where(unread.thread_id == MessageThread.id, unread.author_role == _other(reader), unread.read_at.is_(None))
        .correlate(MessageThread)
        .scalar_subquery()
    )


def threads_for(citizen: User, reader: AuthorRole) -> list[ThreadRow]:
    """The citizen's threads, newest activity first, each with what `reader` has not read."""
    rows = db.session.execute(
        select(MessageThread, _unread_for(reader))
        .where(MessageThread.citizen_id == citizen.id)
        .order_by(MessageThread.last_message_at.desc(), MessageThread.id.desc())
    )
    return [ThreadRow(thread, unread) for thread, unread in rows]


@dataclass(frozen=True)
class ShownMessage:
    message: Message
    author_name: str


@dataclass(frozen=True)
class Linked:
    """What a thread is about: a plan item, a meeting or a homework task."""

    kind: str
    id: int
    title: str | None = None
    starts_at: datetime | None = None


@dataclass(frozen=True)
class ThreadPage:
    thread: MessageThread
    messages: list[ShownMessage]
    linked: Linked | None

    @property
    def last_from_citizen(self) -> Message | None:
        """The citizen's latest message, under which "Læst af din sagsbehandler …" shows."""
        return next((shown.message for shown in reversed(self.messages) if shown.message.by_citizen), None)

    def unread_by(self, reader: AuthorRole) -> list[int]:
        return [
            shown.message.id
            for shown in self.messages
            if shown.message.author_role is _other(reader) and shown.message.read_at is None
        ]


def thread_page(thread: MessageThread) -> ThreadPage:
    """The thread with every message, oldest first, and what it is linked to: two statements."""
    rows = db.session.execute(
        select(Message, User.name)
        .join(User, User.id == Message.author_id)
        .where(Message.thread_id == thread.id)
        .order_by(Message.id)
    )
    return ThreadPage(thread, [ShownMessage(message, name) for message, name in rows], linked_to(thread))


def linked_to(thread: MessageThread) -> Linked | None:
    if thread.plan_item_id is not None:
        title = db.session.scalar(select(PlanItem.title).where(PlanItem.id == thread.plan_item_id))
        return Linked("plan_item", thread.plan_item_id, title=title)
    if thread.meeting_id is not None:
        starts_at = db.session.scalar(select(Meeting.starts_at).where(Meeting.id == thread.meeting_id))
        return Linked("meeting", thread.meeting_id, starts_at=starts_at)
    if thread.homework_id is not None:
        title = db.session.scalar(select(Homework.title).where(Homework.id == thread.homework_id))
        return Linked("homework", thread.homework_id, title=title)
    return None


def threads_linked_to(citizen: User, kind: str, target_id: int) -> list[MessageThread]:
    """The threads started about one plan item, meeting or homework task (the link shows there too)."""
    column = {"plan_item": MessageThread.plan_item_id, "meeting": MessageThread.meeting_id}.get(
        kind, MessageThread.homework_id
    )
    return list(
        db.session.scalars(
            select(MessageThread)
            .where(MessageThread.citizen_id == citizen.id, column == target_id)
            .order_by(MessageThread.id)
        )
    )


@dataclass(frozen=True)
class CitizenNews:
    """What the overview tells the citizen: answers not read yet, threads where they are waited on."""

    unread_answers: int
    waiting_on_you: int


def news_for(citizen: User) -> CitizenNews:
    """One statement: the overview keeps its budget."""
    unread = (
        select(func.count(Message.id))
        .join(MessageThread, MessageThread.id == Message.thread_id)
        .where(
            MessageThread.citizen_id == citizen.id,
            Message.author_role == AuthorRole.CASEWORKER,
            Message.read_at.is_(None),
        )
        .scalar_subquery()
    )
    waiting = (
        select(func.count(MessageThread.id))
        .where(MessageThread.citizen_id == citizen.id, MessageThread.state == ThreadState.WAITING_ON_CITIZEN)
        .scalar_subquery()
    )
    row = db.session.execute(select(unread, waiting)).one()
    return CitizenNews(row[0] or 0, row[1] or 0)


def answer_days(jobcentre_id: int | None) -> int:
    """The answer time the citizen's jobcentre promises, in working days."""
    days = db.session.scalar(select(Jobcentre.message_answer_days).where(Jobcentre.id == jobcentre_id))
    return days if days is not None else 2


@dataclass(frozen=True)
class Waiting:
    """What waits for the caseworker from one citizen in Beskeder."""

    unread: int = 0
    #: When the oldest message still waiting for an answer was sent.
    oldest_waiting_since: datetime | None = None
    answer_days: int = 2

    def days_waiting(self, today: date) -> int | None:
        return rules.days_waiting(self.oldest_waiting_since, today)

    def overdue(self, today: date) -> bool:
        return rules.overdue(self.oldest_waiting_since, self.answer_days, today)


def waiting_by_citizen(citizen_ids: list[int], answer_days_promised: int) -> dict[int, Waiting]:
    """citizen id -> what waits in their messages: one statement for the whole caseload (the
    caseload's budget of statements is small, and this is one more column of it).

    Waiting for an answer: a citizen's message in an open thread sent after the caseworker's last
    message there."""
    if not citizen_ids:
        return {}
    answered = aliased(Message)
    last_answer = (
        select(func.coalesce(func.max(answered.id), 0))
        .where(answered.thread_id == Message.thread_id, answered.author_role == AuthorRole.CASEWORKER)
        .correlate(Message)
        .scalar_subquery()
    )
    rows = db.session.execute(
        select(
            MessageThread.citizen_id,
            func.count(Message.id).filter(Message.read_at.is_(None)),
            func.min(Message.created_at).filter(
                and_(MessageThread.state == ThreadState.OPEN, Message.id > last_answer)
            ),
        )
        .join(Message, Message.thread_id == MessageThread.id)
        .where(MessageThread.citizen_id.in_(citizen_ids), Message.author_role == AuthorRole.CITIZEN)
        .group_by(MessageThread.citizen_id)
    )
    return {
        citizen_id: Waiting(unread, oldest, answer_days_promised)
        for citizen_id, unread, oldest in rows
        if unread or oldest is not None
    }


def all_for_my_data(citizen: User) -> list[tuple[MessageThread, Message, str]]:
    """Every thread and message of the citizen, for "Mine data": one statement."""
    return [
        (thread, message, name)
        for thread, message, name in db.session.execute(
            select(MessageThread, Message, User.name)
            .join(Message, Message.thread_id == MessageThread.id)
            .join(User, User.id == Message.author_id)
            .where(MessageThread.citizen_id == citizen.id)
            .order_by(MessageThread.id, Message.id)
        )
    ]
