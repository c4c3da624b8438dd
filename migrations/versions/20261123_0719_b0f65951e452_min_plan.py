"""Min Plan: plan with end goal, items (milestones, job goals, activities, agreements), links, comments, history.

Revision ID: b0f65951e452
Revises: eca084578ca6
Create Date: 2026-11-23 07:19:05.258069
"""

import sqlalchemy as sa
from alembic import op

revision = "b0f65951e452"
down_revision = "eca084578ca6"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "plan",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("citizen_id", sa.Integer(), nullable=False),
        sa.Column("end_goal_kind", sa.String(length=20), nullable=True),
        sa.Column("end_goal", sa.String(length=300), nullable=True),
        sa.Column("end_goal_target_date", sa.Date(), nullable=True),
        sa.Column("end_goal_why", sa.Text(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("acknowledged_version", sa.Integer(), nullable=True),
        sa.Column("acknowledged_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["citizen_id"], ["user_account.id"], name=op.f("fk_plan_citizen_id_user_account")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plan")),
        sa.UniqueConstraint("citizen_id", name=op.f("uq_plan_citizen_id")),
    )
    op.create_table(
        "plan_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "milestone",
                "job_goal",
                "activity",
                "agreement",
                name="plan_item_kind",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("why", sa.Text(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("status_reason", sa.Text(), nullable=True),
        sa.Column("owner", sa.String(length=20), nullable=True),
        sa.Column("due_date", sa.Date(), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("track", sa.String(length=1), nullable=True),
        sa.Column("realistic_because", sa.Text(), nullable=True),
        sa.Column("activity_type", sa.String(length=20), nullable=True),
        sa.Column("starts_on", sa.Date(), nullable=True),
        sa.Column("ends_on", sa.Date(), nullable=True),
        sa.Column("hours_per_week", sa.Integer(), nullable=True),
        sa.Column("place", sa.String(length=300), nullable=True),
        sa.Column("contact_person", sa.String(length=200), nullable=True),
        sa.Column("tasks", sa.Text(), nullable=True),
        sa.Column("practicum_purpose", sa.String(length=20), nullable=True),
        sa.Column("practicum_goals", sa.Text(), nullable=True),
        sa.Column("expectations", sa.Text(), nullable=True),
        sa.Column("evaluation", sa.Text(), nullable=True),
        sa.Column("requirement_count", sa.Integer(), nullable=True),
        sa.Column("requirement_period", sa.String(length=10), nullable=True),
        sa.Column(
            "proposal_status",
            sa.Enum(
                "pending",
                "accepted",
                "declined",
                name="proposal_status",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=True,
        ),
        sa.Column("proposal_decision_reason", sa.Text(), nullable=True),
        sa.Column("proposal_decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["created_by_id"], ["user_account.id"], name=op.f("fk_plan_item_created_by_id_user_account")
        ),
        sa.ForeignKeyConstraint(["plan_id"], ["plan.id"], name=op.f("fk_plan_item_plan_id_plan")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plan_item")),
    )
    with op.batch_alter_table("plan_item", schema=None) as batch_op:
        batch_op.create_index("ix_plan_item_plan_kind", ["plan_id", "kind"], unique=False)

    op.create_table(
        "plan_change",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=True),
        sa.Column("actor_id", sa.Integer(), nullable=False),
        sa.Column("actor_role", sa.String(length=20), nullable=False),
        sa.Column("action", sa.String(length=20), nullable=False),
        sa.Column("field", sa.String(length=40), nullable=True),
        sa.Column("old_value", sa.Text(), nullable=True),
        sa.Column("new_value", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["actor_id"], ["user_account.id"], name=op.f("fk_plan_change_actor_id_user_account")),
        sa.ForeignKeyConstraint(["item_id"], ["plan_item.id"], name=op.f("fk_plan_change_item_id_plan_item")),
        sa.ForeignKeyConstraint(["plan_id"], ["plan.id"], name=op.f("fk_plan_change_plan_id_plan")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plan_change")),
    )
    with op.batch_alter_table("plan_change", schema=None) as batch_op:
        batch_op.create_index("ix_plan_change_plan_item", ["plan_id", "item_id"], unique=False)

    op.create_table(
        "plan_comment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=True),
        sa.Column("author_id", sa.Integer(), nullable=False),
        sa.Column("author_role", sa.String(length=20), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("seen_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["author_id"], ["user_account.id"], name=op.f("fk_plan_comment_author_id_user_account")
        ),
        sa.ForeignKeyConstraint(["item_id"], ["plan_item.id"], name=op.f("fk_plan_comment_item_id_plan_item")),
        sa.ForeignKeyConstraint(["plan_id"], ["plan.id"], name=op.f("fk_plan_comment_plan_id_plan")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plan_comment")),
    )
    with op.batch_alter_table("plan_comment", schema=None) as batch_op:
        batch_op.create_index("ix_plan_comment_plan_item", ["plan_id", "item_id"], unique=False)

    op.create_table(
        "plan_item_link",
        sa.Column("milestone_id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["item_id"], ["plan_item.id"], name=op.f("fk_plan_item_link_item_id_plan_item")),
        sa.ForeignKeyConstraint(
            ["milestone_id"], ["plan_item.id"], name=op.f("fk_plan_item_link_milestone_id_plan_item")
        ),
        sa.PrimaryKeyConstraint("milestone_id", "item_id", name=op.f("pk_plan_item_link")),
    )


def downgrade() -> None:
    op.drop_table("plan_item_link")
    with op.batch_alter_table("plan_comment", schema=None) as batch_op:
        batch_op.drop_index("ix_plan_comment_plan_item")

    op.drop_table("plan_comment")
    with op.batch_alter_table("plan_change", schema=None) as batch_op:
        batch_op.drop_index("ix_plan_change_plan_item")

    op.drop_table("plan_change")
    with op.batch_alter_table("plan_item", schema=None) as batch_op:
        batch_op.drop_index("ix_plan_item_plan_kind")

    op.drop_table("plan_item")
    op.drop_table("plan")
