"""Logins through identity providers: a citizen found by the keyed hash of their CPR number (and an
e-mail no longer required), an employee by their staff login's subject, the auditor role, and each
login session's provider session id for back-channel logout.

Revision ID: aa5b69712474
Revises: 7da6ffad4d32
Create Date: 2026-12-04 14:54:05.379050
"""

import sqlalchemy as sa
from alembic import op

revision = "aa5b69712474"
down_revision = "7da6ffad4d32"
branch_labels = None
depends_on = None

ROLES_BEFORE = ("citizen", "caseworker", "admin")
ROLES_AFTER = ("citizen", "caseworker", "auditor", "admin")


def _role_check(roles: tuple[str, ...]) -> str:
    return "role IN (" + ", ".join(f"'{role}'" for role in roles) + ")"


def upgrade() -> None:
    with op.batch_alter_table("auth_session", schema=None) as batch_op:
        batch_op.add_column(sa.Column("provider", sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column("provider_sid", sa.String(length=255), nullable=True))
        batch_op.add_column(sa.Column("provider_subject", sa.String(length=255), nullable=True))
        batch_op.create_index(batch_op.f("ix_auth_session_provider_sid"), ["provider_sid"], unique=False)

    with op.batch_alter_table("user_account", schema=None) as batch_op:
        batch_op.add_column(sa.Column("cpr_hash", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("staff_subject", sa.String(length=255), nullable=True))
        batch_op.alter_column("email", existing_type=sa.VARCHAR(length=254), nullable=True)
        batch_op.create_unique_constraint(batch_op.f("uq_user_account_cpr_hash"), ["cpr_hash"])
        batch_op.create_unique_constraint(batch_op.f("uq_user_account_staff_subject"), ["staff_subject"])
        batch_op.drop_constraint(batch_op.f("ck_user_account_role"), type_="check")
        batch_op.create_check_constraint("role", _role_check(ROLES_AFTER))


def downgrade() -> None:
    with op.batch_alter_table("user_account", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_user_account_role"), type_="check")
        batch_op.create_check_constraint("role", _role_check(ROLES_BEFORE))
        batch_op.drop_constraint(batch_op.f("uq_user_account_staff_subject"), type_="unique")
        batch_op.drop_constraint(batch_op.f("uq_user_account_cpr_hash"), type_="unique")
        batch_op.alter_column("email", existing_type=sa.VARCHAR(length=254), nullable=False)
        batch_op.drop_column("staff_subject")
        batch_op.drop_column("cpr_hash")

    with op.batch_alter_table("auth_session", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_auth_session_provider_sid"))
        batch_op.drop_column("provider_subject")
        batch_op.drop_column("provider_sid")
        batch_op.drop_column("provider")
