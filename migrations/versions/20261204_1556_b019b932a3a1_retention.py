"""Retention: when a citizen's account was closed and when its data was purged; on PostgreSQL the
append-only audit trigger lets the retention run delete rows older than the cutoff it names.

Revision ID: b019b932a3a1
Revises: 20e7e9e7014c
Create Date: 2026-12-04 15:56:00
"""

import sqlalchemy as sa
from alembic import op

revision = "b019b932a3a1"
down_revision = "20e7e9e7014c"
branch_labels = None
depends_on = None

# UPDATE is always refused. DELETE only for rows older than the cutoff the transaction has named
# with set_config('minplan.audit_purge_before', …, true), which only `flask retention purge` does.
PURGEABLE = """
CREATE OR REPLACE FUNCTION audit_log_refuse_change() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE'
       AND OLD.occurred_at < NULLIF(current_setting('minplan.audit_purge_before', true), '')::timestamptz THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql
"""
APPEND_ONLY = """
CREATE OR REPLACE FUNCTION audit_log_refuse_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql
"""


def upgrade() -> None:
    with op.batch_alter_table("user_account", schema=None) as batch_op:
        batch_op.add_column(sa.Column("deactivated_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("purged_at", sa.DateTime(timezone=True), nullable=True))
    if op.get_bind().dialect.name == "postgresql":
        op.execute(PURGEABLE)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(APPEND_ONLY)
    with op.batch_alter_table("user_account", schema=None) as batch_op:
        batch_op.drop_column("purged_at")
        batch_op.drop_column("deactivated_at")
