"""Re-extract stored raw pages after an extraction improvement (``newsmon reprocess``).

No download: the raw bytes kept in ``pages`` are decoded and extracted again, by the pipeline's own resume
path (``service.pipeline.stored_article``). Only items whose text changes
are written (through the same ``record_article`` as the pipeline), which puts them back at the
``extracted`` stage so the next cycle dedupes and classifies them again with the better text.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import Engine

from service.config import Settings
from service.pipeline import stored_article
from service.states import TextSource
from service.storage import items as item_store
from service.storage import pages as page_store
from service.storage.db import session_scope


@dataclass
class ReprocessReport:
    pages: int = 0
    changed: int = 0
    unchanged: int = 0
    fell_short: int = 0  # extraction too short or failed: the feed summary stays
    missing: int = 0  # page dropped between listing and reading
    changed_ids: list[int] = field(default_factory=list)


def select_pages(
    engine: Engine,
    *,
    fetched_since: datetime | None = None,
    item_ids: Sequence[int] = (),
    limit: int | None = None,
) -> list[int]:
    """Ids of the items whose raw page is kept, narrowed by fetch time, ids and count."""
    with session_scope(engine) as session:
        return page_store.items_with_stored_page(
            session, fetched_since=fetched_since, item_ids=item_ids, limit=limit
        )


def reprocess_pages(
    engine: Engine,
    settings: Settings,
    item_ids: Sequence[int],
    *,
    dry_run: bool = False,
    on_page: Callable[[], object] | None = None,
) -> ReprocessReport:
    """Re-extract the stored pages of ``item_ids``; write only the ones whose text changes (not on
    ``dry_run``). ``on_page`` is called after each page (a progress bar's ``advance``)."""
    report = ReprocessReport()
    for item_id in item_ids:
        _reprocess_one(engine, settings, item_id, dry_run, report)
        if on_page is not None:
            on_page()
    return report


def _reprocess_one(
    engine: Engine, settings: Settings, item_id: int, dry_run: bool, report: ReprocessReport
) -> None:
    report.pages += 1
    with session_scope(engine) as session:
        old_text, old_source = page_store.extracted_text(session, item_id)
    article = stored_article(engine, settings, item_id)
    if article is None:
        report.missing += 1
        return
    if article.error:
        report.fell_short += 1
    if old_source == TextSource.PAGE and (old_text or "").strip() == article.text.strip():
        report.unchanged += 1
        return
    report.changed += 1
    report.changed_ids.append(item_id)
    if not dry_run:
        with session_scope(engine) as session:
            item_store.record_article(session, item_id, article, settings.extract.min_text_chars)
