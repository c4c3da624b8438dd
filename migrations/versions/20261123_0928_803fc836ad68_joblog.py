"""The joblog: job applications and other job-search activities, kept 30 days after deletion.

Revision ID: 803fc836ad68
Revises: dbc19b4f6c7a
Create Date: 2026-11-23 09:28:27.882553
"""

import sqlalchemy as sa
from alembic import op

revision = "803fc836ad68"
down_revision = "dbc19b4f6c7a"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "joblog_entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("citizen_id", sa.Integer(), nullable=False),
        sa.Column("entry_type", sa.String(length=20), nullable=False),
        sa.Column("job_title", sa.String(length=200), nullable=False),
        sa.Column("employer", sa.String(length=200), nullable=True),
        sa.Column("location", sa.String(length=200), nullable=True),
        sa.Column("application_type", sa.String(length=20), nullable=True),
        sa.Column("activity_kind", sa.String(length=20), nullable=True),
        sa.Column("applied_on", sa.Date(), nullable=False),
        sa.Column("deadline", sa.Date(), nullable=True),
        sa.Column("contact_person", sa.String(length=200), nullable=True),
        sa.Column("link", sa.String(length=500), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("result", sa.String(length=20), nullable=True),
        sa.Column("track", sa.String(length=1), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("search_text", sa.String(length=500), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["citizen_id"], ["user_account.id"], name=op.f("fk_joblog_entry_citizen_id_user_account")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_joblog_entry")),
    )
    with op.batch_alter_table("joblog_entry", schema=None) as batch_op:
        batch_op.create_index(
            "ix_joblog_entry_citizen_list", ["citizen_id", "deleted_at", "applied_on", "id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("joblog_entry", schema=None) as batch_op:
        batch_op.drop_index("ix_joblog_entry_citizen_list")

    op.drop_table("joblog_entry")
