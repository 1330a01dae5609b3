"""Ingestion failure modes through the orchestrator: a real loopback server and a real SQLite file.

tests/test_pipeline.py (the lead's) covers the happy path, the 304 round trip, 500 backoff and reset, one
item across feeds, the 404 page and refused private links; this file adds timeouts, Retry-After, redirect
loops, compression bombs, malformed and dateless feeds, and Big5/GBK feeds and pages.
"""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from helpers.http_server import LocalServer, Reply
from sqlalchemy import Engine, select, update
from sqlalchemy.orm import Session

from service.config import Settings, parse_settings
from service.jobs import poll_once
from service.storage.db import session_scope
from service.storage.schema import Feed, Item

FEEDS = Path(__file__).resolve().parent / "fixtures" / "feeds"
ZH_TITLE = "臺中市長出訪熊本 碁峯裏喆"
ZH_BODY = (
    "臺中市長今天率領市府團隊抵達熊本，與熊本市長簽署友好交流協定，雙方將在觀光、教育與防災等領域展開合作。"
    "市長表示，這是兩市交流的重要里程碑，期待未來有更多市民往來。"
)


@pytest.fixture
def server() -> Iterator[LocalServer]:
    with LocalServer() as local:
        yield local


def settings_for(server: LocalServer, tmp_path: Path, *feeds: str, **fetch: object) -> Settings:
    return parse_settings(
        {
            "data_dir": str(tmp_path),
            "fetch": {
                "allow_loopback": True,
                "per_host_min_gap_seconds": 0,
                "read_timeout_seconds": 0.5,
                "max_bytes": 200_000,
                **fetch,
            },
            "feeds": [{"name": name, "url": server.url(f"/{name}.xml")} for name in feeds],
        },
        str(tmp_path / "config.yaml"),
    )


def make_due(engine: Engine) -> None:
    with session_scope(engine) as session:
        session.execute(update(Feed).values(next_check_at=datetime.now(UTC) - timedelta(seconds=1)))


def the_feed(engine: Engine) -> Feed:
    with session_scope(engine) as session:
        feed = session.scalars(select(Feed)).one()
        session.expunge(feed)
        return feed


def test_timeouts_back_off_and_polling_never_stops(
    server: LocalServer, sqlite_engine: Engine, tmp_path: Path
) -> None:
    server.route("/slow.xml", Reply(200, b"<rss/>", delay=1.0))
    settings = settings_for(server, tmp_path, "slow")
    waits = []
    for _ in range(2):
        report = poll_once(sqlite_engine, settings)
        assert report.feeds[0].status == "error" and "timed out" in (report.feeds[0].error or "")
        feed = the_feed(sqlite_engine)
        assert feed.enabled and feed.last_error_at is not None
        waits.append((feed.next_check_at - feed.last_error_at).total_seconds())
        make_due(sqlite_engine)
    assert waits[0] < waits[1] <= 24 * 3600
    assert the_feed(sqlite_engine).error_count == 2


def test_retry_after_sets_the_next_check(server: LocalServer, sqlite_engine: Engine, tmp_path: Path) -> None:
    server.route("/busy.xml", Reply(429, b"", {"Retry-After": "7200"}))
    poll_once(sqlite_engine, settings_for(server, tmp_path, "busy"))
    feed = the_feed(sqlite_engine)
    assert "HTTP 429" in (feed.last_error or "")
    assert feed.last_error_at is not None
    assert (feed.next_check_at - feed.last_error_at).total_seconds() >= 7200 - 5


@pytest.mark.parametrize("kind", ["loop", "bomb", "oversize"])
def test_hostile_feeds_are_recorded_not_fatal(
    server: LocalServer, sqlite_engine: Engine, tmp_path: Path, kind: str
) -> None:
    if kind == "loop":
        server.route("/bad.xml", Reply(302, headers={"Location": "/bad2.xml"}))
        server.route("/bad2.xml", Reply(302, headers={"Location": "/bad.xml"}))
    elif kind == "bomb":
        server.route("/bad.xml", Reply(200, gzip.compress(b"<" * 5_000_000), {"Content-Encoding": "gzip"}))
    else:
        server.route("/bad.xml", Reply(200, b"<rss>" + b" " * 300_000, send_length=False))
    server.route("/good.xml", Reply(200, (FEEDS / "rss091.xml").read_bytes()))
    report = poll_once(sqlite_engine, settings_for(server, tmp_path, "bad", "good"))
    by_name = {feed.feed: feed for feed in report.feeds}
    assert by_name["bad"].status == "error"
    expected = {
        "loop": "redirect loop",
        "bomb": "decompressed body exceeds",
        "oversize": "exceeds max_bytes",
    }[kind]
    assert expected in (by_name["bad"].error or "")
    assert by_name["good"].status == "ok" and by_name["good"].new_items == 1


