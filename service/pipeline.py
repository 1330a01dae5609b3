"""The orchestrator: one polling cycle, read top to bottom in stage order.

    run_cycle
      claim due feeds ─> poll_feed (fetch ─> parse ─> store new entries ─> schedule next check)
      claim pending items ─> process_item (fetch page ─> extract ─> dedupe ─> classify ─> done)
      claim due rechecks ─> recheck_item (fetch page again ─> extract ─> if changed: dedupe ─> classify)

An item's life (its ``status``, ``service.states.ItemStatus``), every step committed on its own:

    new ──fetch_page──> fetched ──extract_page──> extracted ──dedupe, classify──> done
     │  page failed: fetch_failed, fetched again at next_attempt_at (waits doubling from
     │    fetch.page_retry_base_minutes); the attempt that makes fetch.page_retry_limit gives up: extracted,
     │    the feed summary as text
     │  page gone (404/410), or no link: extracted at once, the feed summary as text (a 404/410 page is
     │    asked for again later by a recheck)
     └─ an unexpected error at any stage: failed, with the reason (``newsmon reprocess`` extracts it again)
    done ──recheck (an entry dated later, a page that was gone)──> done, a new version when the text changed

Stages never call each other; this module calls them in order. Each step commits its own transaction, so a
crash at any moment leaves every item at a stage it resumes from. Errors are caught once per feed and once
per item, recorded on the row, and the cycle moves on: one bad feed or item never stops it.
"""

from __future__ import annotations

import logging
import random
import threading
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Protocol

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from service.config import Settings
from service.dedup.sqlindex import Placement
from service.errors import FeedError, FetchError, HostBusyError, HTTPStatusError, NewsmonError
from service.extraction.extract import extract_article
from service.logs import human_duration, log_fields
from service.metrics import stage_timer
from service.models import Article, DecodedPage, FetchResult, ParsedFeed
from service.reader.charset import decode_bytes
from service.reader.feeds import parse_feed
from service.reader.fetcher import FEED_ACCEPT, PAGE_ACCEPT, cache_max_age
from service.reader.schedule import SchedulePolicy, next_check_after_error, next_check_after_success
from service.reader.urls import outlet_name
from service.redact import redact_url
from service.states import ItemOutcome, ItemRun, ItemStatus, PollStatus, TextSource
from service.storage import feeds as feed_store
from service.storage import items as item_store
from service.storage import leases
from service.storage.db import session_scope
from service.storage.feeds import FeedState
from service.storage.items import ItemWork

log = logging.getLogger(__name__)

FEED_LEASE_SECONDS = 300
ITEM_LEASE_SECONDS = 600
ITEM_BATCH = 200
NOT_MODIFIED_BATCH = 100
# Parse problems that leave nothing to use: the poll failed (the feed shows as failing, with the problem).
UNUSABLE_FEED = frozenset({"not_a_feed", "parser_crash"})
PAGE_GONE = frozenset({404, 410})  # the page is not there: the feed summary stands in at once
DEFER_SECONDS = 60  # an item whose host had no turn for it waits this long (not this cycle again)


class Fetcher(Protocol):
    def fetch(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        accept: str = FEED_ACCEPT,
    ) -> FetchResult: ...


# Feed bytes, their final URL and Content-Type to a parsed feed: ``parse_feed``, or a ``ParserPool``'s.
FeedParse = Callable[[bytes, str, str | None], ParsedFeed]

# A stage that works on one stored item inside the caller's transaction: dedupe (returns a ``Placement``),
# classify (returns whether the item is relevant, None when there was no text to classify).
ItemStage = Callable[[Session, int], object]


def _never() -> bool:
    return False


@dataclass
class Stages:
    """The pipeline's moving parts, built once by the caller (CLI, daemon, tests)."""

    fetcher: Fetcher
    parse: FeedParse = parse_feed
    dedupe: ItemStage | None = None
    classify: ItemStage | None = None
    rng: random.Random = field(default_factory=random.Random)
    # The daemon sets this when shutting down: claimed work not yet started is given back, not begun.
    stop_requested: Callable[[], bool] = _never


@dataclass
class FeedReport:
    feed: str
    status: PollStatus
    new_items: int = 0
    updated_items: int = 0
    entries: int = 0
    problem: str | None = None
    error: str | None = None


