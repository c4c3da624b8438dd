"""Indexes found missing at 150,000 citizens: a citizen's caseload history (counting their changes of
caseworker scanned every assignment) and the meeting comments not yet read (the caseload scanned every
comment ever written).

Revision ID: 7da6ffad4d32
Revises: be647254784b
Create Date: 2026-11-23 17:43:25.538024
"""

import sqlalchemy as sa
from alembic import op

revision = "7da6ffad4d32"
down_revision = "be647254784b"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("caseload_assignment", schema=None) as batch_op:
        batch_op.create_index("ix_caseload_assignment_citizen_history", ["citizen_id", "valid_from"], unique=False)
    with op.batch_alter_table("meeting_comment", schema=None) as batch_op:
        batch_op.create_index(
            "ix_meeting_comment_unseen",
            ["meeting_id"],
            unique=False,
            sqlite_where=sa.text("seen_at IS NULL"),
            postgresql_where=sa.text("seen_at IS NULL"),
        )


def downgrade() -> None:
    with op.batch_alter_table("meeting_comment", schema=None) as batch_op:
        batch_op.drop_index(
            "ix_meeting_comment_unseen",
            sqlite_where=sa.text("seen_at IS NULL"),
            postgresql_where=sa.text("seen_at IS NULL"),
        )
    with op.batch_alter_table("caseload_assignment", schema=None) as batch_op:
        batch_op.drop_index("ix_caseload_assignment_citizen_history")
