"""A sent message is fixed: the database itself refuses to change what it says, who wrote it, its
thread or when (trigger message_fixed, SQLite and PostgreSQL), and only its read mark may be set. On
PostgreSQL the application role may not delete a message nor update more than its read mark."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import pytest
from sqlalchemy import delete, select, update
from sqlalchemy.exc import DBAPIError

from portal.auth.models import User
from portal.messages.models import AuthorRole, Message, MessageThread
from tests.factories import log_in, post_form

READ = datetime(2026, 12, 7, 10, 0, tzinfo=UTC)


@dataclass
class Sent:
    citizen: User
    caseworker: User
    thread: MessageThread
    message: Message
    #: What a change could point the message at instead of its own thread.
    other_thread: MessageThread


@pytest.fixture
def sent(make_caseworker, make_citizen, make_thread, write) -> Sent:
    caseworker = make_caseworker()
    citizen = make_citizen(caseworker)
    thread = make_thread(citizen)
    message = write(thread, citizen, "Det jeg skrev")
    return Sent(citizen, caseworker, thread, message, make_thread(citizen, "En anden samtale"))


def changes(sent: Sent) -> dict[str, object]:
    """A new value for every column the trigger guards."""
    return {
        "body": "Noget andet",
        "author_id": sent.caseworker.id,
        "author_role": AuthorRole.CASEWORKER,
        "thread_id": sent.other_thread.id,
        "created_at": datetime(2020, 1, 1, tzinfo=UTC),
        "idempotency_key": "a-different-key-0123456789",
    }


def refused(connection, statement, match: str) -> None:
    savepoint = connection.begin_nested()
    with pytest.raises(DBAPIError, match=match):
        connection.execute(statement)
    savepoint.rollback()


def stored(connection, message: Message):
    return connection.execute(select(Message.__table__).where(Message.id == message.id)).one()


# As the tables' owner on PostgreSQL, so that the trigger, not a missing right, is what refuses.
@pytest.mark.database_owner
def test_the_trigger_refuses_any_change_to_a_sent_message_but_its_read_mark(connection, sent):
    message = sent.message
    before = stored(connection, message)
    for column, value in changes(sent).items():
        refused(
            connection,
            update(Message).where(Message.id == message.id).values({column: value}),
            "a sent message cannot be changed",
        )
    assert stored(connection, message) == before

    connection.execute(update(Message).where(Message.id == message.id).values(read_at=READ))
    after = stored(connection, message)
    assert after.read_at == READ and after.body == "Det jeg skrev"


@pytest.fixture
def postgresql(postgres):
    if postgres is None:
        pytest.skip("SQLite has no roles: the application role's rights are PostgreSQL's")
    return postgres


def test_the_application_role_may_only_set_the_read_mark(postgresql, connection, sent):
    message = sent.message
    assert connection.exec_driver_sql("SELECT current_user").scalar() == postgresql.app
    refused(connection, update(Message).where(Message.id == message.id).values(body="Noget andet"), "permission denied")
    refused(connection, delete(Message).where(Message.id == message.id), "permission denied")
    connection.execute(update(Message).where(Message.id == message.id).values(read_at=READ))
    after = stored(connection, message)
    assert (after.body, after.read_at) == ("Det jeg skrev", READ)


def test_reading_an_answer_on_the_page_sets_its_read_mark(client, session, sent, write):
    # test that the portal's own read mark goes through, on PostgreSQL as the application role
    answer = write(sent.thread, sent.caseworker, "Mit svar")
    log_in(client, sent.citizen.email)
    page = f"/messages/{sent.thread.id}"
    response = post_form(client, f"{page}/read", {"up_to": str(answer.id)}, page_url=page)
    assert response.status_code == 302
    session.expire_all()
    assert session.get(Message, answer.id).read_at is not None
    assert session.get(Message, sent.message.id).read_at is None, "the citizen's own message waits for the caseworker"
