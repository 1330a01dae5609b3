"""Labels: reviewers' decisions on items, recorded, read back and exported as training examples.

Each decision is a row of ``review_labels`` (item, label, value, reviewer, time), never updated in place,
so history stays and the newest row per label wins; the classifier writes ``classifications`` only, so
reclassifying never overwrites a person's label. How decisions and the model's verdict combine into the
labels everyone sees is the label rule, ``service.labels.decide``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from service.errors import ReviewError, UnknownItemError
from service.labels import LABELS, TOPICS, decide, model_labels, training_labels
from service.storage.schema import Classification, Item, ReviewLabel


def now() -> datetime:
    return datetime.now(UTC)


def human_labels_of(session: Session, ids: Sequence[int]) -> dict[int, dict[str, bool]]:
    """The newest decision per (item, label) for many items in one query."""
    found: dict[int, dict[str, bool]] = {}
    if not ids:
        return found
    rows = session.execute(
        select(ReviewLabel.item_id, ReviewLabel.label, ReviewLabel.value)
        .where(ReviewLabel.item_id.in_(ids))
        .order_by(ReviewLabel.created_at, ReviewLabel.id)
    )
    for item_id, label, value in rows:
        found.setdefault(item_id, {})[label] = value
    return found


def shown_labels(session: Session, item_id: int) -> dict[str, bool]:
    """The item's labels as the item page, the digest and the export show them (the label rule: the
    people's decisions where there are any, else the model's); empty for an item nobody has classified
    or reviewed. Raises UnknownItemError for an id not in the database."""
    item = session.get(Item, item_id)
    if item is None:
        raise UnknownItemError(f"no item {item_id}")
    human = human_labels_of(session, [item_id]).get(item_id, {})
    row = session.get(Classification, item.classification_id) if item.classification_id else None
    if row is None and not human:
        return {}
    model = model_labels(dict(row.labels)) if row is not None else None
    return decide(human, model, dict(row.scores) if row is not None else None).labels


def record_label(
    session: Session, item_id: int, label: str, value: bool, reviewer: str, at: datetime | None = None
) -> dict[str, bool]:
    """Store a person's decision on one label, plus what it implies for the others, and return them all.

    ``relevant`` means "either topic", so: not relevant -> neither topic; a topic -> relevant; both topics
    rejected by a person -> not relevant. Nothing is ever updated in place: each decision is a new row.
    """
    if label not in LABELS:
        raise ReviewError(f"unknown label {label!r} (expected one of {', '.join(LABELS)})")
    if session.get(Item, item_id) is None:
        raise UnknownItemError(f"no item {item_id}")
    decided: dict[str, bool] = {label: value}
    if label == "relevant" and not value:
        decided.update(dict.fromkeys(TOPICS, False))
    elif label in TOPICS and value:
        decided["relevant"] = True
    elif label in TOPICS:
        previous = human_labels_of(session, [item_id]).get(item_id, {})
        other = next(name for name in TOPICS if name != label)
        if previous.get(other) is False:
            decided["relevant"] = False
    _write(session, item_id, decided, reviewer, at or now())
    return decided


def confirm_model(
    session: Session, item_id: int, reviewer: str, at: datetime | None = None
) -> dict[str, bool]:
    """The reviewer agrees with what is shown: store every label as the item page shows it
    (``shown_labels``)."""
    labels = shown_labels(session, item_id)
    if not labels:
        raise ReviewError(f"item {item_id} has no classification to confirm")
    _write(session, item_id, labels, reviewer, at or now())
    return labels


def _write(session: Session, item_id: int, labels: dict[str, bool], reviewer: str, at: datetime) -> None:
    for name, value in labels.items():
        session.add(ReviewLabel(item_id=item_id, label=name, value=value, reviewer=reviewer, created_at=at))
    session.flush()


BulkAction = Literal["confirm", "not_relevant", "taiwan_japan", "city_diplomacy"]
BULK_ACTIONS: tuple[str, ...] = ("confirm", "not_relevant", "taiwan_japan", "city_diplomacy")


def record_bulk(session: Session, item_ids: Iterable[int], action: str, reviewer: str) -> int:
    """Apply one action to many items: confirm the shown labels, mark not relevant, or set one topic."""
    if action not in BULK_ACTIONS:
        raise ReviewError(f"unknown bulk action {action!r} (expected one of {', '.join(BULK_ACTIONS)})")
    at = now()
    count = 0
    for item_id in dict.fromkeys(item_ids):
        if action == "confirm":
            confirm_model(session, item_id, reviewer, at)
        elif action == "not_relevant":
            record_label(session, item_id, "relevant", False, reviewer, at)
        else:
            record_label(session, item_id, action, True, reviewer, at)
        count += 1
    return count


def count_labels(session: Session, since: datetime | None = None) -> int:
    query = select(func.count()).select_from(ReviewLabel)
    if since is not None:
        query = query.where(ReviewLabel.created_at > since)
    return session.scalar(query) or 0


def reviewed_count(session: Session) -> int:
    """How many items have at least one reviewer decision (an index-only count)."""
    return session.scalar(select(func.count(func.distinct(ReviewLabel.item_id)))) or 0


def export_labels(session: Session) -> Iterator[dict[str, Any]]:
    """Reviewed items as training examples: ``title``, ``text``, ``taiwan_japan``, ``city_diplomacy``,
    ``relevant`` (plus ``id``, ``url``, ``source``, ``lang``, ``reviewer``, ``reviewed_at``).

    A label the person did not decide is implied where logic allows (not relevant -> neither topic), else
    taken from the model's verdict at export time; an item with an undecided label and no classification
    is left out.
    """
    reviewed = select(ReviewLabel.item_id).distinct().order_by(ReviewLabel.item_id)
    ids = list(session.scalars(reviewed))
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        humans = _decisions_of(session, chunk)
        query = (
            select(Item, Classification)
            .outerjoin(Classification, Classification.id == Item.classification_id)
            .where(Item.id.in_(chunk))
            .order_by(Item.id)
        )
        for item, classification in session.execute(query):
            example = _example(item, classification, humans.get(item.id, {}))
            if example is not None:
                yield example


def _decisions_of(session: Session, ids: Sequence[int]) -> dict[int, dict[str, ReviewLabel]]:
    found: dict[int, dict[str, ReviewLabel]] = {}
    rows = session.scalars(
        select(ReviewLabel)
        .where(ReviewLabel.item_id.in_(ids))
        .order_by(ReviewLabel.created_at, ReviewLabel.id)
    )
    for row in rows:
        found.setdefault(row.item_id, {})[row.label] = row
    return found


def _example(
    item: Item, classification: Classification | None, decisions: dict[str, ReviewLabel]
) -> dict[str, Any] | None:
    model = model_labels(classification.labels, classification.relevant) if classification else None
    labels = training_labels({name: row.value for name, row in decisions.items()}, model)
    if labels is None:
        return None
    newest = max(decisions.values(), key=lambda row: (row.created_at, row.id))
    return {
        "id": f"newsmon-{item.id}",
        "url": item.link or item.url,
        "source": item.outlet,
        "lang": item.lang,
        "title": item.title,
        "text": item.text or item.summary or "",
        **labels,
        "reviewer": newest.reviewer,
        "reviewed_at": newest.created_at.isoformat(),
    }


def reviewer_labels(session: Session) -> list[dict[str, Any]]:
    """Every reviewed item as a training example (``id`` = ``newsmon-<item id>``, ``title``, ``text``,
    ``taiwan_japan``, ``city_diplomacy``, ``relevant``). Undecided labels are completed as the review
    export does: not relevant -> neither topic, otherwise the model's verdict."""
    return list(export_labels(session))