@dataclass(frozen=True)
class ItemReport:
    """How one item's turn ended, and what the stages made of it."""

    run: ItemRun
    outcomes: tuple[ItemOutcome, ...] = ()


@dataclass
class CycleReport:
    feeds: list[FeedReport] = field(default_factory=list)
    items: dict[str, int] = field(default_factory=dict)  # ItemRun -> count
    outcomes: dict[str, int] = field(default_factory=dict)  # ItemOutcome -> count (an item may count twice)

    def count(self, item: ItemReport) -> None:
        self.items[item.run] = self.items.get(item.run, 0) + 1
        for outcome in item.outcomes:
            self.outcomes[outcome] = self.outcomes.get(outcome, 0) + 1


def run_cycle(
    engine: Engine, settings: Settings, stages: Stages, *, at: datetime | None = None
) -> CycleReport:
    """Poll every due feed, then carry every pending item through the remaining stages."""
    report = CycleReport()
    report.feeds = poll_due_feeds(engine, settings, stages, at=at)
    process_pending(engine, settings, stages, report)
    process_rechecks(engine, settings, stages, report)
    return report


def poll_due_feeds(
    engine: Engine, settings: Settings, stages: Stages, *, at: datetime | None = None
) -> list[FeedReport]:
    """Claim the feeds due by the cycle's start a batch (``polling.claim_batch``) at a time and poll each
    batch, until none is left: other workers claim the next batches meanwhile, so several share the due
    feeds instead of the first taking them all. A claim or a poll moves a feed's next check past the
    cycle's start, so no feed is polled twice in one cycle and the loop ends."""
    due_by = min(at or datetime.now(UTC), datetime.now(UTC))
    reports: list[FeedReport] = []
    while not stages.stop_requested():
        due, claimed = _claim_batch(engine, due_by, settings.polling.claim_batch)
        if not due:
            break
        reports += poll_feeds(engine, settings, stages, claimed)
    return reports


def claim_due_feeds(engine: Engine, at: datetime | None = None, limit: int | None = None) -> list[FeedState]:
    """Up to ``limit`` feeds due by ``at`` (all when None), each leased so that another worker does not
    poll it at the same time."""
    return _claim_batch(engine, at, limit)[1]


def _claim_batch(
    engine: Engine, due_by: datetime | None, limit: int | None
) -> tuple[list[FeedState], list[FeedState]]:
    """The due feeds read, and those of them this worker claimed: on SQLite a worker claiming at the same
    moment may take some or all (PostgreSQL's SKIP LOCKED hands each worker different rows)."""
    with session_scope(engine) as session:
        due = feed_store.due_feeds(session, at=due_by, limit=limit)
        return due, feed_store.claim_due(session, due, FEED_LEASE_SECONDS, due_by=due_by)


def poll_feeds(
    engine: Engine, settings: Settings, stages: Stages, feeds: list[FeedState]
) -> list[FeedReport]:
    """Poll claimed feeds on ``fetch.total_concurrency`` threads; their 304s are recorded in batches."""
    unchanged = NotModifiedBatch(engine, NOT_MODIFIED_BATCH)
    try:
        with ThreadPoolExecutor(max_workers=settings.fetch.total_concurrency) as pool:
            return list(
                pool.map(lambda feed: _poll_guarded(engine, settings, stages, feed, unchanged), feeds)
            )
    finally:
        unchanged.flush()


def _poll_guarded(
    engine: Engine, settings: Settings, stages: Stages, feed: FeedState, unchanged: NotModifiedBatch
) -> FeedReport:
    """``poll_feed``, with a last guard: even recording a feed's error may fail (a bug, a lost database),
    and that is still this feed's failure, never the cycle's (its lease ends and it is polled again)."""
    try:
        return poll_feed(engine, settings, stages, feed, unchanged)
    except Exception as exc:
        log.exception("feed %s (%s): recording the poll failed", feed.name, redact_url(feed.url))
        return FeedReport(feed.name, PollStatus.ERROR, error=f"{exc.__class__.__name__}: {exc}")


