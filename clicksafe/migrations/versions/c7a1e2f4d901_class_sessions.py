"""class sessions

Revision ID: c7a1e2f4d901
Revises: b3d10e6ff445
Create Date: 2026-12-03 08:50:00

"""

import sqlalchemy as sa
from alembic import op

revision = "c7a1e2f4d901"
down_revision = "b3d10e6ff445"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "class_session",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=6), nullable=False),
        sa.Column("key_hash", sa.String(length=64), nullable=False),
        sa.Column("quiz_id", sa.String(length=80), nullable=False),
        sa.Column("mode", sa.String(length=16), nullable=False),
        sa.Column("current", sa.Integer(), nullable=False),
        sa.Column("phase", sa.String(length=12), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("code"),
    )
    op.create_index("ix_class_session_expires_at", "class_session", ["expires_at"])
    op.create_table(
        "class_participant",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("token", sa.String(length=32), nullable=False),
        sa.Column("lang", sa.String(length=2), nullable=False),
        sa.Column("finished", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["session_id"], ["class_session.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("token"),
    )
    op.create_index("ix_class_participant_session_id", "class_participant", ["session_id"])
    op.create_table(
        "class_answer",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.String(length=80), nullable=False),
        sa.Column("options", sa.JSON(), nullable=False),
        sa.Column("correct", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["session_id"], ["class_session.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(
            ["participant_id"], ["class_participant.id"], ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("participant_id", "question_id"),
    )
    op.create_index("ix_class_answer_session_id", "class_answer", ["session_id"])


def downgrade():
    op.drop_table("class_answer")
    op.drop_table("class_participant")
    op.drop_index("ix_class_session_expires_at", table_name="class_session")
    op.drop_table("class_session")
