"""Foundation: jobcentres, accounts, login sessions, caseloads, meetings, audit log.

On PostgreSQL the audit log is append-only: a trigger refuses UPDATE and DELETE.

Revision ID: 5cdf039793b0
Revises:
Create Date: 2026-11-23 06:11:42.723294
"""

import sqlalchemy as sa
from alembic import op

revision = "5cdf039793b0"
down_revision = None
branch_labels = None
depends_on = None

APPEND_ONLY_FUNCTION = """
CREATE OR REPLACE FUNCTION audit_log_refuse_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql
"""
APPEND_ONLY_TRIGGER = """
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change()
"""


def upgrade() -> None:
    op.create_table(
        "jobcentre",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("municipality_code", sa.String(length=4), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_jobcentre")),
        sa.UniqueConstraint("name", name=op.f("uq_jobcentre_name")),
    )
    op.create_table(
        "user_account",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("password_hash", sa.String(length=255), nullable=True),
        sa.Column(
            "role",
            sa.Enum(
                "citizen", "caseworker", "admin", name="role", native_enum=False, create_constraint=True, length=20
            ),
            nullable=False,
        ),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("jobcentre_id", sa.Integer(), nullable=True),
        sa.Column("is_active", sa.Boolean(), nullable=False),
        sa.Column("preferred_language", sa.String(length=8), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["jobcentre_id"], ["jobcentre.id"], name=op.f("fk_user_account_jobcentre_id_jobcentre")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_user_account")),
        sa.UniqueConstraint("email", name=op.f("uq_user_account_email")),
    )
    with op.batch_alter_table("user_account", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_user_account_jobcentre_id"), ["jobcentre_id"], unique=False)

    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("actor_role", sa.String(length=20), nullable=True),
        sa.Column("action", sa.String(length=80), nullable=False),
        sa.Column("citizen_id", sa.Integer(), nullable=True),
        sa.Column("purpose", sa.String(length=200), nullable=True),
        sa.Column("detail", sa.Text(), nullable=True),
        sa.Column("request_id", sa.String(length=36), nullable=True),
        sa.ForeignKeyConstraint(["actor_id"], ["user_account.id"], name=op.f("fk_audit_log_actor_id_user_account")),
        sa.ForeignKeyConstraint(["citizen_id"], ["user_account.id"], name=op.f("fk_audit_log_citizen_id_user_account")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_log")),
    )
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_audit_log_actor_id"), ["actor_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_audit_log_citizen_id"), ["citizen_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_audit_log_occurred_at"), ["occurred_at"], unique=False)

    op.create_table(
        "auth_session",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("end_reason", sa.String(length=20), nullable=True),
        sa.ForeignKeyConstraint(["user_id"], ["user_account.id"], name=op.f("fk_auth_session_user_id_user_account")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_auth_session")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_auth_session_token_hash")),
    )
    with op.batch_alter_table("auth_session", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_auth_session_user_id"), ["user_id"], unique=False)

    op.create_table(
        "caseload_assignment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("caseworker_id", sa.Integer(), nullable=False),
        sa.Column("citizen_id", sa.Integer(), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("valid_to", sa.Date(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["caseworker_id"], ["user_account.id"], name=op.f("fk_caseload_assignment_caseworker_id_user_account")
        ),
        sa.ForeignKeyConstraint(
            ["citizen_id"], ["user_account.id"], name=op.f("fk_caseload_assignment_citizen_id_user_account")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_caseload_assignment")),
    )
    with op.batch_alter_table("caseload_assignment", schema=None) as batch_op:
        batch_op.create_index("ix_caseload_assignment_caseworker_current", ["caseworker_id", "valid_to"], unique=False)
        batch_op.create_index(
            "uq_caseload_assignment_current_citizen",
            ["citizen_id"],
            unique=True,
            sqlite_where=sa.text("valid_to IS NULL"),
            postgresql_where=sa.text("valid_to IS NULL"),
        )

    op.create_table(
        "citizen_profile",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("first_contact_date", sa.Date(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["user_account.id"], name=op.f("fk_citizen_profile_user_id_user_account")),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_citizen_profile")),
    )
    op.create_table(
        "meeting",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("citizen_id", sa.Integer(), nullable=False),
        sa.Column("caseworker_id", sa.Integer(), nullable=False),
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("duration_minutes", sa.Integer(), nullable=False),
        sa.Column(
            "channel",
            sa.Enum(
                "in_person", "phone", "video", name="channel", native_enum=False, create_constraint=True, length=20
            ),
            nullable=False,
        ),
        sa.Column("place", sa.String(length=300), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["caseworker_id"], ["user_account.id"], name=op.f("fk_meeting_caseworker_id_user_account")
        ),
        sa.ForeignKeyConstraint(["citizen_id"], ["user_account.id"], name=op.f("fk_meeting_citizen_id_user_account")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting")),
    )
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_meeting_caseworker_id"), ["caseworker_id"], unique=False)
        batch_op.create_index("ix_meeting_citizen_starts", ["citizen_id", "starts_at"], unique=False)

    if op.get_bind().dialect.name == "postgresql":
        op.execute(APPEND_ONLY_FUNCTION)
        op.execute(APPEND_ONLY_TRIGGER)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS audit_log_append_only ON audit_log")
        op.execute("DROP FUNCTION IF EXISTS audit_log_refuse_change()")
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.drop_index("ix_meeting_citizen_starts")
        batch_op.drop_index(batch_op.f("ix_meeting_caseworker_id"))

    op.drop_table("meeting")
    op.drop_table("citizen_profile")
    with op.batch_alter_table("caseload_assignment", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_caseload_assignment_current_citizen",
            sqlite_where=sa.text("valid_to IS NULL"),
            postgresql_where=sa.text("valid_to IS NULL"),
        )
        batch_op.drop_index("ix_caseload_assignment_caseworker_current")

    op.drop_table("caseload_assignment")
    with op.batch_alter_table("auth_session", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_auth_session_user_id"))

    op.drop_table("auth_session")
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_audit_log_occurred_at"))
        batch_op.drop_index(batch_op.f("ix_audit_log_citizen_id"))
        batch_op.drop_index(batch_op.f("ix_audit_log_actor_id"))

    op.drop_table("audit_log")
    with op.batch_alter_table("user_account", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_user_account_jobcentre_id"))

    op.drop_table("user_account")
    op.drop_table("jobcentre")
