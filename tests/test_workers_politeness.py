"""Several workers, one site (issue 16): three ``newsmon run`` daemons on one PostgreSQL database poll 300
feeds on one loopback host, and the host's request log (each request's start and end) shows the configured
gap between request starts and the configured number of requests at once, held across all three. Each
daemon alone used to allow its own ``per_host_concurrency`` and gap, so the site saw three times the rate.

The feeds are made due only once all three daemons are up and idle, so the three share them (each claims
``polling.claim_batch`` at a time); each daemon's ``/metrics`` says how many it polled."""

from __future__ import annotations

import itertools
import re
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import yaml
from helpers.http_server import LocalServer, Reply
from helpers.smtp_server import free_port
from sqlalchemy import Engine, update
from test_daemon import CEILING, DaemonProcess, daemons, launch, wait_for

from service.config import load_settings
from service.jobs import sync_configured_feeds
from service.storage.db import migrate, session_scope
from service.storage.schema import Feed

__all__ = ["daemons"]  # the fixture, shared with test_daemon

pytestmark = [pytest.mark.slow, pytest.mark.postgres]

FEEDS = 300
DAEMONS = 3
GAP = 0.15  # fetch.per_host_min_gap_seconds
AT_ONCE = 2  # fetch.per_host_concurrency
ANSWER_SECONDS = 0.4  # each answer takes this long, so a third request at once would show
WINDOW = 10  # requests in a row over which the rate is judged
ALL_POLLED_CEILING = 600.0  # 300 polls take about a minute here; a loaded machine may take far longer
EMPTY_FEED = (
    b"<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>Feed</title>"
    b"<link>https://news.example.tw/</link><description>our own test feed</description></channel></rss>"
)


def most_at_once(spans: list[tuple[float, float]]) -> int:
    """The most spans open at one moment (an end at the same moment as a start closes first)."""
    events = sorted([(start, 1) for start, _ in spans] + [(end, -1) for _, end in spans])
    current = peak = 0
    for _, step in events:
        current += step
        peak = max(peak, current)
    return peak


def write_config(folder: Path, server: LocalServer, database_url: str) -> Path:
    hour = 60.0  # every feed is polled once in the test: its next check is an hour away
    config = {
        "data_dir": str(folder / "data"),
        "timezone": "UTC",
        "database": {"url": database_url},
        "fetch": {
            "allow_loopback": True,
            "per_host_min_gap_seconds": GAP,
            "per_host_concurrency": AT_ONCE,
            "total_concurrency": 6,
            "connect_timeout_seconds": 5,
            "total_timeout_seconds": 300,
        },
        "polling": {
            "default_interval_minutes": hour,
            "min_interval_minutes": hour,
            "max_interval_minutes": hour,
            "parse_processes": 0,
            "claim_batch": 10,
        },
        "web": {"port": free_port()},
        "daemon": {"poll_tick_seconds": 1, "shutdown_timeout_seconds": 8, "web": False},
        "logging": {"level": "INFO", "json": True},
        "feeds": [{"name": f"f{n}", "url": server.url(f"/f{n}.xml")} for n in range(FEEDS)],
    }
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "config.yaml"
    path.write_text(yaml.safe_dump(config), encoding="utf-8")
    return path


def polls_counted(worker: DaemonProcess) -> int:
    """The feeds this daemon polled, from its own /metrics (``newsmon_polls_total``, every status)."""
    status, body = worker.get("/metrics")
    assert status == 200
    found = re.findall(r'^newsmon_polls_total\{status="[a-z_]+"\} ([0-9.e+]+)$', body.decode(), re.MULTILINE)
    return round(sum(float(value) for value in found))


def test_three_daemons_keep_one_gap_and_one_concurrency_per_host(
    pg_server_url: str, pg_engine: Engine, tmp_path: Path, daemons: list[DaemonProcess]
) -> None:
    with LocalServer() as server:
        for n in range(FEEDS):
            server.route(f"/f{n}.xml", Reply(body=EMPTY_FEED, delay=ANSWER_SECONDS))
        configs = [write_config(tmp_path / f"w{n}", server, pg_server_url) for n in range(DAEMONS)]
        # The feeds exist before any daemon starts, due in a day: the daemons start idle.
        migrate(pg_engine)
        sync_configured_feeds(pg_engine, load_settings(configs[0]))
        with session_scope(pg_engine) as session:
            session.execute(update(Feed).values(next_check_at=datetime.now(UTC) + timedelta(days=1)))
        workers = [launch(daemons, config, f"w{n}") for n, config in enumerate(configs)]
        for worker in workers:
            worker.wait_healthy()  # a first (empty) cycle done: up, idle, ticking every second
        assert server.requests == []

        started = time.monotonic()
        with session_scope(pg_engine) as session:
            session.execute(update(Feed).values(next_check_at=datetime.now(UTC)))
        wait_for(
            lambda: len({request.path for request in server.requests}) == FEEDS,
            ALL_POLLED_CEILING,
            "every feed polled",
            lambda: f"{len(server.requests)} requests\n" + workers[0].log_text()[-3000:],
        )
        wait_for(
            lambda: sum(polls_counted(worker) for worker in workers) >= FEEDS, CEILING, "every poll recorded"
        )
        elapsed = time.monotonic() - started
        polled = [polls_counted(worker) for worker in workers]
        for worker in workers:
            assert worker.terminate()[0] == 0, worker.log_text()
        requests = sorted(server.requests, key=lambda request: request.arrived)

    assert sorted(request.path for request in requests) == sorted(f"/f{n}.xml" for n in range(FEEDS))
    assert sum(polled) == FEEDS and all(count > 0 for count in polled), polled  # all three took part
    arrivals = [request.arrived for request in requests]
    gaps = [b - a for a, b in itertools.pairwise(arrivals)]
    # Starts are reserved one gap apart in the database's clock, but a request can reach the server late
    # (a busy machine wakes its thread late), so one pair may arrive close together. What the site sees
    # over any ten requests in a row is the rate: at least nine gaps (less a margin for that lag).
    windows = [arrivals[i + WINDOW - 1] - arrivals[i] for i in range(len(arrivals) - WINDOW + 1)]
    at_once = most_at_once([(request.arrived, request.finished) for request in requests])
    print(
        f"\n{DAEMONS} daemons, {FEEDS} feeds on one host in {elapsed:.1f}s (polled {polled}): gap between"
        f" starts median {sorted(gaps)[len(gaps) // 2]:.3f}s, smallest {min(gaps):.3f}s (configured {GAP}s);"
        f" shortest span of {WINDOW} requests {min(windows):.2f}s (configured {(WINDOW - 1) * GAP:.2f}s);"
        f" most at once {at_once} (configured {AT_ONCE})"
    )
    assert at_once <= AT_ONCE
    assert min(windows) >= (WINDOW - 1) * GAP * 0.8
    assert arrivals[-1] - arrivals[0] >= (FEEDS - 1) * GAP * 0.95  # nobody skipped the queue