@dataclass(frozen=True)
class Reviewed:
    """A reviewed item as the nearest-items explanation shows it: what a person decided on it."""

    id: int
    title: str | None
    lead: str
    relevant: bool
    topics: tuple[str, ...]


def recently_reviewed(session: Session, limit: int = 2000, lead_chars: int = 400) -> list[Reviewed]:
    """The most recently reviewed items (newest decision first), with their effective labels."""
    newest = func.max(ReviewLabel.created_at).label("newest")
    ids = [
        row.item_id
        for row in session.execute(
            select(ReviewLabel.item_id, newest)
            .group_by(ReviewLabel.item_id)
            .order_by(newest.desc())
            .limit(limit)
        )
    ]
    if not ids:
        return []
    humans: dict[int, dict[str, bool]] = {}
    for item_id, label, value in session.execute(
        select(ReviewLabel.item_id, ReviewLabel.label, ReviewLabel.value)
        .where(ReviewLabel.item_id.in_(ids))
        .order_by(ReviewLabel.created_at, ReviewLabel.id)
    ):
        humans.setdefault(item_id, {})[label] = bool(value)
    rows = session.execute(
        select(Item.id, Item.title, Item.text, Item.summary, Classification.labels, Classification.relevant)
        .outerjoin(Classification, Classification.id == Item.classification_id)
        .where(Item.id.in_(ids))
    )
    found: dict[int, Reviewed] = {}
    for row in rows:
        model = model_labels(row.labels, row.relevant) if row.labels is not None else None
        verdict = decide(humans.get(row.id, {}), model)
        lead = (row.text or row.summary or "")[:lead_chars]
        found[row.id] = Reviewed(row.id, row.title, lead, verdict.relevant, verdict.topics)
    return [found[item_id] for item_id in ids if item_id in found]
