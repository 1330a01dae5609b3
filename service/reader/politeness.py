"""Per-host politeness for a thread pool of fetches.

``Politeness.slot(host)`` is held around every HTTP request (every redirect hop included):

* at most ``per_host`` requests to one host are in flight;
* two requests to the same host *start* at least ``min_gap`` seconds apart (the gap is reserved under a
  lock, so N waiting threads start at gap, 2*gap, ... rather than all at once when it expires);
* at most ``total`` requests are in flight overall. The total slot is taken *after* the host wait, so a
  thread waiting for a slow host never holds one of the global slots.

A ``deadline`` (a ``clock()`` time) bounds the whole wait: when the host's slot or its next start cannot
be had before it, ``slot`` raises ``SlotTimeout`` at once or when the deadline passes, without reserving
a start, so a thread never parks for longer than its fetch may take.

With ``shared`` (``service.storage.hosts.DatabaseHosts`` on PostgreSQL) the per-host slots and the gap
are held across every worker process on the database, not just this one's threads: three daemons ask a
site no more often, and no more at once, than one would.

``cool_down(host, seconds)`` records a host's Retry-After; the fetcher then fails further requests to that
host at once (``cooldown_remaining``) instead of asking again or parking a thread for minutes. The clock
and sleep are injectable for unit tests.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Protocol


class SharedHosts(Protocol):
    """Per-host limits shared with other worker processes (``service.storage.hosts.DatabaseHosts``):
    budgets are seconds from now (None: no limit); None back means not within the budget."""

    def acquire_slot(self, host: str, per_host: int, budget: float | None) -> object | None: ...
    def release_slot(self, slot: Any) -> None: ...
    def reserve_start(self, host: str, gap: float, budget: float | None) -> float | None: ...


class SlotTimeout(Exception):
    """The host's turn would come after the caller's deadline (``slot``'s ``deadline``)."""


@dataclass
class _Host:
    semaphore: threading.BoundedSemaphore
    next_start: float = 0.0
    cool_until: float = 0.0
    lock: threading.Lock = field(default_factory=threading.Lock)


class Politeness:
    def __init__(
        self,
        *,
        per_host: int,
        min_gap: float,
        total: int,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
        shared: SharedHosts | None = None,
    ) -> None:
        if per_host < 1 or total < 1 or min_gap < 0:
            raise ValueError("per_host and total must be >= 1, min_gap >= 0")
        self.per_host = per_host
        self.min_gap = min_gap
        self._total = threading.BoundedSemaphore(total)
        self._hosts: dict[str, _Host] = {}
        self._hosts_lock = threading.Lock()
        self._clock = clock
        self._sleep = sleep
        self.shared = shared

    def _host(self, host: str) -> _Host:
        key = host.lower()
        with self._hosts_lock:
            state = self._hosts.get(key)
            if state is None:
                state = self._hosts[key] = _Host(threading.BoundedSemaphore(self.per_host))
            return state

    def _reserve_start(self, state: _Host, deadline: float | None = None) -> float:
        """Claim the next start time for this host and return how long to wait for it (nothing is claimed
        when that start is after ``deadline``: ``SlotTimeout``)."""
        with state.lock:
            now = self._clock()
            start = max(now, state.next_start)
            if deadline is not None and start > deadline:
                raise SlotTimeout(f"the host's next turn is {start - now:.1f}s away")
            state.next_start = start + self.min_gap
            return start - now

    def _remaining(self, deadline: float | None) -> float | None:
        return None if deadline is None else max(0.0, deadline - self._clock())

    @contextmanager
    def slot(self, host: str, deadline: float | None = None) -> Iterator[None]:
        state = self._host(host)
        if not state.semaphore.acquire(timeout=self._remaining(deadline)):
            raise SlotTimeout(f"{self.per_host} request(s) to the host already in flight")
        shared_slot: object | None = None
        try:
            if self.shared is not None:  # the host's slots and gap, across every worker process
                shared_slot = self.shared.acquire_slot(host, self.per_host, self._remaining(deadline))
                if shared_slot is None:
                    raise SlotTimeout(f"{self.per_host} request(s) to the host in flight across workers")
                wait = self.shared.reserve_start(host, self.min_gap, self._remaining(deadline))
                if wait is None:
                    raise SlotTimeout("the host's next turn across workers comes after the deadline")
            else:
                wait = self._reserve_start(state, deadline)
            if wait > 0:
                self._sleep(wait)
            if not self._total.acquire(timeout=self._remaining(deadline)):
                raise SlotTimeout("every fetch slot is in use")
            try:
                yield
            finally:
                self._total.release()
        finally:
            if shared_slot is not None and self.shared is not None:
                self.shared.release_slot(shared_slot)
            state.semaphore.release()

    def cool_down(self, host: str, seconds: float) -> None:
        """Mark ``host`` as asking us to stay away for ``seconds`` (a 429/503 with Retry-After)."""
        if seconds <= 0:
            return
        state = self._host(host)
        with state.lock:
            state.cool_until = max(state.cool_until, self._clock() + seconds)

    def cooldown_remaining(self, host: str) -> float:
        """Seconds until ``host`` may be asked again (0 when it may be asked now)."""
        state = self._host(host)
        with state.lock:
            return max(0.0, state.cool_until - self._clock())
