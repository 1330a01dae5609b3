"""Quality gates for classification on ../shared/data (skipped when absent).

Floors are pinned at what was measured when they were set (see each constant's comment); they are raised
when the model improves and never lowered silently. ``bench/classify.py`` prints the same figures beside
the keyword baseline.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

import pytest
from conftest import shared_data
from sklearn.model_selection import GroupKFold

from classifiers import (
    Model,
    Prediction,
    bundled_examples,
    evaluate,
    evaluate_keywords,
    load_model,
    read_jsonl,
    train,
)
from classifiers.evaluation import scores

pytestmark = pytest.mark.quality

# Cold start: the bundled model alone on dev.jsonl (351 items). Measured 2026-11-21 (char n-grams only,
# gazetteer gates, training set rewritten without paraphrases of dev or stream items): relevant F1 0.954,
# taiwan_japan 0.942, city_diplomacy 0.967 (keyword baseline: 0.791, 0.725, 0.736). Target >= 0.90: met.
COLD_FLOORS = {"relevant": 0.954, "taiwan_japan": 0.942, "city_diplomacy": 0.966}
# Warm: bundled set + dev folds, 5-fold cross-validation grouped by story (dup_of chains joined), thresholds
# 0.5. Measured 2026-11-21: relevant 0.979 (1 false alarm, 5 misses), taiwan_japan 0.974, city_diplomacy
# 0.981. Targets 0.97 / 0.93 / 0.95: met. Thresholds chosen inside each training fold by an inner grouped
# 4-fold CV came out 0.3-0.6 (median 0.5) and gave the same F1s.
WARM_FLOORS = {"relevant": 0.978, "taiwan_japan": 0.974, "city_diplomacy": 0.98}
# taiwanstat_news_2017.jsonl (2,694 ordinary articles), bundled model, thresholds 0.5. Measured 2026-11-21:
# 24 flagged; 16 relevant or defensible (Taipei's torch relay and tourism night in sister city Daegu, six on
# the Taipei-Shanghai city forum, Changhua county's missions to the US, the port company's MOU with a
# Yokohama port operator (two outlets), the culture ministry's Japan licensing fair (two) and Osaka
# symposium, a TPP commentary on Taiwan and Japan); 8 false alarms (a cross-strait art show, the
# representative office in the US, a vice-minister's railway column, Pingtung's study tours marketed
# abroad, a bank's charity visit, a coach's profile, a Hong Kong handover feature, a court barring a
# businessman from the Shanghai trip). Target < 10 false alarms: met, if the Taipei-Shanghai forum counts
# as city diplomacy (a city government's exchange with another city; the earlier count did so); if
# cross-strait city forums are out of scope, the false alarms are 14. The keyword baseline flags 164.
MAX_FLAGGED = 24
MIN_FLAGGED = 5  # the stream holds about ten truly relevant items: a model flagging fewer has gone blind


@pytest.fixture(scope="module")
def dev() -> list[dict[str, Any]]:
    return read_jsonl(shared_data("labelled", "dev.jsonl"))


@pytest.fixture(scope="module")
def bundled_model() -> Model:
    return load_model()


def f1s(report: Mapping[str, Mapping[str, float]]) -> dict[str, float]:
    return {label: values["f1"] for label, values in report.items()}


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


def test_cold_start_bundled_model_on_dev(bundled_model: Model, dev: list[dict[str, Any]]) -> None:
    ours, keywords = f1s(evaluate(bundled_model, dev)), f1s(evaluate_keywords(dev))
    print(f"\ncold: ours {ours}\n      keyword {keywords}")
    for label, floor in COLD_FLOORS.items():
        assert ours[label] >= floor, f"cold {label} F1 {ours[label]:.3f} < floor {floor}"
    assert ours["relevant"] > keywords["relevant"]


def test_warm_grouped_cross_validation_on_dev(dev: list[dict[str, Any]]) -> None:
    bundled = bundled_examples()
    predictions: list[Prediction | None] = [None] * len(dev)
    for train_rows, test_rows in GroupKFold(n_splits=5).split(dev, groups=story_groups(dev)):
        model = train(bundled + [dev[i] for i in train_rows])
        for index, prediction in zip(
            test_rows, model.predict([dev[i] for i in test_rows], explain=False), strict=True
        ):
            predictions[index] = prediction
    ours = f1s(scores(dev, [p.labels for p in predictions if p is not None]))
    print(f"\nwarm: {ours}")
    for label, floor in WARM_FLOORS.items():
        assert ours[label] >= floor, f"warm {label} F1 {ours[label]:.3f} < floor {floor}"


def test_false_alarms_on_an_ordinary_news_stream(bundled_model: Model) -> None:
    stream = read_jsonl(shared_data("unlabelled", "taiwanstat_news_2017.jsonl"))
    flagged = [
        (row, prediction)
        for row, prediction in zip(stream, bundled_model.predict(stream, explain=False), strict=True)
        if prediction.relevant
    ]
    print(f"\nflagged {len(flagged)} of {len(stream)}:")
    for row, prediction in sorted(flagged, key=lambda pair: -pair[1].scores["relevant"]):
        print(f"  {prediction.scores['relevant']:.2f} {(row.get('title') or row['text'])[:50]}")
    assert MIN_FLAGGED <= len(flagged) <= MAX_FLAGGED


_NOT_CJK = re.compile(r"[^\u4e00-\u9fff\u3040-\u30ff]")


def _trigrams(text: str) -> set[str]:
    text = _NOT_CJK.sub("", text.replace("臺", "台"))
    return {text[i : i + 3] for i in range(len(text) - 2)}


def test_bundled_training_set_does_not_paraphrase_the_shared_data(dev: list[dict[str, Any]]) -> None:
    """Our training items are our own writing: no sentence may retell a dev or stream article.

    A sentence is flagged when at least 14 of its character 3-grams, and 35% of them, are rare ones (in at
    most 40 shared articles) found in one and the same article. Formulaic lines (datelines, sister-city
    names, "...將送立法院審議") stay well below; retold articles did not (measured 2026-11-21: the earlier
    set had 51 such sentences, from about 20 dev and 15 stream items; the rewritten set has none). Chinese
    and Japanese only: English sentences share too many common words for this measure.
    """
    stream = read_jsonl(shared_data("unlabelled", "taiwanstat_news_2017.jsonl"))
    articles = [f"{row.get('title') or ''} {row.get('text') or ''}" for row in [*dev, *stream]]
    index: dict[str, set[int]] = defaultdict(set)
    for number, article in enumerate(articles):
        for gram in _trigrams(article):
            index[gram].add(number)
    retold = []
    for item in bundled_examples():
        for sentence in re.split(r"[。！？\n]", f"{item.get('title') or ''}。{item['text']}"):
            grams = _trigrams(sentence)
            if len(grams) < 12:
                continue
            hits = Counter(n for gram in grams if len(index.get(gram, ())) <= 40 for n in index.get(gram, ()))
            if hits:
                number, shared = hits.most_common(1)[0]
                if shared >= 14 and shared / len(grams) >= 0.35:
                    retold.append(f"{item['kind']}: {sentence[:40]} ~ {articles[number][:40]}")
    assert not retold, "training sentences retelling shared articles:\n" + "\n".join(sorted(set(retold)))
