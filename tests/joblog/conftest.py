"""Joblog fixtures: a logged-in citizen on a caseload, and entries written straight to the database."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import insert

from portal.clock import local_today
from portal.joblog.models import JobLogEntry, search_text
from tests.factories import log_in


@pytest.fixture
def jobseeker(client, make_caseworker, make_citizen):
    caseworker = make_caseworker()
    citizen = make_citizen(caseworker=caseworker, name="Maria Jensen")
    log_in(client, citizen.email)
    return citizen, caseworker


@pytest.fixture
def make_entry(session):
    def _make(citizen, title="Lagermedarbejder", employer="Coop", applied_on: date | None = None, **fields):
        fields.setdefault("application_type", "advertised")
        fields.setdefault("status", "applied")
        entry = JobLogEntry(
            citizen_id=citizen.id,
            job_title=title,
            employer=employer,
            applied_on=applied_on or local_today(),
            search_text=search_text(title, employer),
            **fields,
        )
        session.add(entry)
        session.commit()
        return entry

    return _make


@pytest.fixture
def add_many_entries(session):
    """Thousands of entries in one statement, spread over the last `spread_days` days."""

    def _add(citizen, count: int = 5000, spread_days: int = 400):
        session.execute(
            insert(JobLogEntry),
            [
                {
                    "citizen_id": citizen.id,
                    "job_title": f"Job {n}",
                    "employer": "Coop",
                    "search_text": f"job {n} coop",
                    "applied_on": local_today() - timedelta(days=n % spread_days),
                    "status": "applied",
                    "application_type": "advertised",
                    "entry_type": "application",
                    "version": 1,
                }
                for n in range(count)
            ],
        )
        session.commit()

    return _add
