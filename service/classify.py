"""The classification stage: stored items in, classifications out, and training new model versions.

Wiring between ``classifiers`` (plain strings in, predictions out) and storage:

    load_active_model(session, settings)          the active model version, else the bundled model
    classify_items(session, model, settings, ids) classify stored items, record one row per item
    classify_stage(model, settings)               the pipeline's per-item stage (session, item_id)
    reclassify(engine, settings, model)           a model over every stored item it has not classified
    train_model(engine, settings, extra)          bundled set + extra + reviewers' labels -> new version
    retrain_from_reviews(engine, settings)        the review UI's and the daemon's retrain entry point

Reviewers' labels are read, never written: a classification is the model's opinion, a review label the
person's, and the person's wins everywhere (training, digest, review UI).
"""

from __future__ import annotations

import logging
import random
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.orm import Session

import classifiers
from service.config import Settings
from service.errors import ModelError
from service.storage import classifications as store
from service.storage.db import session_scope
from service.storage.labels import reviewer_labels

log = logging.getLogger(__name__)

BATCH = 256
HELDOUT_SHARE = 0.2
MIN_HELDOUT = 10


@contextmanager
def model_errors() -> Iterator[None]:
    """Map the classifiers package's ModelError onto the service's error tree."""
    try:
        yield
    except classifiers.ModelError as exc:
        raise ModelError(str(exc)) from exc


def model_dir(settings: Settings) -> Path:
    return settings.path(settings.classify.model_dir)


def thresholds(settings: Settings) -> dict[str, float]:
    return {str(label): float(value) for label, value in settings.classify.thresholds.items()}


def load_model_at(path: str | Path | None, settings: Settings) -> classifiers.Model:
    """A model from a directory inside the configured model dir (None: the bundled model)."""
    with model_errors():
        return classifiers.load_model(path, trusted_dirs=[model_dir(settings)])


def load_active_model(session: Session, settings: Settings) -> classifiers.Model:
    """The active model version recorded in the database, else the bundled model."""
    record = store.active_model(session)
    return load_model_at(record.path if record else None, settings)


def verdict_of(prediction: classifiers.Prediction, model_version: str) -> store.Verdict:
    """Storage's view of a prediction; the explanation keeps reasons, entities, terms and features."""
    why = dict(prediction.why)
    explanation = {
        "model_version": model_version,
        "reasons": why.pop("reasons", []),
        "terms": why.pop("terms", []),
        "entities": [{"name": e["name"], "kind": e["kind"]} for e in prediction.entities],
        "features": why,
        "taiwan_party": prediction.taiwan_party,
        "partner": prediction.partner,
        "partner_country": prediction.partner_country,
    }
    return store.Verdict(
        scores=prediction.scores,
        labels=prediction.labels,
        taiwan_party=prediction.taiwan_party,
        partner=prediction.partner,
        partner_country=prediction.partner_country,
        explanation=explanation,
    )


def classify_items(
    session: Session, model: classifiers.Model, settings: Settings, item_ids: Sequence[int]
) -> dict[int, bool]:
    """Classify stored items and record the results; returns item id -> relevant."""
    results: dict[int, bool] = {}
    items = store.item_texts(session, item_ids)
    for start in range(0, len(items), BATCH):
        batch = items[start : start + BATCH]
        with model_errors():
            predictions = model.predict(
                [{"title": item.title, "text": item.text} for item in batch], thresholds=thresholds(settings)
            )
        for item, prediction in zip(batch, predictions, strict=True):
            store.record_classification(
                session, item.id, model.version, verdict_of(prediction, model.version)
            )
            results[item.id] = prediction.relevant
    return results


def classify_stage(model: classifiers.Model, settings: Settings) -> Callable[[Session, int], object]:
    """The pipeline's classify stage: one item, inside the orchestrator's transaction."""

    def stage(session: Session, item_id: int) -> object:
        return classify_items(session, model, settings, [item_id]).get(item_id)

    return stage


def reclassify(engine: Engine, settings: Settings, model: classifiers.Model | None = None) -> int:
    """Run a model (default: the active one) over every stored item it has not classified yet.

    Each batch commits on its own, so an interrupted run resumes where it stopped. Review labels are not
    touched. Returns the number of items classified.
    """
    if model is None:
        with session_scope(engine) as session:
            model = load_active_model(session, settings)
    total, after = 0, 0
    while True:
        with session_scope(engine) as session:
            ids = store.items_to_classify(session, model.version, limit=BATCH, after_id=after)
            if not ids:
                return total
            classify_items(session, model, settings, ids)
        total += len(ids)
        after = ids[-1]


