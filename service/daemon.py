"""``newsmon run``: the scheduler, the review UI, /healthz and /metrics in one long-running process.

    Daemon.run
      WorkerPresence.acquire   SQLite: exclusive lock file <db>.lock (a second daemon refuses to start)
                               PostgreSQL: advisory locks; "alone" when no other daemon is running
      recover_abandoned        alone: take back the leases a killed worker left (else they expire)
      HTTP thread              uvicorn: /healthz, /readyz, /metrics, the review UI at / (daemon.web)
      scheduler                poll tick, daily digest (+ once at start), nightly maintenance, alerts
      wait for SIGTERM/SIGINT  -> shutdown within daemon.shutdown_timeout_seconds, exit status 0

Crash safety rests on the layers below: every pipeline step is one transaction on leased rows, the digest
claims its day before sending, maintenance is idempotent. A kill -9 at any moment therefore loses nothing
and doubles nothing; the next start (or the lease expiry, with other workers still running) resumes it.
On shutdown the pipeline is asked to stop (claimed but unstarted work is given back); work still running
at the deadline is abandoned: its transactions roll back and its leases expire or are recovered.
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import logging
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from types import FrameType
from typing import IO, Any

from sqlalchemy import Connection, Engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Mount, Route

from service import metrics
from service.config import Settings
from service.errors import FetchError, StorageError
from service.jobs import pipeline_stages, sync_configured_feeds
from service.logs import log_context
from service.maintenance import run_maintenance
from service.models import FetchResult
from service.pipeline import CycleReport, Fetcher, ItemStage, run_cycle
from service.reader.fetcher import FEED_ACCEPT
from service.reader.parse_pool import ParserPool
from service.scheduler import POLL, JobFunctions, build_scheduler, next_run, run_now
from service.storage import feeds as feed_store
from service.storage import leases, locks
from service.storage.db import session_scope
from service.storage.feeds import FeedCounts
from service.storage.notify import work_listener
from service.web.app import create_app
from service.web.server import ServerThread, app_server

log = logging.getLogger(__name__)

HEALTH_DB_TIMEOUT_SECONDS = 5.0
MIN_POLL_AGE_LIMIT_SECONDS = 900.0


# --- one daemon per SQLite file; who is alone on PostgreSQL ---------------------------------------------


def sqlite_path(database_url: str) -> Path | None:
    """The database file of a SQLite URL (None for PostgreSQL or an in-memory database)."""
    url = make_url(database_url)
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return None
    return Path(url.database).resolve()


def lock_path(database: Path) -> Path:
    return database.with_name(database.name + ".lock")


class DaemonFileLock:
    """An exclusive ``flock`` on ``<db>.lock``, held while the daemon runs. The kernel drops it when the
    process ends however it ends (kill -9 included), so a stale file never blocks a restart."""

    def __init__(self, database: Path) -> None:
        self.path = lock_path(database)
        self._file: IO[str] | None = None

    def acquire(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(self.path, "a+", encoding="utf-8")  # noqa: SIM115 - held open for the daemon's life
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            handle.seek(0)
            holder = handle.read().strip() or "unknown"
            handle.close()
            raise StorageError(
                f"{self.path.with_suffix('')}: another newsmon daemon (pid {holder}) is already running on "
                f"this SQLite database (lock file {self.path}); stop it first, or use PostgreSQL to run "
                "several workers"
            ) from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()}\n")
        handle.flush()
        self._file = handle

    def release(self) -> None:
        if self._file is not None:
            with contextlib.suppress(OSError):
                self._file.truncate(0)
            self._file.close()  # closing drops the flock
            self._file = None


def daemon_holding(database: Path) -> int | None:
    """The pid of the daemon running on a SQLite file, or None (for ``newsmon status``)."""
    path = lock_path(database)
    if not path.exists():
        return None
    with open(path, encoding="utf-8") as handle:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_SH | fcntl.LOCK_NB)
        except OSError:
            text_pid = handle.read().strip()
            return int(text_pid) if text_pid.isdigit() else -1
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
    return None


WORKERS_LOCK = "daemon-workers"


class WorkerPresence:
    """Which workers run on this database. On SQLite: the lock file (one daemon only). On PostgreSQL every
    daemon holds a shared advisory lock for its life; a starting daemon that can take it exclusively is
    alone, so the leases in the database belong to dead workers and can be taken back at once."""

    def __init__(self, database_url: str) -> None:
        self.database_url = database_url
        self.alone = False
        self._file_lock: DaemonFileLock | None = None
        self._connection: Connection | None = None

    def acquire_file_lock(self) -> None:
        """Before anything touches the database: refuse a second daemon on the same SQLite file."""
        database = sqlite_path(self.database_url)
        if database is not None:
            self._file_lock = DaemonFileLock(database)
            self._file_lock.acquire()
            self.alone = True

    def join(self, engine: Engine) -> None:
        """Register with the other workers (PostgreSQL) and learn whether this one is alone."""
        if not locks.is_postgres(engine):
            return
        connection = engine.connect()
        self.alone = locks.try_lock(connection, WORKERS_LOCK)
        locks.lock(connection, WORKERS_LOCK, shared=True)  # waits while another starter holds it alone
        if self.alone:
            locks.unlock(connection, WORKERS_LOCK)
        self._connection = connection

    def release(self) -> None:
        if self._connection is not None:
            with contextlib.suppress(Exception):
                self._connection.close()
            self._connection = None
        if self._file_lock is not None:
            self._file_lock.release()
            self._file_lock = None


# --- health ----------------------------------------------------------------------------------------------


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


def _iso(moment: float | datetime | None) -> str | None:
    if moment is None:
        return None
    if isinstance(moment, datetime):
        return moment.astimezone(UTC).isoformat(timespec="seconds")
    return datetime.fromtimestamp(moment, UTC).isoformat(timespec="seconds")


# --- the poll job, observed ------------------------------------------------------------------------------


class MeteredFetcher:
    """The pipeline's fetcher, timed and with failures counted by kind (feeds and pages alike)."""

    def __init__(self, inner: Fetcher) -> None:
        self.inner = inner

    def fetch(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        accept: str = FEED_ACCEPT,
    ) -> FetchResult:
        with metrics.stage_timer("fetch"):
            try:
                return self.inner.fetch(url, etag=etag, last_modified=last_modified, accept=accept)
            except FetchError as exc:
                metrics.FETCH_ERRORS.labels(kind=exc.kind).inc()
                raise


