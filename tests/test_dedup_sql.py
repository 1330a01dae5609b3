"""The SQL-backed dedup index on SQLite files and PostgreSQL: clusters, restarts, concurrent writers."""

from __future__ import annotations

import multiprocessing
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from helpers.processes import writer_processes
from sqlalchemy import Engine, func, select

from service.config import DedupSettings
from service.dedup.sqlindex import Placement, assign_cluster
from service.storage import clusters as cluster_store
from service.storage.db import make_engine, session_scope
from service.storage.schema import Cluster, ClusterMember, DedupBand, Item, ItemVersion

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "dedup"
SETTINGS = DedupSettings()
DAY = datetime(2026, 1, 12, 2, 0, tzinfo=UTC)


def fixture(name: str) -> str:
    return (FIXTURES / f"{name}.txt").read_text(encoding="utf-8")


def add_item(
    engine: Engine, key: str, text: str, url: str, outlet: str | None = None, at: datetime = DAY
) -> int:
    with session_scope(engine) as session:
        item = Item(
            identity_key=key,
            url=url,
            outlet=outlet,
            text=text,
            published_at=at,
            first_seen_at=at,
            updated_at=at,
            status="extracted",
        )
        session.add(item)
        session.flush()
        return item.id


def place(engine: Engine, item_id: int) -> Placement:
    with session_scope(engine) as session:
        return assign_cluster(session, item_id, SETTINGS)


def test_copies_join_one_cluster_and_others_do_not(engine: Engine) -> None:
    own = add_item(engine, "own", fixture("press_release"), "https://www.tainan.gov.tw/news/1", "台南市政府")
    ltn = add_item(engine, "ltn", fixture("press_release_ltn"), "https://news.ltn.com.tw/2", "自由時報")
    cna = add_item(engine, "cna", fixture("press_release_cna"), "https://www.cna.com.tw/3", "中央社")
    lead = add_item(engine, "lead", fixture("press_release_lead"), "https://example.net/4", "example.net")
    other = add_item(engine, "other", fixture("other_story"), "https://news.ltn.com.tw/5", "自由時報")
    first = place(engine, own)
    assert (first.relation, first.first_item_id, first.reason) == ("original", own, "new")
    placements = {item_id: place(engine, item_id) for item_id in (ltn, cna, lead, other)}
    assert {placements[i].cluster_id for i in (ltn, cna, lead)} == {first.cluster_id}
    assert placements[cna].reason == "exact"
    assert placements[lead].reason == "containment"
    assert placements[other].relation == "original" and placements[other].cluster_id != first.cluster_id
    with session_scope(engine) as session:
        members = cluster_store.cluster_members(session, first.cluster_id)
        assert [item_id for item_id, _, _ in members] == [own, ltn, cna, lead]
        assert [relation for _, relation, _ in members] == ["original", "duplicate", "duplicate", "duplicate"]
        assert session.get_one(Cluster, first.cluster_id).canonical_item_id == own  # the city's own site
        band = session.scalars(select(DedupBand.hash).where(DedupBand.item_id == own)).first()
        assert band is not None and -(2**63) <= band < 2**63


def test_cna_copy_becomes_canonical_and_placing_again_changes_nothing(engine: Engine) -> None:
    ltn = add_item(engine, "ltn", fixture("press_release_ltn"), "https://news.ltn.com.tw/2", "自由時報")
    cna = add_item(engine, "cna", fixture("press_release_cna"), "https://www.cna.com.tw/3", "中央社")
    place(engine, ltn)
    joined = place(engine, cna)
    assert joined.canonical_item_id == cna
    again = place(engine, cna)
    assert (again.cluster_id, again.relation, again.reason) == (joined.cluster_id, "duplicate", "known")
    with session_scope(engine) as session:
        assert session.scalar(select(func.count()).select_from(ClusterMember)) == 2
        rows = session.scalar(select(func.count()).where(DedupBand.item_id == cna))
        assert rows is not None and 16 < rows < 200  # refreshed, not doubled


