"""Storage on SQLite and PostgreSQL: migrations, identity enforced by the database, polling state."""

from __future__ import annotations

import multiprocessing
from datetime import UTC, datetime, timedelta

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from helpers.processes import writer_processes
from sqlalchemy import Engine, func, select, text

from service.config import FeedConfig
from service.models import FeedEntry
from service.storage import feeds as feed_store
from service.storage import items as item_store
from service.storage import search
from service.storage.db import current_revision, make_engine, migrate, session_scope
from service.storage.schema import Base, Item, ItemSource


def entry(
    key: str = "guid:CNA/20261120/0001", url: str | None = "https://www.cna.com.tw/news/aloc/1.aspx"
) -> FeedEntry:
    return FeedEntry(
        identity_key=key,
        url=url,
        link=url,
        title="臺北市長率團訪問橫濱 簽署友好交流備忘錄",
        summary="臺北市長今天率團抵達橫濱市，與橫濱市長簽署友好交流備忘錄。",
        published=datetime(2026, 11, 20, 9, 30, tzinfo=UTC),
    )


def add_feeds(engine: Engine, *names: str) -> list[int]:
    with session_scope(engine) as session:
        feed_store.sync_feeds(
            session, [FeedConfig(name=n, url=f"https://example.org/{n}.xml") for n in names], 900
        )
    with session_scope(engine) as session:
        return [f.id for f in feed_store.due_feeds(session)]


def test_migrations_create_exactly_the_models(engine: Engine) -> None:
    assert current_revision(engine) is not None
    with engine.connect() as connection:
        # The search index's tables (an FTS5 table and its shadow tables on SQLite) are the migration's own.
        context = MigrationContext.configure(connection, opts={"include_name": search.include_name})
        diff = compare_metadata(context, Base.metadata)
    assert diff == [], f"schema.py and the migrations differ: {diff}"


def test_migrate_is_idempotent(engine: Engine) -> None:
    revision = current_revision(engine)
    migrate(engine)
    assert current_revision(engine) == revision


def test_sqlite_uses_wal(tmp_path: object) -> None:
    engine = make_engine(f"sqlite:///{tmp_path}/x/wal.db")
    migrate(engine)
    with engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
    engine.dispose()


def test_same_item_twice_is_stored_once(engine: Engine) -> None:
    feed_a, feed_b = add_feeds(engine, "a", "b")
    with session_scope(engine) as session:
        first = item_store.insert_if_new(session, feed_a, entry(), "中央社")
        again = item_store.insert_if_new(session, feed_a, entry(), "中央社")
        other_feed = item_store.insert_if_new(session, feed_b, entry(), "中央社")
    assert first.created and not again.created and not other_feed.created
    assert first.item_id == again.item_id == other_feed.item_id
    with session_scope(engine) as session:
        assert session.scalar(select(func.count(Item.id))) == 1
        assert session.scalar(select(func.count(ItemSource.id))) == 2


def test_same_canonical_url_under_another_key_is_known(engine: Engine) -> None:
    (feed,) = add_feeds(engine, "a")
    with session_scope(engine) as session:
        first = item_store.insert_if_new(session, feed, entry("guid:one"), None)
        second = item_store.insert_if_new(session, feed, entry("guid:two"), None)
    assert first.item_id == second.item_id and not second.created


def _insert_in_process(
    url: str,
    key: str,
    barrier: multiprocessing.synchronize.Barrier,
    result: multiprocessing.Queue,  # type: ignore[type-arg]
) -> None:
    engine = make_engine(url)
    barrier.wait()
    with session_scope(engine) as session:
        inserted = item_store.insert_if_new(session, None, entry(key), "中央社")
    result.put((inserted.item_id, inserted.created))
    engine.dispose()


@pytest.mark.slow
@pytest.mark.parametrize("same_key", [True, False], ids=["same-guid", "same-url-other-guids"])
def test_two_processes_inserting_at_once_store_one_item(engine: Engine, db_url: str, same_key: bool) -> None:
    context = writer_processes()
    barrier = context.Barrier(4)
    results: multiprocessing.Queue = context.Queue()  # type: ignore[type-arg]
    workers = [
        context.Process(
            target=_insert_in_process,
            args=(db_url, "guid:same" if same_key else f"guid:{n}", barrier, results),
        )
        for n in range(4)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
        assert worker.exitcode == 0
    outcomes = [results.get(timeout=5) for _ in workers]
    assert len({item_id for item_id, _ in outcomes}) == 1
    assert sum(created for _, created in outcomes) == 1
    with session_scope(engine) as session:
        assert session.scalar(select(func.count(Item.id))) == 1


def test_polling_state_round_trip(engine: Engine) -> None:
    (feed,) = add_feeds(engine, "a")
    with session_scope(engine) as session:
        (state,) = feed_store.due_feeds(session)
        assert feed_store.claim_due(session, [state], lease_seconds=300) == [state]
    with session_scope(engine) as session:
        assert feed_store.due_feeds(session) == []  # leased
        assert feed_store.claim_due(session, [state], lease_seconds=300) == []  # a second claim gets nothing
        feed_store.record_poll_success(
            session, feed, etag='"v1"', last_modified="Fri, 20 Nov 2026 01:00:00 GMT", interval_seconds=600
        )
    with session_scope(engine) as session:
        state = feed_store.get_feed(session, feed)
        assert state is not None and state.etag == '"v1"' and state.error_count == 0
        assert feed_store.record_poll_error(session, feed, "HTTP 500", retry_in_seconds=60) == 1
        assert feed_store.record_poll_error(session, feed, "HTTP 500", retry_in_seconds=120) == 2
    with session_scope(engine) as session:
        (status,) = feed_store.feed_statuses(session)
        assert status.status == "failing" and status.error_count == 2 and status.last_error == "HTTP 500"
        later = datetime.now(UTC) + timedelta(minutes=3)
        assert [f.id for f in feed_store.due_feeds(session, at=later)] == [feed]


def test_removed_feed_is_disabled_not_deleted(engine: Engine) -> None:
    add_feeds(engine, "a", "b")
    with session_scope(engine) as session:
        feed_store.sync_feeds(session, [FeedConfig(name="a", url="https://example.org/a.xml")], 900)
    with session_scope(engine) as session:
        statuses = {s.name: s.status for s in feed_store.feed_statuses(session)}
    assert statuses == {"a": "never polled", "b": "disabled"}


def test_page_failures_back_off_then_keep_the_summary(engine: Engine) -> None:
    with session_scope(engine) as session:
        item_id = item_store.insert_if_new(session, None, entry(), None).item_id
    for attempt in range(1, 4):
        with session_scope(engine) as session:
            gave_up = item_store.record_page_failure(
                session, item_id, "HTTP 404", retry_limit=3, base_minutes=10
            )
        assert gave_up == (attempt == 3)
    with session_scope(engine) as session:
        work = item_store.get_item(session, item_id)
        assert work.status == "extracted" and work.text == entry().summary


@pytest.mark.parametrize("naive", [datetime(2026, 1, 1)])
def test_naive_timestamps_are_refused(engine: Engine, naive: datetime) -> None:
    with pytest.raises(Exception, match="naive datetime"), session_scope(engine) as session:
        session.add(Item(identity_key="x", published_at=naive, first_seen_at=naive, updated_at=naive))
        session.flush()
