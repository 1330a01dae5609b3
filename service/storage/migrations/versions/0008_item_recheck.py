"""items.recheck_at: a done item's page fetched again (an edited story, a page that was missing)

Revision ID: 0008_item_recheck
Revises: 0007_extraction_quality
Create Date: 2026-12-06
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008_item_recheck"
down_revision: str | None = "0007_extraction_quality"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("items") as batch:
        batch.add_column(sa.Column("recheck_at", sa.DateTime(timezone=True), nullable=True))
        batch.create_index(batch.f("ix_items_recheck_at"), ["recheck_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("items") as batch:
        batch.drop_index(batch.f("ix_items_recheck_at"))
        batch.drop_column("recheck_at")
