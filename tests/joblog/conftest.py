"""Joblog fixtures: a logged-in citizen on a caseload, and entries written straight to the database."""
from __future__ import annotations

from datetime import date

import pytest

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
        entry = JobLogEntry(citizen_id=citizen.id, job_title=title, employer=employer,
                            applied_on=applied_on or date.today(), search_text=search_text(title, employer), **fields)
        session.add(entry)
        session.commit()
        return entry
    return _make