class NotModifiedBatch:
    """304 answers waiting to be recorded, written together every ``size`` answers and when polling ends.

    Most polls of a cycle are 304s, and a transaction per feed cost more than the request itself. Nothing is
    lost if the process dies before a write: those feeds stay leased until the lease ends, then they are
    polled again (and answer 304 again)."""

    def __init__(self, engine: Engine, size: int) -> None:
        self.engine = engine
        self.size = size
        self._pending: list[feed_store.NotModified] = []
        self._lock = threading.Lock()

    def add(self, poll: feed_store.NotModified) -> None:
        with self._lock:
            self._pending.append(poll)
            full = len(self._pending) >= self.size
        if full:
            self.flush()

    def flush(self) -> None:
        with self._lock:
            polls, self._pending = self._pending, []
        if not polls:
            return
        try:
            with session_scope(self.engine) as session:
                feed_store.record_not_modified(session, polls)
        except Exception:  # the feeds stay leased, then are polled again: log, never stop the cycle
            message = "recording %d 304s failed; those feeds are polled again after their lease"
            log.exception(message, len(polls))


def poll_feed(
    engine: Engine,
    settings: Settings,
    stages: Stages,
    feed: FeedState,
    unchanged: NotModifiedBatch | None = None,
) -> FeedReport:
    """Fetch one feed conditionally, store its new entries, and schedule its next check. A 304 goes into
    ``unchanged`` (written at once when there is none)."""
    if stages.stop_requested():
        with session_scope(engine) as session:
            leases.release_feed(session, feed.id)
        return FeedReport(feed.name, PollStatus.ABANDONED)
    policy = schedule_policy(settings)
    try:
        result = stages.fetcher.fetch(feed.url, etag=feed.etag, last_modified=feed.last_modified)
    except HostBusyError:  # nothing was sent: the feed is due again for a later cycle, no error counted
        with session_scope(engine) as session:
            leases.release_feed(session, feed.id)
        return FeedReport(feed.name, PollStatus.DEFERRED)
    except FetchError as exc:
        return _record_feed_error(engine, feed, exc, policy, stages.rng)
    except Exception as exc:  # a bug must not stop the cycle: record it on the feed
        log.exception(
            "feed %s (%s): unexpected error",
            feed.name,
            redact_url(feed.url),
            extra=log_fields(feed=feed.name),
        )
        return _record_feed_error(engine, feed, exc, policy, stages.rng)

    try:
        if result.not_modified:
            interval = _interval_unchanged(feed, policy, result)
            poll = feed_store.NotModified(feed.id, interval, datetime.now(UTC))
            (unchanged or NotModifiedBatch(engine, size=1)).add(poll)
            return FeedReport(feed.name, PollStatus.NOT_MODIFIED)
        return _store_poll(engine, feed, policy, result, stages)
    except Exception as exc:  # a parse or storage failure (e.g. a locked database) is this feed's alone
        log.exception(
            "feed %s (%s): storing the poll failed",
            feed.name,
            redact_url(feed.url),
            extra=log_fields(feed=feed.name),
        )
        return _record_feed_error(engine, feed, exc, policy, stages.rng)


def _store_poll(
    engine: Engine, feed: FeedState, policy: SchedulePolicy, result: FetchResult, stages: Stages
) -> FeedReport:
    """Parse a fetched feed, store its new entries and schedule the next check. A body that is no feed at
    all (an HTML page, an empty body) is a failed poll, shown as failing with its problem and backed off
    like any error, not an "ok" poll with nothing in it."""
    parsed = stages.parse(result.body, result.final_url, result.headers.get("content-type"))
    if not parsed.entries and parsed.problem_kind in UNUSABLE_FEED:
        error = FeedError(f"{redact_url(result.final_url)}: {parsed.problem}")
        return _record_feed_error(engine, feed, error, policy, stages.rng)
    outlet = feed.publisher or outlet_name(result.final_url)
    with session_scope(engine) as session:
        stored = item_store.insert_entries(session, feed.id, parsed.entries, outlet)
        interval = _interval_after_success(session, feed, policy, result, ttl_minutes=parsed.ttl_minutes)
        feed_store.record_poll_success(
            session,
            feed.id,
            etag=result.etag,
            last_modified=result.last_modified,
            interval_seconds=interval,
            title=parsed.title,
            problem=parsed.problem,
            ttl_minutes=parsed.ttl_minutes,
        )
    if parsed.problem:
        log.warning(
            "feed %s (%s): malformed, used what parsed: %s",
            feed.name,
            redact_url(feed.url),
            parsed.problem,
            extra=log_fields(feed=feed.name),
        )
    return FeedReport(
        feed.name,
        PollStatus.OK,
        new_items=sum(row.created for row in stored),
        updated_items=sum(row.updated for row in stored),
        entries=len(parsed.entries),
        problem=parsed.problem,
    )


