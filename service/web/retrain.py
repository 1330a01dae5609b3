"""Retraining from the review UI, behind one function.

``retrain(engine, settings)`` trains a new model on every reviewed label, evaluates the active model and
the new one on the same held-out reviewed items, and activates the new one only if it is not worse. The
training itself belongs to the classification stage; this module is the one place the UI reaches it, so
the UI works (and says "not available") before that stage lands.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any

from sqlalchemy import Engine

from service.config import Settings
from service.errors import ModelError


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
    """Train on all labels, compare on held-out reviewed items, activate the new model if not worse."""
    trainer = _stage_trainer()
    if trainer is None:
        raise ModelError("retraining is not available: the classification stage has no train function yet")
    return trainer(engine, settings)


def training_available() -> bool:
    return _stage_trainer() is not None


def _stage_trainer() -> Trainer | None:
    """The classification stage's retrain entry point, once it exists."""
    import importlib

    try:
        classify = importlib.import_module("service.classify")
    except ImportError:
        return None
    found = getattr(classify, "retrain_from_reviews", None)
    return found if callable(found) else None
