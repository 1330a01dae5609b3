"""Feed parsing in worker processes (service.reader.parse_pool): the same result as parsing in the calling
thread, and a worker that dies costs nothing but a restart."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from service.errors import FeedError
from service.reader.feeds import parse_feed
from service.reader.parse_pool import ParserPool

REPO = Path(__file__).resolve().parents[1]
FEEDS = REPO / "tests" / "fixtures" / "feeds"
URL = "http://127.0.0.1/feed.xml"

pytestmark = pytest.mark.slow  # every test here starts parser processes


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
        pool.timeout_seconds = 120  # a new worker starting on a busy machine may take more than 1 s
        assert pool.parse(body, URL, None) == parse_feed(body, URL, None)  # a new worker


def test_workers_end_when_their_parent_is_killed(tmp_path: Path) -> None:
    """kill -9 of the daemon (or the OOM killer) must not leave parser processes behind."""
    script = (
        "import os, sys, time\n"
        "from pathlib import Path\n"
        "from service.reader.parse_pool import ParserPool\n"
        "pool = ParserPool(processes=1)\n"
        f"pool.parse(Path({str(FEEDS / 'rss20.xml')!r}).read_bytes(), 'http://127.0.0.1/f.xml', None)\n"
        "print(*pool._pool._processes, flush=True)\n"
        "time.sleep(60)\n"
    )
    command = [sys.executable, "-c", script]
    with subprocess.Popen(command, stdout=subprocess.PIPE, text=True, cwd=REPO) as parent:
        assert parent.stdout is not None
        workers = [int(pid) for pid in parent.stdout.readline().split()]
        assert workers and all(_alive(pid) for pid in workers)
        parent.kill()
    deadline = time.monotonic() + 15
    while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not any(_alive(pid) for pid in workers), f"orphaned parser processes: {workers}"


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().split(")")[-1].split()[0] != "Z"  # a zombie has ended
    except FileNotFoundError:
        return False
