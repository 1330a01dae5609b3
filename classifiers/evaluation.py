"""Precision/recall/F1 per label, for our model and for the keyword-filter baseline."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Protocol

from classifiers.model import ALL_LABELS, label_of
from classifiers.normalize import normalize

# What a Google Alerts / Inoreader rule would hold: Japan AND Taiwan words, or any city-exchange word.
_JAPAN_WORDS = ("日本", "日方", "japan", "japanese", "東京", "交流協會")
_TAIWAN_WORDS = ("台灣", "台", "taiwan", "taipei")
_CITY_WORDS = (
    "姊妹市",
    "姊妹城市",
    "友好城市",
    "友誼市",
    "締盟",
    "姊妹都市",
    "友好都市",
    "sister city",
    "sister-city",
    "friendship city",
    "市長率團",
    "城市外交",
)


class Predictor(Protocol):
    def predict(
        self,
        docs: Sequence[Mapping[str, Any]],
        thresholds: Mapping[str, float] | None = None,
        explain: bool = True,
    ) -> Sequence[Any]: ...


def keyword_labels(title: str | None, text: str) -> dict[str, bool]:
    """The keyword-filter baseline's labels for one document."""
    body = normalize(f"{title or ''}\n{text}")
    taiwan_japan = any(w in body for w in _JAPAN_WORDS) and any(w in body for w in _TAIWAN_WORDS)
    city = any(w in body for w in _CITY_WORDS)
    return {"taiwan_japan": taiwan_japan, "city_diplomacy": city, "relevant": taiwan_japan or city}


def scores(
    gold: Sequence[Mapping[str, Any]], predicted: Sequence[Mapping[str, bool]]
) -> dict[str, dict[str, float]]:
    """Per label: precision, recall, f1, and the counts behind them."""
    out: dict[str, dict[str, float]] = {}
    for label in ALL_LABELS:
        tp = fp = fn = 0
        for example, labels in zip(gold, predicted, strict=True):
            truth, guess = label_of(example, label), labels[label]
            tp += truth and guess
            fp += guess and not truth
            fn += truth and not guess
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        out[label] = {
            "precision": round(precision, 4),
            "recall": round(recall, 4),
            "f1": round(f1, 4),
            "tp": tp,
            "fp": fp,
            "fn": fn,
        }
    return out


def evaluate(
    model: Predictor, examples: Sequence[Mapping[str, Any]], thresholds: Mapping[str, float] | None = None
) -> dict[str, dict[str, float]]:
    """Our model's precision/recall/F1 per label on labelled examples."""
    predictions = model.predict(examples, thresholds=thresholds, explain=False)
    return scores(examples, [p.labels for p in predictions])


def evaluate_keywords(examples: Sequence[Mapping[str, Any]]) -> dict[str, dict[str, float]]:
    """The keyword baseline's precision/recall/F1 per label on the same examples."""
    return scores(examples, [keyword_labels(e.get("title"), str(e.get("text") or "")) for e in examples])
