"""What the daemon says about itself over HTTP: /healthz (liveness), /readyz (readiness, for a load balancer)
and /metrics (Prometheus), none behind a login.

``Health`` is the polling loop's record, kept by the daemon; ``health_report`` turns it, the database and
the feeds' state into the JSON both health routes answer with; ``health_routes`` serves them, given the
daemon's report as a callable (this module never imports the daemon).
"""

from __future__ import annotations

import asyncio
import logging
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, text
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from service import metrics
from service.config import Settings
from service.storage import feeds as feed_store
from service.storage.db import session_scope
from service.storage.feeds import FeedCounts

log = logging.getLogger(__name__)

HEALTH_DB_TIMEOUT_SECONDS = 5.0
MIN_POLL_AGE_LIMIT_SECONDS = 900.0
# Degraded when at least this share of the enabled feeds is failing (and at least one is).
FAILING_SHARE_DEGRADED = 0.5

# (alive, report): what /healthz and /readyz answer with (``health_report``).
HealthReport = Callable[[], tuple[bool, dict[str, Any]]]


@dataclass
class Health:
    """What /healthz reports about this process's polling loop (wall-clock seconds)."""

    started_at: float = field(default_factory=time.time)
    last_poll_ok_at: float | None = None
    poll_running_since: float | None = None
    last_poll_error: str | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def poll_started(self) -> None:
        with self._lock:
            self.poll_running_since = time.time()

    def poll_finished(self, error: str | None) -> None:
        with self._lock:
            self.poll_running_since = None
            if error is None:
                self.last_poll_ok_at = time.time()
                self.last_poll_error = None
            else:
                self.last_poll_error = error

    def poll_age(self, now: float) -> float:
        """Seconds since the polling loop last showed life: a finished cycle, else the start."""
        with self._lock:
            return now - (self.last_poll_ok_at or self.started_at)


def poll_age_limit(settings: Settings) -> float:
    """/healthz says degraded when no cycle finished for this long: 15 minutes, or 5 ticks when longer."""
    return max(MIN_POLL_AGE_LIMIT_SECONDS, 5 * settings.daemon.poll_tick_seconds)


def degradation(
    database_error: str | None,
    counts: FeedCounts | None,
    poll_age: float,
    poll_age_limit: float,
    last_poll_error: str | None,
    last_poll_ok_at: float | None,
) -> list[str]:
    """Why the daemon is degraded (empty: it is not). Pure, for /healthz and its tests."""
    problems = []
    if database_error is not None:
        problems.append(f"database unreachable: {database_error}")
    if counts is not None and counts.failing and counts.failing >= FAILING_SHARE_DEGRADED * counts.enabled:
        problems.append(f"{counts.failing} of {counts.enabled} feeds failing")
    if poll_age > poll_age_limit:
        window = "since the start" if last_poll_ok_at is None else "in the last"
        problems.append(f"no polling cycle completed {window} {poll_age:.0f}s (limit {poll_age_limit:.0f}s)")
    if last_poll_error is not None:
        problems.append(f"the last polling cycle failed: {last_poll_error}")
    return problems


def health_report(
    engine: Engine,
    settings: Settings,
    health: Health,
    scheduler_alive: bool,
    next_poll: datetime | None,
) -> tuple[bool, dict[str, Any]]:
    """(alive, report). Alive (/healthz 200) while the scheduler runs: a restart would not make failing
    feeds or an unreachable database any better. ``status`` is ``ok``, ``degraded`` (with the reasons in
    ``problems``: most feeds failing, no cycle completed within ``poll.max_age_seconds``, the last cycle
    failed, the database unreachable) or ``unhealthy`` (the scheduler is gone). ``ready`` is the readiness
    state (/readyz): the database answers and the daemon is not stopping."""
    now = time.time()
    database_error = _database_error(engine)
    counts = None if database_error else _feed_counts(engine)
    age = health.poll_age(now)
    limit = poll_age_limit(settings)
    problems = degradation(database_error, counts, age, limit, health.last_poll_error, health.last_poll_ok_at)
    alive = scheduler_alive
    running_since = health.poll_running_since
    return alive, {
        "status": "unhealthy" if not alive else "degraded" if problems else "ok",
        "ready": database_error is None and scheduler_alive,
        "problems": problems,
        "database": {"ok": database_error is None, "error": database_error},
        "scheduler": {"alive": scheduler_alive, "next_poll": _iso(next_poll) if scheduler_alive else None},
        "poll": {
            "last_success": _iso(health.last_poll_ok_at),
            "age_seconds": round(age, 1),
            "max_age_seconds": limit,
            "running_for_seconds": round(now - running_since, 1) if running_since else None,
            "last_error": health.last_poll_error,
        },
        "feeds": {"enabled": counts.enabled, "failing": counts.failing} if counts else None,
        "pid": os.getpid(),
        "started": _iso(health.started_at),
    }


def health_routes(report: HealthReport) -> list[BaseRoute]:
    """/healthz, /readyz and /metrics; ``report`` is called on a worker thread (it asks the database)."""

    async def healthz(_request: Request) -> Response:
        """Liveness: 200 while the daemon's loop is alive, even when degraded (see ``status``)."""
        alive, body = await asyncio.wait_for(run_in_threadpool(report), HEALTH_DB_TIMEOUT_SECONDS + 1)
        return JSONResponse(body, status_code=200 if alive else 503)

    async def readyz(_request: Request) -> Response:
        """Readiness, for a load balancer: 200 when this process can serve (database reachable, scheduler
        running, not shutting down), else 503."""
        _alive, body = await asyncio.wait_for(run_in_threadpool(report), HEALTH_DB_TIMEOUT_SECONDS + 1)
        return JSONResponse(body, status_code=200 if body["ready"] else 503)

    async def metrics_page(_request: Request) -> Response:
        return Response(metrics.render(), media_type=metrics.CONTENT_TYPE)

    return [Route("/healthz", healthz), Route("/readyz", readyz), Route("/metrics", metrics_page)]


def _iso(moment: float | datetime | None) -> str | None:
    if moment is None:
        return None
    if isinstance(moment, datetime):
        return moment.astimezone(UTC).isoformat(timespec="seconds")
    return datetime.fromtimestamp(moment, UTC).isoformat(timespec="seconds")


def _feed_counts(engine: Engine) -> FeedCounts | None:
    try:
        with session_scope(engine) as session:
            return feed_store.feed_counts(session)
    except Exception:  # /healthz reports what it can
        log.exception("counting failing feeds for /healthz failed")
        return None


def _database_error(engine: Engine) -> str | None:
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except Exception as exc:  # /healthz reports it rather than fail
        return f"{exc.__class__.__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"
    return None
