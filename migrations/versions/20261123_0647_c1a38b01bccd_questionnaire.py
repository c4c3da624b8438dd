"""Questionnaire: a citizen's answers per meeting (sensitive answers in their own table); meeting kind.

Revision ID: c1a38b01bccd
Revises: 5cdf039793b0
Create Date: 2026-11-23 06:47:37.211417
"""

import sqlalchemy as sa
from alembic import op

revision = "c1a38b01bccd"
down_revision = "5cdf039793b0"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "questionnaire",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("citizen_id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("definition_version", sa.Integer(), nullable=False),
        sa.Column("meeting_kind", sa.String(length=20), nullable=False),
        sa.Column(
            "status",
            sa.Enum("draft", "sent", name="questionnaire_status", native_enum=False, create_constraint=True, length=20),
            nullable=False,
        ),
        sa.Column("completed_sections", sa.String(length=100), nullable=False),
        sa.Column("resume_section", sa.String(length=10), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("consent_given_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("consent_withdrawn_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("changed_after_sending_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("carried_from_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["carried_from_id"], ["questionnaire.id"], name=op.f("fk_questionnaire_carried_from_id_questionnaire")
        ),
        sa.ForeignKeyConstraint(
            ["citizen_id"], ["user_account.id"], name=op.f("fk_questionnaire_citizen_id_user_account")
        ),
        sa.ForeignKeyConstraint(["meeting_id"], ["meeting.id"], name=op.f("fk_questionnaire_meeting_id_meeting")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_questionnaire")),
        sa.UniqueConstraint("meeting_id", name=op.f("uq_questionnaire_meeting_id")),
    )
    with op.batch_alter_table("questionnaire", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_questionnaire_citizen_id"), ["citizen_id"], unique=False)

    op.create_table(
        "questionnaire_answer",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("question_key", sa.String(length=20), nullable=False),
        sa.Column("value_json", sa.Text(), nullable=True),
        sa.Column("talk_about", sa.Boolean(), nullable=False),
        sa.Column("written_in_version", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("questionnaire_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["questionnaire_id"],
            ["questionnaire.id"],
            name=op.f("fk_questionnaire_answer_questionnaire_id_questionnaire"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_questionnaire_answer")),
        sa.UniqueConstraint(
            "questionnaire_id", "question_key", name=op.f("uq_questionnaire_answer_questionnaire_id_question_key")
        ),
    )
    op.create_table(
        "questionnaire_sensitive_answer",
        sa.Column("prefer_in_person", sa.Boolean(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("question_key", sa.String(length=20), nullable=False),
        sa.Column("value_json", sa.Text(), nullable=True),
        sa.Column("talk_about", sa.Boolean(), nullable=False),
        sa.Column("written_in_version", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("questionnaire_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["questionnaire_id"],
            ["questionnaire.id"],
            name=op.f("fk_questionnaire_sensitive_answer_questionnaire_id_questionnaire"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_questionnaire_sensitive_answer")),
        sa.UniqueConstraint(
            "questionnaire_id",
            "question_key",
            name=op.f("uq_questionnaire_sensitive_answer_questionnaire_id_question_key"),
        ),
    )
    with op.batch_alter_table("questionnaire_sensitive_answer", schema=None) as batch_op:
        batch_op.create_index("ix_questionnaire_sensitive_answer_questionnaire", ["questionnaire_id"], unique=False)

    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "kind",
                sa.Enum(
                    "first",
                    "follow_up",
                    "before_practicum",
                    "after_practicum",
                    name="meeting_kind",
                    native_enum=False,
                    create_constraint=True,
                    length=20,
                ),
                server_default="follow_up",
                nullable=False,
            )
        )


def downgrade() -> None:
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        # The enum's CHECK names the column; SQLite's table copy fails unless it goes first.
        batch_op.drop_constraint(op.f("ck_meeting_meeting_kind"), type_="check")
        batch_op.drop_column("kind")

    with op.batch_alter_table("questionnaire_sensitive_answer", schema=None) as batch_op:
        batch_op.drop_index("ix_questionnaire_sensitive_answer_questionnaire")

    op.drop_table("questionnaire_sensitive_answer")
    op.drop_table("questionnaire_answer")
    with op.batch_alter_table("questionnaire", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_questionnaire_citizen_id"))

    op.drop_table("questionnaire")
