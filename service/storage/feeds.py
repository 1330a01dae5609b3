"""Feeds: the configured list mirrored into the database, each feed's polling state, and its health as
``newsmon feeds`` (``feed_statuses``) and the review UI's feeds page (``feed_health``) show it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from service.config import FeedConfig
from service.redact import redact_url
from service.states import FeedHealthStatus
from service.storage.schema import Feed, Item, ItemSource


def now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class FeedState:
    """What the orchestrator needs to poll one feed (a plain copy: ORM rows stay in storage)."""

    id: int
    name: str
    url: str
    lang: str | None
    publisher: str | None
    etag: str | None
    last_modified: str | None
    interval_seconds: int
    error_count: int
    last_success_at: datetime | None


def _state(feed: Feed) -> FeedState:
    return FeedState(
        id=feed.id,
        name=feed.name,
        url=feed.url,
        lang=feed.lang,
        publisher=feed.publisher,
        etag=feed.etag,
        last_modified=feed.last_modified,
        interval_seconds=feed.interval_seconds,
        error_count=feed.error_count,
        last_success_at=feed.last_success_at,
    )


def sync_feeds(session: Session, feeds: Sequence[FeedConfig], default_interval_seconds: int) -> None:
    """Make the feeds table match the configuration: add new feeds (due at once), update changed ones,
    disable those no longer configured (their items and history stay)."""
    by_name = {feed.name: feed for feed in session.scalars(select(Feed))}
    configured = set()
    for config in feeds:
        configured.add(config.name)
        row = by_name.get(config.name)
        if row is None:
            row = session.scalar(select(Feed).where(Feed.url == config.url))
        if row is None:
            session.add(
                Feed(
                    name=config.name,
                    url=config.url,
                    lang=config.lang,
                    publisher=config.publisher,
                    enabled=config.enabled,
                    interval_seconds=default_interval_seconds,
                    next_check_at=now(),
                    error_count=0,
                    created_at=now(),
                )
            )
            continue
        if row.url != config.url:  # a new address: old validators mean nothing there
            row.etag = row.last_modified = None
        row.name, row.url, row.lang = config.name, config.url, config.lang
        row.publisher, row.enabled = config.publisher, config.enabled
    for name, row in by_name.items():
        if name not in configured:
            row.enabled = False
    session.flush()


def due_feeds(session: Session, at: datetime | None = None, limit: int | None = None) -> list[FeedState]:
    """Enabled feeds whose next check is due, oldest first. On PostgreSQL the rows are locked with
    SKIP LOCKED, so concurrent workers each take different feeds until their transaction ends."""
    query = (
        select(Feed)
        .where(Feed.enabled.is_(True), Feed.next_check_at <= (at or now()))
        .order_by(Feed.next_check_at)
        .limit(limit)
    )
    if session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update(skip_locked=True)
    return [_state(feed) for feed in session.scalars(query)]


def schedule_all_now(session: Session) -> None:
    """Make every enabled feed due at once (the demo's second round; an operator's "poll now")."""
    session.execute(update(Feed).where(Feed.enabled.is_(True)).values(next_check_at=now()))


def get_feed(session: Session, feed_id: int) -> FeedState | None:
    feed = session.get(Feed, feed_id)
    return _state(feed) if feed else None


def claim_due(
    session: Session, feeds: list[FeedState], lease_seconds: float, due_by: datetime | None = None
) -> list[FeedState]:
    """Claim many due feeds in one statement: only rows still due (by ``due_by``, at most now) are pushed
    past the lease, and only those are returned, so two workers claiming at once never both get a feed."""
    if not feeds:
        return []
    moment = now()
    due_by = min(due_by or moment, moment)
    claimed = set(
        session.scalars(
            update(Feed)
            .where(
                Feed.id.in_([feed.id for feed in feeds]), Feed.enabled.is_(True), Feed.next_check_at <= due_by
            )
            .values(next_check_at=moment + timedelta(seconds=lease_seconds), last_polled_at=moment)
            .returning(Feed.id)
        )
    )
    return [feed for feed in feeds if feed.id in claimed]


def record_poll_success(
    session: Session,
    feed_id: int,
    *,
    etag: str | None,
    last_modified: str | None,
    interval_seconds: int,
    title: str | None = None,
    problem: str | None = None,
    ttl_minutes: int | None = None,
) -> None:
    """A successful poll that brought a feed body: errors reset, validators and feed facts stored, next
    check scheduled (304s go through ``record_not_modified``)."""
    moment = now()
    values: dict[str, object] = {
        "last_success_at": moment,
        "last_polled_at": moment,
        "error_count": 0,
        "interval_seconds": interval_seconds,
        "next_check_at": moment + timedelta(seconds=interval_seconds),
        "etag": etag,
        "last_modified": last_modified,
        "last_problem": problem,
        "ttl_minutes": ttl_minutes,
    }
    if title:
        values["title"] = title[:500]
    # No session objects to keep in step with the UPDATE: that bookkeeping costs more than the statement.
    statement = update(Feed).where(Feed.id == feed_id).values(**values)
    session.execute(statement.execution_options(synchronize_session=False))


@dataclass(frozen=True)
class NotModified:
    """A poll answered 304: the feed and the interval until its next check."""

    feed_id: int
    interval_seconds: int
    at: datetime


def record_not_modified(session: Session, polls: Sequence[NotModified]) -> None:
    """Record many 304 answers at once: errors reset, next checks scheduled, validators and feed facts
    kept (a 304 changes none of them). One executemany (SQLAlchemy's bulk UPDATE by primary key): a cycle's
    polls are mostly 304s, and a statement and a commit per feed cost more than the requests themselves."""
    if not polls:
        return
    rows = [
        {
            "id": poll.feed_id,
            "last_success_at": poll.at,
            "last_polled_at": poll.at,
            "error_count": 0,
            "interval_seconds": poll.interval_seconds,
            "next_check_at": poll.at + timedelta(seconds=poll.interval_seconds),
        }
        for poll in polls
    ]
    session.execute(update(Feed), rows)


def record_poll_error(session: Session, feed_id: int, error: str, retry_in_seconds: float) -> int:
    """Record a failed poll and when to try again. Returns the feed's consecutive error count."""
    feed = session.get_one(Feed, feed_id)
    feed.error_count += 1
    feed.last_error = error[:4000]
    feed.last_error_at = feed.last_polled_at = now()
    feed.next_check_at = now() + timedelta(seconds=retry_in_seconds)
    return feed.error_count


def entries_per_day(session: Session, feed_id: int, days: int = 7) -> float:
    """How many new items the feed brought per day lately (drives the adaptive interval)."""
    since = now() - timedelta(days=days)
    count = session.scalar(
        select(func.count(ItemSource.id)).where(ItemSource.feed_id == feed_id, ItemSource.seen_at >= since)
    )
    return (count or 0) / days


@dataclass(frozen=True)
class FeedStatus:
    name: str
    url: str
    enabled: bool
    status: FeedHealthStatus
    last_success_at: datetime | None
    last_error: str | None
    last_problem: str | None
    error_count: int
    next_check_at: datetime
    items_7d: int


def feed_statuses(session: Session) -> list[FeedStatus]:
    since = now() - timedelta(days=7)
    counts = dict(
        session.execute(
            select(ItemSource.feed_id, func.count(ItemSource.id))
            .where(ItemSource.seen_at >= since)
            .group_by(ItemSource.feed_id)
        ).all()
    )
    rows = []
    for feed in session.scalars(select(Feed).order_by(Feed.name)):
        rows.append(
            FeedStatus(
                name=feed.name,
                url=redact_url(feed.url),
                enabled=feed.enabled,
                status=feed_status(feed),
                last_success_at=feed.last_success_at,
                last_error=redact_url(feed.last_error) if feed.last_error else None,
                last_problem=feed.last_problem,
                error_count=feed.error_count,
                next_check_at=feed.next_check_at,
                items_7d=counts.get(feed.id, 0),
            )
        )
    return rows


@dataclass(frozen=True)
class FeedCounts:
    enabled: int
    failing: int  # enabled feeds whose last poll failed (error_count > 0)


def feed_counts(session: Session) -> FeedCounts:
    """How many enabled feeds there are and how many of them are failing (for /healthz)."""
    enabled, failing = session.execute(
        select(func.count(Feed.id), func.count(Feed.id).filter(Feed.error_count > 0)).where(
            Feed.enabled.is_(True)
        )
    ).one()
    return FeedCounts(enabled=int(enabled or 0), failing=int(failing or 0))


def item_count(session: Session) -> int:
    return session.scalar(select(func.count(Item.id))) or 0


@dataclass(frozen=True)
class FeedHealth:
    id: int
    name: str
    url: str
    publisher: str | None
    enabled: bool
    status: FeedHealthStatus
    last_error: str | None
    last_error_at: datetime | None
    error_count: int
    last_polled_at: datetime | None
    last_success_at: datetime | None
    next_check_at: datetime
    interval_seconds: int
    items_per_day: float
    items_total: int


def feed_health(session: Session, at: datetime | None = None, days: int = 7) -> list[FeedHealth]:
    """Every feed with its polling state and items per day over the last ``days`` days."""
    moment = at or now()
    recent = dict(
        session.execute(
            select(Item.feed_id, func.count())
            .where(Item.first_seen_at >= moment - timedelta(days=days), Item.feed_id.is_not(None))
            .group_by(Item.feed_id)
        ).all()
    )
    totals = dict(
        session.execute(
            select(Item.feed_id, func.count()).where(Item.feed_id.is_not(None)).group_by(Item.feed_id)
        ).all()
    )
    return [
        FeedHealth(
            id=feed.id,
            name=feed.name,
            url=redact_url(feed.url),  # shown on /feeds and /api/feeds: never a user:password
            publisher=feed.publisher,
            enabled=feed.enabled,
            status=feed_status(feed),
            last_error=redact_url(feed.last_error) if feed.last_error else None,
            last_error_at=feed.last_error_at,
            error_count=feed.error_count,
            last_polled_at=feed.last_polled_at,
            last_success_at=feed.last_success_at,
            next_check_at=feed.next_check_at,
            interval_seconds=feed.interval_seconds,
            items_per_day=round(recent.get(feed.id, 0) / days, 1),
            items_total=totals.get(feed.id, 0),
        )
        for feed in session.scalars(select(Feed).order_by(Feed.name))
    ]


def feed_status(feed: Feed) -> FeedHealthStatus:
    """A feed's health, the one rule behind ``newsmon feeds``, ``newsmon status`` and the review UI's feeds
    page: switched off, else failing (its last poll failed), else never polled, else malformed (its last
    poll parsed with problems), else ok."""
    if not feed.enabled:
        return FeedHealthStatus.DISABLED
    if feed.error_count:
        return FeedHealthStatus.FAILING
    if feed.last_polled_at is None and feed.last_success_at is None:
        return FeedHealthStatus.NEVER_POLLED
    if feed.last_problem:
        return FeedHealthStatus.MALFORMED
    return FeedHealthStatus.OK
