"""What `flask demo scale` writes: the asked-for numbers, one caseworker and a plan per citizen, references
that hold, handovers halfway."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from datetime import timedelta

from sqlalchemy import exists, func, select

from demodata.scale.shape import caseworker_email, citizen_email
from demodata.scale.texts import HANDOVER_NOTE
from demodata.seed import DEMO_PASSWORD
from portal.access import Role
from portal.auth.models import Jobcentre, User
from portal.clock import local_zone
from portal.db import Base
from portal.joblog.models import JobLogEntry
from portal.meetings.models import Meeting
from portal.organisation.models import CaseloadAssignment, CitizenProfile
from portal.plan.models import Plan
from tests.factories import log_in
from tests.pages import parse_page
from tests.scale.steps import CITIZENS, ids_by_email, query


def test_the_command_prints_how_many_rows_it_wrote(small):
    match = re.search(
        r"^([\d,]+) rows for 30 citizens, 2 caseworkers and 2 jobcentres in [\d.]+ s", small.output, re.MULTILINE
    )
    assert match, small.output
    assert int(match.group(1).replace(",", "")) == sum(small.counts.values())


def test_the_asked_for_numbers_of_citizens_caseworkers_and_jobcentres(small):
    users = query(small.engine, select(User.email, User.role))
    assert sorted(email for email, role in users if role is Role.CITIZEN) == sorted(
        citizen_email(n) for n in range(1, CITIZENS + 1)
    )
    assert sorted(email for email, role in users if role is Role.CASEWORKER) == [
        caseworker_email(1),
        caseworker_email(2),
    ]
    assert [role for _email, role in users if role is Role.ADMIN] == []
    assert sorted(name for (name,) in query(small.engine, select(Jobcentre.name))) == [
        "Skala Jobcenter 001",
        "Skala Jobcenter 002",
    ]


def test_every_citizen_has_one_caseworker_a_profile_a_plan_and_the_asked_for_joblog(small):
    citizens = {id_ for email, id_ in ids_by_email(small.engine).items() if email.startswith("borger")}
    assert len(citizens) == CITIZENS

    def per_citizen(column, *where):
        return Counter(citizen for (citizen,) in query(small.engine, select(column).where(*where)))

    once = dict.fromkeys(citizens, 1)
    assert per_citizen(CaseloadAssignment.citizen_id, CaseloadAssignment.valid_to.is_(None)) == once
    assert per_citizen(CitizenProfile.user_id) == once
    assert per_citizen(Plan.citizen_id) == once
    assert per_citizen(JobLogEntry.citizen_id) == dict.fromkeys(citizens, 8)


def test_the_first_caseworker_has_the_first_half_of_the_citizens_in_their_own_jobcentre(small):
    # 30 citizens over 2 caseworkers is a caseload of ceil(30 / 2) = 15, filled in order.
    citizen = User.__table__.alias("citizen")
    caseworker = User.__table__.alias("caseworker")
    current = query(
        small.engine,
        select(caseworker.c.email, citizen.c.email, caseworker.c.jobcentre_id == citizen.c.jobcentre_id)
        .select_from(CaseloadAssignment)
        .join(citizen, citizen.c.id == CaseloadAssignment.citizen_id)
        .join(caseworker, caseworker.c.id == CaseloadAssignment.caseworker_id)
        .where(CaseloadAssignment.valid_to.is_(None)),
    )
    caseloads = defaultdict(set)
    for caseworker_email_, citizen_email_, same_jobcentre in current:
        caseloads[caseworker_email_].add(citizen_email_)
        assert same_jobcentre, f"{citizen_email_} is in another jobcentre than {caseworker_email_}"
    assert caseloads == {
        caseworker_email(1): {citizen_email(n) for n in range(1, 16)},
        caseworker_email(2): {citizen_email(n) for n in range(16, 31)},
    }


def test_every_reference_points_at_a_row(small):
    # A superuser load on PostgreSQL switches the foreign-key triggers off, so this query is the
    # check there; SQLite enforced every key while the rows went in, and says so again.
    with small.engine.connect() as connection:
        if connection.dialect.name == "sqlite":
            assert connection.exec_driver_sql("PRAGMA foreign_key_check").all() == []
        dangling = {}
        for table in Base.metadata.sorted_tables:
            for key in table.foreign_keys:
                parent = key.column.table.alias()  # an alias, so that a table may point at itself
                count = connection.execute(
                    select(func.count())
                    .select_from(table)
                    .where(key.parent.is_not(None), ~exists().where(parent.c[key.column.name] == key.parent))
                ).scalar()
                if count:
                    dangling[f"{table.name}.{key.parent.name}"] = count
    assert dangling == {}


def test_with_one_jobcentre_some_citizens_were_handed_over_halfway(one_jobcentre):
    assignments = defaultdict(list)
    for row in query(one_jobcentre.engine, select(CaseloadAssignment).order_by(CaseloadAssignment.valid_from)):
        assignments[row.citizen_id].append(row)
    assert all([row.valid_to for row in rows][-1] is None for rows in assignments.values())
    handed_over = {citizen: rows for citizen, rows in assignments.items() if len(rows) > 1}
    assert handed_over, "seed 7 hands some of caseworker 1's citizens over from caseworker 2"
    ids = ids_by_email(one_jobcentre.engine)
    for citizen, (before, after) in handed_over.items():
        assert (before.caseworker_id, after.caseworker_id) == (ids[caseworker_email(2)], ids[caseworker_email(1)])
        assert before.valid_to == after.valid_from - timedelta(days=1)
        assert (after.previous_caseworker_id, after.handover_note) == (before.caseworker_id, HANDOVER_NOTE)
        owners = query(
            one_jobcentre.engine, select(Meeting.starts_at, Meeting.caseworker_id).where(Meeting.citizen_id == citizen)
        )
        assert owners
        for starts, owner in owners:
            # A meeting day on a weekend moves to the Monday, up to two days past the handover, so
            # the two days after it may belong to either caseworker.
            day = starts.astimezone(local_zone()).date()
            if day < after.valid_from:
                assert owner == before.caseworker_id, "a meeting before the handover is the previous caseworker's"
            elif day >= after.valid_from + timedelta(days=2):
                assert owner == after.caseworker_id, "a meeting after the handover is the new caseworker's"

    client = one_jobcentre.app.test_client()
    assert log_in(client, caseworker_email(1), DEMO_PASSWORD).status_code == 302
    page = parse_page(client.get(f"/caseworker/citizens/{min(handed_over)}")).get_text(" ", strip=True)
    assert "Borgeren har skiftet sagsbehandler 1 gang." in page
    assert HANDOVER_NOTE in page
