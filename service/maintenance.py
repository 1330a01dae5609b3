"""The nightly maintenance job: one function per task, each safe to run at any time and more than once.

    run_maintenance
      prune_raw_pages          raw page bytes older than daemon.raw_page_retention_days dropped
      prune_dedup_index        near-duplicate index rows older than dedup.window_days deleted
      optimize_database        PRAGMA optimize (SQLite) / ANALYZE (PostgreSQL)
      retrain_if_new_labels    retrain the classifier when reviewers labelled items since the newest model

With several workers on PostgreSQL, the whole job runs under an advisory lock: the first worker does it,
the others find the lock taken and skip. A failing task is logged and counted; the next task still runs.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from service import metrics
from service.config import Settings
from service.logs import log_context
from service.storage import upkeep
from service.storage.db import session_scope
from service.storage.locks import exclusive

log = logging.getLogger(__name__)

Retrainer = Callable[[Engine, Settings], Any]
BandPruner = Callable[[Session, datetime], int]


@dataclass
class MaintenanceReport:
    """Task name -> what it did (a short sentence), and the tasks that failed."""

    done: dict[str, str] = field(default_factory=dict)
    failed: dict[str, str] = field(default_factory=dict)
    skipped: bool = False  # another worker holds the maintenance lock

    def describe(self) -> str:
        if self.skipped:
            return "maintenance: skipped, another worker is running it"
        parts = [f"{task}: {what}" for task, what in self.done.items()]
        parts += [f"{task} FAILED: {why}" for task, why in self.failed.items()]
        return "maintenance: " + "; ".join(parts)


def prune_raw_pages(engine: Engine, settings: Settings, now: datetime | None = None) -> str:
    """Drop raw page bytes older than the retention (0 keeps them forever)."""
    days = settings.daemon.raw_page_retention_days
    if days == 0:
        return "kept (raw_page_retention_days is 0)"
    before = (now or datetime.now(UTC)) - timedelta(days=days)
    with session_scope(engine) as session:
        dropped = upkeep.drop_raw_pages_before(session, before)
    return f"dropped {dropped} raw page(s) fetched before {before:%Y-%m-%d}"


def _band_pruner() -> BandPruner | None:
    """The dedup stage's index pruning, once it exists.

    Hook: ``service.storage.clusters.delete_expired_bands(session, before) -> rows deleted``."""
    try:
        from service.storage import clusters
    except ImportError:
        return None
    found = getattr(clusters, "delete_expired_bands", None)
    return found if callable(found) else None


def prune_dedup_index(engine: Engine, settings: Settings, now: datetime | None = None) -> str:
    """Forget near-duplicate index entries older than the dedup window (later copies start new stories)."""
    pruner = _band_pruner()
    if pruner is None:
        return "not available (the dedup stage has no index pruning)"
    before = (now or datetime.now(UTC)) - timedelta(days=settings.dedup.window_days)
    with session_scope(engine) as session:
        deleted = pruner(session, before)
    return f"deleted {deleted} index row(s) older than {settings.dedup.window_days} days"


def optimize_database(engine: Engine, settings: Settings, now: datetime | None = None) -> str:
    """Refresh the query planner's statistics."""
    with session_scope(engine) as session:
        statement = upkeep.refresh_statistics(session)
    return f"ran {statement}"


def _retrainer() -> Retrainer | None:
    """The classification stage's retraining, once it exists (hook: ``service.classify.retrain_from_reviews``,
    the same entry point the review UI's retrain button uses)."""
    try:
        from service import classify  # type: ignore[attr-defined,unused-ignore]
    except ImportError:
        return None
    found = getattr(classify, "retrain_from_reviews", None)
    return found if callable(found) else None


def retrain_if_new_labels(
    engine: Engine, settings: Settings, now: datetime | None = None, retrainer: Retrainer | None = None
) -> str:
    """Retrain when reviewers added labels since the newest model version (and the config allows it)."""
    if not settings.daemon.retrain_on_new_labels:
        return "off (daemon.retrain_on_new_labels is false)"
    with session_scope(engine) as session:
        since = upkeep.newest_model_time(session)
        new_labels = upkeep.labels_since(session, since)
    if new_labels == 0:
        return "no new labels since the newest model"
    train = retrainer or _retrainer()
    if train is None:
        return f"{new_labels} new label(s), but the classification stage has no retrain function yet"
    result = train(engine, settings)
    describe = getattr(result, "message", None) or str(result)
    return f"{new_labels} new label(s): {describe}"


Task = Callable[[Engine, Settings, datetime | None], str]
TASKS: list[tuple[str, Task]] = [
    ("raw_pages", prune_raw_pages),
    ("dedup_index", prune_dedup_index),
    ("optimize", optimize_database),
    ("retrain", retrain_if_new_labels),
]


def run_maintenance(engine: Engine, settings: Settings, now: datetime | None = None) -> MaintenanceReport:
    """Every maintenance task in turn; on PostgreSQL only one worker at a time runs them."""
    report = MaintenanceReport()
    with log_context(job="maintenance"), exclusive(engine, "maintenance") as mine:
        if not mine:
            report.skipped = True
            metrics.MAINTENANCE.labels(task="all", result="skipped").inc()
            log.info("%s", report.describe())
            return report
        for name, task in TASKS:
            try:
                report.done[name] = task(engine, settings, now)
                metrics.MAINTENANCE.labels(task=name, result="ok").inc()
            except Exception as exc:  # one failing task must not stop the others
                log.exception("maintenance task %s failed", name)
                report.failed[name] = f"{exc.__class__.__name__}: {exc}"
                metrics.MAINTENANCE.labels(task=name, result="error").inc()
    log.info("%s", report.describe())
    return report
