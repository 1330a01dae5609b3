"""Retraining from the review UI, behind one function.

``retrain(engine, settings)`` trains a new model on every reviewed label (plus the bundled set), evaluates
the active model and the new one on the same held-out reviewed items, and activates the new one only if
it is not worse. The work is the classification stage's (:func:`service.classify.retrain_from_reviews`);
this module is the one place the UI reaches it.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Engine

from service.classify import TrainReport, retrain_from_reviews
from service.config import Settings

# What a retraining did: versions, the two evaluations on the same held-out items, the decision.
RetrainResult = TrainReport

Trainer = Callable[[Engine, Settings], RetrainResult]


def retrain(engine: Engine, settings: Settings) -> RetrainResult:
    """Train on all labels, compare on held-out reviewed items, activate the new model if not worse.
    Raises ModelError when training is impossible (too few examples of a label, unreadable model)."""
    return retrain_from_reviews(engine, settings)