def schedule_policy(settings: Settings) -> SchedulePolicy:
    polling = settings.polling
    return SchedulePolicy.from_minutes(
        min_interval_minutes=polling.min_interval_minutes,
        max_interval_minutes=polling.max_interval_minutes,
        default_interval_minutes=polling.default_interval_minutes,
        max_error_backoff_minutes=polling.max_error_backoff_minutes,
    )


def _interval_unchanged(feed: FeedState, policy: SchedulePolicy, result: FetchResult) -> int:
    """After a 304 the publishing rate has not changed, so the interval stays (and the rate query is
    spared): the stored interval, raised to the response's Cache-Control max-age (within bounds)."""
    max_age = cache_max_age(result.headers)
    if not max_age:
        return feed.interval_seconds
    return max(feed.interval_seconds, min(round(max_age), round(policy.max_interval.total_seconds())))


def _interval_after_success(
    session: Session, feed: FeedState, policy: SchedulePolicy, result: FetchResult, ttl_minutes: int | None
) -> int:
    now = datetime.now(UTC)
    # A feed polled successfully before has a publishing rate; a new one gets the default interval.
    entries = (
        round(feed_store.entries_per_day(session, feed.id) * policy.rate_window.days)
        if feed.last_success_at is not None
        else None
    )
    next_check = next_check_after_success(
        now,
        entries,
        policy,
        ttl_minutes=ttl_minutes,
        max_age_seconds=cache_max_age(result.headers),
        retry_after_seconds=result.retry_after_seconds,
    )
    return max(1, round((next_check - now).total_seconds()))


def _record_feed_error(
    engine: Engine, feed: FeedState, exc: Exception, policy: SchedulePolicy, rng: random.Random
) -> FeedReport:
    message = redact_url(
        str(exc) if isinstance(exc, NewsmonError) else f"{feed.url}: {exc.__class__.__name__}: {exc}"
    )
    retry_after = exc.retry_after if isinstance(exc, HTTPStatusError) else None
    now = datetime.now(UTC)
    retry_at = next_check_after_error(now, feed.error_count + 1, policy, rng, retry_after_seconds=retry_after)
    with session_scope(engine) as session:
        feed_store.record_poll_error(session, feed.id, message, (retry_at - now).total_seconds())
    log.warning(
        "feed %s: %s (next try in %s)",
        feed.name,
        message,
        human_duration(retry_at - now),
        extra=log_fields(feed=feed.name),
    )
    return FeedReport(feed.name, PollStatus.ERROR, error=message)


def process_pending(engine: Engine, settings: Settings, stages: Stages, report: CycleReport) -> None:
    """Carry pending items through their remaining stages, a batch at a time, pages fetched in parallel."""
    while not stages.stop_requested():
        with session_scope(engine) as session:
            batch = item_store.claim_pending_items(
                session, limit=ITEM_BATCH, lease_seconds=ITEM_LEASE_SECONDS
            )
        if not batch:
            return
        with ThreadPoolExecutor(max_workers=settings.fetch.total_concurrency) as pool:
            items: Iterable[ItemReport] = pool.map(
                lambda work: process_item(engine, settings, stages, work), batch
            )
            for item in items:
                report.count(item)


