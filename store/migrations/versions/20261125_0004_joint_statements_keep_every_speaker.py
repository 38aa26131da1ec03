"""Joint statements keep every speaker: the others of "Reyes and Tully said".

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25 11:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "occurrence_co_speaker",
        sa.Column("occurrence_id", sa.Integer(), nullable=False),
        sa.Column("speaker_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["occurrence_id"],
            ["occurrence.id"],
            name=op.f("fk_occurrence_co_speaker_occurrence_id_occurrence"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["speaker_id"],
            ["speaker.id"],
            name=op.f("fk_occurrence_co_speaker_speaker_id_speaker"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "occurrence_id", "speaker_id", name=op.f("pk_occurrence_co_speaker")
        ),
    )
    with op.batch_alter_table("occurrence_co_speaker", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_occurrence_co_speaker_speaker_id"), ["speaker_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("occurrence_co_speaker", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_occurrence_co_speaker_speaker_id"))
    op.drop_table("occurrence_co_speaker")
