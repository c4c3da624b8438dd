"""Input kept across an ended session belongs to the person whose session it was.

Revision ID: 20e7e9e7014c
Revises: aa5b69712474
Create Date: 2026-12-04 15:35:33.865474
"""

import sqlalchemy as sa
from alembic import op

revision = "20e7e9e7014c"
down_revision = "aa5b69712474"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Rows kept so far name no one and live two hours at most: they go rather than be guessed at.
    op.execute("DELETE FROM pending_input")
    with op.batch_alter_table("pending_input", schema=None) as batch_op:
        batch_op.add_column(sa.Column("user_id", sa.Integer(), nullable=False))
        batch_op.create_index(batch_op.f("ix_pending_input_user_id"), ["user_id"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_pending_input_user_id_user_account"), "user_account", ["user_id"], ["id"], ondelete="CASCADE"
        )


def downgrade() -> None:
    with op.batch_alter_table("pending_input", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_pending_input_user_id_user_account"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_pending_input_user_id"))
        batch_op.drop_column("user_id")
