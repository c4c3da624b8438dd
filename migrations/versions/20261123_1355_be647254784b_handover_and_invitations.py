"""Caseworker handover (who moved the citizen, from whom, the note and who has read it) and one-time invitations.

Revision ID: be647254784b
Revises: 803fc836ad68
Create Date: 2026-11-23 13:55:27.557995
"""

import sqlalchemy as sa
from alembic import op

revision = "be647254784b"
down_revision = "803fc836ad68"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "invitation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("citizen_id", sa.Integer(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["citizen_id"], ["user_account.id"], name=op.f("fk_invitation_citizen_id_user_account")
        ),
        sa.ForeignKeyConstraint(
            ["created_by_id"], ["user_account.id"], name=op.f("fk_invitation_created_by_id_user_account")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_invitation")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_invitation_token_hash")),
    )
    with op.batch_alter_table("invitation", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_invitation_citizen_id"), ["citizen_id"], unique=False)

    with op.batch_alter_table("caseload_assignment", schema=None) as batch_op:
        batch_op.add_column(sa.Column("assigned_by_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("previous_caseworker_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("handover_note", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("handover_read_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("citizen_informed_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_caseload_assignment_assigned_by_id_user_account"), "user_account", ["assigned_by_id"], ["id"]
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_caseload_assignment_previous_caseworker_id_user_account"),
            "user_account",
            ["previous_caseworker_id"],
            ["id"],
        )


def downgrade() -> None:
    with op.batch_alter_table("caseload_assignment", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_caseload_assignment_previous_caseworker_id_user_account"), type_="foreignkey"
        )
        batch_op.drop_constraint(batch_op.f("fk_caseload_assignment_assigned_by_id_user_account"), type_="foreignkey")
        batch_op.drop_column("citizen_informed_at")
        batch_op.drop_column("handover_read_at")
        batch_op.drop_column("handover_note")
        batch_op.drop_column("previous_caseworker_id")
        batch_op.drop_column("assigned_by_id")

    with op.batch_alter_table("invitation", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_invitation_citizen_id"))

    op.drop_table("invitation")
