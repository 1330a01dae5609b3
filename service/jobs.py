"""The units of work that the CLI and the daemon run: each builds its parts and calls one orchestrator."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import replace

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError

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
    """Mirror the configured feed list into the database (new feeds are due at once). Workers starting
    together on a new database insert the same new feeds at once: the unique feed name lets one win, and
    the others, rolled back, sync again and find its rows (once is enough: a feed, once stored, stays)."""
    interval = round(settings.polling.default_interval_minutes * 60)
    try:
        with session_scope(engine) as session:
            feed_store.sync_feeds(session, settings.feeds, interval)
    except IntegrityError:
        log.info("another worker stored the same new feeds at the same moment; syncing again")
        with session_scope(engine) as session:
            feed_store.sync_feeds(session, settings.feeds, interval)


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


class CycleObserver:
    """How a caller watches a polling cycle and may cut it short. This one watches nothing (the CLI, the
    demo); the daemon's adds metrics around the cycle and its stages, and its shutdown flag."""

    def stop_requested(self) -> bool:
        """True once claimed work not yet started should be given back (checked between feeds and items)."""
        return False

    @contextmanager
    def cycle(self) -> Iterator[None]:
        """Around the whole cycle, the feed list's sync included."""
        yield

    def observe(self, stages: Stages) -> Stages:
        """The stages the cycle runs with: ``stages`` itself, or wrappers that time and count them."""
        return stages

    def finished(self, report: CycleReport) -> None:
        """After a cycle that ended normally."""


def poll_once(
    engine: Engine,
    settings: Settings,
    *,
    parsers: ParserPool | None = None,
    observer: CycleObserver | None = None,
) -> CycleReport:
    """One polling cycle over the due feeds and every pending item. ``parsers``: the caller's feed parser
    processes (the daemon keeps them for its lifetime); without them the cycle starts and stops its own."""
    observer = observer or CycleObserver()
    with observer.cycle(), ExitStack() as parts:
        sync_configured_feeds(engine, settings)
        if parsers is None:
            parsers = parts.enter_context(ParserPool(settings.polling.parse_processes))
        stages = parts.enter_context(pipeline_stages(engine, settings, parsers))
        observed = replace(observer.observe(stages), stop_requested=observer.stop_requested)
        report = run_cycle(engine, settings, observed)
    observer.finished(report)
    return report
