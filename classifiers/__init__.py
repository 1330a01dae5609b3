"""newsmon's classifiers: plain strings in, predictions out (a leaf package: never imports ``service``).

Public API::

    model = load_model()          # bundled; load_model(dir, trusted_dirs=[...]) for others
    predictions = model.predict([{"title": "...", "text": "..."}], thresholds={"taiwan_japan": 0.5})
    predictions[0].labels["relevant"], .score (calibrated), .evidence (phrases and entities for readers),
    .scores, .entities, .partner, .taiwan_party, .stage (1: screened, 2: with embeddings), .why (debug)
    model = train(examples)       # mappings with title, text, taiwan_japan, city_diplomacy
    save_model(model, directory)
    evaluate(model, examples), evaluate_keywords(examples)   # precision/recall/F1 per label
    evaluate_by_language(model, examples)     # {"all", "zh-Hant", "zh-Hans", "ja", "en"} -> per label
    evaluate_keywords_by_language(examples), evaluate_tfidf_baseline(train_examples, test_examples)
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from classifiers.analysis import Doc
from classifiers.artifacts import (
    BUNDLED_DIR,
    created_now,
    library_versions,
    load_model,
    new_version,
    save_model,
)
from classifiers.errors import IncompatibleModelError, ModelError
from classifiers.evaluation import (
    evaluate,
    evaluate_by_language,
    evaluate_keywords,
    evaluate_keywords_by_language,
    evaluate_tfidf_baseline,
    keyword_labels,
    tfidf_baseline,
)
from classifiers.model import (
    ALL_LABELS,
    DEFAULT_THRESHOLDS,
    EVENT_WEIGHT,
    LABELS,
    Model,
    Prediction,
    data_hash,
    fit,
)

_DATA = Path(__file__).resolve().parent / "data"
# The bundled training set, all our own writing: items composed from templates and fact lists
# (data/generate_train.py), and news-style items written one by one, in Chinese, Japanese and English, for
# the families that failed on unseen news and for national-level Taiwan–Japan relations (README, "Relevance").
BUNDLED_TRAINING_FILES: tuple[Path, ...] = (
    _DATA / "train.jsonl",
    _DATA / "written_zh.jsonl",
    _DATA / "written_ja_en.jsonl",
    _DATA / "written_national.jsonl",
)

__all__ = [
    "ALL_LABELS",
    "BUNDLED_DIR",
    "BUNDLED_TRAINING_FILES",
    "DEFAULT_THRESHOLDS",
    "LABELS",
    "Doc",
    "IncompatibleModelError",
    "Model",
    "ModelError",
    "Prediction",
    "bundled_examples",
    "data_hash",
    "evaluate",
    "evaluate_by_language",
    "evaluate_keywords",
    "evaluate_keywords_by_language",
    "evaluate_tfidf_baseline",
    "keyword_labels",
    "load_model",
    "read_jsonl",
    "save_model",
    "tfidf_baseline",
    "train",
]


def read_jsonl(path: Path | str) -> list[dict[str, Any]]:
    """Objects from a JSON-lines file; a bad line raises ModelError naming the file and line."""
    rows: list[dict[str, Any]] = []
    with Path(path).open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except ValueError as exc:
                raise ModelError(f"{path}:{number}: not valid JSON: {exc}") from exc
            if not isinstance(row, dict):
                raise ModelError(f"{path}:{number}: expected a JSON object")
            rows.append(row)
    return rows


def bundled_examples() -> list[dict[str, Any]]:
    """The training set shipped in the package (our own writing; see BUNDLED_TRAINING_FILES)."""
    return [row for path in BUNDLED_TRAINING_FILES for row in read_jsonl(path)]


def train(examples: Sequence[Mapping[str, Any]], sources: Mapping[str, int] | None = None) -> Model:
    """Fit a new model on labelled examples; metadata records version, data hash, sizes and libraries."""
    features, classifiers, screen = fit(examples)
    digest = data_hash(examples)
    metadata: dict[str, Any] = {
        "version": new_version(digest),
        "data_sha256": digest,
        "examples": len(examples),
        "sources": dict(sources or {}),
        "created": created_now(),
        "libraries": library_versions(),
        "labels": list(LABELS),
        "event_weight": EVENT_WEIGHT,
    }
    return Model(features, classifiers, metadata, screen)
