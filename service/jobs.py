"""The units of work that the CLI and the daemon run: each builds its parts and calls one orchestrator."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine

from service.config import Settings
from service.pipeline import CycleReport, Stages, run_cycle
from service.reader.fetcher import Fetcher
from service.storage import feeds as feed_store
from service.storage.db import session_scope

log = logging.getLogger(__name__)


def sync_configured_feeds(engine: Engine, settings: Settings) -> None:
    """Mirror the configured feed list into the database (new feeds are due at once)."""
    with session_scope(engine) as session:
        feed_store.sync_feeds(session, settings.feeds, round(settings.polling.default_interval_minutes * 60))


@contextmanager
def pipeline_stages(engine: Engine, settings: Settings) -> Iterator[Stages]:
    """The pipeline's parts for this process; the fetcher's connections close when the block ends."""
    with Fetcher(settings.fetch) as fetcher:
        yield Stages(fetcher=fetcher)


def poll_once(engine: Engine, settings: Settings) -> CycleReport:
    """One polling cycle over the due feeds and every pending item."""
    sync_configured_feeds(engine, settings)
    with pipeline_stages(engine, settings) as stages:
        return run_cycle(engine, settings, stages)
