"""Per-host politeness held in the database, so several workers on one PostgreSQL database ask a site no
faster than one worker would (``service.reader.politeness`` asks this module through ``SharedHosts``).

* **Gap.** ``host_turns`` holds each host's next allowed start. ``reserve_start`` claims a start with one
  atomic UPDATE (``GREATEST(next_start_at, now) + gap``), so reservations from all workers line up one gap
  apart, in the database's clock; nothing is reserved when the start would fall after the caller's
  deadline.
* **Concurrency.** A request in flight holds one of ``per_host`` session-level advisory locks
  ``(hash(host), slot)``, taken with ``pg_try_advisory_lock`` on this process's own connection. A worker
  that dies loses its connection and with it its locks: nothing stays held.

On SQLite there is one daemon per database (the lock file), so the in-process limits are the whole story
and ``database_hosts`` returns None.
"""

from __future__ import annotations

import threading
import time
import zlib
from dataclasses import dataclass

from sqlalchemy import Connection, Engine, text

from service.storage.locks import is_postgres

_ENSURE = text(
    "INSERT INTO host_turns (host, next_start_at) VALUES (:host, clock_timestamp()) "
    "ON CONFLICT (host) DO NOTHING"
)
_RESERVE = text(
    """
    WITH now AS (SELECT clock_timestamp() AS at)
    UPDATE host_turns
    SET next_start_at = GREATEST(host_turns.next_start_at, now.at) + make_interval(secs => :gap)
    FROM now
    WHERE host_turns.host = :host
      AND GREATEST(host_turns.next_start_at, now.at) <= now.at + make_interval(secs => :budget)
    RETURNING EXTRACT(EPOCH FROM (host_turns.next_start_at - make_interval(secs => :gap) - now.at))
    """
)
_POLL_SECONDS = 0.02  # how often a request waiting for a host slot held by another worker asks again


@dataclass(frozen=True)
class HostSlot:
    key: int
    slot: int


def _host_key(host: str) -> int:
    """A signed 32-bit key for the host (the first half of the two-key advisory lock)."""
    value = zlib.crc32(host.lower().encode("utf-8"))
    return value - 2**32 if value >= 2**31 else value


class DatabaseHosts:
    """``service.reader.politeness.SharedHosts`` on PostgreSQL. Thread-safe: one connection, one lock."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._connection: Connection | None = None
        self._lock = threading.Lock()
        self._known: set[str] = set()  # hosts whose host_turns row exists
        self._held: set[HostSlot] = set()  # slots this process holds (its threads share one connection)

    def _conn(self) -> Connection:
        if self._connection is None:
            self._connection = self.engine.connect().execution_options(isolation_level="AUTOCOMMIT")
        return self._connection

    def reserve_start(self, host: str, gap: float, budget: float | None) -> float | None:
        """Claim the host's next start, ``gap`` seconds after the previous one (any worker's). Returns the
        seconds to wait for it, or None when it would come more than ``budget`` seconds from now."""
        room = 10 * 365 * 86400.0 if budget is None else max(0.0, budget)
        name = host.lower()
        with self._lock:
            connection = self._conn()
            if name not in self._known:
                connection.execute(_ENSURE, {"host": name})
                self._known.add(name)
            found = connection.scalar(_RESERVE, {"host": name, "gap": gap, "budget": room})
        return None if found is None else max(0.0, float(found))

    def acquire_slot(self, host: str, per_host: int, budget: float | None) -> HostSlot | None:
        """One of the host's ``per_host`` request slots, across workers; None when none freed in time."""
        key = _host_key(host)
        give_up = None if budget is None else time.monotonic() + budget
        while True:
            with self._lock:
                connection = self._conn()
                for slot in range(per_host):
                    held = HostSlot(key, slot)
                    if held in self._held:  # advisory locks are re-entrant within one connection
                        continue
                    taken = connection.scalar(
                        text("SELECT pg_try_advisory_lock(:key, :slot)"), {"key": key, "slot": slot}
                    )
                    if taken:
                        self._held.add(held)
                        return held
            if give_up is not None and time.monotonic() >= give_up:
                return None
            time.sleep(_POLL_SECONDS)

    def release_slot(self, slot: HostSlot) -> None:
        with self._lock:
            self._held.discard(slot)
            self._conn().execute(
                text("SELECT pg_advisory_unlock(:key, :slot)"), {"key": slot.key, "slot": slot.slot}
            )

    def close(self) -> None:
        with self._lock:
            if self._connection is not None:
                self._connection.close()  # ends the session: any advisory lock still held goes with it
                self._connection = None
            self._held.clear()


def database_hosts(engine: Engine) -> DatabaseHosts | None:
    """Shared per-host limits for the workers on ``engine`` (None on SQLite: one daemon per file)."""
    return DatabaseHosts(engine) if is_postgres(engine) else None
