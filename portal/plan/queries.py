"""Reading a citizen's plan; callers pass a citizen they obtained through portal.access."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import bindparam, func, select

from portal.auth.models import User
from portal.db import db
from portal.plan.models import ItemKind, Plan, PlanChange, PlanComment, PlanItem, PlanItemLink, ProposalStatus

# The statements every citizen page runs are built once: building a select costs about as much as
# running it.
_PLAN_OF_CITIZEN = select(Plan).where(Plan.citizen_id == bindparam("citizen_id"))
_ITEMS_OF_PLAN = (
    select(PlanItem)
    .where(PlanItem.plan_id == bindparam("plan_id"))
    .order_by(PlanItem.kind, PlanItem.track, PlanItem.position, PlanItem.due_date, PlanItem.id)
)
_LINKS_OF_MILESTONES = select(PlanItemLink).where(PlanItemLink.milestone_id.in_(bindparam("ids", expanding=True)))


def plan_for(citizen: User) -> Plan | None:
    return db.session.scalar(_PLAN_OF_CITIZEN, {"citizen_id": citizen.id})


@dataclass
class PlanPage:
    """Everything /plan/ shows, read in a fixed number of statements."""

    plan: Plan
    milestones: list[PlanItem] = field(default_factory=list)
    job_goals: list[PlanItem] = field(default_factory=list)
    activities: list[PlanItem] = field(default_factory=list)
    agreements: list[PlanItem] = field(default_factory=list)
    proposals: list[PlanItem] = field(default_factory=list)
    links: dict[int, list[PlanItem]] = field(default_factory=dict)
    #: Every item of the plan, proposals included.
    items: list[PlanItem] = field(default_factory=list)

    @property
    def counted_milestones(self) -> list[PlanItem]:
        return [m for m in self.milestones if m.status != "dropped"]

    @property
    def milestones_done(self) -> int:
        return sum(1 for m in self.counted_milestones if m.status == "done")

    @property
    def next_milestone(self) -> PlanItem | None:
        """The first milestone not yet reached, soonest due first."""
        waiting = [m for m in self.counted_milestones if m.status != "done"]
        return min(waiting, key=lambda m: (m.due_date is None, m.due_date, m.position), default=None)


def plan_page(plan: Plan) -> PlanPage:
    items = list(db.session.scalars(_ITEMS_OF_PLAN, {"plan_id": plan.id}))
    page = PlanPage(plan, items=items)
    by_id = {item.id: item for item in items}
    for item in items:
        if item.proposal_status in (ProposalStatus.PENDING, ProposalStatus.DECLINED):
            page.proposals.append(item)
            continue
        {
            ItemKind.MILESTONE: page.milestones,
            ItemKind.JOB_GOAL: page.job_goals,
            ItemKind.ACTIVITY: page.activities,
            ItemKind.AGREEMENT: page.agreements,
        }[item.kind].append(item)
    milestone_ids = [item.id for item in items if item.kind is ItemKind.MILESTONE]
    for link in db.session.scalars(_LINKS_OF_MILESTONES, {"ids": milestone_ids}):
        if link.item_id in by_id:
            page.links.setdefault(link.milestone_id, []).append(by_id[link.item_id])
    return page


def comments_for(plan: Plan, item: PlanItem | None) -> list[PlanComment]:
    condition = PlanComment.item_id == item.id if item is not None else PlanComment.item_id.is_(None)
    return list(
        db.session.scalars(
            select(PlanComment).where(PlanComment.plan_id == plan.id, condition).order_by(PlanComment.created_at)
        )
    )


def history_for(plan: Plan, item: PlanItem | None = None) -> list[PlanChange]:
    """Newest first; for an item its own changes, for the plan every change."""
    query = select(PlanChange).where(PlanChange.plan_id == plan.id)
    if item is not None:
        query = query.where(PlanChange.item_id == item.id)
    return list(db.session.scalars(query.order_by(PlanChange.created_at.desc(), PlanChange.id.desc())))


def linked_to(plan: Plan, item: PlanItem) -> list[PlanItem]:
    """For a milestone: its activities and agreements; for another item: the milestones it serves."""
    if item.kind is ItemKind.MILESTONE:
        condition = PlanItem.id.in_(select(PlanItemLink.item_id).where(PlanItemLink.milestone_id == item.id))
    else:
        condition = PlanItem.id.in_(select(PlanItemLink.milestone_id).where(PlanItemLink.item_id == item.id))
    return list(
        db.session.scalars(
            select(PlanItem).where(PlanItem.plan_id == plan.id, condition).order_by(PlanItem.due_date, PlanItem.id)
        )
    )


@dataclass(frozen=True)
class Waiting:
    """What waits for the caseworker in a citizen's plan."""

    proposals: int = 0
    comments: int = 0
    unacknowledged: bool = False

    @property
    def total(self) -> int:
        return self.proposals + self.comments


def _waiting_statement():
    proposals = (
        select(func.count(PlanItem.id))
        .where(PlanItem.plan_id == Plan.id, PlanItem.proposal_status == ProposalStatus.PENDING)
        .correlate(Plan)
        .scalar_subquery()
    )
    comments = (
        select(func.count(PlanComment.id))
        .where(PlanComment.plan_id == Plan.id, PlanComment.seen_at.is_(None), PlanComment.author_role == "citizen")
        .correlate(Plan)
        .scalar_subquery()
    )
    return select(Plan.citizen_id, proposals, comments, Plan.acknowledged_version, Plan.version).where(
        Plan.citizen_id.in_(bindparam("citizen_ids", expanding=True))
    )


#: Built once: the caseload runs it on every visit.
_WAITING = _waiting_statement()


def waiting_by_citizen(citizen_ids: list[int]) -> dict[int, Waiting]:
    """Pending proposals, unseen citizen comments and acknowledgement state per citizen, in one statement."""
    if not citizen_ids:
        return {}
    rows = db.session.execute(_WAITING, {"citizen_ids": citizen_ids})
    return {
        citizen_id: Waiting(p or 0, c or 0, acknowledged != version) for citizen_id, p, c, acknowledged, version in rows
    }


def all_comments(plan: Plan) -> list[PlanComment]:
    """Every comment on the plan and its items, newest first (the caseworker's overview)."""
    return list(
        db.session.scalars(
            select(PlanComment)
            .where(PlanComment.plan_id == plan.id)
            .order_by(PlanComment.created_at.desc(), PlanComment.id.desc())
        )
    )


def item_titles(plan: Plan) -> dict[int, str]:
    """Item titles by id, for naming items in the plan's history (one statement)."""
    return dict(db.session.execute(select(PlanItem.id, PlanItem.title).where(PlanItem.plan_id == plan.id)).all())
