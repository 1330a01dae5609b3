"""search: a full-text index of item titles and texts that works for Chinese and Japanese

SQLite: an FTS5 table with the trigram tokenizer (rowid = item id), and its vocabulary. PostgreSQL: a plain table with a
pg_trgm GIN index, and a GIN-indexed tsvector of the text's character pairs for two-character terms. Both hold the normalised title and title+text (see ``service.storage.search``), are
filled here from the items already stored, and are kept in step by the storage layer afterwards.

Revision ID: 0004_search
Revises: 0003_events
Create Date: 2026-12-06
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004_search"
down_revision: str | None = "0003_events"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

log = logging.getLogger("alembic.runtime.migration")


def upgrade() -> None:
    from service.storage import search

    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        op.execute(f"CREATE VIRTUAL TABLE {search.TABLE} USING fts5(title, body, tokenize='trigram')")
        op.execute(f"CREATE VIRTUAL TABLE {search.VOCAB} USING fts5vocab({search.TABLE}, 'row')")
    else:
        op.execute(
            f"CREATE TABLE {search.TABLE} (item_id INTEGER PRIMARY KEY REFERENCES items(id) ON DELETE CASCADE, "
            "title TEXT NOT NULL, body TEXT NOT NULL, bigrams TSVECTOR NOT NULL)"
        )
        op.execute("CREATE INDEX ix_item_search_bigrams ON item_search USING gin (bigrams)")
        _trigram_index(bind)
    search.rebuild(bind)


def _trigram_index(bind: sa.Connection) -> None:
    """pg_trgm's GIN index makes substring search fast; without the extension (a role that may not create
    it) search still works, by a scan."""
    try:
        with bind.begin_nested():
            bind.execute(sa.text("CREATE EXTENSION IF NOT EXISTS pg_trgm"))
    except sa.exc.DBAPIError as exc:
        log.warning("pg_trgm unavailable (%s): search works without an index, by a scan", exc.orig)
        return
    op.execute("CREATE INDEX ix_item_search_body_trgm ON item_search USING gin (body gin_trgm_ops)")


def downgrade() -> None:
    op.execute("DROP TABLE IF EXISTS item_search_vocab")
    op.execute("DROP TABLE IF EXISTS item_search")
