"""The mail that tells a citizen their caseworker wrote in Beskeder: through a real local SMTP server,
once per message, at most once per thread an hour, in the citizen's language, naming nothing of
what was written."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from freezegun import freeze_time
from sqlalchemy import event, select

from portal.audit import AuditEntry
from portal.i18n import force_locale, gettext
from portal.meetings import reminders
from portal.meetings.models import ReminderSent
from portal.messages import reminders as message_reminders
from portal.messages.models import Message

NOW = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)
BASE_URL = "https://minplan.example.dk"
#: Words that must never reach a mail: the thread's subject and what either side wrote.
SUBJECT = "HEMMELIGT-EMNE gæld og misbrug"
CITIZEN_WROTE = "HEMMELIGT-SPØRGSMÅL om min diagnose"
CASEWORKER_WROTE = "HEMMELIGT-SVAR om din behandling"
SECRETS = (SUBJECT, CITIZEN_WROTE, CASEWORKER_WROTE)


@pytest.fixture(autouse=True)
def clock():
    # The SMTP server's event loop keeps real time; everything else sees the frozen time.
    with freeze_time(NOW, ignore=["asyncio", "aiosmtpd"]) as frozen:
        yield frozen


@pytest.fixture
def mail_app(make_app, inbox):
    return make_app(SMTP_HOST="127.0.0.1", SMTP_PORT=inbox.port, BASE_URL=BASE_URL + "/")


def run(app) -> tuple[int, int, int]:
    """One `reminders send` as cron runs it, with Beskeder's finder: (sent, skipped, failed)."""
    with app.app_context():
        result = reminders.send_due(extra_finders=(message_reminders.due,))
    return result.sent, result.skipped, result.failed


@pytest.fixture
def people(make_caseworker, make_citizen):
    caseworker = make_caseworker(name="Karen Holm")
    return caseworker, make_citizen(caseworker, email="borger@example.test")


@pytest.fixture
def conversation(make_thread, write, people):
    """A thread the citizen started, answered by the caseworker; nothing of it read yet."""
    caseworker, citizen = people
    thread = make_thread(citizen, SUBJECT)
    write(thread, citizen, CITIZEN_WROTE)
    write(thread, caseworker, CASEWORKER_WROTE)
    return thread


def sent_references(session) -> list[tuple[str, str]]:
    session.expire_all()
    rows = session.execute(select(ReminderSent.kind, ReminderSent.reference).order_by(ReminderSent.id))
    return [(kind, reference) for kind, reference in rows]


def test_a_caseworker_message_sends_one_mail_that_says_only_that_there_is_one(
    session, mail_app, inbox, conversation, people
):
    assert run(mail_app) == (1, 0, 0)
    [mail] = inbox.messages
    assert mail["To"] == "borger@example.test"
    assert mail["Subject"] == "Du har en ny besked fra jobcentret"
    text = mail.get_content()
    assert "Din sagsbehandler har skrevet til dig i Beskeder." in text
    assert f"Log ind på Min Plan for at se mere: {BASE_URL}/messages/{conversation.id}" in text
    for secret in (*SECRETS, "Karen Holm"):
        assert all(secret.split()[0] not in sent for sent in inbox.texts()), secret
    [(kind, reference)] = sent_references(session)
    assert kind == reminders.MESSAGE_NEW and reference.startswith(f"message:{conversation.id}:")
    audit = session.scalars(select(AuditEntry).where(AuditEntry.action == "reminder.sent")).one()
    assert audit.citizen_id == people[1].id and SUBJECT not in (audit.detail or "")

    assert run(mail_app) == (0, 0, 0), "the same unread message is told once"
    assert len(inbox.messages) == 1


def test_the_citizens_own_messages_and_read_ones_send_nothing(make_thread, write, mail_app, inbox, people):
    caseworker, citizen = people
    write(make_thread(citizen), citizen, "Mit spørgsmål")
    write(make_thread(citizen), caseworker, "Læst allerede", read_at=NOW)
    assert run(mail_app) == (0, 0, 0)
    assert inbox.messages == []


def test_a_message_read_before_the_run_sends_nothing(session, mail_app, inbox, conversation):
    for message in session.scalars(select(Message).where(Message.thread_id == conversation.id)):
        message.read_at = NOW
    session.commit()
    assert run(mail_app) == (0, 0, 0)
    assert inbox.messages == []


def test_a_message_the_citizen_answered_before_the_run_sends_nothing(mail_app, inbox, write, conversation, people):
    # They answered on the thread's page, under the message, without pressing "Marker som læst".
    write(conversation, people[1], "Tak for svaret")
    assert run(mail_app) == (0, 0, 0)
    write(conversation, people[0], "Det var så lidt")
    assert run(mail_app) == (1, 0, 0), "a newer message from the caseworker is told"


