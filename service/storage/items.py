"""Items: insert once, move through the stages, export.

An item's ``status`` (``service.states.ItemStatus``) says which stage it waits for; its whole life is drawn
in ``service.pipeline``, which commits every transition, so after a crash each item resumes at its stage.
"""

from __future__ import annotations

import gzip
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from service.events import effective_event, event_of
from service.models import LOW_EXTRACTION_QUALITY, Article, FeedEntry, FetchResult
from service.states import PENDING_ITEM_STATES, ItemStatus, TextSource
from service.storage import notify, search
from service.storage.db import dialect_insert
from service.storage.events import event_corrections
from service.storage.schema import (
    Classification,
    ClusterMember,
    Item,
    ItemSource,
    ItemVersion,
    Page,
    ReviewLabel,
)

PENDING_PAGE = (ItemStatus.NEW, ItemStatus.FETCH_FAILED)  # items whose page is still to fetch
TITLE_MAX_CHARS = 1000  # far above any real headline
PAGE_RETRY_AFTER_CAP_SECONDS = 24 * 3600  # an article page's Retry-After is honoured up to a day


def now() -> datetime:
    return datetime.now(UTC)


def capped_title(title: str | None) -> str | None:
    """A title as stored: at most ``TITLE_MAX_CHARS`` (a 1 MB title once made a 1 MB item page)."""
    if title is None or len(title) <= TITLE_MAX_CHARS:
        return title
    return title[: TITLE_MAX_CHARS - 1].rstrip() + "…"


@dataclass(frozen=True)
class Inserted:
    item_id: int
    created: bool
    updated: bool = False


def insert_if_new(session: Session, feed_id: int | None, entry: FeedEntry, outlet: str | None) -> Inserted:
    """Store a feed entry as an item unless it is known, by identity key or by canonical URL.

    The unique indexes on ``identity_key`` and ``url`` decide races: of two processes (or two feeds of one
    cycle) inserting the same entry at the same moment, exactly one creates the row (ON CONFLICT DO
    NOTHING) and both get its id. Either way the feed is recorded as a source of the item.
    """
    existing = _find(session, entry)
    if existing is None:
        return _insert_new(session, feed_id, entry, outlet)
    updated = _refresh_if_updated(session, existing, entry)
    if feed_id is not None:
        _add_source(session, existing, feed_id, entry.identity_key)
    return Inserted(existing, False, updated)


def _insert_new(session: Session, feed_id: int | None, entry: FeedEntry, outlet: str | None) -> Inserted:
    """Insert an entry not found a moment ago. If another writer stored it meanwhile, ON CONFLICT DO
    NOTHING keeps theirs, and the feed is recorded as a source of it."""
    stamp = now()
    values = {
        "identity_key": entry.identity_key,
        "feed_id": feed_id,
        "url": entry.url,
        "link": entry.link,
        "outlet": outlet,
        "title": capped_title(entry.title),
        "summary": entry.summary,
        "lang": entry.lang,
        "authors": list(entry.authors) or None,
        "published_at": entry.published or stamp,
        "published_from_feed": entry.published is not None,
        "first_seen_at": stamp,
        "updated_at": stamp,
        "status": ItemStatus.NEW,
        "fetch_attempts": 0,
    }
    statement = dialect_insert(session, Item).values(**values)
    if hasattr(statement, "on_conflict_do_nothing"):  # on identity_key or url: either means "known"
        statement = statement.on_conflict_do_nothing()
    new_id = session.execute(statement.returning(Item.id)).scalar()
    if new_id is not None:  # a Core insert: no flush event sees it, so it is indexed here
        search.index_items(session.connection(), [new_id])
        notify.work_enqueued(session)  # a page to fetch: idle workers may start now
    item_id = new_id if new_id is not None else _find(session, entry)
    if item_id is None:  # pragma: no cover - the conflicting row must exist
        raise RuntimeError(f"item {entry.identity_key!r} vanished during insert")
    if feed_id is not None:
        _add_source(session, item_id, feed_id, entry.identity_key)
    return Inserted(item_id, new_id is not None)


def _add_source(session: Session, item_id: int, feed_id: int, entry_key: str) -> None:
    source = dialect_insert(session, ItemSource).values(
        item_id=item_id, feed_id=feed_id, entry_key=entry_key, seen_at=now()
    )
    if hasattr(source, "on_conflict_do_nothing"):
        source = source.on_conflict_do_nothing(index_elements=["item_id", "feed_id"])
    session.execute(source)


