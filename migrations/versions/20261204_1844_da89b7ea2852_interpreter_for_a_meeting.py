"""Interpreter for a meeting: the language the citizen asked for and when, the caseworker's
confirmation (when, by whom), and the language of the interpreter booked, to change or cancel.

Revision ID: da89b7ea2852
Revises: b019b932a3a1
Create Date: 2026-12-04 18:44:16
"""

import sqlalchemy as sa
from alembic import op

revision = "da89b7ea2852"
down_revision = "b019b932a3a1"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.add_column(sa.Column("interpreter_language", sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column("interpreter_language_other", sa.String(length=100), nullable=True))
        batch_op.add_column(sa.Column("interpreter_requested_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("interpreter_confirmed_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("interpreter_confirmed_by_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("interpreter_booked_language", sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column("interpreter_booked_language_other", sa.String(length=100), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_meeting_interpreter_confirmed_by_id_user_account"),
            "user_account",
            ["interpreter_confirmed_by_id"],
            ["id"],
        )


def downgrade() -> None:
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_meeting_interpreter_confirmed_by_id_user_account"), type_="foreignkey")
        batch_op.drop_column("interpreter_booked_language_other")
        batch_op.drop_column("interpreter_booked_language")
        batch_op.drop_column("interpreter_confirmed_by_id")
        batch_op.drop_column("interpreter_confirmed_at")
        batch_op.drop_column("interpreter_requested_at")
        batch_op.drop_column("interpreter_language_other")
        batch_op.drop_column("interpreter_language")
