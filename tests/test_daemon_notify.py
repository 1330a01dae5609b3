"""A daemon idle between ticks wakes when another worker announces work (PostgreSQL LISTEN/NOTIFY): its
poll tick is ten minutes, so an item handled within the test's ceiling was started by the notification."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from helpers.http_server import LocalServer
from sqlalchemy import Engine, select
from test_daemon import CEILING, DaemonProcess, NewsSite, all_done, daemons, launch, wait_for, write_config

from service.models import FeedEntry
from service.storage import items as item_store
from service.storage.db import session_scope
from service.storage.schema import Feed, Item

__all__ = ["daemons"]  # the fixture, shared with test_daemon

pytestmark = [pytest.mark.slow, pytest.mark.postgres]

TICK_SECONDS = 600  # the fallback poll: far beyond CEILING, so only a notification explains a cycle


def test_an_idle_daemon_wakes_when_another_worker_stores_new_items(
    pg_server_url: str, pg_engine: Engine, tmp_path: Path, daemons: list[DaemonProcess]
) -> None:
    with LocalServer() as server:
        site = NewsSite(server, feeds=1, start_entries=1)
        config = write_config(
            tmp_path,
            site,
            database_url=pg_server_url,
            poll_tick_seconds=TICK_SECONDS,
            misfire_grace_seconds=TICK_SECONDS,
        )
        daemon = launch(daemons, config)
        daemon.wait_healthy()  # the first cycle, at start, is done: the daemon now idles for ten minutes
        wait_for(all_done(pg_engine, 1), CEILING, "the first item done")
        assert "work announced by another worker" not in daemon.log_text()

        # Another worker stores a new entry (as its poll would) and commits: the announcement goes out.
        with session_scope(pg_engine) as session:
            feed_id = session.scalar(select(Feed.id))
            guid = "f0-e1"
            site.server.route(f"/a/{guid}.html", site.server.routes["/a/f0-e0.html"])
            title = f"第{guid}號 臺北與日本城市交流"
            new = FeedEntry(guid, server.url(f"/a/{guid}.html"), None, title, "摘要", datetime.now(UTC))
            assert item_store.insert_entries(session, feed_id, [new], "example")[0].created

        wait_for(all_done(pg_engine, 2), CEILING, "the announced item done", daemon.log_text)
        with pg_engine.connect() as connection:
            statuses = dict(connection.execute(select(Item.identity_key, Item.status)).all())
        assert set(statuses.values()) == {"done"}
        assert "work announced by another worker: polling" in daemon.log_text()
        code, _seconds = daemon.terminate()
        assert code == 0, daemon.log_text()
