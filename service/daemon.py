"""``newsmon run``: the scheduler, the review UI, /healthz and /metrics in one long-running process.

    run_daemon
      WorkerPresence           SQLite: exclusive lock file <db>.lock (a second daemon refuses to start)
                               PostgreSQL: advisory locks; "alone" when no other daemon is running
                               (service.presence)
      recover_abandoned        alone: take back the leases a killed worker left (else they expire)
      HTTP thread              uvicorn: /healthz, /readyz, /metrics (service.web.health), the review UI
                               at / (daemon.web)
      scheduler                poll tick, daily digest (+ once at start), nightly maintenance, alerts;
                               the poll job is jobs.poll_once with the DaemonObserver (metrics, stop flag)
      work listener            PostgreSQL: another worker's NOTIFY starts a poll now (service.storage.notify)
      wait for SIGTERM/SIGINT  -> shutdown within daemon.shutdown_timeout_seconds, exit status 0

Crash safety rests on the layers below: every pipeline step is one transaction on leased rows, the digest
claims its day before sending, maintenance is idempotent. A kill -9 at any moment therefore loses nothing
and doubles nothing; the next start (or the lease expiry, with other workers still running) resumes it.
On shutdown the pipeline is asked to stop (claimed but unstarted work is given back); work still running
at the deadline is abandoned: its transactions roll back and its leases expire or are recovered.
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import replace
from types import FrameType
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.orm import Session
from starlette.applications import Starlette
from starlette.routing import Mount

from service import metrics
from service.config import Settings
from service.errors import FetchError
from service.jobs import CycleObserver, poll_once
from service.logs import log_context
from service.maintenance import run_maintenance
from service.models import FetchResult
from service.pipeline import CycleReport, Fetcher, ItemStage, Stages
from service.presence import WORKERS_LOCK as WORKERS_LOCK
from service.presence import WorkerPresence as WorkerPresence
from service.presence import daemon_holding as daemon_holding
from service.presence import sqlite_path as sqlite_path
from service.reader.fetcher import FEED_ACCEPT
from service.reader.parse_pool import ParserPool
from service.scheduler import POLL, JobFunctions, build_scheduler, next_run, run_now
from service.storage import leases
from service.storage.db import session_scope
from service.storage.notify import work_listener
from service.web.app import create_app
from service.web.health import Health, health_report, health_routes
from service.web.health import degradation as degradation
from service.web.health import poll_age_limit as poll_age_limit
from service.web.server import ServerThread, app_server

# The names imported "as" themselves above are re-exported: ``newsmon status`` and tests import them here.

log = logging.getLogger(__name__)

# Woken cycles start at least this far apart (or a tick apart, when ticks are shorter): every cycle loads
# the active model (seconds of CPU), and workers that keep announcing work to each other must not turn
# that into a loop. Still far sooner than the next tick (a minute by default).
WAKE_SPACING_SECONDS = 10.0


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
    for outcome, count in report.outcomes.items():
        metrics.ITEM_OUTCOMES.labels(outcome=outcome).inc(count)


class DaemonObserver(CycleObserver):
    """``jobs.poll_once`` as the daemon runs it: metrics around the cycle and its stages, and the daemon's
    shutdown flag (claimed work not yet started is given back)."""

    def __init__(self, stopping: threading.Event) -> None:
        self.stopping = stopping

    def stop_requested(self) -> bool:
        return self.stopping.is_set()

    @contextlib.contextmanager
    def cycle(self) -> Iterator[None]:
        with metrics.stage_timer("cycle"):
            yield

    def observe(self, stages: Stages) -> Stages:
        return replace(
            stages,
            fetcher=MeteredFetcher(stages.fetcher),
            dedupe=timed_stage("dedupe", stages.dedupe),
            classify=timed_stage("classify", stages.classify),
        )

    def finished(self, report: CycleReport) -> None:
        record_cycle(report)


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
        self._poll_requested = False  # moved to now, not started yet: a burst of announcements moves it once
        self._last_cycle_start = -float("inf")  # time.monotonic()
        self.wake_spacing = min(WAKE_SPACING_SECONDS, settings.daemon.poll_tick_seconds)
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
                self._polling, self._poll_again, self._poll_requested = True, False, False
            try:
                while True:
                    self._last_cycle_start = time.monotonic()
                    self._poll_cycle()
                    with self._poll_lock:  # under request_poll's lock: no announcement falls between
                        if not self._poll_again or self.stopping.is_set():
                            return
                        self._poll_again = False
                    if self.stopping.wait(self._until_wake_allowed()):
                        return
            finally:
                with self._poll_lock:
                    self._polling = False

    def request_poll(self) -> None:
        """Another worker announced work: start a cycle now (or one more after the running one), though not
        sooner than ``wake_spacing`` after the last cycle's start."""
        with self._poll_lock:
            if self._polling:
                self._poll_again = True
                return
            if self._poll_requested:
                return
            self._poll_requested = True
        delay = self._until_wake_allowed()
        if not self.stopping.is_set() and run_now(self.scheduler, POLL, delay):
            log.info(
                "work announced by another worker: polling %s", f"in {delay:.0f}s" if delay >= 0.5 else "now"
            )

    def _until_wake_allowed(self) -> float:
        """Seconds until a woken cycle may start (``wake_spacing`` after the last cycle's start)."""
        return max(0.0, self._last_cycle_start + self.wake_spacing - time.monotonic())

    def _poll_cycle(self) -> None:
        self.health.poll_started()
        try:
            report = poll_once(
                self.engine, self.settings, parsers=self.parsers, observer=DaemonObserver(self.stopping)
            )
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
        """What /healthz and /readyz say (``service.web.health.health_report``)."""
        scheduler_alive = bool(self.scheduler.running) and not self.stopping.is_set()
        next_poll = next_run(self.scheduler, POLL) if scheduler_alive else None
        return health_report(self.engine, self.settings, self.health, scheduler_alive, next_poll)

    def http_app(self) -> Starlette:
        """/healthz, /readyz and /metrics, and the review UI at / unless ``daemon.web`` is off."""
        routes = health_routes(self.health_report)
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


def _log_cycle(report: CycleReport) -> None:
    if not report.feeds and not report.items:
        return
    failing = sum(feed.status == "error" for feed in report.feeds)
    log.info(
        "cycle: %d feed(s) polled, %d new item(s), %d failing; items %s; outcomes %s",
        len(report.feeds),
        sum(feed.new_items for feed in report.feeds),
        failing,
        _counted(report.items),
        _counted(report.outcomes),
    )


def _counted(counts: dict[str, int]) -> str:
    return ", ".join(f"{count} {name}" for name, count in sorted(counts.items())) or "none"


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
