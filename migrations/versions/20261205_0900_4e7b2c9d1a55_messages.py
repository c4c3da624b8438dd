"""Beskeder: threads and messages between a citizen and their caseworker; a jobcentre's promised
answer time; a handover note's link to a thread.

A message is fixed once sent: a trigger refuses any UPDATE of what it says, who wrote it, its thread
or when (only the read mark may be set), on SQLite and PostgreSQL alike. On PostgreSQL the
application role may not delete messages either (portal/migrate.py).

Revision ID: 4e7b2c9d1a55
Revises: 3c1f0a9e7d42
Create Date: 2026-12-05 09:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "4e7b2c9d1a55"
down_revision = "3c1f0a9e7d42"
branch_labels = None
depends_on = None

FIXED_COLUMNS = ("thread_id", "author_id", "author_role", "body", "idempotency_key", "created_at")

SQLITE_TRIGGER = f"""
CREATE TRIGGER message_fixed BEFORE UPDATE OF {", ".join(FIXED_COLUMNS)} ON message
BEGIN
    SELECT RAISE(ABORT, 'a sent message cannot be changed');
END
"""
PG_FUNCTION = f"""
CREATE OR REPLACE FUNCTION message_refuse_change() RETURNS trigger AS $$
BEGIN
    IF ({", ".join("NEW." + c for c in FIXED_COLUMNS)})
        IS DISTINCT FROM ({", ".join("OLD." + c for c in FIXED_COLUMNS)}) THEN
        RAISE EXCEPTION 'a sent message cannot be changed' USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql
"""
PG_TRIGGER = """
CREATE TRIGGER message_fixed BEFORE UPDATE ON message
FOR EACH ROW EXECUTE FUNCTION message_refuse_change()
"""


def upgrade() -> None:
    op.create_table(
        "message_thread",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("citizen_id", sa.Integer(), nullable=False),
        sa.Column("subject", sa.String(length=120), nullable=False),
        sa.Column("plan_item_id", sa.Integer(), nullable=True),
        sa.Column("meeting_id", sa.Integer(), nullable=True),
        sa.Column("homework_id", sa.Integer(), nullable=True),
        sa.Column(
            "state",
            sa.Enum(
                "open",
                "waiting_on_citizen",
                "closed",
                name="message_thread_state",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("close_note", sa.String(length=300), nullable=True),
        sa.Column("last_message_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.ForeignKeyConstraint(
            ["citizen_id"], ["user_account.id"], name=op.f("fk_message_thread_citizen_id_user_account")
        ),
        sa.ForeignKeyConstraint(["homework_id"], ["homework.id"], name=op.f("fk_message_thread_homework_id_homework")),
        sa.ForeignKeyConstraint(["meeting_id"], ["meeting.id"], name=op.f("fk_message_thread_meeting_id_meeting")),
        sa.ForeignKeyConstraint(
            ["plan_item_id"], ["plan_item.id"], name=op.f("fk_message_thread_plan_item_id_plan_item")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_message_thread")),
    )
    with op.batch_alter_table("message_thread", schema=None) as batch_op:
        batch_op.create_index("ix_message_thread_citizen_activity", ["citizen_id", "last_message_at"], unique=False)
    op.create_table(
        "message",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("thread_id", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=False),
        sa.Column(
            "author_role",
            sa.Enum(
                "citizen",
                "caseworker",
                name="message_author_role",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("idempotency_key", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("read_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["author_id"], ["user_account.id"], name=op.f("fk_message_author_id_user_account")),
        sa.ForeignKeyConstraint(["thread_id"], ["message_thread.id"], name=op.f("fk_message_thread_id_message_thread")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_message")),
        sa.UniqueConstraint("author_id", "idempotency_key", name="uq_message_author_idempotency_key"),
    )
    with op.batch_alter_table("message", schema=None) as batch_op:
        batch_op.create_index("ix_message_thread_sent", ["thread_id", "id"], unique=False)
    with op.batch_alter_table("jobcentre", schema=None) as batch_op:
        batch_op.add_column(sa.Column("message_answer_days", sa.Integer(), server_default="2", nullable=False))
    with op.batch_alter_table("caseload_assignment", schema=None) as batch_op:
        batch_op.add_column(sa.Column("message_thread_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_caseload_assignment_message_thread_id_message_thread"),
            "message_thread",
            ["message_thread_id"],
            ["id"],
        )
    if op.get_bind().dialect.name == "postgresql":
        op.execute(PG_FUNCTION)
        op.execute(PG_TRIGGER)
    else:
        op.execute(SQLITE_TRIGGER)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS message_fixed ON message")
        op.execute("DROP FUNCTION IF EXISTS message_refuse_change()")
    else:
        op.execute("DROP TRIGGER IF EXISTS message_fixed")
    with op.batch_alter_table("caseload_assignment", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_caseload_assignment_message_thread_id_message_thread"), type_="foreignkey"
        )
        batch_op.drop_column("message_thread_id")
    with op.batch_alter_table("jobcentre", schema=None) as batch_op:
        batch_op.drop_column("message_answer_days")
    with op.batch_alter_table("message", schema=None) as batch_op:
        batch_op.drop_index("ix_message_thread_sent")
    op.drop_table("message")
    with op.batch_alter_table("message_thread", schema=None) as batch_op:
        batch_op.drop_index("ix_message_thread_citizen_activity")
    op.drop_table("message_thread")
