"""Feed parsing in worker processes (service.reader.parse_pool): the same result as parsing in the calling
thread, and a worker that dies costs nothing but a restart."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest

from service.errors import FeedError
from service.reader.feeds import parse_feed
from service.reader.parse_pool import ParserPool

FEEDS = Path(__file__).resolve().parent / "fixtures" / "feeds"
URL = "http://127.0.0.1/feed.xml"


def test_a_worker_process_parses_like_the_calling_thread() -> None:
    with ParserPool(processes=1) as pool:
        for name in ("rss20.xml", "atom.xml", "rdf.xml", "bozo.xml", "zh_template.xml"):
            body = (FEEDS / name).read_bytes()
            assert pool.parse(body, URL, "application/xml") == parse_feed(body, URL, "application/xml"), name


def test_no_processes_parses_in_the_calling_thread() -> None:
    body = (FEEDS / "rss20.xml").read_bytes()
    with ParserPool(processes=0) as pool:
        assert pool.parse(body, URL, None) == parse_feed(body, URL, None)
        assert pool._pool is None


def test_a_dead_worker_is_replaced_and_the_feed_still_parsed(caplog: pytest.LogCaptureFixture) -> None:
    body = (FEEDS / "rss20.xml").read_bytes()
    expected = parse_feed(body, URL, None)
    with ParserPool(processes=1) as pool:
        assert pool.parse(body, URL, None) == expected
        first = pool._pool
        assert first is not None
        for pid in list(first._processes):  # as the OOM killer would
            os.kill(pid, signal.SIGKILL)
        assert pool.parse(body, URL, None) == expected  # parsed here while the pool is replaced
        assert pool.parse(body, URL, None) == expected  # and by a new worker
        assert pool._pool is not None and pool._pool is not first
    assert "feed parser process died parsing http://127.0.0.1/feed.xml" in caplog.text


def _stuck_parse(body: bytes, url: str, content_type: str | None) -> object:
    time.sleep(60)  # a document the parser never finishes
    raise AssertionError("unreachable")


def test_a_stuck_parse_fails_as_the_feeds_error_and_its_worker_is_killed() -> None:
    body = (FEEDS / "rss20.xml").read_bytes()
    with ParserPool(processes=1, timeout_seconds=1) as pool:
        pool._parse = _stuck_parse  # type: ignore[assignment]
        started = time.monotonic()
        with pytest.raises(FeedError, match=r"http://127.0.0.1/feed.xml: parsing took longer than 1s"):
            pool.parse(body, URL, None)
        assert time.monotonic() - started < 20  # the worker was killed, not waited for
        pool._parse = parse_feed
        assert pool.parse(body, URL, None) == parse_feed(body, URL, None)  # a new worker
