"""Benchmark: does labelling the items the review queue picks teach the model more than random items?

On ``../shared/data/labelled/dev.jsonl`` (skipped when absent): stories (``story_id``/``dup_of`` groups, so
copies of one story never sit on both sides) are split into a pool and a held-out set. The bundled model
classifies the pool; the pool goes into a SQLite file as classified items, and the review queue
(``service.storage.review.review_queue``, uncertainty sampling) picks the 50 items a reviewer would see
first. Ours: the bundled training set plus those 50, labelled with their gold labels. Baseline, measured in
the same run: the bundled set plus 50 items drawn at random from the same pool (several draws). Both are
scored on the held-out set (relevant F1 and per label), beside the bundled model itself.

    python bench/review_active_learning.py [--splits 3] [--random-draws 3] [--labels 50]
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import classifiers
from service.storage import review
from service.storage.db import make_engine, migrate, session_scope
from service.storage.schema import Classification, Item

DEV = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "labelled" / "dev.jsonl"
NOW = datetime(2026, 11, 20, tzinfo=UTC)


def story_of(example: Mapping[str, Any]) -> str:
    return str(example.get("story_id") or example.get("dup_of") or example["id"])


def split(
    examples: Sequence[dict[str, Any]], seed: int, heldout_share: float = 0.35
) -> tuple[list[Any], list[Any]]:
    stories = sorted({story_of(example) for example in examples})
    random.Random(seed).shuffle(stories)
    held = set(stories[: int(len(stories) * heldout_share)])
    pool = [example for example in examples if story_of(example) not in held]
    heldout = [example for example in examples if story_of(example) in held]
    return pool, heldout


def queue_picks(
    pool: Sequence[dict[str, Any]], model: classifiers.Model, count: int, folder: Path
) -> list[Any]:
    """The first ``count`` items of the review queue after the bundled model classified the pool."""
    engine = make_engine(f"sqlite:///{folder / 'queue.db'}")
    migrate(engine)
    predictions = model.predict(pool, explain=False)
    by_item: dict[int, dict[str, Any]] = {}
    with session_scope(engine) as session:
        for number, (example, prediction) in enumerate(zip(pool, predictions, strict=True)):
            moment = NOW - timedelta(minutes=number)
            item = Item(identity_key=f"dev:{example['id']}", title=example.get("title"),
                        text=example["text"], published_at=moment, first_seen_at=moment,
                        updated_at=moment, status="done")  # fmt: skip
            session.add(item)
            session.flush()
            labels = {label: bool(prediction.labels[label]) for label in ("taiwan_japan", "city_diplomacy")}
            row = Classification(item_id=item.id, model_version=model.version, scores=dict(prediction.scores),
                                 labels=labels, relevant=any(labels.values()),
                                 relevance_score=float(prediction.scores["relevant"]), explanation={},
                                 created_at=moment)  # fmt: skip
            session.add(row)
            session.flush()
            item.classification_id = row.id
            by_item[item.id] = example
    with session_scope(engine) as session:
        page = review.review_queue(session, review.QueueFilters(), limit=count)
    engine.dispose()
    return [by_item[row.id] for row in page.rows]


def f1s(model: classifiers.Model, heldout: Sequence[dict[str, Any]]) -> dict[str, float]:
    report = classifiers.evaluate(model, heldout)
    return {label: float(values["f1"]) for label, values in report.items()}


def trained_with(bundled: Sequence[dict[str, Any]], labelled: Sequence[dict[str, Any]]) -> classifiers.Model:
    keep = ("id", "title", "text", "taiwan_japan", "city_diplomacy", "relevant")
    return classifiers.train([*bundled, *({key: e.get(key) for key in keep} for e in labelled)])


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--splits", type=int, default=3)
    parser.add_argument("--random-draws", type=int, default=3)
    parser.add_argument("--labels", type=int, default=50)
    args = parser.parse_args()
    if not DEV.exists():
        print(f"skipped: evaluation data not present at {DEV}")
        return
    examples = classifiers.read_jsonl(DEV)
    bundled_model = classifiers.load_model()
    bundled = classifiers.bundled_examples()
    rows: list[tuple[int, dict[str, float], dict[str, float], list[dict[str, float]]]] = []
    for seed in range(args.splits):
        pool, heldout = split(examples, seed)
        with tempfile.TemporaryDirectory() as folder:
            picked = queue_picks(pool, bundled_model, args.labels, Path(folder))
        before = f1s(bundled_model, heldout)
        ours = f1s(trained_with(bundled, picked), heldout)
        draws = [
            f1s(trained_with(bundled, random.Random(100 + draw).sample(pool, args.labels)), heldout)
            for draw in range(args.random_draws)
        ]
        rows.append((seed, before, ours, draws))
        positives = sum(1 for example in picked if example.get("relevant"))
        print(f"split {seed}: pool {len(pool)}, held out {len(heldout)}; the queue's {len(picked)} picks hold"
              f" {positives} relevant items")  # fmt: skip
    _table(rows)


def _table(rows: Sequence[tuple[int, dict[str, float], dict[str, float], list[dict[str, float]]]]) -> None:
    print(f"\n{'held-out F1 (relevant)':28} {'bundled':>8} {'+50 queue':>10} {'+50 random':>11}"
          f" {'gain queue':>11} {'gain random':>12}")  # fmt: skip
    gains_queue, gains_random = [], []
    for seed, before, ours, draws in rows:
        random_mean = statistics.mean(draw["relevant"] for draw in draws)
        gains_queue.append(ours["relevant"] - before["relevant"])
        gains_random.append(random_mean - before["relevant"])
        print(f"{'split ' + str(seed):28} {before['relevant']:8.3f} {ours['relevant']:10.3f}"
              f" {random_mean:11.3f} {gains_queue[-1]:+11.3f} {gains_random[-1]:+12.3f}")  # fmt: skip
    mean_queue, mean_random = statistics.mean(gains_queue), statistics.mean(gains_random)
    print(f"{'mean':28} {'':8} {'':10} {'':11} {mean_queue:+11.3f} {mean_random:+12.3f}")
    for label in ("taiwan_japan", "city_diplomacy"):
        queue_gain = statistics.mean(ours[label] - before[label] for _s, before, ours, _d in rows)
        random_gain = statistics.mean(
            statistics.mean(draw[label] for draw in draws) - before[label] for _s, before, _o, draws in rows
        )
        print(f"{'mean gain ' + label:28} {'':8} {'':10} {'':11} {queue_gain:+11.3f} {random_gain:+12.3f}")
    verdict = "more" if mean_queue > mean_random else "NOT more"
    print(f"\nlabelling the queue's picks improves held-out relevant F1 {verdict} than random picks"
          f" ({mean_queue:+.3f} vs {mean_random:+.3f})")  # fmt: skip


if __name__ == "__main__":
    main()
