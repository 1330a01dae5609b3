"""Reviewers' labels as training examples (read-only here; the review UI records them)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from service.labels import decide, model_labels
from service.storage.review import export_labels
from service.storage.schema import Classification, Item, ReviewLabel


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
