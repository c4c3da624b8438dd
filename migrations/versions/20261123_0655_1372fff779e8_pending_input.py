"""Input kept briefly when a session or form token expired while someone was typing.

Revision ID: 1372fff779e8
Revises: c1a38b01bccd
Create Date: 2026-11-23 06:55:13.071401
"""

import sqlalchemy as sa
from alembic import op

revision = "1372fff779e8"
down_revision = "c1a38b01bccd"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "pending_input",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("path", sa.String(length=300), nullable=False),
        sa.Column("fields_json", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pending_input")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_pending_input_token_hash")),
    )
    with op.batch_alter_table("pending_input", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_pending_input_created_at"), ["created_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("pending_input", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_pending_input_created_at"))

    op.drop_table("pending_input")
