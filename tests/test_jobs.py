"""``jobs.poll_once`` with an observer: the one polling cycle that the CLI runs bare and the daemon runs with
metrics and its stop flag (``service.daemon.DaemonObserver``). Real feed server on loopback, real SQLite."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

from sqlalchemy import Engine, func, select

from service.daemon import DaemonObserver
from service.jobs import CycleObserver, poll_once
from service.pipeline import CycleReport, Stages
from service.reader.parse_pool import ParserPool
from service.storage.schema import Item
from tests.helpers.http_server import LocalServer, Reply
from tests.test_pipeline import rss, settings_for


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
