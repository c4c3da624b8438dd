"""Meetings: purpose, agenda, preparation, summary, "Jeg kan ikke komme", changes, comments;
homework versions; reminders sent; each jobcentre's meeting-cadence rule set.

Revision ID: dbc19b4f6c7a
Revises: b0f65951e452
Create Date: 2026-11-23 08:56:32.767817
"""

import sqlalchemy as sa
from alembic import op

revision = "dbc19b4f6c7a"
down_revision = "b0f65951e452"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "reminder_sent",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("reference", sa.String(length=200), nullable=False),
        sa.Column("recipient_id", sa.Integer(), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["recipient_id"], ["user_account.id"], name=op.f("fk_reminder_sent_recipient_id_user_account")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reminder_sent")),
        sa.UniqueConstraint("kind", "reference", name=op.f("uq_reminder_sent_kind_reference")),
    )
    op.create_table(
        "meeting_change",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=False),
        sa.Column("field", sa.String(length=30), nullable=False),
        sa.Column("old_value", sa.Text(), nullable=True),
        sa.Column("new_value", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["actor_id"], ["user_account.id"], name=op.f("fk_meeting_change_actor_id_user_account")
        ),
        sa.ForeignKeyConstraint(["meeting_id"], ["meeting.id"], name=op.f("fk_meeting_change_meeting_id_meeting")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting_change")),
    )
    with op.batch_alter_table("meeting_change", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_meeting_change_meeting_id"), ["meeting_id"], unique=False)

    op.create_table(
        "meeting_comment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("seen_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["author_id"], ["user_account.id"], name=op.f("fk_meeting_comment_author_id_user_account")
        ),
        sa.ForeignKeyConstraint(["meeting_id"], ["meeting.id"], name=op.f("fk_meeting_comment_meeting_id_meeting")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting_comment")),
    )
    with op.batch_alter_table("meeting_comment", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_meeting_comment_meeting_id"), ["meeting_id"], unique=False)

    with op.batch_alter_table("homework", schema=None) as batch_op:
        batch_op.add_column(sa.Column("version", sa.Integer(), server_default="1", nullable=False))

    with op.batch_alter_table("jobcentre", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("meeting_rules", sa.String(length=20), server_default="reform2026", nullable=False)
        )

    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "status",
                sa.Enum(
                    "planned", "cancelled", name="meeting_status", native_enum=False, create_constraint=True, length=20
                ),
                server_default="planned",
                nullable=False,
            )
        )
        batch_op.add_column(sa.Column("cancel_reason", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("purpose", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("agenda", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("preparation", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("absence_reason", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("absence_reported_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("absence_seen_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("summary", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("summary_published_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("version", sa.Integer(), server_default="1", nullable=False))
        batch_op.add_column(sa.Column("updated_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.drop_column("updated_at")
        batch_op.drop_column("version")
        batch_op.drop_column("summary_published_at")
        batch_op.drop_column("summary")
        batch_op.drop_column("absence_seen_at")
        batch_op.drop_column("absence_reported_at")
        batch_op.drop_column("absence_reason")
        batch_op.drop_column("preparation")
        batch_op.drop_column("agenda")
        batch_op.drop_column("purpose")
        batch_op.drop_column("cancel_reason")
        batch_op.drop_constraint(op.f("ck_meeting_meeting_status"), type_="check")
        batch_op.drop_column("status")

    with op.batch_alter_table("jobcentre", schema=None) as batch_op:
        batch_op.drop_column("meeting_rules")

    with op.batch_alter_table("homework", schema=None) as batch_op:
        batch_op.drop_column("version")

    with op.batch_alter_table("meeting_comment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_meeting_comment_meeting_id"))

    op.drop_table("meeting_comment")
    with op.batch_alter_table("meeting_change", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_meeting_change_meeting_id"))

    op.drop_table("meeting_change")
    op.drop_table("reminder_sent")
