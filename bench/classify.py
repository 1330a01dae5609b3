"""Classification benchmark: throughput on one core, load time, memory and quality, ours beside two
baselines measured in the same run: the keyword filter and a plain character 1-3-gram TF-IDF + logistic
regression (trained here on the bundled training set, like our cold model).

    .venv/bin/python bench/classify.py            # the 2,694-article stream, 3 passes
    .venv/bin/python bench/classify.py --passes 1

Throughput: items per CPU second (time.process_time, so a busy shared machine distorts it less) over the
ordinary news stream ../shared/data/unlabelled/taiwanstat_news_2017.jsonl, full articles, in batches of
256 as the service runs them; "ours" is the whole cascade: normalisation, gazetteer matching, features, stage
1 for every item, the sentence encoder and stage 2 for the uncertain band (with the events stage's reading
as features), party extraction and, in the first row, as the service stores them, explanations and evidence
(``explain=True``) and the events stage's full answer for every relevant item. The sentence encoder's cache
is cleared before every pass, so each pass embeds its stage-2 items as the service does (it meets each item
once).
Single-threaded BLAS is forced so the figure is per core. Load: wall seconds to load the bundled model and
the sentence encoder (each once per process).
Memory: peak resident set of this process after loading and running ours, before the baseline is trained
(it also holds the stream). Quality: precision/recall/F1 per language on ../shared/data/labelled/dev.jsonl
for the bundled model (cold: dev never used to build it).
Exits 0 with a message when the shared data is absent.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("MKL_NUM_THREADS", "1")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from classifiers import (
    BUNDLED_DIR,
    bundled_examples,
    evaluate_by_language,
    evaluate_keywords_by_language,
    keyword_labels,
    load_model,
    read_jsonl,
)
from classifiers.embeddings import clear_cache, embed
from classifiers.evaluation import by_language, tfidf_baseline
from classifiers.events import extract_event

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
STREAM = SHARED / "unlabelled" / "taiwanstat_news_2017.jsonl"
DEV = SHARED / "labelled" / "dev.jsonl"
BATCH = 256


def items_per_second(
    run: Callable[[Sequence[dict[str, Any]]], object], rows: list[dict[str, Any]], passes: int
) -> float:
    run(rows[:BATCH])  # warm caches (OpenCC dictionary, compiled patterns)
    spent = 0.0
    for _ in range(passes):
        clear_cache()  # each pass embeds its stage-2 items afresh, as the service meets each item once
        start = time.process_time()
        for offset in range(0, len(rows), BATCH):
            run(rows[offset : offset + BATCH])
        spent += time.process_time() - start
    return passes * len(rows) / spent


def classify_as_stored(model: Any, rows: Sequence[dict[str, Any]]) -> None:
    """What the service's classify stage computes per item: the explained prediction, and the events stage
    (``extract_event``) for each relevant one."""
    for row, prediction in zip(rows, model.predict(rows, explain=True), strict=True):
        if prediction.relevant:
            extract_event(row.get("title"), row.get("text") or "", published=None)


def ratio(a: float, b: float) -> str:
    return f"{a / b:>9.2f}x" if b else f"{'-':>10}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--passes", type=int, default=3)
    args = parser.parse_args()
    if not STREAM.exists() or not DEV.exists():
        print(f"shared data not present ({SHARED}): nothing to measure")
        return 0
    stream, dev = read_jsonl(STREAM), read_jsonl(DEV)
    started = time.perf_counter()
    model = load_model()
    model_load = time.perf_counter() - started
    started = time.perf_counter()
    embed(["暖機"])
    encoder_load = time.perf_counter() - started
    chars = sum(len(row.get("text") or "") for row in stream) / len(stream)
    ours = items_per_second(lambda rows: classify_as_stored(model, rows), stream, args.passes)
    ours_plain = items_per_second(lambda rows: model.predict(rows, explain=False), stream, args.passes)
    # ours alone: read before the baseline is trained in this process
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    started = time.perf_counter()
    plain = tfidf_baseline(bundled_examples())
    plain_train = time.perf_counter() - started
    keyword = items_per_second(
        lambda rows: [keyword_labels(row.get("title"), row.get("text") or "") for row in rows],
        stream,
        args.passes,
    )
    tfidf = items_per_second(plain.predict_labels, stream, args.passes)
    size = (BUNDLED_DIR / "model.joblib").stat().st_size
    predictions = model.predict(stream, explain=False)
    flagged = sum(p.relevant for p in predictions)
    second_stage = sum(p.stage == 2 for p in predictions)
    keyword_flagged = sum(keyword_labels(r.get("title"), r.get("text") or "")["relevant"] for r in stream)
    tfidf_flagged = sum(labels["relevant"] for labels in plain.predict_labels(stream))

    print(f"stream: {len(stream)} articles, mean {chars:.0f} characters; model {model.version}")
    print(f"{'':36}{'ours':>10}{'keyword':>10}{'tf-idf+LR':>11}{'vs kw':>10}{'vs tfidf':>10}")
    for name, value in (
        ("items/s, one core (as stored)", ours),
        ("items/s, one core (labels only)", ours_plain),
    ):
        line = f"{name:36}{value:>10,.0f}{keyword:>10,.0f}{tfidf:>11,.0f}"
        print(f"{line}{ratio(value, keyword)}{ratio(value, tfidf)}")
    print(f"{'flagged in the stream':36}{flagged:>10}{keyword_flagged:>10}{tfidf_flagged:>11}")
    print(f"{'decided by stage 2 (embeddings)':36}{second_stage:>10}")
    print(f"{'model load, s':36}{model_load:>10.2f}{'':>10}{plain_train:>11.2f} (baseline: training)")
    print(f"{'sentence encoder load, s':36}{encoder_load:>10.2f}")
    print(f"{'peak memory of ours, MB (+ the stream)':36}{peak:>10.0f}")
    print(f"{'model size, bytes':36}{size:>10,}")
    reports = {
        "ours": evaluate_by_language(model, dev),
        "keyword": evaluate_keywords_by_language(dev),
        "tf-idf+LR": by_language(dev, plain.predict_labels(dev)),
    }
    print("\ndev (cold: models built without dev), relevant P/R/F1 per language:")
    for lang in reports["ours"]:
        cells = "".join(
            f"{name:>11} "
            + "/".join(f"{reports[name][lang]['relevant'][m]:.3f}" for m in ("precision", "recall", "f1"))
            for name in reports
            if lang in reports[name]
        )
        print(f"  {lang:8}{cells}")
    for label in ("taiwan_japan", "city_diplomacy"):
        cells = "".join(f"{name:>11} {reports[name]['all'][label]['f1']:.3f}" for name in reports)
        print(f"  {label:15} F1{cells}")
    print(f"target >= 1,000 items/s: {'met' if ours >= 1000 else f'NOT met ({ours:,.0f})'}")
    print(f"target <= 300 MB: {'met' if peak <= 300 else f'NOT met ({peak:,.0f})'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