def process_item(engine: Engine, settings: Settings, stages: Stages, work: ItemWork) -> ItemReport:
    """Carry one item from its stage to done (the life drawn at the top of this module)."""
    if stages.stop_requested():
        with session_scope(engine) as session:
            leases.release_item(session, work.id)
        return ItemReport(ItemRun.ABANDONED)
    status, page = work.status, None
    try:
        if status in (ItemStatus.NEW, ItemStatus.FETCH_FAILED):
            status, page = fetch_page(engine, settings, stages.fetcher, work)
            if status is ItemStatus.FETCH_FAILED:
                return ItemReport(ItemRun.FETCH_FAILED)
    except HostBusyError:  # the page was not asked for: a later cycle asks (no attempt counted)
        with session_scope(engine) as session:
            item_store.defer_item(session, work.id, DEFER_SECONDS)
        return ItemReport(ItemRun.DEFERRED)
    except Exception as exc:
        return _item_failed(engine, work, exc)
    try:
        # The fetch went straight to extracted: no page to extract, the feed summary stands in.
        fell_back = status is ItemStatus.EXTRACTED and work.status is not ItemStatus.EXTRACTED
        source = TextSource.SUMMARY if fell_back else None
        if status is ItemStatus.FETCHED:  # the fresh page, or (resuming after a crash) the stored one
            with stage_timer("extract"):
                source = extract_page(engine, settings, work.id, page)
        kept = (ItemOutcome.KEPT_SUMMARY,) if source is TextSource.SUMMARY else ()
        return ItemReport(ItemRun.DONE, kept + _dedupe_classify_done(engine, stages, work.id))
    except Exception as exc:
        return _item_failed(engine, work, exc)


def process_rechecks(engine: Engine, settings: Settings, stages: Stages, report: CycleReport) -> None:
    """Fetch again, conditionally, the pages of done items due for a recheck (an entry dated later with
    the same title and summary; a page that answered 404/410), a batch at a time."""
    while not stages.stop_requested():
        with session_scope(engine) as session:
            batch = item_store.claim_rechecks(session, limit=ITEM_BATCH, lease_seconds=ITEM_LEASE_SECONDS)
        if not batch:
            return
        with ThreadPoolExecutor(max_workers=settings.fetch.total_concurrency) as pool:
            for item in pool.map(lambda work: recheck_item(engine, settings, stages, work), batch):
                report.count(item)


def recheck_item(engine: Engine, settings: Settings, stages: Stages, work: ItemWork) -> ItemReport:
    """One recheck: a 304 or the same extracted text changes nothing; a changed text becomes the item's
    text, the old one kept as a version, and the item is deduplicated and classified again."""
    try:
        with session_scope(engine) as session:
            etag, last_modified = item_store.page_validators(session, work.id)
        try:
            result = stages.fetcher.fetch(
                work.url or "", etag=etag, last_modified=last_modified, accept=PAGE_ACCEPT
            )
        except HostBusyError:
            with session_scope(engine) as session:
                item_store.defer_recheck(session, work.id, DEFER_SECONDS)
            return ItemReport(ItemRun.DEFERRED)
        except FetchError as exc:
            with session_scope(engine) as session:
                item_store.recheck_later(
                    session,
                    work.id,
                    str(exc),
                    retry_limit=settings.fetch.page_retry_limit,
                    base_minutes=settings.fetch.page_retry_base_minutes,
                )
            return ItemReport(ItemRun.RECHECK_FAILED)
        if result.not_modified:
            with session_scope(engine) as session:
                item_store.end_recheck(session, work.id)
            return ItemReport(ItemRun.UNCHANGED)
        page = decode_page(result.body, result.headers, result.final_url)
        with session_scope(engine) as session:
            item_store.record_page(session, work.id, result, page.encoding)
        with stage_timer("extract"):
            source = extract_page(engine, settings, work.id, page)
        with session_scope(engine) as session:
            changed = item_store.settle_recheck(session, work.id, (work.title, work.text))
        if not changed:
            return ItemReport(ItemRun.UNCHANGED)
        kept = (ItemOutcome.KEPT_SUMMARY,) if source is TextSource.SUMMARY else ()
        return ItemReport(ItemRun.UPDATED, kept + _dedupe_classify_done(engine, stages, work.id))
    except Exception as exc:
        return _item_failed(engine, work, exc)


def _dedupe_classify_done(engine: Engine, stages: Stages, item_id: int) -> tuple[ItemOutcome, ...]:
    """The last stages of an item with its text: dedupe, then classify and mark it done. Returns what
    they found (a duplicate; relevant or not).

    Dedup has its own short transaction: placing an item holds the dedup lock (one story, one cluster, even
    across workers) until commit, and classification need not wait behind it. Placement is idempotent, so a
    crash before classification just places the item again on retry.
    """
    outcomes: list[ItemOutcome] = []
    if stages.dedupe is not None:
        with session_scope(engine) as session:
            placement = stages.dedupe(session, item_id)
        if isinstance(placement, Placement) and placement.relation == "duplicate":
            outcomes.append(ItemOutcome.DUPLICATE)
    with session_scope(engine) as session:
        relevant = stages.classify(session, item_id) if stages.classify is not None else None
        item_store.mark_done(session, item_id)
    if isinstance(relevant, bool):
        outcomes.append(ItemOutcome.RELEVANT if relevant else ItemOutcome.IRRELEVANT)
    return tuple(outcomes)


