"""`flask demo scale`: synthetic jobcentres, caseworkers and citizens that the portal can show and
keep working with, the same for the same seed, and never written where they do not belong.

The command commits through a connection of its own, so unlike other CLI tests it cannot run inside
the test's rolled-back transaction: on SQLite it would wait for that transaction's write lock, and
on PostgreSQL its rows would stay behind in the shared test database. Each run here gets a new
database of the run's kind instead, copied from one migrated template (migrating each would cost
more than generating).
"""

from __future__ import annotations

import os
import re
import sqlite3
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import create_engine, exists, func, insert, inspect, select, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import IntegrityError

from demodata.cli import demo_cli
from demodata.scale.columns import COLUMNS
from demodata.scale.generate import generate
from demodata.scale.shape import Shape, caseworker_email, citizen_email
from demodata.scale.texts import HANDOVER_NOTE
from demodata.seed import DEMO_PASSWORD
from portal.access import Role
from portal.auth import services as accounts
from portal.auth.models import Jobcentre, User
from portal.clock import local_today, local_zone
from portal.db import Base, db, make_engine
from portal.joblog.models import JobLogEntry
from portal.meetings.models import Homework, Meeting
from portal.migrate import upgrade
from portal.organisation.models import CaseloadAssignment, CitizenProfile
from portal.plan.models import Plan
from tests.conftest import make_test_app
from tests.factories import log_in, post_form
from tests.pages import parse_page

CITIZENS = 30
SMALL = (
    "--citizens",
    str(CITIZENS),
    "--caseworkers",
    "2",
    "--jobcentres",
    "2",
    "--history-weeks",
    "12",
    "--joblog-entries",
    "8",
    "--seed",
    "7",
)
# Production refuses a weak key before any command runs; the refusal under test is the command's own.
STRONG = "x7Gq2vN9pL4sR8tW1yZ3bC6dF0hJ5kM!"


class Databases:
    """New, migrated, empty databases of the kind the test run uses, dropped at the end."""

    def __init__(self, run_url: str, folder: Path) -> None:
        self.run_url, self.folder = run_url, folder
        self.postgresql = run_url.startswith("postgresql")
        self.made: list[str] = []
        self.engines: list[Engine] = []
        if self.postgresql:
            self.admin = create_engine(run_url, isolation_level="AUTOCOMMIT")
            # The process id keeps two test runs on one server from dropping each other's databases.
            self.prefix = f"{make_url(run_url).database}_scale_{os.getpid()}"
            self.template_name = f"{self.prefix}_template"
            self._execute(f'DROP DATABASE IF EXISTS "{self.template_name}" WITH (FORCE)')
            self._execute(f'CREATE DATABASE "{self.template_name}"')
            self.template = self._url(self.template_name)
        else:
            self.template = f"sqlite:///{folder / 'template.sqlite3'}"
        upgrade(self.template)

    def new(self) -> str:
        name = f"{self.prefix}_{len(self.made)}" if self.postgresql else f"scale-{len(self.made)}.sqlite3"
        if self.postgresql:
            self._execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            self._execute(f'CREATE DATABASE "{name}" TEMPLATE "{self.template_name}"')
            url = self._url(name)
        else:
            # The backup API copies a consistent database whatever state the WAL file is in.
            source, target = sqlite3.connect(self.folder / "template.sqlite3"), sqlite3.connect(self.folder / name)
            source.backup(target)
            source.close()
            target.close()
            url = f"sqlite:///{self.folder / name}"
        self.made.append(name)
        return url

    def app(self, url: str, **overrides) -> Flask:
        app = make_test_app(url, **overrides)
        self.engines.append(db.state(app).engine)
        return app

    def engine(self, url: str) -> Engine:
        engine = make_engine(url)
        self.engines.append(engine)
        return engine

    def drop(self) -> None:
        for engine in self.engines:
            engine.dispose()
        if self.postgresql:
            for name in [*self.made, self.template_name]:
                self._execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            self.admin.dispose()

    def _url(self, name: str) -> str:
        return make_url(self.run_url).set(database=name).render_as_string(hide_password=False)

    def _execute(self, statement: str) -> None:
        with self.admin.connect() as connection:
            connection.execute(text(statement))


@dataclass
class Generated:
    """A database the command filled, and what it held right after (later tests log in and add rows)."""

    app: Flask
    output: str
    counts: dict[str, int]
    rows: dict[str, list[tuple]]

    @property
    def engine(self) -> Engine:
        return db.state(self.app).engine


