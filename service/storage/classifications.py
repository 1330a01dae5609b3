"""Classifications and model versions: what the model said about each item, and which model said it.

The classifier writes ``classifications`` rows only (one per item and model version) and points the
item's ``classification_id`` at the newest; reviewers' labels live in ``review_labels`` and are never
touched here, so reclassifying never overwrites a person's decision.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from service.states import ItemStatus
from service.storage.schema import Classification, Feed, Item, ModelVersion

# Items past extraction carry the text the classifier reads.
CLASSIFIABLE_STATUSES = (ItemStatus.EXTRACTED, ItemStatus.DONE)


def now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class ItemText:
    """What the classifier needs of a stored item."""

    id: int
    title: str | None
    text: str
    published_at: datetime | None = None  # resolves the events stage's relative and ROC dates
    url: str | None = None  # tells the events stage a Japanese paper's or municipality's home
    feed: str | None = None  # the name of the feed it first came through (its configured home, if any)


@dataclass(frozen=True)
class Verdict:
    """One classification to store (plain data from the classifier's prediction)."""

    scores: dict[str, float]
    labels: dict[str, bool]
    taiwan_party: str | None
    partner: str | None
    partner_country: str | None
    explanation: dict[str, Any]
    event: dict[str, Any] | None = None  # the events stage's answer (Event.to_dict), relevant items only


@dataclass(frozen=True)
class ModelRecord:
    """A trained model version as recorded (the model page, ``newsmon model``, retraining)."""

    version: str
    path: str
    metrics: dict[str, Any]
    active: bool
    created_at: datetime


def item_texts(session: Session, item_ids: Iterable[int]) -> list[ItemText]:
    """Title and text (the summary when no page text) of the given items, in id order."""
    ids = sorted(set(item_ids))
    found: list[ItemText] = []
    for start in range(0, len(ids), 500):
        rows = session.execute(
            select(Item.id, Item.title, Item.text, Item.summary, Item.published_at, Item.url, Feed.name)
            .outerjoin(Feed, Feed.id == Item.feed_id)
            .where(Item.id.in_(ids[start : start + 500]))
        )
        found.extend(
            ItemText(row.id, row.title, row.text or row.summary or "", row.published_at, row.url, row.name)
            for row in rows
        )
    return sorted(found, key=lambda item: item.id)


def items_to_classify(
    session: Session, model_version: str, *, limit: int = 1000, after_id: int = 0
) -> list[int]:
    """Ids of items with text that have no classification by ``model_version`` yet (ascending, paged)."""
    done = select(Classification.item_id).where(Classification.model_version == model_version)
    query = (
        select(Item.id)
        .where(Item.status.in_(CLASSIFIABLE_STATUSES), Item.id > after_id, Item.id.not_in(done))
        .order_by(Item.id)
        .limit(limit)
    )
    return list(session.scalars(query))


def record_classification(
    session: Session, item_id: int, model_version: str, verdict: Verdict, at: datetime | None = None
) -> int:
    """Store (or replace) the item's classification by this model version and make it the current one."""
    row = session.scalar(
        select(Classification).where(
            Classification.item_id == item_id, Classification.model_version == model_version
        )
    )
    if row is None:
        row = Classification(item_id=item_id, model_version=model_version)
        session.add(row)
    row.scores = dict(verdict.scores)
    row.labels = dict(verdict.labels)
    row.relevant = bool(verdict.labels.get("relevant"))
    row.relevance_score = float(verdict.scores.get("relevant", 0.0))
    row.taiwan_party = verdict.taiwan_party
    row.partner = verdict.partner
    row.partner_country = verdict.partner_country
    row.explanation = verdict.explanation
    event = verdict.event or {}
    row.event = verdict.event
    row.event_type = event.get("event_type") or None
    row.event_date = event.get("event_date") or None
    row.created_at = at or now()
    session.flush()
    session.execute(update(Item).where(Item.id == item_id).values(classification_id=row.id))
    return row.id


def current_classifications(session: Session, item_ids: Sequence[int]) -> dict[int, dict[str, bool]]:
    """The labels of each item's current classification (items without one are absent)."""
    query = (
        select(Item.id, Classification.labels)
        .join(Classification, Classification.id == Item.classification_id)
        .where(Item.id.in_(list(item_ids)))
    )
    return {row.id: dict(row.labels) for row in session.execute(query)}


def record_model_version(
    session: Session, version: str, path: str, metrics: dict[str, Any], *, active: bool
) -> None:
    """Register a trained model; when ``active``, it becomes the only active one."""
    if active:
        session.execute(update(ModelVersion).values(active=False))
    session.add(ModelVersion(version=version, path=path, metrics=metrics, active=active, created_at=now()))
    session.flush()


def model_versions(session: Session) -> list[ModelRecord]:
    """Every recorded model version, newest first."""
    rows = session.scalars(
        select(ModelVersion).order_by(ModelVersion.created_at.desc(), ModelVersion.version.desc())
    )
    return [
        ModelRecord(row.version, row.path, dict(row.metrics or {}), row.active, row.created_at)
        for row in rows
    ]


def activate_model_version(session: Session, version: str) -> bool:
    """Make ``version`` the only active model; False when no such version is recorded."""
    if session.scalar(select(ModelVersion.version).where(ModelVersion.version == version)) is None:
        return False
    session.execute(update(ModelVersion).values(active=False))
    session.execute(update(ModelVersion).where(ModelVersion.version == version).values(active=True))
    return True


def prune_model_versions(session: Session, keep: int) -> list[str]:
    """Forget all but the ``keep`` newest inactive model versions (the active one is always kept);
    returns the folders of the forgotten versions, for the caller to delete."""
    rows = session.scalars(
        select(ModelVersion).where(ModelVersion.active.is_(False)).order_by(ModelVersion.created_at.desc())
    ).all()
    dropped = list(rows[keep:])
    for row in dropped:
        session.delete(row)
    session.flush()
    return [row.path for row in dropped]


def active_model(session: Session) -> ModelRecord | None:
    """The active model version (None: use the bundled model)."""
    row = session.scalar(select(ModelVersion).where(ModelVersion.active.is_(True)).limit(1))
    if row is None:
        return None
    return ModelRecord(row.version, row.path, dict(row.metrics or {}), row.active, row.created_at)