def insert_entries(
    session: Session, feed_id: int | None, entries: Sequence[FeedEntry], outlet: str | None
) -> list[Inserted]:
    """``insert_if_new`` for a whole feed: the entries already known (most of every changed feed) are
    found with two queries instead of two per entry, and only the new ones are inserted one by one."""
    keys = [entry.identity_key for entry in entries]
    urls = [entry.url for entry in entries if entry.url]
    columns = (Item.id, Item.identity_key, Item.url, Item.published_at)
    known_rows = [
        *(session.execute(select(*columns).where(Item.identity_key.in_(keys))) if keys else ()),
        *(session.execute(select(*columns).where(Item.url.in_(urls))) if urls else ()),
    ]
    by_key = {row.identity_key: row for row in known_rows}
    by_url = {row.url: row for row in known_rows if row.url}
    sourced = (
        set(session.scalars(select(ItemSource.item_id).where(ItemSource.feed_id == feed_id)))
        if feed_id is not None
        else set()
    )
    results = []
    for entry in entries:
        known = by_key.get(entry.identity_key) or (by_url.get(entry.url) if entry.url else None)
        if known is None:
            results.append(_insert_new(session, feed_id, entry, outlet))
            continue
        # Only an entry dated later than the stored item can be an update: spare the row load otherwise.
        later = entry.published is not None and entry.published > known.published_at
        updated = later and _refresh_if_updated(session, known.id, entry)
        if feed_id is not None and known.id not in sourced:
            _add_source(session, known.id, feed_id, entry.identity_key)
            sourced.add(known.id)
        results.append(Inserted(known.id, False, updated))
    return results


def _refresh_if_updated(session: Session, item_id: int, entry: FeedEntry) -> bool:
    """A known entry that the feed now dates later, with a changed title or summary, is an updated story:
    keep the old version in ``item_versions`` and send the item through the stages again (page, extract,
    dedupe, classify), so the latest text is shown and the history stays."""
    item = session.get_one(Item, item_id)
    newer = entry.published is not None and item.published_from_feed and entry.published > item.published_at
    title = capped_title(entry.title)
    changed = (title or item.title) != item.title or (entry.summary or item.summary) != item.summary
    if not newer or item.status in PENDING_PAGE:
        return False
    notify.work_enqueued(session)  # either way its page is asked for again
    if not changed:  # only the date moved: how outlets mark an edited article. Fetch the page again.
        item.published_at = entry.published or item.published_at
        if item.status == ItemStatus.DONE:
            item.recheck_at = now()
        item.updated_at = now()
        return True
    session.add(ItemVersion(item_id=item.id, title=item.title, text=item.text, recorded_at=now()))
    item.title = title or item.title
    item.summary = entry.summary or item.summary
    item.published_at = entry.published or item.published_at
    item.status = ItemStatus.NEW
    item.fetch_attempts = 0
    item.next_attempt_at = None
    item.updated_at = now()
    return True


def _find(session: Session, entry: FeedEntry) -> int | None:
    found = session.scalar(select(Item.id).where(Item.identity_key == entry.identity_key))
    if found is None and entry.url:
        found = session.scalar(select(Item.id).where(Item.url == entry.url).order_by(Item.id).limit(1))
    return found


@dataclass(frozen=True)
class ItemWork:
    """A plain copy of what a stage needs from an item."""

    id: int
    url: str | None
    title: str | None
    summary: str | None
    text: str | None
    status: ItemStatus
    fetch_attempts: int
    outlet: str | None
    published_at: datetime
    lang: str | None


def _work(item: Item) -> ItemWork:
    return ItemWork(
        id=item.id,
        url=item.url,
        title=item.title,
        summary=item.summary,
        text=item.text,
        status=ItemStatus(item.status),
        fetch_attempts=item.fetch_attempts,
        outlet=item.outlet,
        published_at=item.published_at,
        lang=item.lang,
    )


def _locked(session: Session, query: Select[Item]) -> Select[Item]:
    """FOR UPDATE SKIP LOCKED where the database has it (PostgreSQL); SQLite serialises writers anyway."""
    if session.get_bind().dialect.name == "postgresql":
        return query.with_for_update(skip_locked=True)
    return query


