"""E-mail reminders: what is due, sent once, through a real local SMTP server, naming no content."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from email import message_from_bytes, policy
from zoneinfo import ZoneInfo

import pytest
from freezegun import freeze_time
from sqlalchemy import event, func, select

from portal.audit import AuditEntry
from portal.config import load_config
from portal.meetings import reminders
from portal.meetings.models import Homework, MeetingChange, MeetingStatus, ReminderSent
from tests.mail_server import free_port

COPENHAGEN = ZoneInfo("Europe/Copenhagen")
#: Monday 23 November 2026, 13:00 in Copenhagen; "tomorrow" is Tuesday the 24th.
NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
TOMORROW = date(2026, 11, 24)
BASE_URL = "https://minplan.example.dk"
#: Strings that must never reach an e-mail.
SECRETS = {
    "purpose": "HEMMELIGT-FORMAAL misbrugsbehandling",
    "agenda": "HEMMELIG-DAGSORDEN gæld og helbred",
    "place": "HEMMELIGT-STED Psykiatrisk afdeling",
    "preparation": "HEMMELIG-FORBEREDELSE lægeerklæring",
    "summary": "HEMMELIGT-REFERAT om diagnosen",
    "cancel_reason": "HEMMELIG-AARSAG sygdom",
}
HOMEWORK_SECRETS = {"title": "HEMMELIG-OPGAVE søg om gældssanering", "why": "HEMMELIGT-HVORFOR pga. gæld"}


def local(day: int, hour: int, minute: int = 0) -> datetime:
    """A Copenhagen wall-clock time in November 2026, as aware UTC."""
    return datetime(2026, 11, day, hour, minute, tzinfo=COPENHAGEN).astimezone(UTC)


@pytest.fixture(autouse=True)
def frozen():
    # The SMTP server's event loop keeps real time; everything else sees NOW.
    with freeze_time(NOW, ignore=["asyncio", "aiosmtpd"]):
        yield


@pytest.fixture
def mail_app(make_app, inbox):
    return make_app(SMTP_HOST="127.0.0.1", SMTP_PORT=inbox.port, BASE_URL=BASE_URL + "/")


def run(app, now: datetime | None = None) -> reminders.Result:
    with app.app_context():
        return reminders.send_due(now)


def counts(result: reminders.Result) -> tuple[int, int, int]:
    return result.sent, result.skipped, result.failed


@pytest.fixture
def people(make_caseworker, make_citizen):
    caseworker = make_caseworker()
    return caseworker, make_citizen(caseworker, email="borger@example.test")


@pytest.fixture
def meeting(session, make_meeting, people):
    """A meeting for the citizen in `people`, its texts full of sensitive words."""
    caseworker, citizen = people

    def _make(starts_at: datetime, *, citizen=citizen, status=MeetingStatus.PLANNED):
        made = make_meeting(citizen, caseworker, starts_at=starts_at, place=SECRETS["place"])
        for field, value in SECRETS.items():
            setattr(made, field, value)
        made.status = status
        session.commit()
        return made

    return _make


@pytest.fixture
def change(session, people):
    def _make(meeting, created_at: datetime = NOW, field: str = "starts_at") -> MeetingChange:
        row = MeetingChange(
            meeting_id=meeting.id,
            actor_id=people[0].id,
            field=field,
            old_value="a",
            new_value="b",
            created_at=created_at,
        )
        session.add(row)
        session.commit()
        return row

    return _make


@pytest.fixture
def homework(session, people):
    def _make(due_date: date | None = TOMORROW, *, done: bool = False, citizen=None) -> Homework:
        row = Homework(
            citizen_id=(citizen or people[1]).id, due_date=due_date, done_at=NOW if done else None, **HOMEWORK_SECRETS
        )
        session.add(row)
        session.commit()
        return row

    return _make


def sent_references(session) -> list[tuple[str, str]]:
    rows = session.execute(select(ReminderSent.kind, ReminderSent.reference).order_by(ReminderSent.id))
    return [(kind, reference) for kind, reference in rows]


def test_meeting_tomorrow_is_sent_once_and_a_second_run_sends_nothing(session, mail_app, inbox, meeting, people):
    just_after_midnight = meeting(local(24, 0, 30))  # 23:30 UTC on the 23rd: tomorrow in Copenhagen
    meeting(local(24, 9))
    assert counts(run(mail_app)) == (2, 0, 0)
    assert len(inbox.messages) == 2
    first = inbox.messages[0]
    assert first["To"] == "borger@example.test" and first["Subject"] == "Påmindelse: møde i morgen"
    assert first["From"] == "Min Plan <noreply@localhost>" and first["Auto-Submitted"] == "auto-generated"
    assert "i morgen kl. 00:30" in first.get_content()
    assert f"Log ind på Min Plan for at se mere: {BASE_URL}/meetings/{just_after_midnight.id}" in first.get_content()
    assert "kl. 09:00" in inbox.messages[1].get_content()
    reference = f"meeting:{just_after_midnight.id}:2026-11-23T23:30:00+00:00"
    assert sent_references(session)[0] == ("meeting_tomorrow", reference)
    audit = session.scalars(select(AuditEntry).where(AuditEntry.action == "reminder.sent")).all()
    assert [(a.citizen_id, '"kind": "meeting_tomorrow"' in a.detail) for a in audit] == [(people[1].id, True)] * 2

    assert counts(run(mail_app)) == (0, 2, 0)
    assert len(inbox.messages) == 2, "nothing is sent twice"
    assert len(sent_references(session)) == 2


def test_danish_letters_travel_as_seven_bit_quoted_printable_and_read_back(mail_app, inbox, meeting):
    meeting(local(24, 9))
    run(mail_app)
    [raw] = inbox.raw
    assert raw.isascii(), "no 8-bit byte on the wire: the server was never asked for 8BITMIME"
    message = message_from_bytes(raw, policy=policy.default)
    assert message["Content-Transfer-Encoding"] == "quoted-printable"
    assert message["Content-Type"].params["charset"] == "utf-8"
    assert message["Subject"] == "Påmindelse: møde i morgen"
    text = message.get_content()
    assert "Du har et møde med jobcentret i morgen kl. 09:00." in text
    assert "Log ind på Min Plan for at se mere:" in text and "Du kan ikke svare på den." in text


def test_only_planned_meetings_on_tomorrows_local_date(mail_app, inbox, meeting):
    meeting(local(23, 23, 30))  # later today
    late_tomorrow = meeting(local(24, 23, 30))  # 22:30 UTC on the 24th
    meeting(local(25, 0, 30))  # the day after tomorrow
    meeting(local(24, 10), status=MeetingStatus.CANCELLED)
    assert counts(run(mail_app)) == (1, 0, 0)
    assert f"/meetings/{late_tomorrow.id}" in inbox.messages[0].get_content()
    assert "kl. 23:30" in inbox.messages[0].get_content()


def test_a_moved_meeting_is_reminded_again(session, mail_app, inbox, meeting):
    moved = meeting(local(24, 9))
    assert counts(run(mail_app)) == (1, 0, 0)
    moved.starts_at = local(24, 13, 15)
    session.commit()
    assert counts(run(mail_app)) == (1, 0, 0)
    assert "kl. 13:15" in inbox.messages[1].get_content()
    assert counts(run(mail_app)) == (0, 1, 0)


def test_changes_give_one_mail_per_meeting_and_a_later_change_another(session, mail_app, inbox, meeting, change):
    changed = meeting(local(30, 9))
    change(changed, NOW - timedelta(hours=2), field="starts_at")
    change(changed, NOW - timedelta(hours=1), field="place")
    assert counts(run(mail_app)) == (1, 0, 0)
    assert inbox.messages[0]["Subject"] == "Et møde er ændret"
    assert "Et af dine møder med jobcentret er ændret." in inbox.messages[0].get_content()
    assert f"{BASE_URL}/meetings/{changed.id}" in inbox.messages[0].get_content()
    assert counts(run(mail_app)) == (0, 1, 0)

    latest = change(changed, NOW, field="channel")
    assert counts(run(mail_app)) == (1, 0, 0)
    assert len(inbox.messages) == 2
    assert sent_references(session)[-1] == (reminders.MEETING_CHANGED, f"meeting-change:{changed.id}:{latest.id}")


def test_cancelled_future_meeting_is_told_but_old_changes_and_past_meetings_are_not(mail_app, inbox, meeting, change):
    cancelled = meeting(local(30, 9), status=MeetingStatus.CANCELLED)
    change(cancelled, field="status")
    change(meeting(local(20, 9)))  # already over
    change(meeting(local(27, 9)), NOW - timedelta(days=8))  # told long ago, if ever
    assert counts(run(mail_app)) == (1, 0, 0)
    assert inbox.messages[0]["Subject"] == "Et møde er aflyst"
    assert "Et af dine møder med jobcentret er aflyst." in inbox.messages[0].get_body(("plain",)).get_content()


def test_homework_due_tomorrow_is_sent_and_done_or_later_homework_is_not(mail_app, inbox, homework):
    homework()
    homework(done=True)
    homework(TOMORROW + timedelta(days=1))
    homework(None)
    assert counts(run(mail_app)) == (1, 0, 0)
    message = inbox.messages[0]
    assert message["Subject"] == "Påmindelse: opgave med frist i morgen"
    assert "Du har en opgave fra jobcentret med frist i morgen." in message.get_content()
    assert f"{BASE_URL}/homework/" in message.get_content()
    assert counts(run(mail_app)) == (0, 1, 0)


def test_no_mail_names_purpose_agenda_place_summary_or_homework_title(mail_app, inbox, meeting, change, homework):
    meeting(local(24, 9))
    change(meeting(local(28, 9)))
    change(meeting(local(29, 9), status=MeetingStatus.CANCELLED))
    homework()
    assert counts(run(mail_app)) == (4, 0, 0)
    for text in inbox.texts():
        for secret in [*SECRETS.values(), *HOMEWORK_SECRETS.values()]:
            assert secret.split()[0] not in text


def test_english_citizen_gets_english_and_a_danish_one_danish(make_citizen, mail_app, inbox, meeting, people):
    english = make_citizen(people[0], language="en", email="english@example.test")
    meeting(local(24, 9), citizen=english)
    meeting(local(24, 10))
    run(mail_app)
    by_recipient = {m["To"]: m for m in inbox.messages}
    mail = by_recipient["english@example.test"]
    assert mail["Subject"] == "Reminder: meeting tomorrow"
    assert "You have a meeting with the jobcentre tomorrow at 09:00." in mail.get_content()
    assert "Log in to Min Plan to see more:" in mail.get_content()
    assert by_recipient["borger@example.test"]["Subject"] == "Påmindelse: møde i morgen"


def test_inactive_citizen_gets_nothing(make_citizen, mail_app, inbox, meeting, homework, people):
    gone = make_citizen(people[0], active=False)
    meeting(local(24, 9), citizen=gone)
    homework(citizen=gone)
    assert counts(run(mail_app)) == (0, 0, 0)
    assert inbox.messages == []


def test_refused_mail_counts_as_failed_keeps_no_row_and_is_retried(session, mail_app, inbox, meeting, homework):
    meeting(local(24, 9))
    homework()
    inbox.refuse = True
    assert counts(run(mail_app)) == (0, 0, 2)
    assert sent_references(session) == []
    assert session.scalar(select(func.count()).select_from(AuditEntry).where(AuditEntry.action == "reminder.sent")) == 0
    inbox.refuse = False
    assert counts(run(mail_app)) == (2, 0, 0)
    assert len(sent_references(session)) == 2


def test_unreachable_server_fails_every_reminder_quickly(session, make_app, meeting, homework):
    meeting(local(24, 9))
    homework()
    app = make_app(SMTP_HOST="127.0.0.1", SMTP_PORT=free_port())
    assert counts(run(app)) == (0, 0, 2)
    assert sent_references(session) == []


def test_a_reminder_claimed_by_a_concurrent_run_is_skipped(monkeypatch, mail_app, inbox, meeting):
    meeting(local(24, 9))
    run(mail_app)
    # The other run had not committed when this one looked: the unique key stops the second mail.
    monkeypatch.setattr(reminders, "_already_sent", lambda due: set())
    assert counts(run(mail_app)) == (0, 1, 0)
    assert len(inbox.messages) == 1


def test_without_smtp_nothing_is_sent_or_recorded(session, make_app, meeting, homework):
    meeting(local(24, 9))
    homework()
    app = make_app()
    result = run(app)
    assert not result.smtp_configured and counts(result) == (0, 0, 0)
    assert sent_references(session) == []
    output = app.test_cli_runner().invoke(args=["reminders", "send"])
    assert output.exit_code == 0
    assert output.output.strip() == "SMTP er ikke sat op (PORTAL_SMTP_HOST); ingen påmindelser sendt."


def test_cli_prints_the_counts_and_fails_when_a_mail_failed(mail_app, inbox, meeting):
    meeting(local(24, 9))
    runner = mail_app.test_cli_runner()
    first = runner.invoke(args=["reminders", "send"])
    assert (first.exit_code, first.output.strip()) == (0, "Sendt: 1, allerede sendt: 0, fejlede: 0")
    again = runner.invoke(args=["reminders", "send"])
    assert again.output.strip() == "Sendt: 0, allerede sendt: 1, fejlede: 0"
    meeting(local(24, 11))
    inbox.refuse = True
    failed = runner.invoke(args=["reminders", "send"])
    assert (failed.exit_code, failed.output.strip()) == (1, "Sendt: 0, allerede sendt: 1, fejlede: 1")


def test_queries_do_not_grow_with_the_number_of_citizens(
    connection, make_citizen, mail_app, meeting, homework, change, people
):
    def selects_for_one_run() -> int:
        statements = []
        listener = lambda *args: statements.append(args[2])  # noqa: E731  (conn, cursor, statement, ...)
        event.listen(connection, "before_cursor_execute", listener)
        try:
            run(mail_app)
        finally:
            event.remove(connection, "before_cursor_execute", listener)
        return sum(statement.lstrip().upper().startswith("SELECT") for statement in statements)

    meeting(local(24, 9))
    few = selects_for_one_run()
    for _ in range(3):
        citizen = make_citizen(people[0])
        meeting(local(24, 9), citizen=citizen)
        change(meeting(local(28, 9), citizen=citizen))
        homework(citizen=citizen)
    assert selects_for_one_run() == few == 5  # one per kind (4), one for what was sent before


def test_smtp_settings_come_from_the_environment(monkeypatch):
    monkeypatch.delenv("PORTAL_SMTP_HOST", raising=False)
    assert load_config()["SMTP_HOST"] is None, "reminders are off by default"
    monkeypatch.setenv("PORTAL_SMTP_HOST", "smtp.example.dk")
    monkeypatch.setenv("PORTAL_SMTP_PORT", "587")
    monkeypatch.setenv("PORTAL_SMTP_STARTTLS", "true")
    monkeypatch.setenv("PORTAL_BASE_URL", "https://minplan.example.dk")
    config = load_config()
    assert (config["SMTP_HOST"], config["SMTP_PORT"], config["SMTP_STARTTLS"]) == ("smtp.example.dk", 587, True)
    assert config["BASE_URL"] == "https://minplan.example.dk"
    assert config["MAIL_FROM"] == "Min Plan <noreply@localhost>" and config["SMTP_USERNAME"] is None