def test_update_from_the_same_outlet_is_a_version_and_keeps_history(engine: Engine) -> None:
    first = add_item(engine, "v1", fixture("press_release"), "https://www.tainan.gov.tw/news/1", "台南市政府")
    later = DAY + timedelta(hours=3)
    update = add_item(
        engine,
        "v2",
        fixture("press_release_update"),
        "https://www.tainan.gov.tw/news/1b",
        "台南市政府",
        later,
    )
    place(engine, first)
    placed = place(engine, update)
    assert (placed.relation, placed.canonical_item_id) == ("version", update)
    with session_scope(engine) as session:
        kept = session.scalars(select(ItemVersion).where(ItemVersion.item_id == update)).one()
        assert kept.text == fixture("press_release")


def test_weather_reports_of_different_days_stay_apart(engine: Engine) -> None:
    day1 = add_item(engine, "w1", fixture("weather_day1"), "https://example.org/w1", "cwa")
    day2 = add_item(
        engine, "w2", fixture("weather_day2"), "https://example.org/w2", "cwa", DAY + timedelta(days=1)
    )
    assert place(engine, day1).relation == "original"
    assert place(engine, day2).relation == "original"


def test_window_bounds_the_index(engine: Engine) -> None:
    old = add_item(engine, "old", fixture("press_release"), "https://example.org/1", "a")
    late = DAY + timedelta(days=SETTINGS.window_days + 1)
    copy = add_item(engine, "new", fixture("press_release_cna"), "https://example.com/2", "b", late)
    place(engine, old)
    assert place(engine, copy).relation == "original"
    with session_scope(engine) as session:
        deleted = cluster_store.delete_expired_bands(session, late - timedelta(days=SETTINGS.window_days))
        assert deleted > 0
        assert session.scalar(select(func.count()).where(DedupBand.item_id == old)) == 0


def test_index_survives_a_restart(db_url: str, engine: Engine) -> None:
    own = add_item(engine, "own", fixture("press_release"), "https://example.org/1", "a")
    place(engine, own)
    engine.dispose()
    restarted = make_engine(db_url)
    try:
        copy = add_item(restarted, "ltn", fixture("press_release_ltn"), "https://example.com/2", "b")
        assert place(restarted, copy).first_item_id == own
    finally:
        restarted.dispose()


def _place_in_process(
    url: str,
    item_id: int,
    barrier: multiprocessing.synchronize.Barrier,
    results: multiprocessing.Queue,  # type: ignore[type-arg]
) -> None:
    engine = make_engine(url)
    barrier.wait()
    with session_scope(engine) as session:
        placed = assign_cluster(session, item_id, SETTINGS)
    results.put((item_id, placed.cluster_id))
    engine.dispose()


def run_writers(db_url: str, item_ids: list[int]) -> list[tuple[int, int]]:
    context = writer_processes()
    barrier = context.Barrier(len(item_ids))
    results: multiprocessing.Queue = context.Queue()  # type: ignore[type-arg]
    workers = [
        context.Process(target=_place_in_process, args=(db_url, item_id, barrier, results))
        for item_id in item_ids
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
        assert worker.exitcode == 0
    return [results.get(timeout=5) for _ in workers]


@pytest.mark.slow
def test_two_writers_placing_copies_at_once_make_one_cluster(engine: Engine, db_url: str) -> None:
    own = add_item(engine, "own", fixture("press_release"), "https://example.org/1", "a")
    cna = add_item(engine, "cna", fixture("press_release_cna"), "https://example.com/2", "b")
    outcomes = run_writers(db_url, [own, cna])
    assert len({cluster for _, cluster in outcomes}) == 1
    with session_scope(engine) as session:
        assert session.scalar(select(func.count()).select_from(Cluster)) == 1


@pytest.mark.slow
def test_two_writers_placing_the_same_item_store_it_once(engine: Engine, db_url: str) -> None:
    own = add_item(engine, "own", fixture("press_release"), "https://example.org/1", "a")
    outcomes = run_writers(db_url, [own, own])
    assert len({cluster for _, cluster in outcomes}) == 1
    with session_scope(engine) as session:
        assert session.scalar(select(func.count()).select_from(ClusterMember)) == 1
        band_rows = session.scalar(select(func.count()).select_from(DedupBand))
        assert band_rows is not None and band_rows < 200  # one set of rows, not two
