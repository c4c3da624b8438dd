"""Database rules the models promise: one current caseworker per citizen, UTC timestamps, roles."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy.exc import IntegrityError, StatementError

from portal.access import Role
from portal.auth.models import User
from portal.clock import local_today
from portal.organisation.models import CaseloadAssignment


def test_a_citizen_has_at_most_one_current_caseworker(session, make_caseworker, make_citizen):
    first = make_caseworker()
    second = make_caseworker()
    citizen = make_citizen(caseworker=first)
    session.add(CaseloadAssignment(caseworker_id=second.id, citizen_id=citizen.id, valid_from=local_today()))
    with pytest.raises(IntegrityError):
        session.commit()
    session.rollback()


def test_history_of_assignments_is_kept(session, make_caseworker, make_citizen):
    first = make_caseworker()
    second = make_caseworker()
    citizen = make_citizen(caseworker=first)
    current = session.query(CaseloadAssignment).filter_by(citizen_id=citizen.id).one()
    current.valid_to = local_today() - timedelta(days=1)
    session.add(CaseloadAssignment(caseworker_id=second.id, citizen_id=citizen.id, valid_from=local_today()))
    session.commit()
    assert session.query(CaseloadAssignment).filter_by(citizen_id=citizen.id).count() == 2


def test_email_is_unique(session, make_user):
    user = make_user()
    session.add(User(email=user.email, role=Role.CITIZEN, name="Dublet"))
    with pytest.raises(IntegrityError):
        session.commit()
    session.rollback()


def test_timestamps_are_utc_aware_and_naive_ones_refused(session, make_citizen, make_caseworker, make_meeting):
    caseworker = make_caseworker()
    citizen = make_citizen(caseworker=caseworker)
    meeting = make_meeting(
        citizen, caseworker, starts_at=datetime(2030, 6, 1, 12, 0, tzinfo=timezone(timedelta(hours=2)))
    )
    session.expire_all()
    session.refresh(meeting)
    assert meeting.starts_at == datetime(2030, 6, 1, 10, 0, tzinfo=UTC)
    assert meeting.starts_at.tzinfo is not None
    meeting.starts_at = datetime(2030, 6, 1, 12, 0)  # noqa: DTZ001 - the naive value the column must refuse
    with pytest.raises(StatementError, match="naive datetime"):
        session.commit()
    session.rollback()


def test_unknown_role_is_refused_by_the_database(session, connection):
    from sqlalchemy import text

    with pytest.raises(IntegrityError):
        savepoint = connection.begin_nested()
        try:
            connection.execute(
                text(
                    "INSERT INTO user_account (email, role, name, is_active, created_at) "
                    "VALUES ('x@example.test', 'superuser', 'X', true, CURRENT_TIMESTAMP)"
                )
            )
        finally:
            savepoint.rollback()
