"""Benchmark: what alerts cost, beside a baseline measured in the same run.

1. Classification with alert rules. Ours: ``classify_items`` over N stored items with 10 rules (keywords,
   regex, partners, label, score), the outbox written in the same transaction. Baseline: the same call
   with no rules (the outbox code returns at once). Items are generated here from our own sentences.
2. Delivery. Ours: ``send_alerts`` delivering M alerts (claim, Apprise ``json://`` POST, mark: three
   transactions per alert) to a loopback webhook (tests/helpers/webhook.py). Baseline: the same M JSON
   bodies POSTed with ``urllib`` straight to the same receiver (no database, no Apprise).

    python bench/alerts.py [--items 300] [--alerts 100] [--db-url URL]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from helpers.webhook import WebhookReceiver
from sqlalchemy import Engine, delete, func, select

from service.alerts.job import send_alerts
from service.classify import classify_items, load_model_at
from service.config import Settings, parse_settings
from service.models import FeedEntry
from service.storage import items as item_store
from service.storage.db import make_engine, migrate, session_scope
from service.storage.schema import AlertOutbox, Feed, Item

SENTENCES = [
    "臺南市長今天接見日本熊本縣知事，雙方簽署友好交流備忘錄。",
    "高雄市與日本京都市將推動青年交流與觀光合作。",
    "颱風過後，蔬菜價格明顯上漲，農委會呼籲民眾不要囤貨。",
    "日本眾議員訪問團拜會外交部，就區域安全交換意見。",
    "新北市舉辦國際論壇，邀請姊妹市代表分享防災經驗。",
    "股市今天小幅上漲，電子類股表現亮眼。",
]

RULES = [
    {"name": f"kw{n}", "keywords": [word], "urls": ["json://127.0.0.1:9/x"]}
    for n, word in enumerate(["熊本", "京都", "姊妹市", "防災", "外交部"])
] + [
    {"name": "regex", "regex": "簽署.{0,10}備忘錄", "urls": ["json://127.0.0.1:9/x"]},
    {"name": "partner", "partners": ["熊本"], "urls": ["json://127.0.0.1:9/x"]},
    {"name": "label", "label": "relevant", "urls": ["json://127.0.0.1:9/x"]},
    {"name": "score", "score": {"label": "city_diplomacy", "above": 0.5}, "urls": ["json://127.0.0.1:9/x"]},
    {"name": "both", "label": "taiwan_japan", "keywords": ["交流"], "urls": ["json://127.0.0.1:9/x"]},
]


RARE = "盛岡市長率團訪問花蓮縣，雙方討論締結友好城市。"  # planted in every 20th item
RARE_RULES = [
    {"name": f"rare{n}", "keywords": [word], "urls": ["json://127.0.0.1:9/x"]}
    for n, word in enumerate(["盛岡", "八王子", "布拉格", "沖繩", "仙台", "松山市", "宇都宮", "金澤"])
] + [
    {"name": "rare-regex", "regex": "盛岡.{0,10}花蓮", "urls": ["json://127.0.0.1:9/x"]},
    {"name": "rare-partner", "partners": ["盛岡"], "label": "relevant", "urls": ["json://127.0.0.1:9/x"]},
]


def settings(url: str, rules: list[dict[str, object]]) -> Settings:
    return parse_settings(
        {
            "database": {"url": url},
            "alerts": {"rules": rules, "retry_base_seconds": 0},
            "feeds": [{"name": "bench", "url": "https://example.org/feed.xml"}],
        },
        "bench",
    )


def add_items(engine: Engine, count: int, tag: str) -> list[int]:
    with session_scope(engine) as session:
        feed_id = session.scalar(select(Feed.id).where(Feed.name == "bench"))
        if feed_id is None:
            now = datetime.now(UTC)
            feed = Feed(
                name="bench",
                url="https://example.org/feed.xml",
                enabled=True,
                interval_seconds=900,
                next_check_at=now,
                error_count=0,
                created_at=now,
            )
            session.add(feed)
            session.flush()
            feed_id = feed.id
        entries = [
            FeedEntry(
                identity_key=f"bench:{tag}:{n}",
                url=f"https://news.example.tw/{tag}/{n}",
                link=None,
                title=SENTENCES[n % len(SENTENCES)][:20] + f"（{n}）",
                summary=" ".join(SENTENCES[(n + k) % len(SENTENCES)] for k in range(4))
                + (RARE if n % 20 == 0 else ""),
                published=datetime.now(UTC),
            )
            for n in range(count)
        ]
        return [row.item_id for row in item_store.insert_entries(session, feed_id, entries, "bench")]


def time_classify(engine: Engine, config: Settings, ids: list[int]) -> float:
    model = load_model_at(None, config)
    start = time.perf_counter()
    with session_scope(engine) as session:
        classify_items(session, model, config, ids)
    return (time.perf_counter() - start) / len(ids) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=300)
    parser.add_argument("--alerts", type=int, default=100)
    parser.add_argument("--db-url")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = args.db_url or f"sqlite:///{folder}/bench.db"
        engine = make_engine(url)
        migrate(engine)
        warm = add_items(engine, 30, "warm")
        time_classify(engine, settings(url, RULES), warm)  # warm: model, gazetteer and caches loaded
        print(f"classify, {args.items} items, {url.split(':')[0]}, minimum of 2 interleaved runs")
        runs: dict[str, list[float]] = {"none": [], "rare": [], "broad": []}
        rule_sets = {"none": [], "rare": RARE_RULES, "broad": RULES}
        for run in range(2):  # interleaved, so a busy neighbour slows each alike
            for name, rules in rule_sets.items():
                ids = add_items(engine, args.items, f"{name}{run}")
                runs[name].append(time_classify(engine, settings(url, rules), ids))
        baseline_ms = min(runs["none"])
        with session_scope(engine) as session:
            per_rule = session.execute(
                select(AlertOutbox.rule, func.count(AlertOutbox.id)).group_by(AlertOutbox.rule)
            )
            written = {rule: int(count) for rule, count in per_rule}
            session.execute(delete(AlertOutbox))
        rare = sum(count for rule, count in written.items() if rule.startswith("rare"))
        broad = sum(written.values()) - rare
        print(f"  no rules (baseline)             {baseline_ms:8.2f} ms/item")
        for name, label, count in (
            ("rare", "10 rules, 1 item in 20 matches", rare),
            ("broad", "10 rules, most items match", broad),
        ):
            ours = min(runs[name])
            print(f"  {label:<31} {ours:8.2f} ms/item   ratio {ours / baseline_ms:.2f}  ({count} alerts)")

        with WebhookReceiver() as hook:
            rule = {"name": "bench", "keywords": ["熊本"], "urls": [hook.apprise_url()]}
            config = settings(url, [rule])
            ids = add_items(engine, args.alerts * len(SENTENCES), "c")
            model = load_model_at(None, config)
            with session_scope(engine) as session:
                classify_items(session, model, config, ids)
                pending = session.scalar(select(func.count(AlertOutbox.id))) or 0
            start = time.perf_counter()
            report = send_alerts(engine, config)
            ours = time.perf_counter() - start
            bodies = [
                json.dumps({"title": "t", "message": "m" * 200, "id": str(n)}).encode()
                for n in range(pending)
            ]
            start = time.perf_counter()
            for body in bodies:
                request = urllib.request.Request(
                    hook.apprise_url().replace("json://", "http://"),
                    data=body,
                    headers={"Content-Type": "application/json"},
                )
                urllib.request.urlopen(request, timeout=10).read()
            baseline = time.perf_counter() - start
        print(f"deliver {pending} alerts to a loopback webhook ({report.sent} sent)")
        print(f"  urllib POSTs (baseline) {pending / baseline:8.1f} /s")
        print(f"  send_alerts (Apprise)   {pending / ours:8.1f} /s   ratio {ours / baseline:.2f} (time)")
        with session_scope(engine) as session:
            session.execute(delete(Item).where(Item.id.in_(ids)))
        engine.dispose()


if __name__ == "__main__":
    main()
