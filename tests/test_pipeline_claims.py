"""Several workers share a cycle's due feeds: each claims a bounded batch (``polling.claim_batch``), polls
it and claims the next, on SQLite and on PostgreSQL, against a real HTTP server on loopback."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from sqlalchemy import Engine

from service.config import Settings, parse_settings
from service.models import FetchResult
from service.pipeline import FeedReport, Stages, claim_due_feeds, poll_due_feeds
from service.reader.fetcher import FEED_ACCEPT, Fetcher
from service.storage import feeds as feed_store
from service.storage.db import session_scope
from tests.helpers.http_server import LocalServer, Reply

FEEDS = [f"f{n}" for n in range(6)]
EMPTY_FEED = b"<?xml version='1.0'?><rss version='2.0'><channel><title>t</title></channel></rss>"
RSS = {"Content-Type": "application/rss+xml"}


@pytest.fixture
def server() -> Iterator[LocalServer]:
    with LocalServer() as local:
        for name in FEEDS:
            local.route(f"/{name}.xml", Reply(body=EMPTY_FEED, headers=RSS))
        yield local


def settings_for(server: LocalServer, tmp_path: Path, claim_batch: int) -> Settings:
    return parse_settings(
        {
            "data_dir": str(tmp_path),
            "fetch": {"allow_loopback": True, "per_host_min_gap_seconds": 0, "per_host_concurrency": 8},
            "polling": {"claim_batch": claim_batch},
            "feeds": [{"name": name, "url": server.url(f"/{name}.xml")} for name in FEEDS],
        },
        str(tmp_path / "config.yaml"),
    )


def add_feeds(engine: Engine, settings: Settings) -> None:
    with session_scope(engine) as session:
        feed_store.sync_feeds(session, settings.feeds, 900)


def test_a_claim_takes_a_bounded_batch_and_the_next_claim_the_next(
    server: LocalServer, engine: Engine, tmp_path: Path
) -> None:
    add_feeds(engine, settings_for(server, tmp_path, claim_batch=4))
    batches = [[feed.name for feed in claim_due_feeds(engine, limit=4)] for _ in range(3)]
    assert [len(batch) for batch in batches] == [4, 2, 0]
    assert sorted(batches[0] + batches[1]) == FEEDS


def test_one_worker_polls_every_due_feed_once_batch_by_batch(
    server: LocalServer, engine: Engine, tmp_path: Path
) -> None:
    settings = settings_for(server, tmp_path, claim_batch=4)
    add_feeds(engine, settings)
    with Fetcher(settings.fetch) as fetcher:
        reports = poll_due_feeds(engine, settings, Stages(fetcher=fetcher))
    assert sorted(report.feed for report in reports) == FEEDS
    assert {report.status for report in reports} == {"ok"}
    assert [len(server.requests_to(f"/{name}.xml")) for name in FEEDS] == [1] * len(FEEDS)


class MeetingFetcher:
    """A real fetcher whose first fetch waits until the other worker has fetched too: a worker that took
    every due feed at its first claim would leave the other nothing, and the meeting would time out."""

    def __init__(self, inner: Fetcher, meeting: threading.Barrier) -> None:
        self.inner = inner
        self.meeting = meeting
        self.met = False

    def fetch(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        accept: str = FEED_ACCEPT,
    ) -> FetchResult:
        if not self.met:
            self.met = True
            self.meeting.wait()
        return self.inner.fetch(url, etag=etag, last_modified=last_modified, accept=accept)


def test_two_workers_share_the_due_feeds(server: LocalServer, engine: Engine, tmp_path: Path) -> None:
    settings = settings_for(server, tmp_path, claim_batch=1)
    add_feeds(engine, settings)
    meeting = threading.Barrier(2, timeout=120)  # a generous ceiling: only a worker left without work waits

    def worker() -> list[FeedReport]:
        with Fetcher(settings.fetch) as fetcher:
            return poll_due_feeds(engine, settings, Stages(fetcher=MeetingFetcher(fetcher, meeting)))

    with ThreadPoolExecutor(max_workers=2) as pool:
        first, second = (future.result() for future in [pool.submit(worker), pool.submit(worker)])
    assert first and second, "both workers polled feeds"
    assert sorted(report.feed for report in first + second) == FEEDS
    assert {report.status for report in first + second} == {"ok"}
    assert [len(server.requests_to(f"/{name}.xml")) for name in FEEDS] == [1] * len(FEEDS)
