"""Digest runs and the rows a digest is built from.

A run is *claimed* before anything is sent: inserting the ``digest_runs`` row for a local date succeeds for
exactly one process, because ``digest_date`` is unique. Whoever loses the race (a second worker, a restarted
daemon, a CLI ``--send`` beside the daemon) sees the winner's row and sends nothing. A run ends ``sent``,
``empty`` (nothing relevant; ``message_id`` is set when a "nothing new" mail went out) or ``failed``; a failed
run can be claimed again (same window, same Message-ID), and a ``pending`` run whose claimer died is taken
over once its claim is older than ``stale_after``. When a later digest covers the window of a failed one, the
failed one becomes ``superseded``, so it is never retried into a duplicate.

``created_at`` is the time of the current claim (a takeover renews it). Every state change is a
compare-and-set on ``(id, status, attempts)``, so two takeovers cannot both win.

The reading half returns plain dataclasses (``CandidateRow``, ``MemberRow``, ``StoryItem``): ORM objects
never leave this module.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from service.states import DIGEST_DELIVERED, DigestStatus
from service.storage.db import dialect_insert
from service.storage.schema import Classification, Cluster, ClusterMember, DigestRun, Feed, Item, ReviewLabel

DONE = DIGEST_DELIVERED
# SQLite allows 32766 bound parameters; PostgreSQL far more. Chunks keep IN lists well below either.
IN_CHUNK = 900


@dataclass(frozen=True)
class RunInfo:
    """A plain copy of one ``digest_runs`` row."""

    id: int
    digest_date: date
    window_start: datetime
    window_end: datetime
    status: DigestStatus
    recipients: list[str]
    item_ids: list[int]
    story_count: int
    message_id: str | None
    attempts: int
    error: str | None
    created_at: datetime
    sent_at: datetime | None


def _info(run: DigestRun) -> RunInfo:
    return RunInfo(
        id=run.id,
        digest_date=date.fromisoformat(run.digest_date),
        window_start=run.window_start,
        window_end=run.window_end,
        status=DigestStatus(run.status),
        recipients=list(run.recipients),
        item_ids=list(run.item_ids),
        story_count=run.story_count,
        message_id=run.message_id,
        attempts=run.attempts,
        error=run.error,
        created_at=run.created_at,
        sent_at=run.sent_at,
    )


def get_run(session: Session, digest_date: date) -> RunInfo | None:
    run = session.scalar(select(DigestRun).where(DigestRun.digest_date == digest_date.isoformat()))
    return _info(run) if run else None


def recent_runs(session: Session, limit: int = 10) -> list[RunInfo]:
    """The newest runs first (for ``newsmon status`` and the review UI)."""
    query = select(DigestRun).order_by(DigestRun.digest_date.desc()).limit(limit)
    return [_info(run) for run in session.scalars(query)]


def last_covered_end(session: Session, before: date) -> datetime | None:
    """End of the newest window already delivered (sent or empty) by a run dated before ``before``:
    the next digest starts there, so a missed day is caught up by one digest covering both."""
    query = select(DigestRun.window_end).where(
        DigestRun.digest_date < before.isoformat(), DigestRun.status.in_(DONE)
    )
    ends = list(session.scalars(query))
    return max(ends) if ends else None


def uncovered_since(session: Session, before: date) -> datetime | None:
    """Where the next digest dated ``before`` starts: the end of the last delivered window, or earlier, the
    start of a failed run after it (its stories were never delivered). None when no run exists yet."""
    last_end = last_covered_end(session, before)
    query = select(DigestRun.window_start).where(
        DigestRun.digest_date < before.isoformat(), DigestRun.status == DigestStatus.FAILED
    )
    if last_end is not None:
        query = query.where(DigestRun.window_end > last_end)
    failed_starts = list(session.scalars(query))
    if failed_starts:
        earliest = min(failed_starts)
        return earliest if last_end is None else min(earliest, last_end)
    return last_end


def later_delivered_run(session: Session, after: date) -> RunInfo | None:
    """A delivered run dated after ``after``, if any (a new digest for an older date would repeat it)."""
    run = session.scalar(
        select(DigestRun)
        .where(DigestRun.digest_date > after.isoformat(), DigestRun.status.in_(DONE))
        .order_by(DigestRun.digest_date)
        .limit(1)
    )
    return _info(run) if run else None


def claim_run(
    session: Session,
    digest_date: date,
    window_start: datetime,
    window_end: datetime,
    recipients: Sequence[str],
    message_id: str,
    now: datetime,
) -> RunInfo | None:
    """Insert the day's run as ``pending``. Returns it, or None when the day is already claimed.

    ON CONFLICT DO NOTHING on the unique ``digest_date`` lets the database pick the single winner.
    """
    statement = (
        dialect_insert(session, DigestRun)
        .values(
            digest_date=digest_date.isoformat(),
            window_start=window_start,
            window_end=window_end,
            status=DigestStatus.PENDING,
            recipients=list(recipients),
            item_ids=[],
            story_count=0,
            message_id=message_id,
            attempts=0,
            created_at=now,
        )
        .on_conflict_do_nothing(index_elements=["digest_date"])
        .returning(DigestRun.id)
    )
    new_id = session.execute(statement).scalar()
    if new_id is None:
        return None
    session.flush()
    return _info(session.get_one(DigestRun, new_id))


def reclaim_run(
    session: Session, run: RunInfo, recipients: Sequence[str], now: datetime, stale_after: timedelta
) -> RunInfo | None:
    """Take over a ``failed`` run, or a ``pending`` one whose claimer has been silent for ``stale_after``.

    The window and Message-ID stay (a mail that did leave before a crash then shares its Message-ID with
    the resend, which mail clients fold into one). Returns the run, or None when it is not reclaimable or
    another process took it first.
    """
    if run.status == DigestStatus.PENDING and now - run.created_at < stale_after:
        return None
    if run.status not in (DigestStatus.PENDING, DigestStatus.FAILED):
        return None
    result = session.execute(
        update(DigestRun)
        .where(
            DigestRun.id == run.id,
            DigestRun.status == run.status,
            DigestRun.attempts == run.attempts,
            DigestRun.created_at == run.created_at,
        )
        .values(status=DigestStatus.PENDING, created_at=now, recipients=list(recipients), error=None)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:  # type: ignore[attr-defined]
        return None
    session.expire_all()
    return _info(session.get_one(DigestRun, run.id))


def record_content(session: Session, run_id: int, item_ids: Sequence[int], story_count: int) -> None:
    """What the claimed digest holds, stored before sending so a failure still says what was meant."""
    session.execute(
        update(DigestRun)
        .where(DigestRun.id == run_id)
        .values(item_ids=list(item_ids), story_count=story_count)
        .execution_options(synchronize_session=False)
    )


def record_sent(
    session: Session, run_id: int, attempts: int, sent_at: datetime, note: str | None = None
) -> None:
    _finish(session, run_id, status=DigestStatus.SENT, attempts=attempts, sent_at=sent_at, error=note)


def record_empty(
    session: Session, run_id: int, attempts: int, sent_at: datetime | None, mailed: bool
) -> None:
    """Nothing relevant in the window. ``mailed``: a "nothing new" mail went out (keeps the Message-ID)."""
    values: dict[str, Any] = {
        "status": DigestStatus.EMPTY,
        "attempts": attempts,
        "sent_at": sent_at,
        "error": None,
    }
    if not mailed:
        values["message_id"] = None
    session.execute(
        update(DigestRun)
        .where(DigestRun.id == run_id)
        .values(**values)
        .execution_options(synchronize_session=False)
    )


def record_failed(session: Session, run_id: int, attempts: int, error: str) -> None:
    _finish(session, run_id, status=DigestStatus.FAILED, attempts=attempts, sent_at=None, error=error[:4000])


def _finish(
    session: Session,
    run_id: int,
    status: DigestStatus,
    attempts: int,
    sent_at: datetime | None,
    error: str | None,
) -> None:
    session.execute(
        update(DigestRun)
        .where(DigestRun.id == run_id)
        .values(status=status, attempts=attempts, sent_at=sent_at, error=error)
        .execution_options(synchronize_session=False)
    )


def supersede_failed(session: Session, covered_start: datetime, covered_end: datetime) -> int:
    """Failed runs whose window a delivered digest covered become ``superseded``; returns how many."""
    result = session.execute(
        update(DigestRun)
        .where(
            DigestRun.status == DigestStatus.FAILED,
            DigestRun.window_start >= covered_start,
            DigestRun.window_end <= covered_end,
        )
        .values(status=DigestStatus.SUPERSEDED)
        .execution_options(synchronize_session=False)
    )
    return int(result.rowcount)  # type: ignore[attr-defined]


def delivered_item_ids(session: Session, since: datetime, before: date) -> set[int]:
    """Items delivered by runs dated before ``before`` whose window ends after ``since`` (so late arrivals
    are not repeated)."""
    query = select(DigestRun.item_ids).where(
        DigestRun.window_end > since, DigestRun.digest_date < before.isoformat(), DigestRun.status.in_(DONE)
    )
    delivered: set[int] = set()
    for ids in session.scalars(query):
        delivered.update(int(item_id) for item_id in ids)
    return delivered


# --- rows a digest is built from -------------------------------------------------------------------------


@dataclass(frozen=True)
class CandidateRow:
    """An item first seen in the window, with its current classification and cluster, if any."""

    item_id: int
    first_seen_at: datetime
    outlet: str | None
    cluster_id: int | None
    relation: str | None
    model_version: str | None
    scores: dict[str, float]
    labels: dict[str, bool]
    relevant: bool | None  # None: not classified yet
    relevance_score: float
    partner: str | None
    partner_country: str | None
    taiwan_party: str | None
    explanation: dict[str, Any]


@dataclass(frozen=True)
class StoryItem:
    """What an entry shows of its canonical item."""

    item_id: int
    title: str | None
    url: str | None
    outlet: str | None
    published_at: datetime
    text: str | None
    summary: str | None
    lang: str | None
    feed: str | None = None  # the name of the feed it first came through (its configured home, if any)


@dataclass(frozen=True)
class MemberRow:
    """One member of a cluster (for "also reported by" and the article count)."""

    cluster_id: int
    item_id: int
    relation: str
    outlet: str | None


def window_candidates(
    session: Session, start: datetime, end: datetime, min_score: float | None = None
) -> list[CandidateRow]:
    """Items first seen in ``[start, end)``, joined with their current classification and cluster.

    One query. ``first_seen_at`` rather than ``published_at`` decides the window: a story published
    yesterday but found today is news to the reader today, and is never skipped. With ``min_score``, only
    items that could matter are read: relevant ones, ones scoring at least ``min_score`` (the "maybe" band),
    and ones a reviewer labelled; the ordinary news that makes up most of a day stays in the database.
    """
    query = (
        select(
            Item.id,
            Item.first_seen_at,
            Item.outlet,
            ClusterMember.cluster_id,
            ClusterMember.relation,
            Classification.model_version,
            Classification.scores,
            Classification.labels,
            Classification.relevant,
            Classification.relevance_score,
            Classification.partner,
            Classification.partner_country,
            Classification.taiwan_party,
            Classification.explanation,
        )
        .outerjoin(Classification, Classification.id == Item.classification_id)
        .outerjoin(ClusterMember, ClusterMember.item_id == Item.id)
        .where(Item.first_seen_at >= start, Item.first_seen_at < end)
        .order_by(Item.id)
    )
    if min_score is not None:
        reviewed = select(ReviewLabel.id).where(ReviewLabel.item_id == Item.id).exists()
        query = query.where(
            Classification.relevant.is_(True) | (Classification.relevance_score >= min_score) | reviewed
        )
    return [
        CandidateRow(
            item_id=row[0],
            first_seen_at=row[1],
            outlet=row[2],
            cluster_id=row[3],
            relation=row[4],
            model_version=row[5],
            scores=dict(row[6] or {}),
            labels=dict(row[7] or {}),
            relevant=row[8],
            relevance_score=float(row[9] or 0.0),
            partner=row[10],
            partner_country=row[11],
            taiwan_party=row[12],
            explanation=dict(row[13] or {}),
        )
        for row in session.execute(query)
    ]


def _chunks(values: Iterable[int]) -> Iterable[list[int]]:
    ordered = sorted(set(values))
    for index in range(0, len(ordered), IN_CHUNK):
        yield ordered[index : index + IN_CHUNK]


def newest_human_labels(session: Session, item_ids: Iterable[int]) -> dict[int, dict[str, bool]]:
    """The newest reviewer decision per (item, label), for many items at once."""
    labels: dict[int, dict[str, bool]] = {}
    for chunk in _chunks(item_ids):
        query = (
            select(ReviewLabel.item_id, ReviewLabel.label, ReviewLabel.value)
            .where(ReviewLabel.item_id.in_(chunk))
            .order_by(ReviewLabel.created_at, ReviewLabel.id)
        )
        for item_id, label, value in session.execute(query):
            labels.setdefault(item_id, {})[label] = bool(value)  # later rows overwrite earlier ones
    return labels


def cluster_members(session: Session, cluster_ids: Iterable[int]) -> tuple[dict[int, int], list[MemberRow]]:
    """For many clusters: their canonical item ids and all their members (any time, not just the window)."""
    canonical: dict[int, int] = {}
    members: list[MemberRow] = []
    for chunk in _chunks(cluster_ids):
        for cluster_id, item_id in session.execute(
            select(Cluster.id, Cluster.canonical_item_id).where(Cluster.id.in_(chunk))
        ):
            canonical[cluster_id] = item_id
        query = (
            select(
                ClusterMember.cluster_id,
                ClusterMember.item_id,
                ClusterMember.relation,
                ClusterMember.outlet,
                Item.outlet,
            )
            .join(Item, Item.id == ClusterMember.item_id)
            .where(ClusterMember.cluster_id.in_(chunk))
            .order_by(ClusterMember.joined_at, ClusterMember.item_id)
        )
        for cluster_id, item_id, relation, member_outlet, item_outlet in session.execute(query):
            members.append(MemberRow(cluster_id, item_id, relation, member_outlet or item_outlet))
    return canonical, members


def story_items(session: Session, item_ids: Iterable[int]) -> dict[int, StoryItem]:
    """Title, link, outlet, date and text of the items that represent stories."""
    found: dict[int, StoryItem] = {}
    for chunk in _chunks(item_ids):
        query = (
            select(
                Item.id,
                Item.title,
                Item.url,
                Item.link,
                Item.outlet,
                Item.published_at,
                Item.text,
                Item.summary,
                Item.lang,
                Feed.name,
            )
            .outerjoin(Feed, Feed.id == Item.feed_id)
            .where(Item.id.in_(chunk))
        )
        for item_id, title, url, link, outlet, published, text, summary, lang, feed in session.execute(query):
            found[item_id] = StoryItem(
                item_id, title, url or link, outlet, published, text, summary, lang, feed
            )
    return found


@dataclass(frozen=True)
class DigestRunView:
    id: int
    digest_date: str
    status: DigestStatus
    story_count: int
    recipients: list[str]
    item_ids: list[int]
    attempts: int
    error: str | None
    created_at: datetime
    sent_at: datetime | None
    window_start: datetime
    window_end: datetime


def digest_runs(session: Session, limit: int = 60) -> list[DigestRunView]:
    """The newest digest runs first."""
    query = select(DigestRun).order_by(DigestRun.digest_date.desc()).limit(limit)
    return [
        DigestRunView(
            id=run.id,
            digest_date=run.digest_date,
            status=DigestStatus(run.status),
            story_count=run.story_count,
            recipients=list(run.recipients or []),
            item_ids=list(run.item_ids or []),
            attempts=run.attempts,
            error=run.error,
            created_at=run.created_at,
            sent_at=run.sent_at,
            window_start=run.window_start,
            window_end=run.window_end,
        )
        for run in session.scalars(query)
    ]
