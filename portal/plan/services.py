"""Changing a plan. Every change is kept as a PlanChange (the readable history) and audited.

Every save of a plan row or an item raises its version (portal.locking), and a save from an outdated
page is refused. Each change the caseworker makes to the plan or its items also saves the plan row,
so the plan's version moves past the one the citizen acknowledged, which asks for a new
acknowledgement. The citizen's own actions (ticking off, writing expectations, proposing) leave the
plan row alone, so they do not ask them to acknowledge again.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError

from portal import audit, locking
from portal.access import Role
from portal.auth.models import User
from portal.clock import local_today, utcnow
from portal.db import db
from portal.plan.models import ItemKind, Plan, PlanChange, PlanComment, PlanItem, PlanItemLink, ProposalStatus


def _stringify(value) -> str | None:
    if value is None:
        return None
    return value.isoformat() if isinstance(value, date) else str(value)


def record(
    plan: Plan, item: PlanItem | None, actor: User, action: str, *, field: str | None = None, old=None, new=None
) -> None:
    db.session.add(
        PlanChange(
            plan_id=plan.id,
            item_id=item.id if item else None,
            actor_id=actor.id,
            actor_role=actor.role.value,
            action=action,
            field=field,
            old_value=_stringify(old),
            new_value=_stringify(new),
            created_at=utcnow(),
        )
    )
    if actor.role is Role.CASEWORKER:
        plan.updated_at = utcnow()  # a save of the plan row: its version moves on
    audit.record(
        db.session,
        f"plan.{action}",
        actor=actor,
        citizen_id=plan.citizen_id,
        item_id=item.id if item else None,
        field=field,
    )


def add_comment(plan: Plan, item: PlanItem | None, author: User, text: str) -> PlanComment:
    comment = PlanComment(
        plan_id=plan.id,
        item_id=item.id if item else None,
        author_id=author.id,
        author_role=author.role.value,
        text=text,
        created_at=utcnow(),
    )
    db.session.add(comment)
    audit.record(
        db.session, "plan.commented", actor=author, citizen_id=plan.citizen_id, item_id=item.id if item else None
    )
    db.session.commit()
    return comment


def propose(plan: Plan, citizen: User, *, kind: str, title: str, why: str | None, due_date: date | None) -> PlanItem:
    kind_enum = ItemKind(kind)
    first_status = {ItemKind.MILESTONE: "planned", ItemKind.JOB_GOAL: "active", ItemKind.ACTIVITY: "planned"}[kind_enum]
    item = PlanItem(
        plan_id=plan.id,
        kind=kind_enum,
        title=title,
        why=why,
        due_date=due_date,
        status=first_status,
        owner="citizen" if kind_enum is ItemKind.MILESTONE else None,
        activity_type="other" if kind_enum is ItemKind.ACTIVITY else None,
        proposal_status=ProposalStatus.PENDING,
        created_by_id=citizen.id,
        created_at=utcnow(),
        updated_at=utcnow(),
    )
    db.session.add(item)
    db.session.flush()
    record(plan, item, citizen, "proposed")
    db.session.commit()
    return item


def acknowledge(plan: Plan, citizen: User, shown_version: str | None) -> None:
    """ "Jeg har læst og forstået min plan".

    :raise StaleVersion: the plan changed after the page was shown; read it again first.
    """
    with locking.saving():
        locking.check(plan, shown_version)
        # The acknowledgement saves the plan row too, so it records the version it writes.
        plan.version += 1
        plan.acknowledged_version = plan.version
        plan.acknowledged_at = utcnow()
        record(plan, None, citizen, "acknowledged")


def can_tick_off(item: PlanItem) -> bool:
    """The citizen ticks off their own open milestones and agreements."""
    return (
        item.kind in (ItemKind.MILESTONE, ItemKind.AGREEMENT)
        and item.owner == "citizen"
        and item.status not in ("done", "dropped", "cancelled")
        and item.proposal_status in (None, ProposalStatus.ACCEPTED)
    )


def tick_off(plan: Plan, item: PlanItem, citizen: User, shown_version: str | None) -> None:
    with locking.saving():
        locking.check(item, shown_version)
        old = item.status
        item.status = "done"
        item.updated_at = utcnow()
        record(plan, item, citizen, "changed", field="status", old=old, new="done")


def can_reflect(item: PlanItem, field: str) -> bool:
    """Expectations ("Mål og forventninger") until a practicum ends; the evaluation ("Hvad gav
    praktikken?") once it has ended."""
    if item.kind is not ItemKind.ACTIVITY or item.activity_type != "praktik" or not item.is_open:
        return False
    ended = item.status == "completed" or (item.ends_on is not None and item.ends_on < local_today())
    return ended if field == "evaluation" else field == "expectations" and not ended


def write_reflection(
    plan: Plan, item: PlanItem, citizen: User, field: str, text: str, shown_version: str | None
) -> None:
    with locking.saving():
        locking.check(item, shown_version)
        old = getattr(item, field)
        setattr(item, field, text)
        item.updated_at = utcnow()
        record(plan, item, citizen, "changed", field=field, old=old, new=text)


def decide_proposal(plan: Plan, item: PlanItem, caseworker: User, *, accept: bool, reason: str | None) -> None:
    """The caseworker takes a citizen's proposal into the plan or says no, with a reason the citizen sees."""
    with locking.saving():
        if item.proposal_status is not ProposalStatus.PENDING:
            raise locking.StaleVersion
        item.proposal_status = ProposalStatus.ACCEPTED if accept else ProposalStatus.DECLINED
        item.proposal_decision_reason = reason
        item.proposal_decided_at = utcnow()
        item.updated_at = utcnow()
        record(plan, item, caseworker, "accepted" if accept else "declined")


def mark_comments_seen(plan: Plan, reader: User) -> int:
    """The caseworker has seen the citizen's comments (they stop counting as waiting)."""
    return db.changed_rows(
        update(PlanComment)
        .where(PlanComment.plan_id == plan.id, PlanComment.seen_at.is_(None), PlanComment.author_id != reader.id)
        .values(seen_at=utcnow())
    )


def ensure_plan(citizen: User) -> Plan:
    """The citizen's plan, created empty the first time the caseworker writes in it."""
    return ensure_plan_of(citizen.id)


def ensure_plan_of(citizen_id: int) -> Plan:
    plan, _created = _plan_of(citizen_id)
    return plan


def _plan_of(citizen_id: int) -> tuple[Plan, bool]:
    """The citizen's plan, and whether this transaction created it. Two first writes at the same
    instant both try to create it; the unique citizen makes one insert fail, and that one then
    finds the other's plan."""
    found = db.session.scalar(select(Plan).where(Plan.citizen_id == citizen_id))
    if found is not None:
        return found, False
    plan = Plan(citizen_id=citizen_id, created_at=utcnow(), updated_at=utcnow())
    try:
        with db.session.begin_nested():
            db.session.add(plan)
    except IntegrityError:
        return db.session.scalars(select(Plan).where(Plan.citizen_id == citizen_id)).one(), False
    return plan, True


def save_end_goal(citizen: User, values: dict, caseworker: User, shown_version: str | None) -> Plan:
    """Write the end goal, creating the plan the first time; each changed field becomes a line in
    the history.

    :raise StaleVersion: the plan was saved (or created) after the form was shown.
    """
    with locking.saving():
        plan, created = _plan_of(citizen.id)
        if created:
            if (shown_version or "").strip():
                raise locking.StaleVersion  # a form about a plan that is not there
        else:
            locking.check(plan, shown_version)
        for field, new in values.items():
            old = getattr(plan, field)
            if old != new:
                setattr(plan, field, new)
                record(plan, None, caseworker, "changed", field=field, old=old, new=new)
    return plan


def _add_item(plan: Plan, kind: str, values: dict, caseworker: User, links: list[int] | None = None) -> PlanItem:
    item = PlanItem(
        plan_id=plan.id,
        kind=ItemKind(kind),
        created_by_id=caseworker.id,
        created_at=utcnow(),
        updated_at=utcnow(),
        **_with_period(values),
    )
    db.session.add(item)
    db.session.flush()
    record(plan, item, caseworker, "created")
    if links is not None:
        _set_links(plan, item, links, caseworker, record_change=False)
    return item


def _with_period(values: dict) -> dict:
    """A job-search requirement counts per week unless the caseworker chose a month."""
    if values.get("requirement_count") and not values.get("requirement_period"):
        return {**values, "requirement_period": "week"}
    return values


def add_item(plan: Plan, kind: str, values: dict, caseworker: User, links: list[int] | None = None) -> PlanItem:
    """A new item of any kind, from the caseworker."""
    with locking.saving():
        return _add_item(plan, kind, values, caseworker, links)


def add_agreements(citizen_id: int, agreements: list[dict], caseworker: User) -> None:
    """The agreements made at a meeting, into the plan; part of the caller's transaction (the
    meeting summary they were written with)."""
    plan = ensure_plan_of(citizen_id)
    for values in agreements:
        _add_item(plan, "agreement", values, caseworker)


def change_item(
    plan: Plan, item: PlanItem, values: dict, caseworker: User, shown_version: str | None, links: list[int] | None
) -> PlanItem:
    """Change an item; refused when the form was shown for another version."""
    with locking.saving():
        locking.check(item, shown_version)
        changed = links is not None and _set_links(plan, item, links, caseworker)
        for field, new in _with_period(values).items():
            old = getattr(item, field)
            if old != new:
                setattr(item, field, new)
                record(plan, item, caseworker, "changed", field=field, old=old, new=new)
                changed = True
        if changed:
            item.updated_at = utcnow()
    return item


def _set_links(plan: Plan, milestone: PlanItem, item_ids: list[int], actor: User, record_change: bool = True) -> bool:
    """Make the milestone's linked items exactly `item_ids` (items of the same plan); True if changed."""
    allowed = dict(
        db.session.execute(
            select(PlanItem.id, PlanItem.title).where(
                PlanItem.plan_id == plan.id, PlanItem.kind.in_([ItemKind.ACTIVITY, ItemKind.AGREEMENT])
            )
        ).all()
    )
    wanted = {item_id for item_id in item_ids if item_id in allowed}
    current = set(db.session.scalars(select(PlanItemLink.item_id).where(PlanItemLink.milestone_id == milestone.id)))
    if wanted == current:
        return False
    db.session.execute(delete(PlanItemLink).where(PlanItemLink.milestone_id == milestone.id))
    db.session.add_all([PlanItemLink(milestone_id=milestone.id, item_id=item_id) for item_id in sorted(wanted)])
    if record_change:

        def names(ids):
            return ", ".join(sorted(allowed[i] for i in ids if i in allowed)) or None

        record(plan, milestone, actor, "changed", field="links", old=names(current), new=names(wanted))
    return True
