"""Precision/recall/F1 per label and per language, for our model and two baselines measured in the same run:
the keyword filter (what a news-alert rule would do) and a plain character 1-3-gram TF-IDF + logistic
regression (what any engineer would try first). Pure functions: labelled examples in, figures out."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Protocol

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from classifiers.model import ALL_LABELS, LABELS, label_of
from classifiers.normalize import has_kana, looks_simplified, normalize

LANGUAGES = ("zh-Hant", "zh-Hans", "ja", "en")

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


def language_of(example: Mapping[str, Any]) -> str:
    """The example's ``lang`` when given, else a guess from its script (kana: ja; mostly ASCII: en)."""
    lang = example.get("lang")
    if isinstance(lang, str) and lang:
        return lang
    text = f"{example.get('title') or ''} {example.get('text') or ''}"
    if has_kana(text):
        return "ja"
    if sum(char.isascii() for char in text) > 0.8 * max(len(text), 1):
        return "en"
    return "zh-Hans" if looks_simplified(text) else "zh-Hant"


def by_language(
    gold: Sequence[Mapping[str, Any]], predicted: Sequence[Mapping[str, bool]]
) -> dict[str, dict[str, dict[str, float]]]:
    """``scores`` for all examples ("all") and for each language present, in LANGUAGES order."""
    report = {"all": scores(gold, predicted)}
    languages = [language_of(example) for example in gold]
    for lang in [*LANGUAGES, *sorted(set(languages) - set(LANGUAGES))]:
        rows = [i for i, found in enumerate(languages) if found == lang]
        if rows:
            report[lang] = scores([gold[i] for i in rows], [predicted[i] for i in rows])
    return report


def evaluate_by_language(
    model: Predictor, examples: Sequence[Mapping[str, Any]], thresholds: Mapping[str, float] | None = None
) -> dict[str, dict[str, dict[str, float]]]:
    """Our model's precision/recall/F1 per language ("all" first), then per label."""
    predictions = model.predict(examples, thresholds=thresholds, explain=False)
    return by_language(examples, [p.labels for p in predictions])


def evaluate_keywords_by_language(
    examples: Sequence[Mapping[str, Any]],
) -> dict[str, dict[str, dict[str, float]]]:
    """The keyword baseline's figures per language, like :func:`evaluate_by_language`."""
    return by_language(examples, [keyword_labels(e.get("title"), str(e.get("text") or "")) for e in examples])


class TfidfBaseline:
    """The plain baseline: character 1-3-gram TF-IDF of the normalised title and text, one logistic
    regression per label, no gazetteer, no calibration, threshold 0.5."""

    def __init__(self, examples: Sequence[Mapping[str, Any]]) -> None:
        self.vectorizer = TfidfVectorizer(
            analyzer="char",
            ngram_range=(1, 3),
            min_df=2,
            sublinear_tf=True,
            lowercase=False,
            dtype=np.float32,
        )
        matrix = self.vectorizer.fit_transform([_baseline_text(e) for e in examples])
        self.classifiers: dict[str, LogisticRegression] = {}
        for label in LABELS:
            y = np.array([label_of(e, label) for e in examples], dtype=int)
            self.classifiers[label] = LogisticRegression(
                C=10.0, class_weight="balanced", max_iter=2000, solver="liblinear"
            ).fit(matrix, y)

    def predict_labels(self, docs: Sequence[Mapping[str, Any]]) -> list[dict[str, bool]]:
        if not docs:
            return []
        matrix = self.vectorizer.transform([_baseline_text(d) for d in docs])
        probs = {label: self.classifiers[label].predict_proba(matrix)[:, 1] for label in LABELS}
        out = []
        for row in range(len(docs)):
            labels = {label: bool(probs[label][row] >= 0.5) for label in LABELS}
            labels["relevant"] = labels["taiwan_japan"] or labels["city_diplomacy"]
            out.append(labels)
        return out


def _baseline_text(example: Mapping[str, Any]) -> str:
    return normalize(f"{example.get('title') or ''}\n{str(example.get('text') or '')[:1000]}")


def tfidf_baseline(examples: Sequence[Mapping[str, Any]]) -> TfidfBaseline:
    """Train the plain TF-IDF + logistic regression baseline on labelled examples."""
    return TfidfBaseline(examples)


def evaluate_tfidf_baseline(
    train_examples: Sequence[Mapping[str, Any]], test_examples: Sequence[Mapping[str, Any]]
) -> dict[str, dict[str, dict[str, float]]]:
    """Train the plain baseline on one set and score it per language on another, in the same run."""
    return by_language(test_examples, tfidf_baseline(train_examples).predict_labels(test_examples))


def story_groups(rows: Sequence[Mapping[str, Any]]) -> list[str]:
    """Same story or near-verbatim copy -> same group, so no fold is tested on a copy of its training data."""
    by_id = {row["id"]: row for row in rows}

    def root(row: Mapping[str, Any]) -> str:
        seen = set()
        while not row.get("story_id") and row.get("dup_of") in by_id and row["id"] not in seen:
            seen.add(row["id"])
            row = by_id[row["dup_of"]]
        return str(row.get("story_id") or row["id"])

    return [root(row) for row in rows]
