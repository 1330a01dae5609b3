"""alerts: the alert outbox (unique per rule and subject) and the batched rules' state

Revision ID: 0005_alerts
Revises: 0004_search
Create Date: 2026-12-06
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005_alerts"
down_revision: str | None = "0004_search"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "alert_outbox",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("rule", sa.String(length=100), nullable=False),
        sa.Column("subject", sa.String(length=300), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=True),
        sa.Column("feed_id", sa.Integer(), nullable=True),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("link", sa.String(length=2000), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("lease_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("message_key", sa.String(length=200), nullable=True),
        sa.Column("delivered", sa.JSON(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["feed_id"], ["feeds.id"], name=op.f("fk_alert_outbox_feed_id_feeds"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["item_id"], ["items.id"], name=op.f("fk_alert_outbox_item_id_items"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_alert_outbox")),
        sa.UniqueConstraint("rule", "subject", name="uq_alert_outbox_rule_subject"),
    )
    with op.batch_alter_table("alert_outbox", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_alert_outbox_created_at"), ["created_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_alert_outbox_feed_id"), ["feed_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_alert_outbox_item_id"), ["item_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_alert_outbox_next_attempt_at"), ["next_attempt_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_alert_outbox_status"), ["status"], unique=False)

    op.create_table(
        "alert_rule_state",
        sa.Column("rule", sa.String(length=100), nullable=False),
        sa.Column("next_batch_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("rule", name=op.f("pk_alert_rule_state")),
    )


def downgrade() -> None:
    op.drop_table("alert_rule_state")
    with op.batch_alter_table("alert_outbox", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_alert_outbox_status"))
        batch_op.drop_index(batch_op.f("ix_alert_outbox_next_attempt_at"))
        batch_op.drop_index(batch_op.f("ix_alert_outbox_item_id"))
        batch_op.drop_index(batch_op.f("ix_alert_outbox_feed_id"))
        batch_op.drop_index(batch_op.f("ix_alert_outbox_created_at"))
    op.drop_table("alert_outbox")
