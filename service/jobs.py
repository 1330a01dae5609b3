"""The units of work that the CLI and the daemon run: each builds its parts and calls one orchestrator."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine

from service.classify import classify_stage, load_active_model
from service.config import Settings
from service.dedup.sqlindex import dedupe_stage
from service.pipeline import CycleReport, Stages, run_cycle
from service.reader.fetcher import Fetcher
from service.reader.parse_pool import ParserPool
from service.storage import feeds as feed_store
from service.storage.db import session_scope
from service.storage.hosts import database_hosts

log = logging.getLogger(__name__)


def sync_configured_feeds(engine: Engine, settings: Settings) -> None:
    """Mirror the configured feed list into the database (new feeds are due at once)."""
    with session_scope(engine) as session:
        feed_store.sync_feeds(session, settings.feeds, round(settings.polling.default_interval_minutes * 60))


@contextmanager
def pipeline_stages(engine: Engine, settings: Settings, parsers: ParserPool) -> Iterator[Stages]:
    """The pipeline's parts for one cycle: the active model (loaded once per cycle, so a retrained model
    is picked up by the next cycle), the dedup index, a fetcher whose connections close at the end, and
    the caller's feed parser processes (the daemon keeps them for its lifetime)."""
    with session_scope(engine) as session:
        model = load_active_model(session, settings)
    hosts = database_hosts(engine)  # PostgreSQL: politeness per host across every worker on the database
    try:
        with Fetcher(settings.fetch, shared_hosts=hosts) as fetcher:
            yield Stages(
                fetcher=fetcher,
                parse=parsers.parse,
                dedupe=dedupe_stage(settings.dedup, settings.tz),
                classify=classify_stage(model, settings),
            )
    finally:
        if hosts is not None:
            hosts.close()


def poll_once(engine: Engine, settings: Settings) -> CycleReport:
    """One polling cycle over the due feeds and every pending item."""
    sync_configured_feeds(engine, settings)
    with (
        ParserPool(settings.polling.parse_processes) as parsers,
        pipeline_stages(engine, settings, parsers) as stages,
    ):
        return run_cycle(engine, settings, stages)
