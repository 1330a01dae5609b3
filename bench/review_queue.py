"""Benchmark: the review queue with 100,000 classified items (issue 7: served in under 200 ms).

Rows are generated here (titles and texts from a small vocabulary of our own, scores spread over 0..1, 5% of
the items reviewed, one in ten in a two-item story cluster) in a temporary SQLite file (or ``--db-url``).
Ours: the real server (uvicorn on 127.0.0.1, ``service.web.server``) answering over HTTP, so every figure
includes routing, the storage queries (a count and one ordered page), rendering and the network stack.
Baseline, measured in the same run: the naive way to build the same queue page, loading every classified
item with its labels into Python, then filtering and sorting there (data only: no rendering, no HTTP).

    python bench/review_queue.py [--items 100000] [--repeat 15] [--db-url URL]
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import Engine, insert, select, update
from sqlalchemy.orm import Session

from service.config import load_settings, with_overrides
from service.storage.db import make_engine, migrate, session_scope
from service.storage.schema import Classification, Cluster, ClusterMember, Item, ReviewLabel
from service.web.server import ServerThread, make_server

WORDS = ["高雄", "熊本", "台北", "姊妹市", "交流", "市長", "訪問團", "備忘錄", "颱風", "股市", "預算", "觀光",
         "日本", "友好", "縣知事", "半導體", "教育", "防災", "議會", "簽署"]  # fmt: skip
OUTLETS = ["中央社", "自由時報", "聯合新聞網", "ETtoday", "中時新聞網", "公視新聞網", "Focus Taiwan"]
START = datetime(2026, 1, 1, tzinfo=UTC)


def seed(engine: Engine, count: int, rng: random.Random) -> None:
    batch = 5000
    for first in range(0, count, batch):
        size = min(batch, count - first)
        with session_scope(engine) as session:
            items = [_item(first + offset, rng) for offset in range(size)]
            session.execute(insert(Item), items)
            ids = list(session.scalars(select(Item.id).order_by(Item.id.desc()).limit(size)))[::-1]
            session.execute(insert(Classification), [_classification(item_id, rng) for item_id in ids])
            pairs = session.execute(
                select(Classification.id, Classification.item_id).where(Classification.item_id.in_(ids))
            )
            session.execute(
                update(Item), [{"id": item_id, "classification_id": cid} for cid, item_id in pairs]
            )
            _labels_and_clusters(session, ids, rng)


def _item(number: int, rng: random.Random) -> dict[str, Any]:
    moment = START + timedelta(minutes=5 * number)
    words = rng.sample(WORDS, 6)
    return {
        "identity_key": f"bench:{number}", "url": f"https://news.example.tw/{number}",
        "outlet": rng.choice(OUTLETS), "title": "".join(words[:4]) + f" {number}",
        "text": "。".join("".join(rng.sample(WORDS, 5)) for _ in range(8)), "text_source": "page",
        "lang": "zh-Hant", "published_at": moment, "published_from_feed": True, "first_seen_at": moment,
        "updated_at": moment, "status": "done", "fetch_attempts": 1,
    }  # fmt: skip


def _classification(item_id: int, rng: random.Random) -> dict[str, Any]:
    score = rng.betavariate(0.6, 3.0)  # a realistic stream: most items clearly irrelevant
    tj, cd = score >= 0.5 and rng.random() < 0.7, score >= 0.5 and rng.random() < 0.5
    return {
        "item_id": item_id, "model_version": "bench-v1",
        "scores": {"taiwan_japan": score, "city_diplomacy": score / 2},
        "labels": {"taiwan_japan": tj, "city_diplomacy": cd}, "relevant": tj or cd, "relevance_score": score,
        "explanation": {}, "created_at": START,
    }  # fmt: skip


def _labels_and_clusters(session: Session, ids: list[int], rng: random.Random) -> None:
    labels = [
        {"item_id": item_id, "label": "relevant", "value": rng.random() < 0.3, "reviewer": "bench",
         "created_at": START}
        for item_id in ids if rng.random() < 0.05
    ]  # fmt: skip
    if labels:
        session.execute(insert(ReviewLabel), labels)
    for index in range(0, len(ids) - 1, 20):
        first, second = ids[index], ids[index + 1]
        cluster = Cluster(first_item_id=first, canonical_item_id=first, created_at=START, updated_at=START)
        session.add(cluster)
        session.flush()
        for item_id, relation in ((first, "original"), (second, "duplicate")):
            session.add(
                ClusterMember(item_id=item_id, cluster_id=cluster.id, relation=relation, joined_at=START)
            )


def naive_queue(engine: Engine) -> list[int]:
    """Everything into Python, then filter and sort: the baseline."""
    with session_scope(engine) as session:
        reviewed = set(session.scalars(select(ReviewLabel.item_id)))
        rows = session.execute(
            select(Item.id, Item.title, Item.outlet, Item.published_at, Classification.relevance_score).join(
                Classification, Classification.id == Item.classification_id
            )
        ).all()
    pending = [row for row in rows if row.id not in reviewed]
    pending.sort(key=lambda row: (abs(row.relevance_score - 0.5), -row.id))
    return [row.id for row in pending[:50]]


def timed(action: Callable[[], Any], repeat: int) -> list[float]:
    action()  # warm caches
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--db-url", help="database URL (default: a temporary SQLite file)")
    args = parser.parse_args()
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as folder:
        url = args.db_url or f"sqlite:///{Path(folder) / 'bench.db'}"
        engine = make_engine(url)
        migrate(engine)
        started = time.perf_counter()
        seed(engine, args.items, rng)
        print(f"seeded {args.items:,} items in {time.perf_counter() - started:.1f} s ({engine.dialect.name})")
        settings = with_overrides(load_settings(), web={"port": 0})
        server = ServerThread(make_server(settings, engine, host="127.0.0.1", port=0))
        server.start()
        try:
            _report(engine, f"http://127.0.0.1:{server.port}", args.repeat)
        finally:
            server.stop()
            engine.dispose()


def _report(engine: Engine, base: str, repeat: int) -> None:
    with httpx.Client(base_url=base, timeout=30) as client:
        item_id = int(client.get("/api/items", params={"limit": 1}).json()["items"][0]["id"])
        cases: list[tuple[str, Callable[[], Any]]] = [
            (f"GET {path}", _getter(client, path))
            for path in ["/queue", "/queue?label=city_diplomacy", "/queue?q=熊本+備忘錄",
                         "/queue?order=newest", "/queue?min_score=0.4&max_score=0.6&outlet=中央社",
                         "/queue?offset=5000", "/api/items", f"/items/{item_id}"]
        ]  # fmt: skip
        results = [(name, timed(action, repeat)) for name, action in cases]
    baseline = timed(lambda: naive_queue(engine), max(3, repeat // 3))
    ours = statistics.median(results[0][1])
    print(f"\n{'case':58} {'median ms':>10} {'p95 ms':>8}")
    for name, samples in results:
        p95 = sorted(samples)[max(0, round(0.95 * len(samples)) - 1)]
        print(f"{name:58} {statistics.median(samples):10.1f} {p95:8.1f}")
    print(f"{'baseline: naive queue in Python (data only)':58} {statistics.median(baseline):10.1f}")
    ratio = statistics.median(baseline) / ours
    print(f"\nqueue page (ours, end to end) vs naive data-only baseline: {ratio:.1f}x faster;"
          f" target < 200 ms: {'met' if ours < 200 else 'NOT met'}")  # fmt: skip


def _getter(client: httpx.Client, path: str) -> Callable[[], None]:
    def get() -> None:
        response = client.get(path)
        response.raise_for_status()

    return get


if __name__ == "__main__":
    main()
