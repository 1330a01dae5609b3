"""The nightly maintenance job (service.maintenance) deletes data: what it drops, what it keeps, on SQLite
files and PostgreSQL. Retention of raw pages, the dedup index window, planner statistics, retraining when
reviewers labelled items since the newest model, one failing task not stopping the others, one worker at a
time."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from helpers.review_seed import NOW, add_item, add_model
from sqlalchemy import Engine, func, select

from service import maintenance
from service.config import Settings, load_settings, with_overrides
from service.maintenance import (
    optimize_database,
    prune_dedup_index,
    prune_raw_pages,
    retrain_if_new_labels,
    run_maintenance,
)
from service.storage.db import session_scope
from service.storage.locks import exclusive
from service.storage.schema import DedupBand, EventCorrection, Item, Page, ReviewLabel

SETTINGS = load_settings()


def add_page(engine: Engine, title: str, days_old: float) -> int:
    with session_scope(engine) as session:
        item_id = add_item(session, title, "內文。", score=None, published=NOW - timedelta(days=days_old))
        session.add(
            Page(
                item_id=item_id,
                url=f"https://news.example.tw/{item_id}",
                final_url=f"https://news.example.tw/{item_id}",
                status_code=200,
                headers={"content-type": "text/html"},
                body_gz=b"\x1f\x8b raw page",
                encoding="utf-8",
                fetched_at=NOW - timedelta(days=days_old),
            )
        )
    return item_id


def bodies(engine: Engine) -> dict[int, bool]:
    """Item id -> whether its raw page bytes are still stored."""
    with session_scope(engine) as session:
        return {row.item_id: row.body_gz is not None for row in session.scalars(select(Page))}


def test_raw_pages_past_the_retention_lose_their_bytes_and_nothing_else(engine: Engine) -> None:
    old = add_page(engine, "舊新聞", days_old=45)
    recent = add_page(engine, "新新聞", days_old=3)
    settings = with_overrides(SETTINGS, daemon={"raw_page_retention_days": 30})
    said = prune_raw_pages(engine, settings, NOW)
    assert said == f"dropped 1 raw page(s) fetched before {NOW - timedelta(days=30):%Y-%m-%d}"
    assert bodies(engine) == {old: False, recent: True}  # the page row stays, only the bytes go
    with session_scope(engine) as session:
        assert session.scalar(select(func.count(Item.id))) == 2  # items are never deleted
    assert prune_raw_pages(engine, settings, NOW).startswith("dropped 0 raw page(s)")  # safe to run again


def test_retention_0_keeps_every_raw_page(engine: Engine) -> None:
    old = add_page(engine, "舊新聞", days_old=400)
    settings = with_overrides(SETTINGS, daemon={"raw_page_retention_days": 0})
    assert prune_raw_pages(engine, settings, NOW) == "kept (raw_page_retention_days is 0)"
    assert bodies(engine) == {old: True}


def test_dedup_index_rows_older_than_the_window_are_deleted(engine: Engine) -> None:
    with session_scope(engine) as session:
        item_id = add_item(session, "高雄與熊本交流", "內文。", score=None)
        for band, days_old in enumerate((20, 15, 13, 1)):
            session.add(
                DedupBand(item_id=item_id, band=band, hash=band, created_at=NOW - timedelta(days=days_old))
            )
    settings = with_overrides(SETTINGS, dedup={"window_days": 14})
    assert prune_dedup_index(engine, settings, NOW) == "deleted 2 index row(s) older than 14 days"
    with session_scope(engine) as session:
        assert sorted(session.scalars(select(DedupBand.band))) == [2, 3]
    assert prune_dedup_index(engine, settings, NOW) == "deleted 0 index row(s) older than 14 days"


def test_planner_statistics_are_refreshed(engine: Engine) -> None:
    expected = "PRAGMA optimize" if engine.dialect.name == "sqlite" else "ANALYZE"
    assert optimize_database(engine, SETTINGS, NOW) == f"ran {expected}"


class Retrainer:
    """Stands in for service.classify.retrain_from_reviews (training a model is tested elsewhere)."""

    def __init__(self) -> None:
        self.calls: list[Settings] = []

    def __call__(self, engine: Engine, settings: Settings) -> Any:
        self.calls.append(settings)
        return type("Report", (), {"message": "trained test-v2"})()


def add_label(engine: Engine, item_id: int, minutes: int) -> None:
    with session_scope(engine) as session:
        session.add(
            ReviewLabel(
                item_id=item_id,
                label="relevant",
                value=True,
                reviewer="alice",
                created_at=NOW + timedelta(minutes=minutes),
            )
        )


def test_retrain_only_when_reviewers_labelled_since_the_newest_model(engine: Engine) -> None:
    retrainer = Retrainer()
    with session_scope(engine) as session:
        item_id = add_item(session, "臺南與松山締結友好", "內文。")
        add_model(session, "test-v1")  # made at NOW
    add_label(engine, item_id, minutes=-10)  # before the model: already learnt from
    assert retrain_if_new_labels(engine, SETTINGS, NOW, retrainer) == "no new labels since the newest model"
    assert retrainer.calls == []
    add_label(engine, item_id, minutes=10)
    assert retrain_if_new_labels(engine, SETTINGS, NOW, retrainer) == "1 new label(s): trained test-v2"
    assert len(retrainer.calls) == 1
    off = with_overrides(SETTINGS, daemon={"retrain_on_new_labels": False})
    assert retrain_if_new_labels(engine, off, NOW, retrainer) == "off (daemon.retrain_on_new_labels is false)"
    assert len(retrainer.calls) == 1


def test_an_event_type_correction_is_a_new_label(engine: Engine) -> None:
    """Reviewers' event-type corrections are training data too (the learned event type)."""
    retrainer = Retrainer()
    with session_scope(engine) as session:
        item_id = add_item(session, "臺南與松山締結友好", "內文。")
        add_model(session, "test-v1")  # made at NOW
        session.add(
            EventCorrection(
                item_id=item_id,
                field="event_type",
                value="agreement",
                reviewer="alice",
                created_at=NOW + timedelta(minutes=5),
            )
        )
    assert retrain_if_new_labels(engine, SETTINGS, NOW, retrainer) == "1 new label(s): trained test-v2"


