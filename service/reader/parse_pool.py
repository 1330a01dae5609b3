"""Feed parsing in worker processes.

feedparser is the heaviest CPU work of a poll (about 5 ms for a 20-entry feed) and holds the interpreter lock
while the fetch threads wait for it. In worker processes it runs beside them, on another core
(bench/poll.py measures the difference). With ``processes=0`` feeds are parsed in the calling thread.

A worker that dies (a crash in a C parser, the OOM killer) breaks the pool: the feed at hand is parsed in
the calling thread instead, and a new pool is started for the next one.
"""

from __future__ import annotations

import logging
import multiprocessing
import signal
import threading
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from service.models import ParsedFeed
from service.reader.feeds import parse_feed

log = logging.getLogger(__name__)


def _ignore_interrupts() -> None:
    # Ctrl-C reaches the whole process group; the parent decides how to stop, the workers just end with it.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


class ParserPool:
    """``parse`` has ``parse_feed``'s signature; use as a context manager (or call ``close``)."""

    def __init__(self, processes: int) -> None:
        self.processes = processes
        self._pool: ProcessPoolExecutor | None = None
        self._lock = threading.Lock()

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
            return parse_feed(body, url, content_type)
        try:
            return pool.submit(parse_feed, body, url, content_type).result()
        except BrokenProcessPool:
            log.warning("feed parser process died parsing %s: parsing it here, restarting the pool", url)
            self._discard(pool)
            return parse_feed(body, url, content_type)

    def _running_pool(self) -> ProcessPoolExecutor | None:
        """The pool, started on first use (spawned, not forked: the caller runs threads)."""
        if self.processes <= 0:
            return None
        with self._lock:
            if self._pool is None:
                self._pool = ProcessPoolExecutor(
                    max_workers=self.processes,
                    mp_context=multiprocessing.get_context("spawn"),
                    initializer=_ignore_interrupts,
                )
            return self._pool

    def _discard(self, broken: ProcessPoolExecutor) -> None:
        with self._lock:
            if self._pool is broken:
                self._pool = None
        broken.shutdown(wait=False, cancel_futures=True)