def scale(app: Flask, *options: str):
    # Exceptions are caught so that a traceback fails an assertion on exit code and output.
    return app.test_cli_runner().invoke(demo_cli, ["scale", *options])


def generate_with(databases: Databases, *options: str) -> Generated:
    app = databases.app(databases.new())
    result = scale(app, *options)
    assert result.exit_code == 0 and result.exception is None, result.output
    engine = db.state(app).engine
    return Generated(app, result.output, table_counts(engine), table_rows(engine))


def query(engine: Engine, statement) -> list:
    # A short connection: on SQLite every transaction holds the write lock the app's requests need.
    with engine.connect() as connection:
        return connection.execute(statement).all()


def table_counts(engine: Engine) -> dict[str, int]:
    with engine.connect() as connection:
        return {
            name: connection.execute(select(func.count()).select_from(Base.metadata.tables[name])).scalar()
            for name in COLUMNS
        }


def table_rows(engine: Engine) -> dict[str, list[tuple]]:
    """Every generated table, all columns but the password hash (argon2 salts it at random)."""
    rows = {}
    with engine.connect() as connection:
        for name, names in COLUMNS.items():
            table = Base.metadata.tables[name]
            columns = [table.c[column] for column in names if column != "password_hash"]
            rows[name] = [tuple(row) for row in connection.execute(select(*columns).order_by(*columns))]
    return rows


def ids_by_email(engine: Engine) -> dict[str, int]:
    return dict(query(engine, select(User.email, User.id)))


def moment_of_generation(today: date) -> datetime:
    """The generator's "now": seven in the morning, Danish time, on the day it is given."""
    return datetime.combine(today, time(7), tzinfo=local_zone())


def generate_directly(databases: Databases, *, today: date, history_weeks: int) -> Engine:
    """generate() itself on a fixed day, for what depends on the weekday the command happens to run on."""
    engine = databases.engine(databases.new())
    with engine.connect() as connection, connection.begin():
        generate(connection, Shape.for_citizens(CITIZENS, 2, 2, history_weeks, 8), today=today, seed=7)
    return engine


@pytest.fixture(scope="module")
def databases(database_url, tmp_path_factory):
    made = Databases(database_url, tmp_path_factory.mktemp("scale"))
    yield made
    made.drop()


@pytest.fixture(scope="module")
def small(databases) -> Generated:
    return generate_with(databases, *SMALL)


@pytest.fixture(scope="module")
def one_jobcentre(databases) -> Generated:
    """Both caseworkers in one jobcentre: only colleagues there hand citizens over to each other."""
    options = list(SMALL)
    options[options.index("--jobcentres") + 1] = "1"
    return generate_with(databases, *options)


@pytest.fixture(scope="module")
def empty(databases) -> str:
    """A database that must stay empty: refused runs write nothing into it."""
    return databases.new()


# --- What the command writes ---------------------------------------------------------------------


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


# --- Using the portal on the generated data ------------------------------------------------------


def test_a_generated_citizen_logs_in_and_sees_their_own_data(small):
    ids = ids_by_email(small.engine)
    citizen = ids[citizen_email(1)]
    client = small.app.test_client()
    assert log_in(client, citizen_email(1), DEMO_PASSWORD).status_code == 302

    [(name,)] = query(small.engine, select(User.name).where(User.id == citizen))
    assert name in parse_page(client.get("/")).get_text(" ", strip=True)
    assert "Fast job som lagermedarbejder" in parse_page(client.get("/plan/")).get_text(" ", strip=True)

    joblog = parse_page(client.get("/joblog/"))
    listed = [
        tuple(cell.get_text(" ", strip=True) for cell in row.find_all("td")[1:3])
        for row in joblog.find(id="joblog-caption").find_parent("table").find("tbody")("tr")
    ]
    entries = query(
        small.engine, select(JobLogEntry.job_title, JobLogEntry.employer).where(JobLogEntry.citizen_id == citizen)
    )
    assert len(entries) == 8
    assert sorted(listed) == sorted(tuple(entry) for entry in entries)

    meetings = parse_page(client.get("/meetings/"))
    linked = {
        int(match.group(1))
        for link in meetings.find_all("a", href=True)
        if (match := re.fullmatch(r"/meetings/(\d+)", link["href"]))
    }
    assert linked == {id_ for (id_,) in query(small.engine, select(Meeting.id).where(Meeting.citizen_id == citizen))}
    assert "Du kan læse referatet fra mødet." in meetings.get_text(" ", strip=True)
    for meeting in sorted(linked):
        parse_page(client.get(f"/meetings/{meeting}"))