def claim_pending_items(
    session: Session, limit: int = 100, lease_seconds: float = 600, at: datetime | None = None
) -> list[ItemWork]:
    """Take up to ``limit`` items waiting for a stage (new, fetched, extracted, or a failed fetch due for
    retry) and lease them: ``next_attempt_at`` moves past the lease, so another worker does not take them
    meanwhile, and a worker that dies leaves them to be taken again when the lease ends. On PostgreSQL the
    rows are locked with SKIP LOCKED while claiming, so concurrent claims never overlap."""
    moment = at or now()
    query = (
        select(Item)
        .where(
            Item.status.in_(PENDING_ITEM_STATES),
            (Item.next_attempt_at.is_(None)) | (Item.next_attempt_at <= moment),
        )
        .order_by(Item.id)
        .limit(limit)
    )
    claimed = []
    for item in session.scalars(_locked(session, query)):
        item.next_attempt_at = moment + timedelta(seconds=lease_seconds)
        claimed.append(_work(item))
    return claimed


def get_item(session: Session, item_id: int) -> ItemWork:
    return _work(session.get_one(Item, item_id))


# --- rechecks: a done item's page fetched again -------------------------------------------------------


def claim_rechecks(session: Session, limit: int, lease_seconds: float) -> list[ItemWork]:
    """Done items whose page is due to be fetched again, leased (``recheck_at`` pushed past the lease)."""
    moment = now()
    query = (
        select(Item)
        .where(Item.status == ItemStatus.DONE, Item.recheck_at.is_not(None), Item.recheck_at <= moment)
        .order_by(Item.recheck_at)
        .limit(limit)
    )
    claimed = []
    for item in session.scalars(_locked(session, query)):
        item.recheck_at = moment + timedelta(seconds=lease_seconds)
        claimed.append(_work(item))
    return claimed


def page_validators(session: Session, item_id: int) -> tuple[str | None, str | None]:
    """The stored page's ETag and Last-Modified, for a conditional GET of it."""
    page = session.get(Page, item_id)
    if page is None or not page.headers:
        return None, None
    headers = {key.lower(): value for key, value in dict(page.headers).items()}
    return headers.get("etag"), headers.get("last-modified")


def end_recheck(session: Session, item_id: int) -> None:
    """The page is as it was (a 304, or the same text): nothing changes."""
    item = session.get_one(Item, item_id)
    item.recheck_at = None


def defer_recheck(session: Session, item_id: int, seconds: float) -> None:
    """The recheck's request was never sent (its host had no turn): try again in ``seconds``."""
    item = session.get_one(Item, item_id)
    item.recheck_at = now() + timedelta(seconds=seconds)


def recheck_later(session: Session, item_id: int, error: str, retry_limit: int, base_minutes: float) -> None:
    """The page still cannot be had: ask again later (doubling), until ``retry_limit`` attempts."""
    item = session.get_one(Item, item_id)
    item.fetch_attempts += 1
    item.error = error[:4000]
    if item.fetch_attempts >= retry_limit + 1:
        item.recheck_at = None  # the feed summary stays for good
        return
    item.recheck_at = now() + timedelta(minutes=base_minutes * 2 ** (item.fetch_attempts - 1))


def settle_recheck(session: Session, item_id: int, before: tuple[str | None, str | None]) -> bool:
    """After a changed page was extracted again: when its text differs from ``before`` (title, text),
    keep the old version and return True (the item goes through dedupe and classification again);
    otherwise put the item back as done, unchanged."""
    item = session.get_one(Item, item_id)
    item.recheck_at = None
    old_title, old_text = before
    if (item.text or "") == (old_text or ""):
        item.status = ItemStatus.DONE
        item.next_attempt_at = None
        return False
    session.add(ItemVersion(item_id=item.id, title=old_title, text=old_text, recorded_at=now()))
    item.updated_at = now()
    return True


def record_page_gone(
    session: Session, item_id: int, error: str, retry_limit: int, base_minutes: float
) -> None:
    """The page answered 404 or 410: the feed summary is the text at once (so the item is classified and
    can reach the digest now), marked as such, and the page is asked for again later."""
    item = session.get_one(Item, item_id)
    item.fetch_attempts += 1
    item.status = ItemStatus.EXTRACTED  # the lease stays: the caller goes on to dedupe and classify
    item.text = item.summary or ""
    item.text_source = TextSource.SUMMARY
    item.error = f"{error[:3800]}: the feed summary stands in until the page appears"
    item.recheck_at = now() + timedelta(minutes=base_minutes) if retry_limit > 0 else None
    item.updated_at = now()


