"""Quality gates for classification on ../shared/data (skipped when absent).

Floors are pinned at what was measured when they were set (see each constant's comment); they are raised
when the model improves and never lowered silently. ``bench/classify.py`` prints the same figures beside
the keyword baseline.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Mapping
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
from classifiers.evaluation import by_language, evaluate_by_language, scores, story_groups

pytestmark = pytest.mark.quality

# Cold start: the bundled model alone on dev.jsonl (351 items), never built from dev. Measured 2026-12-06
# (round 3: two-stage cascade, soft evidence features instead of the hard gates, sentence embeddings, new
# template families in three languages): relevant F1 0.961 (P 0.971, R 0.951), taiwan_japan 0.944,
# city_diplomacy 0.953; per language relevant zh-Hant 0.949, zh-Hans 1.000, ja 0.971, en 1.000 (keyword
# baseline 0.791; plain TF-IDF+LR trained on the bundled set 0.875). Target >= 0.95: met.
# city_diplomacy's floor moved down from 0.966 (the gated model) to 0.953: the hard gates were dropped because
# on unseen news they cost about a tenth of the recall (hidden set: R 0.882 cold, 0.904 warm); on dev, whose
# errors the earlier templates were written after, they looked better than they generalise.
COLD_FLOORS = {"relevant": 0.961, "taiwan_japan": 0.943, "city_diplomacy": 0.953}
COLD_LANGUAGE_FLOORS = {"ja": 0.97, "en": 1.0}
# Warm: bundled set + dev folds (real items weighted 3x), 5-fold cross-validation grouped by story (dup_of
# chains joined), thresholds 0.5. Measured 2026-12-06: relevant 0.979 (P 0.993, R 0.965: 1 false alarm,
# 5 misses), taiwan_japan 0.964, city_diplomacy 0.981; ja 0.971, en 1.000; plain TF-IDF+LR trained on the dev
# folds alone 0.953 (ja 0.909, en 0.947). Target 0.98 not quite met (one miss short).
# relevant stays 0.978 (0.9787 measured); taiwan_japan 0.974 -> 0.964 (lowered: the gates, see above; the
# misses are Taiwan's food-import policy on Japan, a story the n-grams read as domestic).
WARM_FLOORS = {"relevant": 0.978, "taiwan_japan": 0.964, "city_diplomacy": 0.98}
WARM_LANGUAGE_FLOORS = {"ja": 0.97, "en": 1.0}
# taiwanstat_news_2017.jsonl (2,694 ordinary articles), bundled model, thresholds 0.5. Measured 2026-12-06:
# 22 flagged; by our reading (docs/stream_reading.md, item by item) 13 relevant or defensible, 9 false
# alarms; on the half of the stream kept for reporting (half B by a hash of the URL) 3 false alarms of 10
# flagged. The keyword baseline flags 164.
MAX_FLAGGED = 22
MIN_FLAGGED = 5  # the stream holds about ten truly relevant items: a model flagging fewer has gone blind


@pytest.fixture(scope="module")
def dev() -> list[dict[str, Any]]:
    return read_jsonl(shared_data("labelled", "dev.jsonl"))


@pytest.fixture(scope="module")
def bundled_model() -> Model:
    return load_model()


def f1s(report: Mapping[str, Mapping[str, float]]) -> dict[str, float]:
    return {label: values["f1"] for label, values in report.items()}


def test_cold_start_bundled_model_on_dev(bundled_model: Model, dev: list[dict[str, Any]]) -> None:
    ours, keywords = f1s(evaluate(bundled_model, dev)), f1s(evaluate_keywords(dev))
    languages = {
        lang: report["relevant"]["f1"] for lang, report in evaluate_by_language(bundled_model, dev).items()
    }
    print(f"\ncold: ours {ours}\n      keyword {keywords}\n      per language {languages}")
    for label, floor in COLD_FLOORS.items():
        assert ours[label] >= floor, f"cold {label} F1 {ours[label]:.3f} < floor {floor}"
    for lang, floor in COLD_LANGUAGE_FLOORS.items():
        assert languages[lang] >= floor, f"cold {lang} relevant F1 {languages[lang]:.3f} < floor {floor}"
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
    labels = [p.labels for p in predictions if p is not None]
    ours = f1s(scores(dev, labels))
    languages = {lang: report["relevant"]["f1"] for lang, report in by_language(dev, labels).items()}
    print(f"\nwarm: {ours}\n      per language {languages}")
    for label, floor in WARM_FLOORS.items():
        assert ours[label] >= floor, f"warm {label} F1 {ours[label]:.3f} < floor {floor}"
    for lang, floor in WARM_LANGUAGE_FLOORS.items():
        assert languages[lang] >= floor, f"warm {lang} relevant F1 {languages[lang]:.3f} < floor {floor}"


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