def test_without_a_trained_model_every_label_is_new(engine: Engine) -> None:
    retrainer = Retrainer()
    with session_scope(engine) as session:
        item_id = add_item(session, "臺南與松山締結友好", "內文。")
    add_label(engine, item_id, minutes=-600)
    assert retrain_if_new_labels(engine, SETTINGS, NOW, retrainer) == "1 new label(s): trained test-v2"


def test_the_daemon_s_retrain_is_the_review_ui_s() -> None:
    from service.classify import retrain_from_reviews

    assert maintenance._retrainer() is retrain_from_reviews


def test_a_failing_task_does_not_stop_the_others(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    old = add_page(engine, "舊新聞", days_old=45)

    def broken(engine: Engine, settings: Settings, now: Any) -> str:
        raise RuntimeError("disk on fire")

    tasks = [("broken", broken), *[(name, task) for name, task in maintenance.TASKS if name != "retrain"]]
    monkeypatch.setattr(maintenance, "TASKS", tasks)
    report = run_maintenance(engine, SETTINGS, NOW)
    assert report.failed == {"broken": "RuntimeError: disk on fire"}
    assert list(report.done) == ["raw_pages", "dedup_index", "optimize"]
    assert bodies(engine) == {old: False}
    assert "broken FAILED: RuntimeError: disk on fire" in report.describe()


@pytest.mark.postgres
def test_one_worker_at_a_time_on_postgresql(pg_server_url: str, engine: Engine) -> None:
    if engine.dialect.name != "postgresql":
        pytest.skip("SQLite has one worker (the daemon's lock file)")
    old = add_page(engine, "舊新聞", days_old=45)
    with exclusive(engine, "maintenance") as mine:  # another worker is running maintenance
        assert mine
        report = run_maintenance(engine, SETTINGS, NOW)
    assert report.skipped and report.done == {} and bodies(engine) == {old: True}
    assert report.describe() == "maintenance: skipped, another worker is running it"