def defer_item(session: Session, item_id: int, seconds: float) -> None:
    """Put a claimed item off for ``seconds`` without counting an attempt (its request was never sent)."""
    item = session.get_one(Item, item_id)
    item.next_attempt_at = now() + timedelta(seconds=seconds)


def record_page(session: Session, item_id: int, result: FetchResult, encoding: str | None = None) -> None:
    """Keep the raw page (gzip-compressed, with the codec it was decoded with) for resuming after a crash
    and for ``newsmon reprocess``: extraction itself reads the fresh page, never this copy."""
    values = {
        "url": result.url,
        "final_url": result.final_url,
        "status_code": result.status,
        "headers": dict(result.headers),
        "body_gz": gzip.compress(result.body, compresslevel=6),
        "encoding": encoding,
        "fetched_at": now(),
    }
    # One upsert: the page it replaces (a recheck's) is never loaded just to be overwritten.
    statement = dialect_insert(session, Page).values(item_id=item_id, **values)
    session.execute(statement.on_conflict_do_update(index_elements=[Page.item_id], set_=values))
    item = session.get_one(Item, item_id)
    item.status = ItemStatus.FETCHED
    item.fetch_attempts += 1
    item.error = None
    # next_attempt_at keeps the worker's lease: the same worker carries the item on to the next stage, and
    # another worker must not claim it meanwhile. mark_done / record_item_failure clear it.
    item.updated_at = now()


def raw_page(session: Session, item_id: int) -> tuple[bytes, dict[str, str], str] | None:
    """The stored raw page: (body, headers, final URL), or None when none is kept."""
    page = session.get(Page, item_id)
    if page is None or page.body_gz is None:
        return None
    return gzip.decompress(page.body_gz), dict(page.headers), page.final_url


def record_page_failure(
    session: Session,
    item_id: int,
    error: str,
    retry_limit: int,
    base_minutes: float,
    retry_after_seconds: float | None = None,
) -> bool:
    """A page could not be fetched. Retry later with backoff (never sooner than the server's Retry-After,
    capped at a day); after ``retry_limit`` attempts, give up and keep the feed summary as the text.
    Returns True when it gave up."""
    item = session.get_one(Item, item_id)
    item.fetch_attempts += 1
    item.error = error[:4000]
    item.updated_at = now()
    if item.fetch_attempts >= retry_limit:
        item.status = ItemStatus.EXTRACTED
        item.text = item.summary or ""
        item.text_source = TextSource.SUMMARY
        return True  # the lease stays: the caller goes on to dedupe and classify
    item.status = ItemStatus.FETCH_FAILED
    wait = base_minutes * 60 * 2 ** (item.fetch_attempts - 1)
    if retry_after_seconds is not None and retry_after_seconds > 0:
        wait = max(wait, min(retry_after_seconds, PAGE_RETRY_AFTER_CAP_SECONDS))
    item.next_attempt_at = now() + timedelta(seconds=wait)
    return False


def record_article(session: Session, item_id: int, article: Article, min_chars: int) -> TextSource:
    """Store an extraction result and its quality score. Too little text, or a low score
    (``LOW_EXTRACTION_QUALITY``) beside a longer feed summary, keeps the feed summary and says why.
    Returns the text source: ``page`` or ``summary``."""
    item = session.get_one(Item, item_id)
    text = article.text.strip()
    item.extraction_quality = article.quality
    doubtful = article.quality is not None and article.quality < LOW_EXTRACTION_QUALITY
    if doubtful and item.summary and len(item.summary) > len(text):
        # A low extraction score and a longer feed summary: the summary is the safer text.
        item.text, item.text_source = item.summary, TextSource.SUMMARY
        item.error = f"extraction quality {article.quality:.2f}: the longer feed summary is kept"
    elif text and len(text) >= min_chars and not article.error:
        item.text, item.text_source, item.error = text, TextSource.PAGE, None
    else:
        reason = article.error or f"extracted only {len(text)} characters (< {min_chars})"
        item.text = item.summary if item.summary and len(item.summary) > len(text) else text
        item.text_source = TextSource.SUMMARY if item.text == item.summary else TextSource.PAGE
        item.error = f"extraction fell short: {reason}"
    if article.title and not item.title:
        item.title = capped_title(article.title)
    item.byline = article.byline[:500] if article.byline else item.byline
    if article.authors and not item.authors:
        item.authors = list(article.authors)
    item.lang = item.lang or article.lang
    if article.published and not item.published_from_feed:
        item.published_at = article.published
    item.status = ItemStatus.EXTRACTED  # the lease (next_attempt_at) stays until mark_done
    item.updated_at = now()
    return TextSource(item.text_source or TextSource.SUMMARY)


