"""Reviewers' labels as training examples (read-only here; the review UI records them)."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from service.storage.review import export_labels


def reviewer_labels(session: Session) -> list[dict[str, Any]]:
    """Every reviewed item as a training example (``id`` = ``newsmon-<item id>``, ``title``, ``text``,
    ``taiwan_japan``, ``city_diplomacy``, ``relevant``). Undecided labels are completed as the review
    export does: not relevant -> neither topic, otherwise the model's verdict."""
    return list(export_labels(session))