def timed_stage(name: str, stage: ItemStage | None) -> ItemStage | None:
    if stage is None:
        return None

    def timed(session: Session, item_id: int) -> object:
        with metrics.stage_timer(name):
            return stage(session, item_id)

    return timed


def record_cycle(report: CycleReport) -> None:
    for feed in report.feeds:
        metrics.POLLS.labels(status=feed.status).inc()
        metrics.NEW_ITEMS.inc(feed.new_items)
    for outcome, count in report.items.items():
        metrics.ITEMS.labels(outcome=outcome).inc(count)


def observed_poll(
    engine: Engine, settings: Settings, parsers: ParserPool, stop_requested: Callable[[], bool]
) -> CycleReport:
    """``jobs.poll_once`` with metrics, a stop flag and the daemon's long-lived parser processes."""
    with metrics.stage_timer("cycle"):
        sync_configured_feeds(engine, settings)
        with pipeline_stages(engine, settings, parsers) as stages:
            observed = replace(
                stages,
                fetcher=MeteredFetcher(stages.fetcher),
                dedupe=timed_stage("dedupe", stages.dedupe),
                classify=timed_stage("classify", stages.classify),
                stop_requested=stop_requested,
            )
            report = run_cycle(engine, settings, observed)
    record_cycle(report)
    return report


