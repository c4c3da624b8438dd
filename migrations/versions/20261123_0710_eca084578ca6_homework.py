"""Homework agreed at meetings (the questionnaire asks about it; the meetings feature builds on it).

Revision ID: eca084578ca6
Revises: 1372fff779e8
Create Date: 2026-11-23 07:10:10.179402
"""

import sqlalchemy as sa
from alembic import op

revision = "eca084578ca6"
down_revision = "1372fff779e8"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "homework",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("citizen_id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=True),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("why", sa.String(length=1000), nullable=True),
        sa.Column("due_date", sa.Date(), nullable=True),
        sa.Column("done_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("done_note", sa.String(length=2000), nullable=True),
        sa.Column("seen_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["citizen_id"], ["user_account.id"], name=op.f("fk_homework_citizen_id_user_account")),
        sa.ForeignKeyConstraint(["meeting_id"], ["meeting.id"], name=op.f("fk_homework_meeting_id_meeting")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_homework")),
    )
    with op.batch_alter_table("homework", schema=None) as batch_op:
        batch_op.create_index("ix_homework_citizen_done", ["citizen_id", "done_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("homework", schema=None) as batch_op:
        batch_op.drop_index("ix_homework_citizen_done")

    op.drop_table("homework")
