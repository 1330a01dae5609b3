"""The daemon's answer to another worker's announcement (``Daemon.request_poll``), in process: idle, the poll
job is moved to now; during a cycle, one more cycle follows at once (the announced work may have come after
this cycle's claims), however many announcements arrive meanwhile. The LISTEN/NOTIFY itself is tested on
PostgreSQL in ``test_notify.py`` and with daemon processes in ``test_daemon_notify.py``."""

from __future__ import annotations

import logging
import threading
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine

from service.config import Settings, parse_settings
from service.daemon import Daemon, WorkerPresence
from service.scheduler import POLL, next_run

CEILING = 60.0


def settings(tmp_path: Path) -> Settings:
    data = {
        "data_dir": str(tmp_path),
        "daemon": {"poll_tick_seconds": 600, "web": False},
        "feeds": [{"name": "f", "url": "https://news.example.tw/feed.xml"}],
    }
    return parse_settings(data, str(tmp_path / "config.yaml"))


class CountingDaemon(Daemon):
    """A daemon whose cycle is only counted; the first cycle waits until the test lets it end."""

    def __init__(self, settings: Settings, engine: Engine) -> None:
        super().__init__(settings, engine, WorkerPresence(str(engine.url)))
        self.cycles = 0
        self.in_first_cycle = threading.Event()
        self.end_first_cycle = threading.Event()

    def _poll_cycle(self) -> None:
        self.cycles += 1
        if self.cycles == 1:
            self.in_first_cycle.set()
            assert self.end_first_cycle.wait(CEILING)


def test_announcements_during_a_cycle_make_one_more_cycle(sqlite_engine: Engine, tmp_path: Path) -> None:
    daemon = CountingDaemon(settings(tmp_path), sqlite_engine)
    # The one more cycle waits out the spacing after the first one's start (10 s; the idle test below checks
    # it): a second here, so the test waits on the cycles, not on the spacing.
    daemon.wake_spacing = 1.0
    job = threading.Thread(target=daemon.poll_job)
    job.start()
    try:
        assert daemon.in_first_cycle.wait(CEILING)
        for _ in range(3):
            daemon.request_poll()
    finally:
        daemon.end_first_cycle.set()
        job.join(CEILING)
        daemon.parsers.close()
    assert not job.is_alive() and daemon.cycles == 2


def test_no_announcement_one_cycle_and_a_stopping_daemon_starts_none(
    sqlite_engine: Engine, tmp_path: Path
) -> None:
    daemon = CountingDaemon(settings(tmp_path), sqlite_engine)
    daemon.end_first_cycle.set()
    daemon.poll_job()
    assert daemon.cycles == 1
    daemon.stopping.set()
    daemon.request_poll()
    daemon.poll_job()
    assert daemon.cycles == 1
    daemon.parsers.close()


def test_an_announcement_while_idle_moves_the_poll_to_now(
    sqlite_engine: Engine, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    daemon = CountingDaemon(settings(tmp_path), sqlite_engine)
    daemon.end_first_cycle.set()
    daemon.scheduler.start(paused=True)  # alive, but no job runs on its own
    try:
        first = next_run(daemon.scheduler, POLL)
        daemon.poll_job()  # a cycle ran and ended: the daemon is idle
        assert first is not None  # the next tick ten minutes away, as after the first one
        daemon.scheduler.modify_job(POLL, next_run_time=first + timedelta(seconds=600))
        before = datetime.now(first.tzinfo)
        with caplog.at_level(logging.INFO, logger="service.daemon"):
            for _ in range(5):  # a burst: the poll is moved once
                daemon.request_poll()
        moved = next_run(daemon.scheduler, POLL)
        # not sooner than the spacing after the last cycle's start (it loads the model), far before the tick
        assert moved is not None and moved - before < timedelta(seconds=CEILING)
        assert moved - before > timedelta(seconds=daemon.wake_spacing - 2)
        assert len([m for m in caplog.messages if m.startswith("work announced by another worker")]) == 1
        daemon.poll_job()  # the requested cycle: the next announcement moves the poll again
        caplog.clear()
        with caplog.at_level(logging.INFO, logger="service.daemon"):
            daemon.request_poll()
        assert [m[:48] for m in caplog.messages] == ["work announced by another worker: polling in 10s"[:48]]
    finally:
        daemon.scheduler.shutdown(wait=False)
        daemon.parsers.close()