def test_a_generated_caseworker_logs_in_and_sees_their_caseload(small):
    ids = ids_by_email(small.engine)
    client = small.app.test_client()
    assert log_in(client, caseworker_email(1), DEMO_PASSWORD).status_code == 302

    rows = parse_page(client.get("/caseworker/")).find("tbody")("tr")
    names = query(small.engine, select(User.name).where(User.email.in_([citizen_email(n) for n in range(1, 16)])))
    assert sorted(row.find("a").get_text(strip=True) for row in rows) == sorted(name for (name,) in names)

    first = parse_page(client.get(f"/caseworker/citizens/{ids[citizen_email(1)]}")).get_text(" ", strip=True)
    [(name,)] = query(small.engine, select(User.name).where(User.id == ids[citizen_email(1)]))
    assert name in first
    assert client.get(f"/caseworker/citizens/{ids[citizen_email(16)]}").status_code == 404, (
        "borger16 is on the other caseworker's caseload"
    )


def test_the_portal_adds_new_rows_after_the_generated_ones(one_jobcentre):
    # The generator numbers its rows itself; on PostgreSQL only moving the id sequences past them
    # keeps the portal's next insert from colliding with a generated id.
    engine = one_jobcentre.engine
    citizen = ids_by_email(engine)[citizen_email(2)]
    client = one_jobcentre.app.test_client()
    assert log_in(client, citizen_email(2), DEMO_PASSWORD).status_code == 302
    response = post_form(
        client,
        "/joblog/new",
        {
            "entry_type": "application",
            "job_title": "Lagerchef",
            "employer": "Skalaens Lager ApS",
            "applied_on": f"{local_today():%-d.%-m.%Y}",
            "application_type": "advertised",
            "status": "applied",
        },
        page_url="/joblog/new",
    )
    assert response.status_code == 302, response.get_data(as_text=True)
    [(entry_id,)] = query(
        engine,
        select(JobLogEntry.id).where(JobLogEntry.employer == "Skalaens Lager ApS", JobLogEntry.citizen_id == citizen),
    )
    assert entry_id == one_jobcentre.counts["joblog_entry"] + 1
    assert "Lagerchef" in parse_page(client.get("/joblog/")).get_text(" ", strip=True)

    with one_jobcentre.app.app_context():
        user = accounts.create_user(
            email="ny@example.test",
            password="a-long-enough-password",
            role=Role.CASEWORKER,
            name="Ny Kollega",
            jobcentre_id=None,
        )
        db.session.commit()
        assert user.id == one_jobcentre.counts["user_account"] + 1


# --- Same seed, same data -------------------------------------------------------------------------


def test_the_same_seed_writes_the_same_data(small, databases):
    again = generate_with(databases, *SMALL)
    assert again.counts == small.counts
    assert again.rows == small.rows


def test_another_seed_writes_other_data_of_the_same_shape(small, databases):
    options = list(SMALL)
    options[-1] = "8"
    other = generate_with(databases, *options)
    assert (other.counts["user_account"], other.counts["jobcentre"], other.counts["plan"]) == (
        small.counts["user_account"],
        small.counts["jobcentre"],
        small.counts["plan"],
    )

    def names_and_meeting_times(generated):
        names = [name for (name,) in query(generated.engine, select(User.name).order_by(User.id))]
        starts = [at for (at,) in query(generated.engine, select(Meeting.starts_at).order_by(Meeting.id))]
        return names, starts

    (names, starts), (other_names, other_starts) = names_and_meeting_times(small), names_and_meeting_times(other)
    assert names != other_names
    assert starts != other_starts


# --- Refusals ------------------------------------------------------------------------------------


def test_a_second_run_on_the_same_database_is_refused_and_writes_nothing(small):
    before = table_counts(small.engine)
    result = scale(small.app, *SMALL)
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    assert "this database already has scale data; use a new database" in result.output
    assert table_counts(small.engine) == before


def test_production_is_refused(databases, empty):
    app = databases.app(empty, PORTAL_ENV="production", SECRET_KEY=STRONG)
    result = scale(app, *SMALL)
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    assert "scale data is never generated in production" in result.output
    assert sum(table_counts(db.state(app).engine).values()) == 0


