"""Counts for ``newsmon status`` and ``newsmon demo``: one cheap query each."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from service.states import DIGEST_DONE, PENDING_ITEM_STATES, DigestStatus, ItemStatus, TextSource
from service.storage.schema import Classification, ClusterMember, DigestRun, Item, ModelVersion


@dataclass(frozen=True)
class ItemCounts:
    seen: int  # first seen since the given moment
    relevant: int  # of those, marked relevant by the current classification
    pending: int  # all items still waiting for a stage
    failed: int  # all items stopped by an unexpected error


def item_counts(session: Session, since: datetime) -> ItemCounts:
    seen = session.scalar(select(func.count(Item.id)).where(Item.first_seen_at >= since)) or 0
    relevant = (
        session.scalar(
            select(func.count(Item.id))
            .join(Classification, Classification.id == Item.classification_id)
            .where(Item.first_seen_at >= since, Classification.relevant.is_(True))
        )
        or 0
    )
    pending = session.scalar(select(func.count(Item.id)).where(Item.status.in_(PENDING_ITEM_STATES))) or 0
    failed = session.scalar(select(func.count(Item.id)).where(Item.status == ItemStatus.FAILED)) or 0
    return ItemCounts(seen, relevant, pending, failed)


@dataclass(frozen=True)
class StoryCounts:
    items: int
    stories: int  # clusters
    repeats: int  # cluster members that are duplicates or versions of another
    relevant: int  # items the current classification marks relevant
    summary_only: int  # items whose text is the feed summary (page unavailable)


def story_counts(session: Session) -> StoryCounts:
    """What the whole database holds, in stories."""
    return StoryCounts(
        items=session.scalar(select(func.count(Item.id))) or 0,
        stories=session.scalar(select(func.count(func.distinct(ClusterMember.cluster_id)))) or 0,
        repeats=session.scalar(select(func.count()).where(ClusterMember.relation != "original")) or 0,
        relevant=session.scalar(
            select(func.count(Item.id))
            .join(Classification, Classification.id == Item.classification_id)
            .where(Classification.relevant.is_(True))
        )
        or 0,
        summary_only=session.scalar(select(func.count(Item.id)).where(Item.text_source == TextSource.SUMMARY))
        or 0,
    )


@dataclass(frozen=True)
class DigestSummary:
    digest_date: str
    status: DigestStatus
    story_count: int
    sent_at: datetime | None
    error: str | None


def last_digest(session: Session) -> DigestSummary | None:
    run = session.scalars(select(DigestRun).order_by(DigestRun.digest_date.desc()).limit(1)).first()
    if run is None:
        return None
    return DigestSummary(run.digest_date, DigestStatus(run.status), run.story_count, run.sent_at, run.error)


def digest_done(session: Session, digest_date: str) -> bool:
    status = session.scalar(select(DigestRun.status).where(DigestRun.digest_date == digest_date))
    return status in DIGEST_DONE


def active_model_version(session: Session) -> str | None:
    return session.scalar(select(ModelVersion.version).where(ModelVersion.active.is_(True)).limit(1))
