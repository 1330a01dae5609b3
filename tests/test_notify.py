"""Work announced between workers (``service.storage.notify``): LISTEN/NOTIFY on the real PostgreSQL, nothing
on SQLite. The daemon that wakes on it is tested with processes in ``test_daemon_notify.py``."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime

import pytest
from sqlalchemy import Engine, text

from service.models import FeedEntry
from service.storage import items as item_store
from service.storage import leases, notify
from service.storage.db import make_engine, migrate, session_scope

CEILING = 60.0  # the most a wait may take on a loaded machine, not the expected time


def wait_for(condition: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + CEILING
    while not condition():
        assert time.monotonic() < deadline, f"timed out after {CEILING}s waiting for {what}"
        time.sleep(0.02)


def entry(key: str) -> FeedEntry:
    return FeedEntry(key, f"https://news.example.tw/{key}", None, f"標題 {key}", "摘要", datetime.now(UTC))


def announce_as_another_process(engine: Engine, *, commit: bool) -> None:
    with engine.connect() as connection:
        connection.execute(text("SELECT pg_notify(:channel, 'another-worker')"), {"channel": notify.CHANNEL})
        connection.commit() if commit else connection.rollback()


@pytest.mark.postgres
def test_a_listener_wakes_on_work_another_process_committed_only(pg_engine: Engine) -> None:
    migrate(pg_engine)
    woken = threading.Event()
    listener = notify.work_listener(pg_engine, woken.set)
    assert listener is not None
    listener.start()
    try:
        wait_for(listener.listening.is_set, "LISTEN in place")
        with session_scope(pg_engine) as session:  # this process's own work: heard, but no wake
            assert item_store.insert_entries(session, None, [entry("own")], "example")[0].created
        announce_as_another_process(pg_engine, commit=False)  # rolled back: never delivered
        announce_as_another_process(pg_engine, commit=True)
        # Notifications arrive in commit order: when the second is heard, the first was heard before it.
        wait_for(lambda: listener.heard >= 2, "both committed announcements heard")
        assert woken.is_set() and listener.wakes == 1
        assert listener.heard == 2  # the rolled-back one never came
    finally:
        listener.stop()
    assert not listener.listening.is_set()


@pytest.mark.postgres
def test_one_announcement_per_transaction_and_none_without_new_work(pg_engine: Engine) -> None:
    migrate(pg_engine)
    listener = notify.work_listener(pg_engine, lambda: None)
    assert listener is not None
    listener.start()
    try:
        wait_for(listener.listening.is_set, "LISTEN in place")
        with session_scope(pg_engine) as session:  # three new items: one announcement
            item_store.insert_entries(session, None, [entry("a"), entry("b"), entry("c")], "example")
        with session_scope(pg_engine) as session:  # all known already: nothing to announce
            assert not any(row.created for row in item_store.insert_entries(session, None, [entry("a")], "x"))
        announce_as_another_process(pg_engine, commit=True)  # a marker after both transactions
        wait_for(lambda: listener.wakes >= 1, "the marker")
        assert listener.heard == 2
    finally:
        listener.stop()


@pytest.mark.postgres
def test_a_listener_whose_connection_drops_listens_again(pg_engine: Engine) -> None:
    """Polling covers the gap; the listener comes back on its own (the database restarted, say)."""
    migrate(pg_engine)
    listener = notify.WorkListener(pg_engine, lambda: None, reconnect_seconds=0.2)
    listener.start()
    try:
        wait_for(listener.listening.is_set, "LISTEN in place")
        with pg_engine.connect() as connection:
            ended = connection.scalar(
                text(
                    "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                    " WHERE datname = current_database() AND query = :listen"
                ),
                {"listen": f"LISTEN {notify.CHANNEL}"},
            )
            connection.commit()
        assert ended == 1
        wait_for(lambda: listener.connects == 2 and listener.listening.is_set(), "LISTEN in place again")
        announce_as_another_process(pg_engine, commit=True)
        wait_for(lambda: listener.wakes == 1, "the announcement after the reconnection")
    finally:
        listener.stop()


@pytest.mark.postgres
def test_work_given_back_by_a_stopping_worker_is_announced(pg_engine: Engine) -> None:
    migrate(pg_engine)
    with session_scope(pg_engine) as session:
        item_id = item_store.insert_entries(session, None, [entry("given-back")], "example")[0].item_id
    listener = notify.work_listener(pg_engine, lambda: None)
    assert listener is not None
    listener.start()
    try:
        wait_for(listener.listening.is_set, "LISTEN in place")
        with session_scope(pg_engine) as session:
            leases.release_item(session, item_id)
        wait_for(lambda: listener.heard == 1, "the item given back announced")
    finally:
        listener.stop()


def test_sqlite_announces_nothing_and_has_no_listener(tmp_path: object) -> None:
    engine = make_engine(f"sqlite:///{tmp_path}/newsmon.db")
    try:
        migrate(engine)
        assert notify.work_listener(engine, lambda: None) is None
        with session_scope(engine) as session:  # no pg_notify is sent to SQLite (it would fail)
            assert item_store.insert_entries(session, None, [entry("a")], "example")[0].created
    finally:
        engine.dispose()
