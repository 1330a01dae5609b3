"""Benchmark: full-text search over 100,000 items (issue 18: median query ≤ 50 ms on SQLite and PostgreSQL).

Items are generated here: titles and ~400-character texts drawn from a vocabulary of our own (place names,
actors and ordinary news words, so some terms are rare and some common), 5% relevant with an event.
Ours: ``service.storage.search.search_items``, the function behind /search and /api/search: the index
query, the filters, the label rule and the highlighting of one page of 50 hits. Baseline, measured in the
same run on the same rows: a plain ``LIKE '%term%'`` scan of titles and texts, newest first
(``search.like_scan``), which is also blind to 臺/台 and 県/縣.

    python bench/search.py [--items 100000] [--repeat 3] [--db-url URL]
"""

from __future__ import annotations

import argparse
import itertools
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, insert, text

from service.storage import search
from service.storage.db import make_engine, migrate, session_scope
from service.storage.schema import Item

# Terms planted at known rates (share of items), so queries range from rare to common as in a real stream;
# the rest of each text is filler words of two or three characters drawn, Zipf-like, from a pool of
# 20,000 made of common characters (statistically like running text, meaningless by design).
PLANTED = {
    "熊本縣知事": 0.002, "臺南市長": 0.004, "八王子市": 0.001, "姊妹市": 0.01, "交流協會": 0.005,
    "備忘錄": 0.01, "布拉格": 0.0005, "盛岡市": 0.001, "簽署": 0.03, "熊本": 0.004, "友好": 0.02,
    "包機": 0.003, "台日": 0.006, "京都市": 0.003, "觀光": 0.05, "合作": 0.08, "北海道": 0.004,
    "防災": 0.01, "高雄市": 0.05, "捐贈": 0.005, "醫療": 0.03, "論壇": 0.02, "青年": 0.03, "交流": 0.08,
}  # fmt: skip
QUERIES = ["熊本縣知事", "臺南市長", "台南市長", "八王子市", "姊妹市", "交流協會", "備忘錄", "布拉格",
           "盛岡市 簽署", "熊本 友好", "姊妹", "包機", "台日", "京都市 觀光 合作", "北海道 防災",
           "沒有這個詞", "高雄市 熊本縣", "捐贈 醫療", "論壇", "青年 交流"]  # fmt: skip
COMMON = "的一是不了人我在有他這中大來上國個到說們為子和你地出道也時年得就那要下以生會自著去之過家學對可她裡後小麼心多天而能好都然沒日於起還發成事只作當想看文無開手十用主行方又如前所本見經頭面公同三已老從動兩長知民樣現分將外但身些與高意進把法此實回二理美點月明其種聲全工己話兒者向情部正名定女問力機給等幾很業最間新什打便位因重被走電四第門相次東政海口使教西再平真聽世氣信北少關並內加化由卻代軍產入先山五太水萬市眼體別處總才場師書比住員九笑性通目華報立馬命張活難神數件安表原車白應路期叫死常提感金何更反合放做系計或司利受光王果親界及今京務制解各任至清物台象記邊共風戰干接它許八特覺望直服毛林題建南度統色字請交愛讓認算論百吃義科怎元社術結六功指思非流每青管夫連遠資隊跟帶花快條院變聯言權往展該領傳近留紅治決周保達辦運武半候七必城父強步完革深區即求品士轉量空甚眾技輕程告江語英基派滿式李息寫呢識極令黃德收臉錢黨倒未持取設始版雙歷越史商千片容研像找友孩站廣改議形委早房音火際則首單據導影失拿網香似斯專石若兵弟誰校讀志飛觀爭究包組造落視濟喜離雖壞兵"  # noqa: E501
START = datetime(2026, 1, 1, tzinfo=UTC)


def _pool(rng: random.Random) -> list[str]:
    return ["".join(rng.choices(COMMON, k=rng.choice((2, 2, 3)))) for _ in range(20_000)]


def _text(rng: random.Random, pool: list[str], weights: list[float], words: int) -> str:
    filler = rng.choices(pool, cum_weights=weights, k=words)
    for term, share in PLANTED.items():
        if rng.random() < share:
            filler.insert(rng.randrange(len(filler) + 1), term)
    return "".join(word + ("，" if rng.random() < 0.1 else "") for word in filler) + "。"


def _item(number: int, rng: random.Random, pool: list[str], weights: list[float]) -> dict[str, Any]:
    moment = START + timedelta(minutes=5 * number)
    return {
        "identity_key": f"bench:{number}",
        "url": f"https://news.example.tw/{number}",
        "outlet": rng.choice(["中央社", "自由時報", "聯合新聞網", "ETtoday"]),
        "title": _text(rng, pool, weights, 8),
        "text": _text(rng, pool, weights, 170),
        "text_source": "page",
        "published_at": moment,
        "first_seen_at": moment,
        "updated_at": moment,
        "status": "done",
        "fetch_attempts": 0,
    }


def seed(engine: Engine, count: int, rng: random.Random) -> None:
    """Bulk rows (a Core insert, which no flush sees), then the index built as the migration builds it."""
    pool = _pool(rng)
    weights = list(itertools.accumulate(1 / (rank + 1) for rank in range(len(pool))))
    for first in range(0, count, 5000):
        rows = [_item(first + n, rng, pool, weights) for n in range(min(5000, count - first))]
        with session_scope(engine) as session:
            session.execute(insert(Item), rows)
    with engine.begin() as connection:
        search.rebuild(connection)
        if engine.dialect.name == "postgresql":
            connection.execute(text("ANALYZE"))


def timed(function: Callable[[], object], repeat: int) -> float:
    runs = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        runs.append(time.perf_counter() - started)
    return min(runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3, help="runs per query; the fastest counts")
    parser.add_argument("--db-url", default=None, help="a database URL (default: a temporary SQLite file)")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="with --db-url: measure the items already there (seeded by a run before)",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = args.db_url or f"sqlite:///{Path(folder) / 'bench.db'}"
        engine = make_engine(url)
        migrate(engine)
        started = time.perf_counter()
        with engine.connect() as connection:
            stored = connection.execute(text("SELECT count(*) FROM items")).scalar() or 0
        if args.reuse and stored:
            print(f"{stored:,} items already on {engine.dialect.name}")
        else:
            seed(engine, args.items, random.Random(7))
            took = time.perf_counter() - started
            print(f"{args.items:,} items on {engine.dialect.name}, indexed in {took:.0f} s")
        ours, baseline = [], []
        print(f"{'query':<20}{'ours ms':>9}{'hits':>7}{'LIKE ms':>9}{'hits':>7}")
        for query in QUERIES:
            with session_scope(engine) as session:
                hits = search.search_items(session, query, search.SearchFilters())
                ms = 1000 * timed(
                    partial(search.search_items, session, query, search.SearchFilters()), args.repeat
                )
            with engine.connect() as connection:
                like_hits = search.like_scan(connection, query)
                like_ms = 1000 * timed(partial(search.like_scan, connection, query), args.repeat)
            ours.append(ms)
            baseline.append(like_ms)
            print(f"{query:<20}{ms:>9.1f}{hits.total:>7}{like_ms:>9.1f}{len(like_hits):>7}")
        mine, theirs = statistics.median(ours), statistics.median(baseline)
        print(f"median: ours {mine:.1f} ms, LIKE scan {theirs:.1f} ms, {theirs / mine:.1f}x (target ≤ 50 ms)")
        engine.dispose()


if __name__ == "__main__":
    main()
