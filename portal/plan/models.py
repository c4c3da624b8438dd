"""Min Plan: the end goal, milestones, job goals A/B/C, activities and agreements, with comments,
proposals and a history of every change. Nothing is hard-deleted: items are cancelled with a reason."""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.clock import utcnow
from portal.db import Base, UTCDateTime, enum_column


class ItemKind(enum.StrEnum):
    MILESTONE = "milestone"
    JOB_GOAL = "job_goal"
    ACTIVITY = "activity"
    AGREEMENT = "agreement"


#: The statuses each kind of item can have, in the order they are offered.
STATUSES: dict[ItemKind, tuple[str, ...]] = {
    ItemKind.MILESTONE: ("planned", "in_progress", "done", "dropped"),
    ItemKind.JOB_GOAL: ("active", "paused", "dropped"),
    ItemKind.ACTIVITY: ("planned", "active", "completed", "cancelled"),
    ItemKind.AGREEMENT: ("open", "done", "cancelled"),
}
#: Statuses that take an item out of the plan; they need a reason.
CLOSED_STATUSES = {"dropped", "cancelled"}

ACTIVITY_TYPES = ("praktik", "nytteindsats", "loentilskud", "amu", "fvu", "obu", "rkv", "course", "mentor", "other")
#: The three legal purposes of a virksomhedspraktik (BEK § 60 stk. 2, DOMAIN.md §3).
PRACTICUM_PURPOSES = ("paid_hours", "train_skills", "clarify_goal")
OWNERS = ("citizen", "caseworker", "company")
TRACKS = ("A", "B", "C")


class ProposalStatus(enum.StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    DECLINED = "declined"


class Plan(Base):
    __tablename__ = "plan"

    id: Mapped[int] = mapped_column(primary_key=True)
    citizen_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), unique=True)
    #: "job" or "education".
    end_goal_kind: Mapped[str | None] = mapped_column(String(20))
    end_goal: Mapped[str | None] = mapped_column(String(300))
    end_goal_target_date: Mapped[date | None]
    end_goal_why: Mapped[str | None] = mapped_column(Text)
    #: Raised by every save of the plan row: each change the caseworker makes to the plan or its items
    #: touches it, and so does the citizen's acknowledgement, which records the version it makes.
    version: Mapped[int] = mapped_column(default=1)
    #: SQLAlchemy's optimistic lock: every UPDATE checks and raises it (portal/locking.py).
    __mapper_args__ = {"version_id_col": version}
    #: The version the citizen's "Jeg har læst og forstået min plan" wrote; another version means the
    #: plan changed since.
    acknowledged_version: Mapped[int | None]
    acknowledged_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    @property
    def needs_acknowledgement(self) -> bool:
        return self.acknowledged_version != self.version

    def __repr__(self) -> str:
        return f"<Plan {self.id} citizen={self.citizen_id} v{self.version}>"


class PlanItem(Base):
    """One milestone, job goal, activity or agreement; kind-specific columns are empty otherwise.

    A citizen's proposal is an item too, with proposal_status pending until the caseworker decides.
    """

    __tablename__ = "plan_item"
    __table_args__ = (Index("ix_plan_item_plan_kind", "plan_id", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id"))
    kind: Mapped[ItemKind] = mapped_column(enum_column(ItemKind, "plan_item_kind"))
    title: Mapped[str] = mapped_column(String(300))
    #: Milestone details, an activity's purpose in plain words, an agreement's details.
    why: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20))
    #: Why it was dropped or cancelled.
    status_reason: Mapped[str | None] = mapped_column(Text)
    #: citizen | caseworker | company (milestones and agreements: who does it).
    owner: Mapped[str | None] = mapped_column(String(20))
    due_date: Mapped[date | None]
    position: Mapped[int] = mapped_column(default=0)
    # Job goals
    track: Mapped[str | None] = mapped_column(String(1))
    realistic_because: Mapped[str | None] = mapped_column(Text)
    # Activities
    activity_type: Mapped[str | None] = mapped_column(String(20))
    starts_on: Mapped[date | None]
    ends_on: Mapped[date | None]
    hours_per_week: Mapped[int | None]
    place: Mapped[str | None] = mapped_column(String(300))
    contact_person: Mapped[str | None] = mapped_column(String(200))
    tasks: Mapped[str | None] = mapped_column(Text)
    practicum_purpose: Mapped[str | None] = mapped_column(String(20))
    practicum_goals: Mapped[str | None] = mapped_column(Text)
    #: Written by the citizen before a practicum starts ("Mål og forventninger").
    expectations: Mapped[str | None] = mapped_column(Text)
    #: Written by the citizen after it ends ("Hvad gav praktikken?").
    evaluation: Mapped[str | None] = mapped_column(Text)
    # Agreements: the job-search requirement, e.g. 5 applications a week.
    requirement_count: Mapped[int | None]
    #: "week" or "month".
    requirement_period: Mapped[str | None] = mapped_column(String(10))
    # Proposals from the citizen
    proposal_status: Mapped[ProposalStatus | None] = mapped_column(enum_column(ProposalStatus, "proposal_status"))
    proposal_decision_reason: Mapped[str | None] = mapped_column(Text)
    proposal_decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    version: Mapped[int] = mapped_column(default=1)
    #: SQLAlchemy's optimistic lock: every UPDATE checks and raises it (portal/locking.py).
    __mapper_args__ = {"version_id_col": version}
    created_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    @property
    def is_open(self) -> bool:
        return self.status not in CLOSED_STATUSES

    @property
    def is_job_search_requirement(self) -> bool:
        return self.kind is ItemKind.AGREEMENT and self.requirement_count is not None

    def __repr__(self) -> str:
        return f"<PlanItem {self.id} {self.kind.value} {self.status}>"


class PlanItemLink(Base):
    """A milestone's linked activities and agreements."""

    __tablename__ = "plan_item_link"

    milestone_id: Mapped[int] = mapped_column(ForeignKey("plan_item.id"), primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("plan_item.id"), primary_key=True)


class PlanComment(Base):
    __tablename__ = "plan_comment"
    __table_args__ = (Index("ix_plan_comment_plan_item", "plan_id", "item_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id"))
    #: None for a comment on the plan as a whole (or its end goal).
    item_id: Mapped[int | None] = mapped_column(ForeignKey("plan_item.id"))
    author_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    author_role: Mapped[str] = mapped_column(String(20))
    text: Mapped[str] = mapped_column(Text)
    #: When the other party (caseworker for a citizen's comment) saw it.
    seen_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    author = relationship("User", lazy="joined", innerjoin=True)

    def __repr__(self) -> str:
        return f"<PlanComment {self.id} plan={self.plan_id} item={self.item_id}>"


class PlanChange(Base):
    """One recorded change, for the readable history ("Sagsbehandler ændrede slutdato fra … til …")."""

    __tablename__ = "plan_change"
    __table_args__ = (Index("ix_plan_change_plan_item", "plan_id", "item_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id"))
    item_id: Mapped[int | None] = mapped_column(ForeignKey("plan_item.id"))
    actor_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    actor_role: Mapped[str] = mapped_column(String(20))
    #: created | changed | proposed | accepted | declined | acknowledged
    action: Mapped[str] = mapped_column(String(20))
    #: The field that changed (for "changed"), e.g. "due_date".
    field: Mapped[str | None] = mapped_column(String(40))
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    def __repr__(self) -> str:
        return f"<PlanChange {self.id} {self.action} {self.field}>"
