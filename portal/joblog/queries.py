"""Reading a citizen's joblog; callers pass a citizen they already obtained through portal.access.

The list is paged by keyset on (applied_on, id), newest first: the page costs the same two
statements for ten entries or ten thousand.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import and_, bindparam, func, or_, select

from portal.auth.models import User
from portal.clock import utcnow
from portal.db import db
from portal.joblog.models import DELETED_KEPT_DAYS, SENT_STATUSES, JobLogEntry, search_text
from portal.joblog.progress import Activity, Progress, Requirement, last_activity_days, progress
from portal.plan.models import ItemKind, Plan, PlanItem

PAGE_SIZE = 25
CHART_WEEKS = 12


@dataclass(frozen=True)
class Filters:
    q: str | None = None
    status: str | None = None
    track: str | None = None
    start: date | None = None
    end: date | None = None

    @property
    def active(self) -> bool:
        return any((self.q, self.status, self.track, self.start, self.end))


@dataclass(frozen=True)
class Cursor:
    """Where the next page starts: after the entry with this date and id."""

    applied_on: date
    entry_id: int

    def token(self) -> str:
        return f"{self.applied_on.isoformat()}.{self.entry_id}"

    @classmethod
    def parse(cls, token: str | None) -> Cursor | None:
        try:
            day, entry_id = (token or "").split(".")
            return cls(date.fromisoformat(day), int(entry_id))
        except ValueError:
            return None  # a mangled link shows the first page rather than an error


@dataclass(frozen=True)
class Page:
    entries: list[JobLogEntry]
    next_cursor: Cursor | None
    total: int


def live(citizen_id):
    """The entries of one citizen (an id, or a bound parameter in a statement built once) that are
    not deleted."""
    return and_(JobLogEntry.citizen_id == citizen_id, JobLogEntry.deleted_at.is_(None))


def filtered(citizen: User, filters: Filters):
    conditions = [live(citizen.id)]
    if filters.q:
        conditions.append(JobLogEntry.search_text.contains(search_text(filters.q), autoescape=True))
    if filters.status:
        conditions.append(JobLogEntry.status == filters.status)
    if filters.track:
        conditions.append(JobLogEntry.track == filters.track)
    if filters.start:
        conditions.append(JobLogEntry.applied_on >= filters.start)
    if filters.end:
        conditions.append(JobLogEntry.applied_on <= filters.end)
    return and_(*conditions)


def page(citizen: User, filters: Filters, after: Cursor | None, size: int = PAGE_SIZE) -> Page:
    condition = filtered(citizen, filters)
    query = select(JobLogEntry).where(condition)
    if after is not None:
        query = query.where(
            or_(
                JobLogEntry.applied_on < after.applied_on,
                and_(JobLogEntry.applied_on == after.applied_on, JobLogEntry.id < after.entry_id),
            )
        )
    entries = list(
        db.session.scalars(query.order_by(JobLogEntry.applied_on.desc(), JobLogEntry.id.desc()).limit(size + 1))
    )
    more = len(entries) > size
    entries = entries[:size]
    total = db.session.scalar(select(func.count()).select_from(JobLogEntry).where(condition)) or 0
    last = entries[-1] if more else None
    return Page(entries, Cursor(last.applied_on, last.id) if last else None, total)


def all_filtered(citizen: User, filters: Filters):
    """Every matching entry, newest first, streamed for the export and the print view."""
    return db.session.scalars(
        select(JobLogEntry)
        .where(filtered(citizen, filters))
        .order_by(JobLogEntry.applied_on.desc(), JobLogEntry.id.desc())
        .execution_options(yield_per=500)
    )


def recently_deleted(citizen: User) -> list[JobLogEntry]:
    since = utcnow() - timedelta(days=DELETED_KEPT_DAYS)
    return list(
        db.session.scalars(
            select(JobLogEntry)
            .where(JobLogEntry.citizen_id == citizen.id, JobLogEntry.deleted_at >= since)
            .order_by(JobLogEntry.deleted_at.desc())
            .limit(200)
        )
    )


#: Built once (the overview and the joblog run it on every visit).
_ACTIVITIES_SINCE = select(JobLogEntry.applied_on, JobLogEntry.entry_type, JobLogEntry.status, JobLogEntry.track).where(
    live(bindparam("citizen_id")), JobLogEntry.applied_on >= bindparam("since", type_=JobLogEntry.applied_on.type)
)


def activities(citizen: User, since: date) -> list[Activity]:
    """What the progress counts, since a date: a few columns of at most a few hundred rows."""
    rows = db.session.execute(_ACTIVITIES_SINCE, {"citizen_id": citizen.id, "since": since})
    return [Activity(*row) for row in rows]


def requirement_for(citizen: User) -> Requirement | None:
    """The open job-search requirement agreed in the plan ("Søg 5 job om ugen"), if there is one."""
    return requirements_by_citizen([citizen.id]).get(citizen.id)


# The caseload's joblog figures, built once.
_SENT_SINCE = (
    select(JobLogEntry.citizen_id, func.count())
    .where(
        JobLogEntry.citizen_id.in_(bindparam("citizen_ids", expanding=True)),
        JobLogEntry.deleted_at.is_(None),
        JobLogEntry.entry_type == "application",
        JobLogEntry.status.in_(SENT_STATUSES),
        JobLogEntry.applied_on >= bindparam("since", type_=JobLogEntry.applied_on.type),
    )
    .group_by(JobLogEntry.citizen_id)
)
_REQUIREMENTS = (
    select(Plan.citizen_id, PlanItem.requirement_count, PlanItem.requirement_period)
    .join(Plan, Plan.id == PlanItem.plan_id)
    .where(
        Plan.citizen_id.in_(bindparam("citizen_ids", expanding=True)),
        PlanItem.kind == ItemKind.AGREEMENT,
        PlanItem.status == "open",
        PlanItem.requirement_count.is_not(None),
    )
    .order_by(PlanItem.id)
)


def sent_since_by_citizen(citizen_ids: list[int], since: date) -> dict[int, int]:
    """Applications sent since a date, for many citizens in one statement (the caseload)."""
    if not citizen_ids:
        return {}
    return dict(db.session.execute(_SENT_SINCE, {"citizen_ids": citizen_ids, "since": since}).all())


def requirements_by_citizen(citizen_ids: list[int]) -> dict[int, Requirement]:
    """Each citizen's open job-search requirement, in one statement (the caseload). When a plan
    holds more than one, the newest counts; requirement_among chooses the same way."""
    if not citizen_ids:
        return {}
    rows = db.session.execute(_REQUIREMENTS, {"citizen_ids": citizen_ids})
    # The statement selects only items with a count.
    return {citizen_id: Requirement(count, period or "week") for citizen_id, count, period in rows if count}


def requirement_among(items: list[PlanItem]) -> Requirement | None:
    """The open job-search requirement among a plan's items already loaded (a page that shows the
    plan need not read it again), chosen as requirements_by_citizen chooses."""
    newest = max(
        (item for item in items if item.is_job_search_requirement and item.status == "open"),
        key=lambda item: item.id,
        default=None,
    )
    if newest is None or newest.requirement_count is None:
        return None
    return Requirement(newest.requirement_count, newest.requirement_period or "week")


def progress_of(citizen: User, today: date) -> Progress:
    """Progress against the plan's requirement over the last weeks, in two statements."""
    return progress_and_quiet_days(citizen, today, requirement_for(citizen))[0]


def progress_and_quiet_days(
    citizen: User,
    today: date,
    requirement: Requirement | None,
) -> tuple[Progress, int | None]:
    """The progress against `requirement` (a page that read the plan has it: requirement_among),
    and the days since the latest activity within the chart's weeks (None: none in them, which is
    longer than STAR's 30 days anyway)."""
    since = today - timedelta(weeks=CHART_WEEKS, days=today.weekday())
    rows = activities(citizen, since)
    latest = max((row.applied_on for row in rows), default=None)
    return (progress(rows, requirement, today, weeks=CHART_WEEKS), last_activity_days(latest, today))
