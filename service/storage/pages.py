"""Stored raw pages: which items have one, and what their extracted text is now (for ``newsmon reprocess``).

Reading a page's bytes and recording an extraction are :func:`service.storage.items.raw_page` and
:func:`service.storage.items.record_article`; this module adds the selection of pages to re-extract.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from service.storage.schema import Item, Page


def items_with_stored_page(
    session: Session,
    *,
    fetched_since: datetime | None = None,
    item_ids: Sequence[int] = (),
    limit: int | None = None,
) -> list[int]:
    """Ids of items whose raw page is still kept (retention drops ``body_gz``), oldest first."""
    query = select(Page.item_id).where(Page.body_gz.is_not(None)).order_by(Page.item_id)
    if fetched_since is not None:
        query = query.where(Page.fetched_at >= fetched_since)
    if item_ids:
        query = query.where(Page.item_id.in_(list(item_ids)))
    if limit is not None:
        query = query.limit(limit)
    return list(session.scalars(query))


def extracted_text(session: Session, item_id: int) -> tuple[str | None, str | None]:
    """The item's current text and its source (``page`` or ``summary``)."""
    row = session.execute(select(Item.text, Item.text_source).where(Item.id == item_id)).one_or_none()
    return (row[0], row[1]) if row is not None else (None, None)