# --- HTTP: /healthz, /metrics, the review UI -------------------------------------------------------------


# --- the daemon ------------------------------------------------------------------------------------------


class Daemon:
    def __init__(self, settings: Settings, engine: Engine, presence: WorkerPresence) -> None:
        self.settings = settings
        self.engine = engine
        self.presence = presence
        self.health = Health()
        self.stopping = threading.Event()  # set on SIGTERM/SIGINT: no new work
        self._wake = threading.Event()
        self._running: dict[str, float] = {}
        self._running_lock = threading.Lock()
        # Work announced by another worker (PostgreSQL LISTEN/NOTIFY) starts a cycle now, or one more right
        # after the running one; the poll tick stays the fallback.
        self._poll_lock = threading.Lock()
        self._polling = False
        self._poll_again = False
        self.listener = work_listener(engine, self.request_poll)
        self.scheduler = build_scheduler(
            settings,
            JobFunctions(
                poll=self.poll_job,
                digest=self.digest_job,
                maintenance=self.maintenance_job,
                alerts=self.alerts_job,
            ),
        )
        self.http: ServerThread | None = None
        self.parsers = ParserPool(settings.polling.parse_processes)  # started at the first changed feed
        self.exit_code = 0

    # jobs -----------------------------------------------------------------------------------------------

    @contextlib.contextmanager
    def _job(self, name: str) -> Iterator[bool]:
        """Marks a job as running (shutdown waits for it); yields False when shutting down."""
        if self.stopping.is_set():
            yield False
            return
        with self._running_lock:
            self._running[name] = time.time()
        try:
            with log_context(job=name):
                yield True
        finally:
            with self._running_lock:
                self._running.pop(name, None)

    def poll_job(self) -> None:
        with self._job("poll") as go:
            if not go:
                return
            with self._poll_lock:
                self._polling, self._poll_again = True, False
            try:
                while True:
                    self._poll_cycle()
                    with self._poll_lock:  # under request_poll's lock: no announcement falls between
                        if not self._poll_again or self.stopping.is_set():
                            return
                        self._poll_again = False
            finally:
                with self._poll_lock:
                    self._polling = False

    def request_poll(self) -> None:
        """Another worker announced work: start a cycle now (or one more right after the running one)."""
        with self._poll_lock:
            if self._polling:
                self._poll_again = True
                return
        if not self.stopping.is_set() and run_now(self.scheduler, POLL):
            log.info("work announced by another worker: polling now")

    def _poll_cycle(self) -> None:
        self.health.poll_started()
        try:
            report = observed_poll(self.engine, self.settings, self.parsers, self.stopping.is_set)
        except Exception as exc:  # the next tick tries again; /healthz shows the failure meanwhile
            log.exception("polling cycle failed")
            metrics.CYCLES.labels(result="error").inc()
            self.health.poll_finished(f"{exc.__class__.__name__}: {exc}")
            return
        metrics.CYCLES.labels(result="ok").inc()
        metrics.LAST_POLL_SUCCESS.set(time.time())
        self.health.poll_finished(None)
        _log_cycle(report)

    def digest_job(self) -> None:
        with self._job("digest") as go:
            if not go:
                return
            from service.digest.job import run_digest

            outcome = run_digest(self.engine, self.settings)
            metrics.DIGESTS.labels(status=outcome.status).inc()
            log.info("%s", outcome.describe(self.settings.tz))  # the window in local time

    def alerts_job(self) -> None:
        with self._job("alerts") as go:
            if not go:
                return
            from service.alerts.job import send_alerts

            try:
                send_alerts(self.engine, self.settings, stop_requested=self.stopping.is_set)
            except Exception:  # the next tick tries again; what was claimed is recovered by its lease
                log.exception("alerts job failed")

    def maintenance_job(self) -> None:
        with self._job("maintenance") as go:
            if go:
                run_maintenance(self.engine, self.settings)

    # health ---------------------------------------------------------------------------------------------

    def health_report(self) -> tuple[bool, dict[str, Any]]:
        """(alive, report). Alive (/healthz 200) while the scheduler runs: a restart would not make failing
        feeds or an unreachable database any better. ``status`` is ``ok``, ``degraded`` (with the reasons
        in ``problems``: most feeds failing, no cycle completed within ``poll.max_age_seconds``, the last
        cycle failed, the database unreachable) or ``unhealthy`` (the scheduler is gone). ``ready`` is
        the readiness state (/readyz): the database answers and the daemon is not stopping."""
        now = time.time()
        database_error = _database_error(self.engine)
        counts = None if database_error else _feed_counts(self.engine)
        scheduler_alive = bool(self.scheduler.running) and not self.stopping.is_set()
        age = self.health.poll_age(now)
        limit = poll_age_limit(self.settings)
        problems = degradation(
            database_error, counts, age, limit, self.health.last_poll_error, self.health.last_poll_ok_at
        )
        alive = scheduler_alive
        running_since = self.health.poll_running_since
        return alive, {
            "status": "unhealthy" if not alive else "degraded" if problems else "ok",
            "ready": database_error is None and scheduler_alive,
            "problems": problems,
            "database": {"ok": database_error is None, "error": database_error},
            "scheduler": {
                "alive": scheduler_alive,
                "next_poll": _iso(next_run(self.scheduler, POLL)) if scheduler_alive else None,
            },
            "poll": {
                "last_success": _iso(self.health.last_poll_ok_at),
                "age_seconds": round(age, 1),
                "max_age_seconds": limit,
                "running_for_seconds": round(now - running_since, 1) if running_since else None,
                "last_error": self.health.last_poll_error,
            },
            "feeds": {"enabled": counts.enabled, "failing": counts.failing} if counts else None,
            "pid": os.getpid(),
            "started": _iso(self.health.started_at),
        }

    def http_app(self) -> Starlette:
        async def healthz(_request: Request) -> Response:
            """Liveness: 200 while the daemon's loop is alive, even when degraded (see ``status``)."""
            alive, body = await asyncio.wait_for(
                run_in_threadpool(self.health_report), HEALTH_DB_TIMEOUT_SECONDS + 1
            )
            return JSONResponse(body, status_code=200 if alive else 503)

        async def readyz(_request: Request) -> Response:
            """Readiness, for a load balancer: 200 when this process can serve (database reachable,
            scheduler running, not shutting down), else 503."""
            _alive, body = await asyncio.wait_for(
                run_in_threadpool(self.health_report), HEALTH_DB_TIMEOUT_SECONDS + 1
            )
            return JSONResponse(body, status_code=200 if body["ready"] else 503)

        async def metrics_page(_request: Request) -> Response:
            return Response(metrics.render(), media_type=metrics.CONTENT_TYPE)

        routes: list[BaseRoute] = [
            Route("/healthz", healthz),
            Route("/readyz", readyz),
            Route("/metrics", metrics_page),
        ]
        if self.settings.daemon.web:
            routes.append(Mount("/", app=create_app(self.settings, self.engine, host=self.settings.web.host)))
        return Starlette(routes=routes)

    # life cycle -----------------------------------------------------------------------------------------

    def start(self, port: int | None = None) -> None:
        metrics.STARTED.set(time.time())
        if self.presence.alone:
            with session_scope(self.engine) as session:
                recovered = leases.recover_abandoned(session)
            if recovered.feeds or recovered.items:
                log.info(
                    "took back work left by a stopped worker: %d feed(s), %d item(s)",
                    recovered.feeds,
                    recovered.items,
                )
        web = self.settings.web
        self.http = ServerThread(
            app_server(
                self.http_app(),
                web.host,
                web.port if port is None else port,
                graceful_shutdown_seconds=2,
                trusted_proxies=web.trusted_proxies,
            )
        )
        self.http.start()
        self.scheduler.start()
        if self.listener is not None:
            self.listener.start()
        log.info(
            "newsmon daemon running (pid %d): http://%s:%d/ (healthz, metrics%s), poll every %gs,"
            " digest at %s, maintenance at %s (%s)",
            os.getpid(),
            web.host,
            self.http.port,
            ", review UI" if self.settings.daemon.web else "",
            self.settings.daemon.poll_tick_seconds,
            self.settings.digest.time.strftime("%H:%M"),
            self.settings.daemon.maintenance_time.strftime("%H:%M"),
            self.settings.timezone,
        )

    def request_stop(self, reason: str) -> None:
        if self.stopping.is_set():
            return
        log.info("stopping (%s)", reason)
        self.stopping.set()
        self._wake.set()

    def wait(self) -> None:
        """Block until a stop is requested (or the HTTP thread dies, which is an error)."""
        while not self._wake.wait(0.5):
            if self.http is not None and not self.http.alive():
                log.error("the HTTP server stopped unexpectedly; shutting down")
                self.exit_code = 1
                self.request_stop("HTTP server died")

    def shutdown(self) -> bool:
        """Stop within daemon.shutdown_timeout_seconds. Returns False when a job had to be abandoned."""
        deadline = time.monotonic() + self.settings.daemon.shutdown_timeout_seconds
        self.stopping.set()
        with contextlib.suppress(Exception):
            self.scheduler.shutdown(wait=False)
        if self.listener is not None:
            self.listener.stop()
        reserve = min(2.0, self.settings.daemon.shutdown_timeout_seconds / 4)
        while self._running and time.monotonic() < deadline - reserve:
            time.sleep(0.05)
        with self._running_lock:
            abandoned = sorted(self._running)
        if self.http is not None:
            self.http.stop(min(1.5, deadline - time.monotonic()))
        self.presence.release()
        if abandoned:
            log.warning(
                "shutdown timeout: abandoning the running %s job(s); their transactions roll back and their"
                " leases are taken back at the next start",
                ", ".join(abandoned),
            )
            return False
        self.parsers.close()
        log.info("stopped cleanly")
        return True


