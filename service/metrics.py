"""Prometheus metrics: every definition in one place, and the only module that imports prometheus_client.

The metrics live in their own registry (not the library's global one), so tests and a second app in the
same process never see duplicate time series. ``render()`` gives the text exposition format for
``/metrics``. Each daemon process serves its own numbers; Prometheus sums over instances.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager

from prometheus_client import CONTENT_TYPE_LATEST as CONTENT_TYPE
from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest

REGISTRY = CollectorRegistry(auto_describe=True)

POLLS = Counter(
    "newsmon_polls",
    "Feed polls by result (ok, not_modified, error, abandoned).",
    ["status"],
    registry=REGISTRY,
)
CYCLES = Counter(
    "newsmon_poll_cycles",
    "Polling cycles (one per poll tick) by result: ok, or error when the cycle itself failed.",
    ["result"],
    registry=REGISTRY,
)
FETCH_ERRORS = Counter(
    "newsmon_fetch_errors",
    "Failed HTTP exchanges (feeds and article pages) by kind: network, http_status, too_large, ...",
    ["kind"],
    registry=REGISTRY,
)
NEW_ITEMS = Counter("newsmon_new_items", "Items stored for the first time.", registry=REGISTRY)
ITEMS = Counter(
    "newsmon_items_processed",
    "Items carried through the pipeline, by outcome (done, fetch_failed, failed, abandoned).",
    ["outcome"],
    registry=REGISTRY,
)
ITEM_OUTCOMES = Counter(
    "newsmon_item_outcomes",
    "What the stages made of the items processed (relevant, irrelevant, duplicate, kept_summary; an item"
    " may count under two).",
    ["outcome"],
    registry=REGISTRY,
)
STAGE_SECONDS = Histogram(
    "newsmon_stage_seconds",
    "Duration of pipeline stages: cycle (a whole tick), fetch (one HTTP exchange), extract, dedupe,"
    " classify.",
    ["stage"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600),
    registry=REGISTRY,
)
DIGESTS = Counter(
    "newsmon_digest_runs",
    "Digest job runs by outcome (sent, empty, already_done, busy, failed, no_recipients, skipped).",
    ["status"],
    registry=REGISTRY,
)
MAINTENANCE = Counter(
    "newsmon_maintenance_tasks",
    "Nightly maintenance tasks by task and result (ok, skipped, error).",
    ["task", "result"],
    registry=REGISTRY,
)
LAST_POLL_SUCCESS = Gauge(
    "newsmon_last_successful_poll_timestamp_seconds",
    "Unix time of the end of the last polling cycle that completed.",
    registry=REGISTRY,
)
STARTED = Gauge("newsmon_start_timestamp_seconds", "Unix time this process started.", registry=REGISTRY)


@contextmanager
def stage_timer(stage: str) -> Iterator[None]:
    """Observe the duration of the block under ``newsmon_stage_seconds{stage=...}`` (also when it raises)."""
    start = time.perf_counter()
    try:
        yield
    finally:
        STAGE_SECONDS.labels(stage=stage).observe(time.perf_counter() - start)


def render() -> bytes:
    """The current values in Prometheus' text format (serve with :data:`CONTENT_TYPE`)."""
    return generate_latest(REGISTRY)


__all__ = [
    "CONTENT_TYPE",
    "CYCLES",
    "DIGESTS",
    "FETCH_ERRORS",
    "ITEMS",
    "LAST_POLL_SUCCESS",
    "MAINTENANCE",
    "NEW_ITEMS",
    "POLLS",
    "STAGE_SECONDS",
    "STARTED",
    "render",
    "stage_timer",
]