@pytest.mark.parametrize(
    "options, message",
    [
        (
            ("--citizens", "30", "--caseworkers", "2", "--jobcentres", "3"),
            "need 1 ≤ jobcentres ≤ caseworkers ≤ citizens",
        ),
        (("--citizens", "3", "--caseworkers", "4"), "need 1 ≤ jobcentres ≤ caseworkers ≤ citizens"),
        (("--citizens", "0"), "Invalid value for '--citizens': 0 is not in the range x>=1"),
        (("--citizens", "mange"), "Invalid value for '--citizens': 'mange' is not a valid integer"),
        (("--history-weeks", "5"), "Invalid value for '--history-weeks': 5 is not in the range x>=6"),
        (("--joblog-entries", "-1"), "Invalid value for '--joblog-entries': -1 is not in the range x>=0"),
    ],
)
def test_an_impossible_shape_is_explained_and_writes_nothing(databases, empty, options, message):
    app = databases.app(empty)
    result = scale(app, *options)
    assert result.exit_code != 0 and isinstance(result.exception, SystemExit), result.output
    assert message in result.output
    assert "Traceback" not in result.output
    assert sum(table_counts(db.state(app).engine).values()) == 0


# --- The default shape ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "citizens, caseworkers, jobcentres, caseload",
    [
        (1, 1, 1, 1),
        (40, 1, 1, 40),
        (1000, 7, 7, 150),
        (150_000, 1000, 94, 150),
        (150_001, 1001, 94, 150),
    ],
)
def test_the_default_shape_has_caseloads_of_150_but_the_last(citizens, caseworkers, jobcentres, caseload):
    """The bench compares a caseload at 1,000 and at 150,000 citizens: it must be the same size at both."""
    shape = Shape.for_citizens(citizens)
    assert (shape.caseworkers, shape.jobcentres, shape.caseload) == (caseworkers, jobcentres, caseload)
    assert (shape.history_weeks, shape.joblog_entries) == (26, 40)
    # Filled in order, the last caseworker takes what is left, and nobody is left without one.
    last = citizens - (caseworkers - 1) * caseload
    assert 0 < last <= caseload


def test_a_given_number_of_caseworkers_shares_the_citizens_evenly():
    assert Shape.for_citizens(1000, caseworkers=20).caseload == 50
    assert Shape.for_citizens(30, caseworkers=2).caseload == 15


# --- Known bugs ----------------------------------------------------------------------------------


def test_no_homework_was_done_after_the_data_was_made(databases):
    wednesday = date(2026, 11, 18)
    engine = generate_directly(databases, today=wednesday, history_weeks=12)
    future = query(
        engine, select(Homework.title, Homework.done_at).where(Homework.done_at > moment_of_generation(wednesday))
    )
    assert future == []


def test_meetings_with_a_summary_were_held_before_the_data_was_made(databases):
    # With an 11-week history the last meeting held falls 0-13 days back, so some fall on the Saturday.
    sunday = date(2026, 11, 22)
    engine = generate_directly(databases, today=sunday, history_weeks=11)
    future = query(
        engine,
        select(Meeting.id, Meeting.starts_at).where(
            Meeting.summary_published_at.is_not(None), Meeting.starts_at >= moment_of_generation(sunday)
        ),
    )
    assert future == []


def test_after_the_command_the_same_process_still_checks_references(databases):
    app = databases.app(databases.new())
    result = scale(app, "--citizens", "1", "--history-weeks", "6", "--joblog-entries", "0")
    assert result.exit_code == 0, result.output
    with app.app_context(), db.engine.connect() as connection, pytest.raises(IntegrityError):
        connection.execute(insert(CitizenProfile).values(user_id=10**9))


def test_the_indexes_dropped_for_the_load_are_all_built_again(databases):
    # The load drops secondary indexes and builds them at the end; a page must never meet a table
    # without them (a caseload without its history index took seconds at 150,000 citizens).
    engine = generate_directly(databases, today=date(2026, 11, 25), history_weeks=12)
    inspector = inspect(engine)
    expected = {(table.name, index.name) for table in Base.metadata.sorted_tables for index in table.indexes}
    present = {(table, index["name"]) for table in Base.metadata.tables for index in inspector.get_indexes(table)}
    assert expected - present == set()