def mark_done(session: Session, item_id: int) -> None:
    item = session.get_one(Item, item_id)
    item.status = ItemStatus.DONE
    item.next_attempt_at = None
    item.updated_at = now()


def record_item_failure(session: Session, item_id: int, error: str) -> None:
    """An unexpected error in a stage: the item is kept, marked ``failed`` with the reason, and left out of
    later cycles until ``newsmon reprocess`` retries it."""
    item = session.get_one(Item, item_id)
    item.status = ItemStatus.FAILED
    item.error = error[:4000]
    item.next_attempt_at = None
    item.updated_at = now()


def export_rows(
    session: Session, since: datetime | None = None, relevant_only: bool = False
) -> Iterator[dict[str, Any]]:
    """Stored items with their current labels, human labels and cluster ids, oldest first."""
    query = (
        select(Item, Classification, ClusterMember)
        .outerjoin(Classification, Classification.id == Item.classification_id)
        .outerjoin(ClusterMember, ClusterMember.item_id == Item.id)
        .order_by(Item.id)
    )
    if since is not None:
        query = query.where(Item.published_at >= since)
    if relevant_only:
        query = query.where(Classification.relevant.is_(True))
    for item, classification, member in session.execute(query):
        yield {
            "id": item.id,
            "url": item.url,
            "outlet": item.outlet,
            "title": item.title,
            "text": item.text,
            "text_source": item.text_source,
            "byline": item.byline,
            "lang": item.lang,
            "published": item.published_at.isoformat(),
            "first_seen": item.first_seen_at.isoformat(),
            "status": item.status,
            "error": item.error,
            "scores": classification.scores if classification else None,
            "labels": classification.labels if classification else None,
            "partner": classification.partner if classification else None,
            "model_version": classification.model_version if classification else None,
            "human_labels": human_labels(session, item.id),
            **_event_fields(session, item.id, classification),
            "cluster": member.cluster_id if member else None,
            "relation": member.relation if member else None,
        }


def _event_fields(session: Session, item_id: int, classification: Classification | None) -> dict[str, Any]:
    """``event``: the effective event (``service.events.effective_event``: reviewers' corrections win);
    ``model_event``: the events stage's own; ``event_corrections``: the fields a reviewer corrected."""
    model = event_of(classification.event) if classification else None
    corrections = event_corrections(session, [item_id]).get(item_id)
    event = effective_event(model, corrections)
    return {
        "event": event.to_dict() if event else None,
        "model_event": model.to_dict() if model else None,
        "event_corrections": list(corrections.fields) if corrections else [],
    }


def human_labels(session: Session, item_id: int) -> dict[str, bool]:
    """The newest reviewer decision per label."""
    rows = session.scalars(
        select(ReviewLabel).where(ReviewLabel.item_id == item_id).order_by(ReviewLabel.created_at)
    )
    return {row.label: row.value for row in rows}


@dataclass(frozen=True)
class ExtractionCheck:
    """An item whose extraction scored low: the "check extraction" view's row."""

    id: int
    title: str
    outlet: str | None
    url: str | None
    quality: float
    text_source: str | None
    text_chars: int
    error: str | None
    first_seen_at: datetime


def low_quality_extractions(
    session: Session, below: float = LOW_EXTRACTION_QUALITY, limit: int = 200
) -> list[ExtractionCheck]:
    """Items whose extraction quality is below ``below``, lowest first (then newest)."""
    rows = session.scalars(
        select(Item)
        .where(Item.extraction_quality.is_not(None), Item.extraction_quality < below)
        .order_by(Item.extraction_quality, Item.first_seen_at.desc())
        .limit(limit)
    )
    return [
        ExtractionCheck(
            item.id,
            item.title or f"item {item.id}",
            item.outlet,
            item.link or item.url,
            float(item.extraction_quality or 0.0),
            item.text_source,
            len(item.text or ""),
            item.error,
            item.first_seen_at,
        )
        for item in rows
    ]
