"""Retraining from the review UI, behind one function.

``retrain(engine, settings)`` trains a new model on every reviewed label (plus the bundled set), evaluates
the active model and the new one on the same held-out reviewed items, and activates the new one only if
it is not worse. The work is the classification stage's (:func:`service.classify.retrain_from_reviews`);
this module is the one place the UI reaches it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any

from sqlalchemy import Engine

from service.config import Settings


@dataclass(frozen=True)
class RetrainResult:
    """What a retraining did: versions, the two evaluations on the same held-out items, the decision."""

    previous_version: str | None
    new_version: str | None
    activated: bool
    before: dict[str, float] = field(default_factory=dict)  # active model on the held-out items
    after: dict[str, float] = field(default_factory=dict)  # new model on the same items
    train_examples: int = 0
    heldout_examples: int = 0
    message: str = ""

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


Trainer = Callable[[Engine, Settings], RetrainResult]


def retrain(engine: Engine, settings: Settings) -> RetrainResult:
    """Train on all labels, compare on held-out reviewed items, activate the new model if not worse.
    Raises ModelError when training is impossible (too few examples of a label, unreadable model)."""
    from service.classify import retrain_from_reviews

    report = retrain_from_reviews(engine, settings)
    return RetrainResult(
        previous_version=report.previous_version,
        new_version=report.new_version,
        activated=report.activated,
        before=dict(report.before),
        after=dict(report.after),
        train_examples=report.train_examples,
        heldout_examples=report.heldout_examples,
        message=report.message,
    )