# --- training --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TrainReport:
    """What a training run did; the review UI shows it (``service.web.retrain.RetrainResult``)."""

    previous_version: str | None
    new_version: str | None
    activated: bool
    before: dict[str, float] = field(default_factory=dict)  # active model on the held-out examples
    after: dict[str, float] = field(default_factory=dict)  # new model on the same examples
    train_examples: int = 0
    heldout_examples: int = 0
    message: str = ""
    path: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _text_key(example: Mapping[str, Any]) -> str:
    return f"{example.get('title') or ''}\n{example.get('text') or ''}".strip()


def merge_examples(
    bundled: Sequence[Mapping[str, Any]],
    extra: Sequence[Mapping[str, Any]],
    reviewed: Sequence[Mapping[str, Any]],
) -> list[dict[str, Any]]:
    """One training set; for the same title+text, a reviewer's labels beat --data, which beats bundled."""
    merged: dict[str, dict[str, Any]] = {}
    for source in (bundled, extra, reviewed):
        for example in source:
            if (example.get("text") or "").strip():
                merged[_text_key(example)] = dict(example)
    return list(merged.values())


def _split_heldout(
    external: Sequence[dict[str, Any]], active_since: datetime | None, seed: int = 7
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Hold out examples to compare the old and the new model on.

    Labels recorded after the active model was trained are held out when there are enough of them: the
    active model has never seen them, so the comparison is fair. Otherwise a seeded random share.
    """
    if active_since is not None:
        fresh = [e for e in external if _reviewed_after(e, active_since)]
        if len(fresh) >= MIN_HELDOUT:
            fresh_keys = {_text_key(e) for e in fresh}
            return [e for e in external if _text_key(e) not in fresh_keys], fresh
    if len(external) < MIN_HELDOUT * 2:
        return list(external), []
    shuffled = list(external)
    random.Random(seed).shuffle(shuffled)
    cut = max(MIN_HELDOUT, int(len(shuffled) * HELDOUT_SHARE))
    return shuffled[cut:], shuffled[:cut]


def _reviewed_after(example: Mapping[str, Any], moment: datetime) -> bool:
    stamp = example.get("reviewed_at")
    if not stamp:
        return False
    when = datetime.fromisoformat(str(stamp))
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when > moment


def _summary(report: Mapping[str, Mapping[str, float]]) -> dict[str, float]:
    return {f"{label}_f1": float(values["f1"]) for label, values in report.items()}


def train_model(
    engine: Engine,
    settings: Settings,
    extra: Sequence[Mapping[str, Any]] = (),
    *,
    include_bundled: bool = True,
) -> TrainReport:
    """Train a new model version on the bundled set, ``extra`` examples and every reviewer label.

    Examples are held out (see :func:`_split_heldout`) to compare the active model and the new one; the
    new one becomes active only if its relevant F1 there is not worse (with nothing to hold out, it is
    activated only when no trained version is active yet). The saved model is refitted on everything.
    """
    with session_scope(engine) as session:
        reviewed = reviewer_labels(session)
        active = load_active_model(session, settings)
        active_record = store.active_model(session)
    with model_errors():
        bundled = classifiers.bundled_examples() if include_bundled else []
        external = merge_examples([], extra, reviewed)
        since = active_record.created_at if active_record else None
        fit_part, heldout = _split_heldout(external, since)
        before: dict[str, float] = {}
        after: dict[str, float] = {}
        if heldout:
            candidate = classifiers.train(merge_examples(bundled, fit_part, []))
            before = _summary(classifiers.evaluate(active, heldout, thresholds(settings)))
            after = _summary(classifiers.evaluate(candidate, heldout, thresholds(settings)))
            better = after["relevant_f1"] >= before["relevant_f1"]
        else:
            better = active_record is None
        examples = merge_examples(bundled, extra, reviewed)
        sources = {"bundled": len(bundled), "data": len(extra), "reviews": len(reviewed)}
        model = classifiers.train(examples, sources=sources)
        model.metadata["heldout"] = {"examples": len(heldout), "before": before, "after": after}
        directory = model_dir(settings) / model.version
        classifiers.save_model(model, directory)
    with session_scope(engine) as session:
        store.record_model_version(session, model.version, str(directory), model.metadata, active=better)
    verdict = "activated" if better else f"kept {active.version} (the new model was worse on held-out items)"
    return TrainReport(
        previous_version=active.version,
        new_version=model.version,
        activated=better,
        before=before,
        after=after,
        train_examples=len(examples),
        heldout_examples=len(heldout),
        message=f"trained {model.version} on {len(examples)} examples: {verdict}",
        path=str(directory),
    )


def retrain_from_reviews(engine: Engine, settings: Settings) -> TrainReport:
    """Retrain on the bundled set plus every reviewer label (the review UI's button, the daemon's job)."""
    return train_model(engine, settings)
