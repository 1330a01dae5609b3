"""Feed parsing in worker processes.

feedparser is the heaviest CPU work of a poll (about 5 ms for a 20-entry feed) and holds the interpreter lock
while the fetch threads wait for it. In worker processes it runs beside them, on another core
(bench/poll.py measures the difference). With ``processes=0`` feeds are parsed in the calling thread.

A worker that dies (a crash in a C parser, the OOM killer) breaks the pool: the feed at hand is parsed in
the calling thread instead, and a new pool is started for the next one. A parse that runs past
``timeout_seconds`` (a pathological document; in the calling thread it would hold a poll thread forever) has
its worker killed and fails as a ``FeedError`` naming the feed, which the orchestrator records and retries
with backoff like any feed error.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool

from service.errors import FeedError
from service.models import ParsedFeed
from service.reader.feeds import parse_feed

log = logging.getLogger(__name__)


PARENT_CHECK_SECONDS = 1.0


def _init_worker() -> None:
    # Ctrl-C reaches the whole process group; the parent decides how to stop, the workers just end with it.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # A worker holds both ends of its own task queue, so it never sees end-of-file when the parent is killed
    # (kill -9, the OOM killer): without this watch it would wait for work forever, one orphan per crash.
    parent = os.getppid()
    threading.Thread(target=_exit_when_orphaned, args=(parent,), daemon=True).start()


def _exit_when_orphaned(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(PARENT_CHECK_SECONDS)
    os._exit(0)


class ParserPool:
    """``parse`` has ``parse_feed``'s signature; use as a context manager (or call ``close``)."""

    def __init__(self, processes: int, timeout_seconds: float = 60.0) -> None:
        self.processes = processes
        self.timeout_seconds = timeout_seconds
        self._pool: ProcessPoolExecutor | None = None
        self._lock = threading.Lock()
        # What runs, in a worker or (after a worker died) here; tests swap in a parse that never ends.
        self._parse: Callable[[bytes, str, str | None], ParsedFeed] = parse_feed

    def __enter__(self) -> ParserPool:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def close(self) -> None:
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)

    def parse(self, body: bytes, url: str, content_type: str | None) -> ParsedFeed:
        pool = self._running_pool()
        if pool is None:
            return self._parse(body, url, content_type)
        try:
            future = pool.submit(self._parse, body, url, content_type)
            return future.result(timeout=self.timeout_seconds)
        except BrokenProcessPool:
            log.warning("feed parser process died parsing %s: parsing it here, restarting the pool", url)
            self._discard(pool)
            return self._parse(body, url, content_type)
        except FutureTimeout:
            if future.cancel():  # never started: it waited behind a stuck one, which its own thread ends
                return self._parse(body, url, content_type)
            self._discard(pool, kill=True)
            raise FeedError(
                f"{url}: parsing took longer than {self.timeout_seconds:.0f}s (parser process restarted)"
            ) from None

    def _running_pool(self) -> ProcessPoolExecutor | None:
        """The pool, started on first use (spawned, not forked: the caller runs threads)."""
        if self.processes <= 0:
            return None
        with self._lock:
            if self._pool is None:
                self._pool = ProcessPoolExecutor(
                    max_workers=self.processes,
                    mp_context=multiprocessing.get_context("spawn"),
                    initializer=_init_worker,
                )
            return self._pool

    def _discard(self, broken: ProcessPoolExecutor, kill: bool = False) -> None:
        with self._lock:
            if self._pool is broken:
                self._pool = None
        if kill:  # a stuck worker ignores shutdown; Python 3.14 has kill_workers(), older ones need this
            for process in list(getattr(broken, "_processes", {}).values()):
                process.kill()
        broken.shutdown(wait=False, cancel_futures=True)
