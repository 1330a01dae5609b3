"""Quality gates for classification on ../shared/data (skipped when absent).

Floors are pinned at what was measured when they were set (see each constant's comment); they are raised
when the model improves and never lowered silently. ``bench/classify.py`` prints the same figures beside
the keyword baseline.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Mapping
from pathlib import Path
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

# Cold start: the bundled model alone on dev.jsonl (351 items), never built from dev. Measured 2026-12-07
# (two-stage cascade, soft evidence features, sentence embeddings, the events stage's reading at weight 0.1;
# training set: the templates and 395 news-style items written one by one; thresholds 0.35): relevant F1
# 0.964 (P 0.993, R 0.937), taiwan_japan 0.948, city_diplomacy 0.967; per language zh-Hant 0.958, zh-Hans
# 1.000, ja 0.941, en 1.000 (keyword baseline 0.791; plain TF-IDF+LR trained on the template set 0.875).
# Target >= 0.95: met. Before the written items (templates only, thresholds 0.5): 0.965 (P 0.978, R 0.951),
# 0.944, 0.958; ja 0.971.
# LOWERED, with the reason: ja 0.97 -> 0.94. Japanese dev has 17 relevant items and one of them, marked
# borderline in dev (a Japanese city's council report on joining an international healthy-cities network),
# now scores under the threshold. The written items cut the stream's false alarms from 7 to 3 (reporting
# half, read only to count: 1 to 0) with no miss; one borderline item of a studied set does not outweigh
# that. taiwan_japan and city_diplomacy floors raised to the new figures.
# Raised 2026-12-07 (stage 2 reads items stage 1 scores from 0.05, not 0.2; model.SCREEN_BELOW): relevant
# 0.968 (P 0.993, R 0.944), city_diplomacy 0.971, ja 0.971.
COLD_FLOORS = {"relevant": 0.967, "taiwan_japan": 0.947, "city_diplomacy": 0.97}
COLD_LANGUAGE_FLOORS = {"ja": 0.97, "en": 1.0}
# Warm: bundled set + dev folds (real items weighted 3x), 5-fold cross-validation grouped by story (dup_of
# chains joined), default thresholds (0.35). Measured 2026-12-07: relevant 0.975, taiwan_japan 0.959,
# city_diplomacy 0.981; ja 0.971, en 1.000 (the same as before the written items); plain TF-IDF+LR trained
# on the dev folds alone 0.953 (ja 0.909, en 0.947). Target 0.98 not met.
# Lowered once before, with its reason: relevant 0.978 -> 0.975 and taiwan_japan 0.964 -> 0.959 when the
# events stage's features were switched on (they cut the stream's false alarms from 9 to 7 and found its
# one miss).
# Raised 2026-12-07 (model.SCREEN_BELOW 0.2 -> 0.05): relevant 0.979 (ja 1.000): still short of 0.98 by one
# item; the four misses are one story (Japanese food-import rules, three items) the folds keep apart from
# every training item, and a commentary.
WARM_FLOORS = {"relevant": 0.978, "taiwan_japan": 0.964, "city_diplomacy": 0.98}
WARM_LANGUAGE_FLOORS = {"ja": 1.0, "en": 1.0}
# taiwanstat_news_2017.jsonl (2,694 ordinary articles), bundled model, default thresholds, checked against
# our reading of every item scoring 0.15 or more (docs/stream_reading.md: a flagged item missing there fails
# the test until someone reads it). Measured 2026-12-07: 18 flagged, 15 relevant or defensible, 3 false
# alarms, all on half A, no miss (before the written items: 23 flagged, 7 false alarms; before the events
# stage's features: 22 flagged, 9 false alarms, 1 miss). On the reporting half (half B, by the SHA-1 of the
# URL): 6 flagged, no false alarm (before: 1, and 3). The keyword baseline flags 164. Target <= 3: met.
MAX_FALSE_ALARMS = 3
MAX_FALSE_ALARMS_REPORTING_HALF = 0
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


READING = Path(__file__).resolve().parents[1] / "docs" / "stream_reading.md"
DATA = Path(__file__).resolve().parents[1] / "classifiers" / "data"
HELDOUT = Path(__file__).resolve().parent / "heldout"
ANNOTATIONS = Path(__file__).resolve().parent / "annotations"
_READING_ROW = re.compile(r"^\| ([0-9a-f]{10}) \| ([AB]) \| [0-9.]+ \| [^|]+\| ([a-z ]+?) \|")
NOT_RELEVANT = ("false alarm", "not relevant")


def stream_reading() -> dict[str, tuple[str, str]]:
    """Our reading of the stream: item (first 10 hex digits of the URL's SHA-1) -> (half, verdict)."""
    rows = (_READING_ROW.match(line) for line in READING.read_text("utf-8").splitlines())
    return {row[1]: (row[2], row[3]) for row in rows if row}


def test_false_alarms_on_an_ordinary_news_stream(bundled_model: Model) -> None:
    stream = read_jsonl(shared_data("unlabelled", "taiwanstat_news_2017.jsonl"))
    reading = stream_reading()
    flagged = {
        hashlib.sha1(row["url"].encode()).hexdigest()[:10]: (row, prediction)
        for row, prediction in zip(stream, bundled_model.predict(stream, explain=False), strict=True)
        if prediction.relevant
    }
    print(f"\nflagged {len(flagged)} of {len(stream)}:")
    for key, (row, prediction) in sorted(flagged.items(), key=lambda pair: -pair[1][1].scores["relevant"]):
        verdict = reading.get(key, ("?", "NOT READ"))
        title = (row.get("title") or row["text"])[:40]
        print(f"  {key} {prediction.scores['relevant']:.2f} {verdict} {title}")
    unread = sorted(set(flagged) - set(reading))
    assert not unread, f"flagged but not in {READING.name}: read them and add a row each: {unread}"
    false_alarms = [key for key in flagged if reading[key][1] in NOT_RELEVANT]
    missed = [key for key, (_, verdict) in reading.items() if verdict == "relevant" and key not in flagged]
    assert len(false_alarms) <= MAX_FALSE_ALARMS, false_alarms
    assert sum(reading[key][0] == "B" for key in false_alarms) <= MAX_FALSE_ALARMS_REPORTING_HALF
    assert not missed, f"relevant by our reading, not flagged: {missed}"
    assert len(flagged) >= MIN_FLAGGED


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
    # Also the items we wrote that are not in the bundled set: the second batch and the events-only batches
    # (events working data) and both fresh held-out sets (tests/heldout/): ours too, so held to the same test.
    ours = [*bundled_examples(), *read_jsonl(DATA / "written_more.jsonl")]
    ours += [row for path in sorted(ANNOTATIONS.glob("events_batch*.jsonl")) for row in read_jsonl(path)]
    ours += [row for path in sorted(HELDOUT.glob("fresh*.jsonl")) for row in read_jsonl(path)]
    for item in ours:
        for sentence in re.split(r"[。！？\n]", f"{item.get('title') or ''}。{item['text']}"):
            grams = _trigrams(sentence)
            if len(grams) < 12:
                continue
            hits = Counter(n for gram in grams if len(index.get(gram, ())) <= 40 for n in index.get(gram, ()))
            if hits:
                number, shared = hits.most_common(1)[0]
                if shared >= 14 and shared / len(grams) >= 0.35:
                    name = item.get("kind") or item["id"]
                    retold.append(f"{name}: {sentence[:40]} ~ {articles[number][:40]}")
    assert not retold, "training sentences retelling shared articles:\n" + "\n".join(sorted(set(retold)))
