"""Benchmark: one polling cycle over 1,000 feeds served by one local HTTP server on 127.0.0.1.

Setup: 1,000 RSS feeds of 20 items each (our own generated text), polled once so the database holds every
feed's ETag and Last-Modified. Then 10% of the feeds change (two new items each) and every feed is made due.

* **Ours**: the real orchestrator's feed half, as ``service.pipeline.run_cycle`` runs it: claim the due
  feeds, then ``poll_feeds`` (conditional GETs through ``service.reader.fetcher`` on
  ``fetch.total_concurrency`` threads, the 10% that changed parsed in ``polling.parse_processes`` worker
  processes, new entries stored, 304s recorded in batches, next checks scheduled), on a real SQLite file,
  with the configuration's defaults. The fetcher and parser processes live across cycles, as in the daemon.
  Article pages are not fetched (the baseline does not fetch them either).
* **Baseline** (same run, same server): the naive reader, a sequential loop of unconditional GETs of every
  feed with one keep-alive httpx client, each response parsed with feedparser.

The server gzips when the client accepts it (both clients do), and counts bytes both ways (request line and
headers in, status line, headers and body out). ``--latency`` adds a fixed delay before every answer to
model the network round trip to a real publisher (loopback has none); politeness is set for the bench's
one host standing in for 1,000 publishers (per-host limit = total concurrency, no gap).

    python bench/poll.py [--feeds 1000] [--changed 0.1] [--latency 0.02] [--workers 16] [--parsers 1]
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import multiprocessing
import random
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from email.utils import formatdate
from multiprocessing.connection import Connection
from pathlib import Path

import feedparser
import httpx
from sqlalchemy import Engine, update

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))  # the loopback server the integration tests use

from helpers.http_server import LocalServer, Reply, Request  # noqa: E402

from service.config import FetchSettings, PollingSettings, Settings, parse_settings  # noqa: E402
from service.pipeline import Stages, claim_due_feeds, poll_feeds  # noqa: E402
from service.reader.fetcher import Fetcher  # noqa: E402
from service.reader.parse_pool import ParserPool  # noqa: E402
from service.storage import feeds as feed_store  # noqa: E402
from service.storage.db import make_engine, migrate, session_scope  # noqa: E402
from service.storage.schema import Feed  # noqa: E402

# Common characters of Taiwanese news copy: summaries drawn from them compress about as well as real
# Chinese text does (gzip roughly 1.5-2.5x); repeated phrases would compress far better and flatter
# the baseline's byte count.
COMMON = (
    "的一是在不了有和人這中大為上個國我以要他時來用們生到作地於出就分對成會可主發年動同工也能下過子說產種面"
    "而方後多定行學法所民得經十三之進著等部度家電力裡如水化高自二理起小物現實加量都兩體制機當使點從業本去把性"
    "好應開它合還因由其些然前外天政四日那社義事平形相全表間樣與關各重新線內數正心反你明看原又麼利比或但質氣第"
    "向道命此變條只沒結解問意建月公無系軍很情者最立代想已通並提直題黨程展五果料象員革位入常文總次品式活設及管"
    "特件長求老頭基資邊流路級少圖山統接知較將組見計別她手角期根論運農指幾九區強放決西被幹做必戰先回則任取據處"
    "市府長交流協定簽署觀光合作城市友好姊妹訪問日本臺灣熊本高雄臺中議員代表團教育文化產業防災經驗論壇"
)
FEED_PATH = "/feeds/{}.xml"
PLACES = ["臺北", "高雄", "臺中", "臺南", "桃園", "熊本", "八王子", "青森", "仙台", "大阪", "新北", "嘉義"]
TOPICS = [
    "簽署友好交流協定",
    "舉辦城市論壇",
    "推動觀光合作",
    "交換防災經驗",
    "簽訂教育備忘錄",
    "共同參加國際展覽",
]


@dataclass
class FeedState:
    version: int = 0
    items: int = 20


class FeedFarm:
    """1,000 feeds with ETags and Last-Modified; a feed's body changes only when its version does."""

    def __init__(self, count: int, seed: int = 7) -> None:
        self.count = count
        self.states = [FeedState() for _ in range(count)]
        self.rng = random.Random(seed)
        self._cache: dict[tuple[int, int], tuple[bytes, bytes]] = {}
        self._lock = threading.Lock()

    def path(self, index: int) -> str:
        return FEED_PATH.format(index)

    def change(self, indexes: list[int]) -> None:
        for index in indexes:
            self.states[index].version += 1
            self.states[index].items += 2

    def etag(self, index: int) -> str:
        return f'"{index}-{self.states[index].version}"'

    def last_modified(self, index: int) -> str:
        return formatdate(1_780_000_000 + self.states[index].version * 600, usegmt=True)

    def bodies(self, index: int) -> tuple[bytes, bytes]:
        key = (index, self.states[index].version)
        with self._lock:
            if key not in self._cache:
                raw = self._render(index)
                self._cache[key] = (raw, gzip.compress(raw, compresslevel=6))
            return self._cache[key]

    def _render(self, index: int) -> bytes:
        total = self.states[index].items
        entries = []
        for number in range(total - 20, total):  # the latest 20, newest last
            seed = int(hashlib.sha256(f"{index}/{number}".encode()).hexdigest()[:8], 16)
            place, partner = PLACES[seed % len(PLACES)], PLACES[(seed // 7) % len(PLACES)]
            topic = TOPICS[(seed // 13) % len(TOPICS)]
            title = f"{place}市長與{partner}{topic}（第{number}則）"
            words = random.Random(seed)
            body = "".join(words.choice(COMMON) for _ in range(140 + seed % 80))
            summary = f"{place}市政府今天宣布與{partner}{topic}，{body}。"
            entries.append(
                f"<item><title>{title}</title><link>https://news{index}.example.tw/a/{number}</link>"
                f"<guid isPermaLink='false'>feed{index}-{number}</guid>"
                f"<pubDate>{formatdate(1_780_000_000 + number * 600, usegmt=True)}</pubDate>"
                f"<description>{summary}</description></item>"
            )
        channel = f"<channel><title>測試日報 {index}</title><link>https://news{index}.example.tw/</link>"
        document = f"<rss version='2.0'>{channel}{''.join(entries)}</channel></rss>"
        return ("<?xml version='1.0' encoding='utf-8'?>" + document).encode()

    def handler(self, index: int):  # type: ignore[no-untyped-def]
        def answer(request: Request) -> Reply:
            etag = self.etag(index)
            validators = {"ETag": etag, "Last-Modified": self.last_modified(index)}
            if request.headers.get("if-none-match") == etag:
                return Reply(304, b"", validators)
            raw, packed = self.bodies(index)
            headers = {"Content-Type": "application/rss+xml; charset=utf-8", **validators}
            if "gzip" in request.headers.get("accept-encoding", ""):
                return Reply(200, packed, {**headers, "Content-Encoding": "gzip"})
            return Reply(200, raw, headers)

        return answer


class CountingServer(LocalServer):
    """The test server, also counting request bytes (request line and headers)."""

    def request_bytes(self) -> int:
        with self._lock:
            return sum(
                len(request.path) + 16 + sum(len(k) + len(v) + 4 for k, v in request.headers.items())
                for request in self.requests
            )


def serve(count: int, latency: float, ready: Connection, commands: Connection) -> None:
    """The feed server, in its own process so that it does not share the clients' interpreter lock.

    Commands over the pipe: ("change", [indexes]), ("reset",), ("stats",) -> (requests, bytes), ("stop",)."""
    farm = FeedFarm(count)
    with CountingServer(latency=latency) as server:
        for index in range(count):
            server.route(farm.path(index), farm.handler(index))
        for index in range(count):  # render and compress every body now, not while being timed
            farm.bodies(index)
        ready.send(server.port)
        while True:
            command = commands.recv()
            if command[0] == "change":
                farm.change(command[1])
                for index in command[1]:
                    farm.bodies(index)
            elif command[0] == "reset":
                server.reset_log()
            elif command[0] == "stats":
                commands.send((len(server.requests), server.bytes_sent + server.request_bytes()))
                continue
            elif command[0] == "stop":
                commands.send("stopped")
                return
            commands.send("ok")


class RemoteServer:
    def __init__(self, count: int, latency: float) -> None:
        context = multiprocessing.get_context("spawn")
        ready_out, ready_in = context.Pipe(duplex=False)
        self._commands, child_end = context.Pipe()
        self._process = context.Process(target=serve, args=(count, latency, ready_in, child_end), daemon=True)
        self._process.start()
        self.port: int = ready_out.recv()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def call(self, *command: object) -> object:
        self._commands.send(command)
        return self._commands.recv()

    def stats(self) -> tuple[int, int]:
        requests, sent = self.call("stats")  # type: ignore[misc]
        return requests, sent

    def stop(self) -> None:
        self.call("stop")
        self._process.join(timeout=10)


@dataclass
class Figures:
    wall: float
    requests: int
    bytes_total: int
    changed_seen: int


def settings_for(server: RemoteServer, count: int, data_dir: Path, workers: int, parsers: int) -> Settings:
    feeds = [{"name": f"feed-{i}", "url": server.url(FEED_PATH.format(i))} for i in range(count)]
    return parse_settings(
        {
            "data_dir": str(data_dir),
            "fetch": {
                "allow_loopback": True,
                "per_host_concurrency": workers,
                "per_host_min_gap_seconds": 0,
                "total_concurrency": workers,
                "read_timeout_seconds": 30,
            },
            "polling": {"parse_processes": parsers},
            "feeds": feeds,
        },
        str(data_dir / "bench.yaml"),
    )


class ScratchDatabase:
    """A PostgreSQL database made for one run and dropped after it."""

    def __init__(self, admin_url: str) -> None:
        from sqlalchemy import create_engine, text

        self._text = text
        self._admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
        self.name = f"newsmon_bench_{random.Random().getrandbits(40):x}"
        with self._admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{self.name}"'))
        self.url = self._admin.url.set(database=self.name).render_as_string(hide_password=False)

    def drop(self) -> None:
        with self._admin.connect() as connection:
            connection.execute(self._text(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)'))
        self._admin.dispose()


def make_all_due(engine: Engine) -> None:
    from datetime import UTC, datetime, timedelta

    with session_scope(engine) as session:
        session.execute(update(Feed).values(next_check_at=datetime.now(UTC) - timedelta(seconds=1)))


def ours(engine: Engine, settings: Settings, stages: Stages, server: RemoteServer) -> Figures:
    server.call("reset")
    start = time.perf_counter()
    # The feed half of run_cycle (later stages work on items, which this cycle does not reach).
    reports = poll_feeds(engine, settings, stages, claim_due_feeds(engine))
    wall = time.perf_counter() - start
    errors = [report for report in reports if report.status == "error"]
    if errors:
        raise SystemExit(f"ours: {len(errors)} feed(s) failed, e.g. {errors[0].error}")
    changed = sum(1 for report in reports if report.status == "ok")
    return Figures(wall, *server.stats(), changed)


def baseline(count: int, server: RemoteServer) -> Figures:
    server.call("reset")
    start = time.perf_counter()
    changed = 0
    with httpx.Client(timeout=30) as client:
        for index in range(count):
            response = client.get(server.url(FEED_PATH.format(index)))
            response.raise_for_status()
            parsed = feedparser.parse(response.content)
            changed += bool(parsed.entries)
    wall = time.perf_counter() - start
    return Figures(wall, *server.stats(), changed)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--feeds", type=int, default=1000)
    parser.add_argument(
        "--changed", type=float, default=0.1, help="share of feeds changed since the last poll"
    )
    parser.add_argument("--latency", type=float, default=0.02, help="seconds added before every answer")
    parser.add_argument(
        "--workers",
        type=int,
        default=FetchSettings().total_concurrency,
        help="fetch.total_concurrency for ours (default: the configuration's)",
    )
    parser.add_argument(
        "--parsers",
        type=int,
        default=PollingSettings().parse_processes,
        help="polling.parse_processes for ours (default: the configuration's)",
    )
    parser.add_argument(
        "--postgres",
        metavar="ADMIN_URL",
        nargs="?",
        const="postgresql+psycopg://postgres@127.0.0.1:5432/test",
        help="store in a throwaway PostgreSQL database created through ADMIN_URL (default: a SQLite file)",
    )
    args = parser.parse_args()

    server = RemoteServer(args.feeds, args.latency)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            settings = settings_for(server, args.feeds, Path(tmp), args.workers, args.parsers)
            scratch = ScratchDatabase(args.postgres) if args.postgres else None
            engine = make_engine(scratch.url if scratch else f"sqlite:///{Path(tmp) / 'bench.db'}")
            migrate(engine)
            with session_scope(engine) as session:
                feed_store.sync_feeds(session, settings.feeds, default_interval_seconds=900)
            with Fetcher(settings.fetch) as fetcher, ParserPool(settings.polling.parse_processes) as parsers:
                stages = Stages(fetcher=fetcher, parse=parsers.parse)
                ours(engine, settings, stages, server)  # the previous poll: every feed stored with validators

                share = round(args.feeds * args.changed)
                changed = sorted(random.Random(11).sample(range(args.feeds), share))
                server.call("change", changed)
                make_all_due(engine)
                mine = ours(engine, settings, stages, server)
            base = baseline(args.feeds, server)
            engine.dispose()
            if scratch:
                scratch.drop()
    finally:
        server.stop()

    print(
        f"poll cycle: {args.feeds} feeds, {len(changed)} changed since the last poll, "
        f"{args.latency * 1000:.0f} ms modelled latency, ours with {args.workers} fetch threads and "
        f"{args.parsers} parser process(es) on "
        f"{'PostgreSQL' if args.postgres else 'SQLite'}\n"
    )
    rows = [
        ("wall time (s)", base.wall, mine.wall),
        ("requests", base.requests, mine.requests),
        ("bytes transferred", base.bytes_total, mine.bytes_total),
    ]
    print(f"| {'measure':<18} | {'naive baseline':>15} | {'newsmon':>12} | {'baseline / ours':>15} |")
    print(f"|{'-' * 20}|{'-' * 17}|{'-' * 14}|{'-' * 17}|")
    for name, theirs, ours_value in rows:
        ratio = theirs / ours_value if ours_value else float("inf")
        fmt = "{:>15.2f}" if isinstance(theirs, float) else "{:>15,}"
        fmt_ours = "{:>12.2f}" if isinstance(ours_value, float) else "{:>12,}"
        print(f"| {name:<18} | {fmt.format(theirs)} | {fmt_ours.format(ours_value)} | {ratio:>14.1f}x |")
    print(f"\nfeeds parsed: baseline {base.changed_seen}, ours {mine.changed_seen} (the changed ones only)")
    speed, volume = base.wall / mine.wall, base.bytes_total / mine.bytes_total
    print(
        f"targets: >= 10x faster ({'met' if speed >= 10 else 'NOT met'}: {speed:.1f}x), "
        f">= 5x fewer bytes ({'met' if volume >= 5 else 'NOT met'}: {volume:.1f}x)"
    )


if __name__ == "__main__":
    main()