def test_one_mail_per_thread_an_hour_however_many_messages(
    clock, session, mail_app, inbox, write, conversation, people
):
    caseworker = people[0]
    assert run(mail_app) == (1, 0, 0)

    clock.move_to(NOW + timedelta(minutes=20))
    second = write(conversation, caseworker, "Og en ting til")
    assert run(mail_app) == (0, 0, 0), "within the hour: no second mail"
    clock.move_to(NOW + timedelta(minutes=59))
    assert run(mail_app) == (0, 0, 0)
    assert len(inbox.messages) == 1

    clock.move_to(NOW + timedelta(hours=1, minutes=1))
    assert run(mail_app) == (1, 0, 0), "after the hour: one more, for the message not told yet"
    assert sent_references(session)[-1][1] == f"message:{conversation.id}:{second.id}"
    clock.move_to(NOW + timedelta(hours=3))
    assert run(mail_app) == (0, 0, 0), "nothing new since"

    write(conversation, caseworker, "En tredje")
    assert run(mail_app) == (1, 0, 0)
    assert len(inbox.messages) == 3


def test_each_thread_has_its_own_hour(clock, mail_app, inbox, make_thread, write, conversation, people):
    caseworker, citizen = people
    assert run(mail_app) == (1, 0, 0)
    clock.move_to(NOW + timedelta(minutes=10))
    other = make_thread(citizen, "Andet emne")
    write(other, caseworker, "Ny samtale fra jobcentret")
    assert run(mail_app) == (1, 0, 0)
    assert f"/messages/{other.id}" in inbox.messages[-1].get_content()


@pytest.mark.parametrize("language", ["en", "ar", "uk"])
def test_the_mail_is_in_the_citizens_language(language, mail_app, inbox, make_citizen, make_thread, write, people):
    caseworker = people[0]
    citizen = make_citizen(caseworker, language=language, email=f"{language}@example.test")
    thread = make_thread(citizen, SUBJECT)
    write(thread, caseworker, CASEWORKER_WROTE)
    assert run(mail_app) == (1, 0, 0)
    [mail] = inbox.messages
    # The new texts get their translations later, centrally: what the catalogue gives today is
    # expected, and the line translated long ago shows the mail is not in Danish.
    with mail_app.app_context(), force_locale(language):
        subject = gettext("Du har en ny besked fra jobcentret")
        first = gettext("Din sagsbehandler har skrevet til dig i Beskeder.")
        link = gettext("Log ind på Min Plan for at se mere: %(url)s", url=f"{BASE_URL}/messages/{thread.id}")
    assert link != f"Log ind på Min Plan for at se mere: {BASE_URL}/messages/{thread.id}"
    assert mail["To"] == f"{language}@example.test" and mail["Subject"] == subject
    text = mail.get_content()
    assert first in text and link in text
    assert all(secret.split()[0] not in inbox.texts()[0] for secret in SECRETS)


def test_english_reads_english(mail_app, inbox, make_citizen, make_thread, write, people):
    citizen = make_citizen(people[0], language="en", email="english@example.test")
    write(make_thread(citizen), people[0], CASEWORKER_WROTE)
    run(mail_app)
    assert "Log in to Min Plan to see more:" in inbox.messages[0].get_content()


def test_no_mail_to_an_inactive_citizen_one_without_an_address_or_about_old_news(
    session, mail_app, inbox, make_citizen, make_thread, write, people
):
    caseworker = people[0]
    gone = make_citizen(caseworker, active=False)
    write(make_thread(gone), caseworker)
    no_address = make_citizen(caseworker)
    no_address.email = None  # added by CPR, without an e-mail
    session.commit()
    write(make_thread(no_address), caseworker)
    write(make_thread(people[1]), caseworker, created_at=NOW - timedelta(days=8))
    assert run(mail_app) == (0, 0, 0)
    assert inbox.messages == []


def test_a_refused_mail_is_tried_again_on_the_next_run(session, mail_app, inbox, conversation):
    inbox.refuse = True
    assert run(mail_app) == (0, 0, 1)
    assert sent_references(session) == []
    inbox.refuse = False
    assert run(mail_app) == (1, 0, 0)


def test_the_cron_command_sends_them(mail_app, inbox, conversation):
    output = mail_app.test_cli_runner().invoke(args=["reminders", "send"])
    assert (output.exit_code, output.output.strip()) == (0, "Sendt: 1, allerede sendt: 0, fejlede: 0")
    assert inbox.messages[0]["Subject"] == "Du har en ny besked fra jobcentret"


def test_one_statement_however_many_threads(connection, mail_app, make_citizen, make_thread, write, people):
    caseworker = people[0]

    def statements() -> tuple[int, int]:
        """(threads found, statements run) for one look."""
        seen = []
        listener = lambda *args: seen.append(args[2])  # noqa: E731  (conn, cursor, statement, ...)
        event.listen(connection, "before_cursor_execute", listener)
        try:
            with mail_app.app_context():
                found = message_reminders.due(NOW)
        finally:
            event.remove(connection, "before_cursor_execute", listener)
        return len(found), sum(statement.lstrip().upper().startswith("SELECT") for statement in seen)

    write(make_thread(people[1]), caseworker)
    assert statements() == (1, 1)
    for _ in range(4):
        citizen = make_citizen(caseworker)
        for _ in range(2):
            write(make_thread(citizen), caseworker)
    assert statements() == (9, 1)
