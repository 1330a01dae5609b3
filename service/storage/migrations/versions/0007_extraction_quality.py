"""extraction quality per item (0-1, from the extract stage; low scores listed for checking)

Revision ID: 0007_extraction_quality
Revises: 0006_sessions_hosts
Create Date: 2026-12-06
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007_extraction_quality"
down_revision: str | None = "0006_sessions_hosts"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("items") as batch:
        batch.add_column(sa.Column("extraction_quality", sa.Float(), nullable=True))
        batch.create_index(batch.f("ix_items_extraction_quality"), ["extraction_quality"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("items") as batch:
        batch.drop_index(batch.f("ix_items_extraction_quality"))
        batch.drop_column("extraction_quality")
