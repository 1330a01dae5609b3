"""events: the events stage's answer on each classification, and reviewers' event corrections

Revision ID: 0003_events
Revises: 0002
Create Date: 2026-12-06
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003_events"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("classifications", schema=None) as batch_op:
        batch_op.add_column(sa.Column("event", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("event_type", sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column("event_date", sa.String(length=10), nullable=True))
        batch_op.create_index(batch_op.f("ix_classifications_event_type"), ["event_type"], unique=False)
        batch_op.create_index(batch_op.f("ix_classifications_event_date"), ["event_date"], unique=False)

    op.create_table(
        "event_corrections",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("field", sa.String(length=40), nullable=False),
        sa.Column("value", sa.JSON(), nullable=False),
        sa.Column("reviewer", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["item_id"], ["items.id"], name=op.f("fk_event_corrections_item_id_items"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event_corrections")),
    )
    with op.batch_alter_table("event_corrections", schema=None) as batch_op:
        batch_op.create_index("ix_event_corrections_item_field", ["item_id", "field"], unique=False)
        batch_op.create_index(batch_op.f("ix_event_corrections_created_at"), ["created_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("event_corrections", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_event_corrections_created_at"))
        batch_op.drop_index("ix_event_corrections_item_field")
    op.drop_table("event_corrections")
    with op.batch_alter_table("classifications", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_classifications_event_date"))
        batch_op.drop_index(batch_op.f("ix_classifications_event_type"))
        batch_op.drop_column("event_date")
        batch_op.drop_column("event_type")
        batch_op.drop_column("event")
