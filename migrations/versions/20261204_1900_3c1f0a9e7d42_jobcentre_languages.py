"""The languages a jobcentre offers its citizens (space-separated codes), Danish and English by default.

Revision ID: 3c1f0a9e7d42
Revises: da89b7ea2852
Create Date: 2026-12-04 19:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "3c1f0a9e7d42"
down_revision = "da89b7ea2852"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("jobcentre", schema=None) as batch_op:
        batch_op.add_column(sa.Column("languages", sa.String(length=64), server_default="da en", nullable=False))


def downgrade() -> None:
    with op.batch_alter_table("jobcentre", schema=None) as batch_op:
        batch_op.drop_column("languages")