# Degraded when at least this share of the enabled feeds is failing (and at least one is).
FAILING_SHARE_DEGRADED = 0.5


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


def _log_cycle(report: CycleReport) -> None:
    if not report.feeds and not report.items:
        return
    failing = sum(feed.status == "error" for feed in report.feeds)
    log.info(
        "cycle: %d feed(s) polled, %d new item(s), %d failing; items %s",
        len(report.feeds),
        sum(feed.new_items for feed in report.feeds),
        failing,
        ", ".join(f"{count} {outcome}" for outcome, count in sorted(report.items.items())) or "none",
    )


def install_signal_handlers(daemon: Daemon) -> None:
    def handle(signum: int, _frame: FrameType | None) -> None:
        name = signal.Signals(signum).name
        if daemon.stopping.is_set():  # a second signal: the operator wants out now; all work is safe
            log.warning("%s again: exiting at once", name)
            _hard_exit(0)
        daemon.request_stop(name)

    signal.signal(signal.SIGTERM, handle)
    signal.signal(signal.SIGINT, handle)


def _hard_exit(code: int) -> None:
    """Leave without waiting for worker threads (an abandoned fetch may take its full timeout)."""
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def run_daemon(settings: Settings, presence: WorkerPresence, engine: Engine, port: int | None = None) -> int:
    """Run until SIGTERM/SIGINT; returns the exit status. ``presence`` already holds the SQLite lock."""
    presence.join(engine)
    daemon = Daemon(settings, engine, presence)
    install_signal_handlers(daemon)
    try:
        daemon.start(port)
    except BaseException:
        daemon.stopping.set()
        with contextlib.suppress(Exception):
            daemon.scheduler.shutdown(wait=False)
        presence.release()
        raise
    daemon.wait()
    if not daemon.shutdown():
        _hard_exit(daemon.exit_code)
    return daemon.exit_code
