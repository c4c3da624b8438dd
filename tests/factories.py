"""Factory fixtures: make_jobcentre, make_user, make_citizen, make_meeting, make_thread, write (a
message in a thread), and logging in."""

from __future__ import annotations

import itertools
import re
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from portal.access import Role
from portal.auth.models import Jobcentre, User
from portal.auth.passwords import hash_password
from portal.clock import local_today
from portal.meetings.models import Channel, Meeting, MeetingKind
from portal.messages.models import AuthorRole, Message, MessageThread
from portal.organisation.models import CaseloadAssignment, CitizenProfile

PASSWORD = "test-password-123"
_counter = itertools.count(1)


@pytest.fixture(scope="session")
def password_hash() -> str:
    # argon2 is slow on purpose; hash the shared test password once per run.
    return hash_password(PASSWORD)


@pytest.fixture
def make_jobcentre(session):
    def _make(name: str | None = None, languages: str = "da en") -> Jobcentre:
        jobcentre = Jobcentre(name=name or f"Jobcenter Test {next(_counter)}", languages=languages)
        session.add(jobcentre)
        session.commit()
        return jobcentre

    return _make


@pytest.fixture
def make_user(session, password_hash, make_jobcentre):
    def _make(
        role: Role = Role.CITIZEN,
        *,
        jobcentre: Jobcentre | None = None,
        name: str | None = None,
        email: str | None = None,
        active: bool = True,
        language: str | None = None,
        cpr_hash: str | None = None,
    ) -> User:
        if jobcentre is None and role is not Role.ADMIN:
            jobcentre = make_jobcentre()
        n = next(_counter)
        user = User(
            email=email or f"{role.value}{n}@example.test",
            password_hash=password_hash,
            role=role,
            name=name or f"{role.value.title()} Nummer{n}",
            jobcentre_id=jobcentre.id if jobcentre else None,
            is_active=active,
            preferred_language=language,
            cpr_hash=cpr_hash,
        )
        session.add(user)
        session.flush()
        if role is Role.CITIZEN:
            session.add(CitizenProfile(user_id=user.id, first_contact_date=local_today() - timedelta(days=40)))
        session.commit()
        return user

    return _make


@pytest.fixture
def make_caseworker(make_user):
    def _make(**kwargs) -> User:
        return make_user(Role.CASEWORKER, **kwargs)

    return _make


@pytest.fixture
def make_citizen(session, make_user):
    """A citizen; with `caseworker=` also on that caseworker's current caseload (same jobcentre)."""

    def _make(caseworker: User | None = None, **kwargs) -> User:
        if caseworker is not None:
            kwargs.setdefault("jobcentre", session.get(Jobcentre, caseworker.jobcentre_id))
        citizen = make_user(Role.CITIZEN, **kwargs)
        if caseworker is not None:
            session.add(
                CaseloadAssignment(
                    caseworker_id=caseworker.id, citizen_id=citizen.id, valid_from=local_today() - timedelta(days=30)
                )
            )
            session.commit()
        return citizen

    return _make


@pytest.fixture
def make_meeting(session):
    def _make(
        citizen: User,
        caseworker: User,
        *,
        starts_at: datetime | None = None,
        days: int = 3,
        channel: Channel = Channel.IN_PERSON,
        place: str | None = "Jobcentret, mødelokale 2",
        kind: MeetingKind = MeetingKind.FOLLOW_UP,
        **fields,
    ) -> Meeting:
        meeting = Meeting(
            citizen_id=citizen.id,
            caseworker_id=caseworker.id,
            kind=kind,
            starts_at=starts_at or datetime.now(UTC).replace(microsecond=0) + timedelta(days=days),
            duration_minutes=45,
            channel=channel,
            place=place,
            **fields,
        )
        session.add(meeting)
        session.commit()
        return meeting

    return _make


@pytest.fixture
def make_thread(session):
    """A thread of Beskeder in the citizen's case, without messages (add them with `write`)."""

    def _make(citizen: User, subject: str = "Et spørgsmål", **fields) -> MessageThread:
        thread = MessageThread(citizen_id=citizen.id, subject=subject, **fields)
        session.add(thread)
        session.commit()
        return thread

    return _make


@pytest.fixture
def write(session):
    """A message in a thread, as a citizen or a caseworker sends it (unread unless `read_at`)."""

    def _write(thread: MessageThread, author: User, body: str = "Hej", **fields) -> Message:
        message = Message(
            thread_id=thread.id,
            author_id=author.id,
            author_role=AuthorRole.CITIZEN if author.role is Role.CITIZEN else AuthorRole.CASEWORKER,
            body=body,
            idempotency_key=f"test-key-{next(_counter)}",
            **fields,
        )
        session.add(message)
        session.commit()
        return message

    return _write


CSRF_RE = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def csrf_token_from(html: str) -> str:
    match = CSRF_RE.search(html)
    assert match, "page has no CSRF token"
    return match.group(1)


def log_in(client, email: str, password: str = PASSWORD, next_url: str | None = None):
    """Log in through the real form (CSRF included); returns the POST response."""
    page = client.get("/login")
    token = csrf_token_from(page.get_data(as_text=True))
    url = "/login" + (f"?next={next_url}" if next_url else "")
    return client.post(url, data={"email": email, "password": password, "csrf_token": token})


@pytest.fixture
def login(client):
    def _login(user: User, **kwargs):
        response = log_in(client, user.email, **kwargs)
        assert response.status_code == 302, "login failed"
        return response

    return _login


def post_form(client, url: str, data: dict | None = None, *, page_url: str | None = None):
    """POST like a browser does: fetch a page for its CSRF token first."""
    page = client.get(page_url or "/", follow_redirects=True)
    payload = {"csrf_token": csrf_token_from(page.get_data(as_text=True))}
    payload.update(data or {})
    return client.post(url, data=payload)


def assignments_of(session, citizen: User) -> list[CaseloadAssignment]:
    """The citizen's caseload assignments, oldest first, read afresh."""
    session.expire_all()
    return list(
        session.scalars(
            select(CaseloadAssignment)
            .where(CaseloadAssignment.citizen_id == citizen.id)
            .order_by(CaseloadAssignment.id)
        )
    )