def test_bozo_feed_is_used_and_its_problem_recorded(
    server: LocalServer, sqlite_engine: Engine, tmp_path: Path
) -> None:
    server.route("/bozo.xml", Reply(200, (FEEDS / "bozo.xml").read_bytes()))
    report = poll_once(sqlite_engine, settings_for(server, tmp_path, "bozo"))
    assert report.feeds[0].status == "ok" and report.feeds[0].new_items == 2
    assert (the_feed(sqlite_engine).last_problem or "").startswith("xml_syntax: ")


def test_items_without_dates_fall_back_to_first_seen(
    server: LocalServer, sqlite_engine: Engine, tmp_path: Path
) -> None:
    server.route("/gov.xml", Reply(200, (FEEDS / "nodates.xml").read_bytes()))
    before = datetime.now(UTC)
    poll_once(sqlite_engine, settings_for(server, tmp_path, "gov"))
    with session_scope(sqlite_engine) as session:
        roc, undated = session.scalars(select(Item).order_by(Item.id)).all()
        assert roc.published_at == datetime(2026, 9, 27, 16, 0, tzinfo=UTC) and roc.published_from_feed
        assert not undated.published_from_feed
        assert undated.published_at == undated.first_seen_at and undated.first_seen_at >= before


@pytest.mark.parametrize(("codec", "declared"), [("big5hkscs", "big5"), ("gb18030", "gbk")])
def test_big5_and_gbk_feeds_and_pages(
    server: LocalServer, sqlite_engine: Engine, tmp_path: Path, codec: str, declared: str
) -> None:
    template = (FEEDS / "zh_template.xml").read_text(encoding="utf-8")
    feed = template.format(encoding=declared, channel="頻道", title=ZH_TITLE, summary="摘要")
    feed = feed.replace("https://zh.example.tw/news/1", server.url("/news/1.html"))
    server.route("/zh.xml", Reply(200, feed.encode(codec), {"Content-Type": "text/xml"}))
    html = (
        f"<html><head><meta http-equiv='Content-Type' content='text/html; charset={declared}'>"
        f"<title>{ZH_TITLE}</title></head><body><article><h1>{ZH_TITLE}</h1><p>{ZH_BODY}</p></article></body></html>"
    )
    server.route("/news/1.html", Reply(200, html.encode(codec), {"Content-Type": "text/html"}))
    poll_once(sqlite_engine, settings_for(server, tmp_path, "zh"))
    with session_scope(sqlite_engine) as session:
        item = session.scalars(select(Item)).one()
        assert item.title == ZH_TITLE
        assert item.status == "done" and item.text_source == "page", item.error
        assert ZH_BODY[:40] in (item.text or "")


def test_a_storage_failure_is_the_feeds_alone(
    server: LocalServer, sqlite_engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A failure after the fetch (here injected into storing the entries; in life e.g. a locked SQLite
    database) is recorded on that feed with backoff, and the rest of the cycle goes on."""
    import service.pipeline as pipeline

    real_insert = pipeline.item_store.insert_entries

    def failing_insert(session: Session, feed_id: int | None, *args: Any) -> object:
        if session.get_one(Feed, feed_id).name == "bad":
            raise RuntimeError("database is locked")
        return real_insert(session, feed_id, *args)

    monkeypatch.setattr(pipeline.item_store, "insert_entries", failing_insert)
    server.route("/bad.xml", Reply(200, (FEEDS / "rss091.xml").read_bytes()))
    server.route("/good.xml", Reply(200, (FEEDS / "rss091.xml").read_bytes()))
    report = poll_once(sqlite_engine, settings_for(server, tmp_path, "bad", "good"))
    by_name = {feed.feed: feed for feed in report.feeds}
    assert by_name["bad"].status == "error" and "database is locked" in (by_name["bad"].error or "")
    assert by_name["good"].status == "ok" and by_name["good"].new_items == 1
    with session_scope(sqlite_engine) as session:
        bad = session.scalars(select(Feed).where(Feed.name == "bad")).one()
        assert bad.error_count == 1 and bad.next_check_at > datetime.now(UTC)
