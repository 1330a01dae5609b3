"""Classification benchmark: throughput on one core, model size and quality, ours beside the keyword
baseline measured in the same run.

    /work/venv/bin/python bench/classify.py            # the 2,694-article stream, 3 passes
    /work/venv/bin/python bench/classify.py --passes 1

Throughput: items per CPU second (time.process_time, so a busy shared machine distorts it less) over the
ordinary news stream ../shared/data/unlabelled/taiwanstat_news_2017.jsonl, full articles, in batches of
256 as the service runs them; "ours" includes normalisation, gazetteer matching, features, both
classifiers, party extraction, and explanations (``explain=True``, as stored). Single-threaded BLAS is
forced so the figure is per core. Quality: precision/recall/F1 on ../shared/data/labelled/dev.jsonl for the
bundled model (cold start). Exits 0 with a message when the shared data is absent.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("MKL_NUM_THREADS", "1")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from classifiers import BUNDLED_DIR, evaluate, evaluate_keywords, keyword_labels, load_model, read_jsonl

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
STREAM = SHARED / "unlabelled" / "taiwanstat_news_2017.jsonl"
DEV = SHARED / "labelled" / "dev.jsonl"
BATCH = 256


def items_per_second(
    run: Callable[[Sequence[dict[str, Any]]], object], rows: list[dict[str, Any]], passes: int
) -> float:
    run(rows[:BATCH])  # warm caches (OpenCC dictionary, compiled patterns)
    start = time.process_time()
    for _ in range(passes):
        for offset in range(0, len(rows), BATCH):
            run(rows[offset : offset + BATCH])
    return passes * len(rows) / (time.process_time() - start)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--passes", type=int, default=3)
    args = parser.parse_args()
    if not STREAM.exists() or not DEV.exists():
        print(f"shared data not present ({SHARED}): nothing to measure")
        return 0
    stream, dev = read_jsonl(STREAM), read_jsonl(DEV)
    model = load_model()
    chars = sum(len(row.get("text") or "") for row in stream) / len(stream)

    ours = items_per_second(lambda rows: model.predict(rows, explain=True), stream, args.passes)
    ours_plain = items_per_second(lambda rows: model.predict(rows, explain=False), stream, args.passes)
    baseline = items_per_second(
        lambda rows: [keyword_labels(row.get("title"), row.get("text") or "") for row in rows],
        stream,
        args.passes,
    )
    size = (BUNDLED_DIR / "model.joblib").stat().st_size
    quality, keyword_quality = evaluate(model, dev), evaluate_keywords(dev)
    flagged = sum(p.relevant for p in model.predict(stream, explain=False))
    keyword_flagged = sum(keyword_labels(r.get("title"), r.get("text") or "")["relevant"] for r in stream)

    print(f"stream: {len(stream)} articles, mean {chars:.0f} characters; model {model.version}")
    print(f"{'':34}{'ours':>12}{'keyword':>12}{'ratio':>10}")
    for name, value in (("items/s, one core (with why)", ours), ("items/s, one core (no why)", ours_plain)):
        print(f"{name:34}{value:>12,.0f}{baseline:>12,.0f}{value / baseline:>9.2f}x")
    print(f"{'model size, bytes':34}{size:>12,}{0:>12}{'':>10}")
    print(f"{'flagged in the stream':34}{flagged:>12}{keyword_flagged:>12}{flagged / keyword_flagged:>9.2f}x")
    for label in ("relevant", "taiwan_japan", "city_diplomacy"):
        for metric in ("precision", "recall", "f1"):
            a, b = quality[label][metric], keyword_quality[label][metric]
            ratio = f"{a / b:>9.2f}x" if b else f"{'-':>10}"
            print(f"{f'dev {label} {metric}':34}{a:>12.3f}{b:>12.3f}{ratio}")
    print(f"target >= 1,000 items/s: {'met' if ours >= 1000 else f'NOT met ({ours:,.0f})'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
