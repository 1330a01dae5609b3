"""Several workers, one site (issue 16): three worker processes on one PostgreSQL database poll 300 feeds
on one loopback host, and the host's request log shows the configured gap between request starts and the
configured number of requests at once, held across all three (each process alone used to allow its own
``per_host_concurrency`` and gap, so the site saw three times the rate)."""

from __future__ import annotations

import itertools
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from helpers.http_server import LocalServer, Reply
from sqlalchemy import Engine

from service.config import load_settings
from service.jobs import sync_configured_feeds
from service.storage.db import make_engine, migrate

FEEDS = 300
GAP = 0.15  # fetch.per_host_min_gap_seconds
AT_ONCE = 2  # fetch.per_host_concurrency
ANSWER_SECONDS = 0.4  # each answer takes this long, so a third request at once would show
WINDOW = 10  # requests in a row over which the rate is judged
CEILING = 600.0
EMPTY_FEED = (
    b"<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>Feed</title>"
    b"<link>https://news.example.tw/</link><description>our own test feed</description></channel></rss>"
)
HELPER = Path(__file__).resolve().parent / "helpers" / "poll_worker.py"


def most_at_once(spans: list[tuple[float, float]]) -> int:
    events = sorted([(start, 1) for start, _ in spans] + [(end, -1) for _, end in spans])
    current = peak = 0
    for _, step in events:
        current += step
        peak = max(peak, current)
    return peak


@pytest.mark.slow
@pytest.mark.postgres
def test_three_workers_keep_one_gap_and_one_concurrency_per_host(
    pg_server_url: str, pg_engine: Engine, tmp_path: Path
) -> None:
    with LocalServer() as server:
        for n in range(FEEDS):
            server.route(f"/f{n}.xml", Reply(body=EMPTY_FEED, delay=ANSWER_SECONDS))
        config = tmp_path / "config.yaml"
        config.write_text(
            yaml.safe_dump(
                {
                    "data_dir": str(tmp_path / "data"),
                    "database": {"url": pg_server_url},
                    "fetch": {
                        "allow_loopback": True,
                        "per_host_min_gap_seconds": GAP,
                        "per_host_concurrency": AT_ONCE,
                        "total_concurrency": 6,
                        "connect_timeout_seconds": 5,
                        "total_timeout_seconds": 300,
                    },
                    "feeds": [{"name": f"f{n}", "url": server.url(f"/f{n}.xml")} for n in range(FEEDS)],
                }
            ),
            encoding="utf-8",
        )
        settings = load_settings(config)
        engine = make_engine(settings.database_url)
        try:
            migrate(engine)
            sync_configured_feeds(engine, settings)
        finally:
            engine.dispose()
        started = time.monotonic()
        workers = [
            subprocess.Popen(
                [sys.executable, str(HELPER), str(config)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT
            )
            for _ in range(3)
        ]
        outputs = []
        try:
            for worker in workers:
                output, _ = worker.communicate(timeout=CEILING)
                outputs.append(output.decode("utf-8", "replace"))
                assert worker.returncode == 0, output.decode("utf-8", "replace")[-3000:]
        finally:
            for worker in workers:
                if worker.poll() is None:
                    worker.kill()
                    worker.wait()
        elapsed = time.monotonic() - started
        requests = sorted(server.requests, key=lambda request: request.arrived)

    polled = [int(text.rsplit("polled", 1)[-1].split()[0]) for text in outputs]
    assert sorted(request.path for request in requests) == sorted(f"/f{n}.xml" for n in range(FEEDS))
    assert sum(polled) == FEEDS and sum(count > 0 for count in polled) >= 2, polled  # the work was shared
    arrivals = [request.arrived for request in requests]
    gaps = [b - a for a, b in itertools.pairwise(arrivals)]
    # Starts are reserved one gap apart in the database's clock, but a request can reach the server late
    # (a busy machine wakes its thread late), so one pair may arrive close together. What the site sees
    # over any ten requests in a row is the rate: at least nine gaps (less a margin for that lag).
    windows = [arrivals[i + WINDOW - 1] - arrivals[i] for i in range(len(arrivals) - WINDOW + 1)]
    at_once = most_at_once([(request.arrived, request.finished) for request in requests])
    print(
        f"\n3 workers, {FEEDS} feeds on one host in {elapsed:.1f}s (polled {polled}): gap between starts"
        f" median {sorted(gaps)[len(gaps) // 2]:.3f}s, smallest {min(gaps):.3f}s (configured {GAP}s);"
        f" shortest span of {WINDOW} requests {min(windows):.2f}s (configured {(WINDOW - 1) * GAP:.2f}s);"
        f" most at once {at_once} (configured {AT_ONCE})"
    )
    assert at_once <= AT_ONCE
    assert min(windows) >= (WINDOW - 1) * GAP * 0.8
    assert arrivals[-1] - arrivals[0] >= (FEEDS - 1) * GAP * 0.95  # nobody skipped the queue
