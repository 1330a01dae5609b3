"""``jobs.poll_once`` with an observer: the one polling cycle that the CLI runs bare and the daemon runs with
metrics and its stop flag (``service.daemon.DaemonObserver``). Real feed server on loopback, real SQLite."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select, text
from sqlalchemy.orm import Session

from service.config import parse_settings
from service.daemon import DaemonObserver
from service.jobs import CycleObserver, poll_once, sync_configured_feeds
from service.pipeline import CycleReport, Stages
from service.reader.parse_pool import ParserPool
from service.storage import feeds as feed_store
from service.storage.db import migrate
from service.storage.schema import Feed, Item
from tests.helpers.http_server import LocalServer, Reply
from tests.test_pipeline import rss, settings_for

CEILING = 60.0  # the most a wait may take on a loaded machine, not the expected time


class Recorder(CycleObserver):
    def __init__(self, stop: bool = False) -> None:
        self.calls: list[str] = []
        self.stop = stop
        self.report: CycleReport | None = None

    def stop_requested(self) -> bool:
        return self.stop

    @contextmanager
    def cycle(self) -> Iterator[None]:
        self.calls.append("cycle")
        yield
        self.calls.append("cycle ended")

    def observe(self, stages: Stages) -> Stages:
        self.calls.append("observe")
        inner = stages.fetcher

        class Counting:
            def fetch(self_, url: str, **kwargs: object) -> object:
                self.calls.append(f"fetch {url.rsplit('/', 1)[-1]}")
                return inner.fetch(url, **kwargs)  # type: ignore[arg-type]

        return replace(stages, fetcher=Counting())  # type: ignore[arg-type]

    def finished(self, report: CycleReport) -> None:
        self.calls.append("finished")
        self.report = report


def site(server: LocalServer) -> None:
    base = server.url("")
    server.route("/local.xml", Reply(body=rss(base, ("g1", "/a/1.html", "臺北市與橫濱市簽署友好交流備忘錄"))))
    server.route("/a/1.html", Reply(status=404))


def test_the_observer_sees_the_cycle_its_stages_and_the_report(sqlite_engine: Engine, tmp_path: Path) -> None:
    with LocalServer() as server:
        site(server)
        observer = Recorder()
        with ParserPool(0) as parsers:  # the caller's parser processes, as the daemon passes its own
            report = poll_once(
                sqlite_engine, settings_for(server, tmp_path, "local"), parsers=parsers, observer=observer
            )
    assert observer.calls == [
        "cycle",
        "observe",
        "fetch local.xml",
        "fetch 1.html",
        "cycle ended",
        "finished",
    ]
    assert observer.report is report and [feed.status for feed in report.feeds] == ["ok"]


def test_a_stop_requested_before_the_cycle_claims_nothing(sqlite_engine: Engine, tmp_path: Path) -> None:
    with LocalServer() as server:
        site(server)
        observer = Recorder(stop=True)
        report = poll_once(sqlite_engine, settings_for(server, tmp_path, "local"), observer=observer)
        assert server.requests == []
    assert report.feeds == [] and report.items == {}
    assert "finished" in observer.calls


def test_the_daemon_observer_passes_its_stop_flag(sqlite_engine: Engine, tmp_path: Path) -> None:
    stopping = threading.Event()
    with LocalServer() as server:
        site(server)
        settings = settings_for(server, tmp_path, "local")
        stopping.set()
        assert poll_once(sqlite_engine, settings, observer=DaemonObserver(stopping)).feeds == []
        stopping.clear()
        report = poll_once(sqlite_engine, settings, observer=DaemonObserver(stopping))
    assert [feed.status for feed in report.feeds] == ["ok"]
    with sqlite_engine.connect() as connection:
        assert connection.scalar(select(func.count(Item.id))) == 1


@pytest.mark.postgres
def test_two_workers_syncing_the_same_new_feeds_at_once_both_succeed(
    pg_engine: Engine, tmp_path: Path
) -> None:
    """Two daemons starting together on an empty database both inserted feed0: the second failed its first
    cycle on the unique feed name ('polling cycle failed' with a traceback; the next tick recovered)."""
    migrate(pg_engine)
    settings = parse_settings(
        {"data_dir": str(tmp_path), "feeds": [{"name": "feed0", "url": "https://news.example.tw/feed0.xml"}]},
        str(tmp_path / "config.yaml"),
    )
    failures: list[BaseException] = []

    def second_worker() -> None:
        try:
            sync_configured_feeds(pg_engine, settings)
        except BaseException as exc:
            failures.append(exc)

    first = Session(pg_engine)
    try:
        feed_store.sync_feeds(first, settings.feeds, 900)  # inserted, not committed yet
        worker = threading.Thread(target=second_worker)
        worker.start()
        waiting = text(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
            " AND wait_event_type = 'Lock' AND query LIKE 'INSERT INTO feeds%'"
        )

        def blocked() -> bool:  # the second insert waits on the first one's uncommitted row
            with pg_engine.connect() as connection:
                return bool(connection.scalar(waiting))

        deadline = time.monotonic() + CEILING
        while not blocked():
            assert time.monotonic() < deadline and worker.is_alive(), failures
            time.sleep(0.05)
        first.commit()
    finally:
        first.close()
    worker.join(CEILING)
    assert not worker.is_alive() and failures == []
    with pg_engine.connect() as connection:
        assert connection.scalar(select(func.count(Feed.id))) == 1