def _item_failed(engine: Engine, work: ItemWork, exc: Exception) -> ItemReport:
    log.exception(
        "item %s (%s): unexpected error", work.id, work.url, extra=log_fields(item=work.id, url=work.url)
    )
    with session_scope(engine) as session:
        item_store.record_item_failure(session, work.id, f"{work.url}: {exc.__class__.__name__}: {exc}")
    return ItemReport(ItemRun.FAILED)


def fetch_page(
    engine: Engine, settings: Settings, fetcher: Fetcher, work: ItemWork
) -> tuple[ItemStatus, DecodedPage | None]:
    """Fetch the item's article page, decode it and keep the raw bytes (for resume and reprocess). Returns
    the item's new status with the page: ``fetched`` (the page, for extraction); ``fetch_failed`` (retried
    with backoff); ``extracted`` when the feed summary stands in (no link, a page gone, the retry limit
    reached)."""
    if not work.url:
        with session_scope(engine) as session:
            item_store.record_page_failure(
                session, work.id, "entry has no link", retry_limit=0, base_minutes=0
            )
        return ItemStatus.EXTRACTED, None
    try:
        result = fetcher.fetch(work.url, accept=PAGE_ACCEPT)
    except HostBusyError:
        raise
    except FetchError as exc:
        if isinstance(exc, HTTPStatusError) and exc.status in PAGE_GONE:
            with session_scope(engine) as session:  # the summary now; the page asked for again later
                item_store.record_page_gone(
                    session,
                    work.id,
                    str(exc),
                    retry_limit=settings.fetch.page_retry_limit,
                    base_minutes=settings.fetch.page_retry_base_minutes,
                )
            log.info("page %s: %s (the feed summary stands in)", work.url, exc)
            return ItemStatus.EXTRACTED, None
        with session_scope(engine) as session:
            gave_up = item_store.record_page_failure(
                session,
                work.id,
                str(exc),
                retry_limit=settings.fetch.page_retry_limit,
                base_minutes=settings.fetch.page_retry_base_minutes,
                retry_after_seconds=exc.retry_after if isinstance(exc, HTTPStatusError) else None,
            )
        log.info(
            "page %s: %s%s",
            work.url,
            exc,
            " (giving up: the feed summary stays)" if gave_up else "",
            extra=log_fields(item=work.id, url=work.url),
        )
        return ItemStatus.EXTRACTED if gave_up else ItemStatus.FETCH_FAILED, None
    page = decode_page(result.body, result.headers, result.final_url)
    with session_scope(engine) as session:
        item_store.record_page(session, work.id, result, page.encoding)
    return ItemStatus.FETCHED, page


def decode_page(body: bytes, headers: Mapping[str, str], final_url: str) -> DecodedPage:
    """A page's bytes to text, once, by our charset detection (Content-Type, the page's own declaration,
    then detection)."""
    html, codec = decode_bytes(body, headers.get("content-type"))
    return DecodedPage(html=html, final_url=final_url, encoding=codec)


def extract_page(
    engine: Engine, settings: Settings, item_id: int, page: DecodedPage | None = None
) -> TextSource:
    """Extract an item's page, the fresh one handed over by the fetch or else the stored raw page, and
    record the result; returns where the item's text now comes from."""
    article = page_article(page, settings) if page else stored_article(engine, settings, item_id)
    with session_scope(engine) as session:
        return item_store.record_article(
            session,
            item_id,
            article or Article(title=None, text="", error="no stored page"),
            settings.extract.min_text_chars,
        )


def stored_article(engine: Engine, settings: Settings, item_id: int) -> Article | None:
    """The article in an item's stored raw page (resuming after a crash, ``newsmon reprocess``), or None
    when no page is kept."""
    with session_scope(engine) as session:
        raw = item_store.raw_page(session, item_id)
    if raw is None:
        return None
    return page_article(decode_page(*raw), settings)


def page_article(page: DecodedPage, settings: Settings) -> Article:
    return extract_article(page.html, url=page.final_url, settings=settings.extract)
