"""The orchestrator end to end against a real HTTP server on loopback and a real SQLite file."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, event, func, select, update

from service.config import Settings, parse_settings
from service.jobs import poll_once
from service.storage.db import session_scope
from service.storage.schema import Classification, Feed, Item, ItemSource, Page
from tests.helpers.http_server import LocalServer, Reply

ARTICLE = """<!DOCTYPE html><html lang="zh-Hant"><head><meta charset="utf-8">
<title>{title} - 範例日報</title></head>
<body><nav><a href="/">首頁</a> <a href="/local">地方</a> <a href="/world">國際</a></nav>
<article><h1>{title}</h1>
<p>{body}</p>
<p>雙方並約定明年在對方城市舉辦交流活動，持續深化教育、觀光與產業等領域的合作關係，市府也將邀請更多市民參與。</p>
<p>市長表示，城市外交是地方政府走向國際的重要途徑，未來將與更多友好城市分享防災與智慧城市的經驗。</p>
</article>
<section><h2>熱門新聞</h2><ul><li><a href="/n/9">颱風外圍環流影響 北部山區防豪雨</a></li>
<li><a href="/n/8">油價明起調漲 汽油每公升漲0.2元</a></li></ul></section>
<footer>© 2026 範例日報 版權所有</footer></body></html>"""


def rss(base: str, *entries: tuple[str, str, str]) -> bytes:
    items = "".join(
        f"<item><title>{title}</title><link>{base}{path}</link><guid isPermaLink='false'>{guid}</guid>"
        f"<description>{title}。這是摘要。</description>"
        "<pubDate>Fri, 20 Nov 2026 09:00:00 +0800</pubDate></item>"
        for guid, path, title in entries
    )
    channel = f"<channel><title>範例日報</title>{items}</channel>"
    return f"<?xml version='1.0' encoding='utf-8'?><rss version='2.0'>{channel}</rss>".encode()


def page(title: str, body: str) -> Reply:
    return Reply(
        body=ARTICLE.format(title=title, body=body).encode(),
        headers={"Content-Type": "text/html; charset=utf-8"},
    )


def settings_for(server: LocalServer, tmp_path: Path, *feeds: str, **fetch: object) -> Settings:
    return parse_settings(
        {
            "data_dir": str(tmp_path),
            "fetch": {"allow_loopback": True, "per_host_min_gap_seconds": 0, "page_retry_limit": 2, **fetch},
            "feeds": [{"name": name, "url": server.url(f"/{name}.xml")} for name in feeds],
        },
        str(tmp_path / "config.yaml"),
    )


@pytest.fixture
def server() -> Iterator[LocalServer]:
    with LocalServer() as local:
        yield local


def make_due(engine: Engine) -> None:
    with session_scope(engine) as session:
        session.execute(update(Feed).values(next_check_at=datetime.now(UTC) - timedelta(seconds=1)))
        session.execute(update(Item).values(next_attempt_at=datetime.now(UTC) - timedelta(seconds=1)))


def test_poll_stores_items_pages_and_clean_text(
    server: LocalServer, sqlite_engine: Engine, tmp_path: Path
) -> None:
    base = server.url("")
    server.route(
        "/local.xml",
        Reply(
            body=rss(base, ("g1", "/a/1.html", "臺北市與橫濱市簽署友好交流備忘錄")), headers={"ETag": '"v1"'}
        ),
    )
    server.route(
        "/a/1.html",
        page(
            "臺北市與橫濱市簽署友好交流備忘錄",
            "臺北市長今天在市政府與來訪的橫濱市長簽署友好交流備忘錄，兩市將在觀光、教育與防災方面展開合作。",
        ),
    )
    settings = settings_for(server, tmp_path, "local")
    report = poll_once(sqlite_engine, settings)
    with session_scope(sqlite_engine) as session:
        item = session.scalars(select(Item)).one()
        assert item.status == "done" and item.text_source == "page"
        assert "簽署友好交流備忘錄" in (item.text or "")
        assert "熱門新聞" not in (item.text or "") and "油價" not in (item.text or "")
        assert session.scalar(select(func.count(Page.item_id))) == 1
        feed = session.scalars(select(Feed)).one()
        assert feed.etag == '"v1"' and feed.error_count == 0 and feed.last_success_at is not None
    assert report.items == {"done": 1}
    assert server.requests_to("/a/1.html")[0].headers["accept"].startswith("text/html")  # a page, not a feed


def test_conditional_get_round_trip(server: LocalServer, sqlite_engine: Engine, tmp_path: Path) -> None:
    body = rss(server.url(""), ("g1", "/a/1.html", "標題"))

    def feed(request: object) -> Reply:
        if getattr(request, "headers", {}).get("if-none-match") == '"v1"':
            return Reply(304, headers={"ETag": '"v1"'})
        return Reply(body=body, headers={"ETag": '"v1"'})

    server.route("/local.xml", feed)
    settings = settings_for(server, tmp_path, "local")
    poll_once(sqlite_engine, settings)
    make_due(sqlite_engine)
    before = datetime.now(UTC)
    report = poll_once(sqlite_engine, settings)
    assert [f.status for f in report.feeds] == ["not_modified"]
    assert server.requests_to("/local.xml")[-1].headers.get("if-none-match") == '"v1"'
    with session_scope(sqlite_engine) as session:  # the 304 is recorded: validators kept, next check set
        feed = session.scalars(select(Feed)).one()
        assert feed.etag == '"v1"' and feed.error_count == 0 and feed.last_success_at >= before
        assert feed.next_check_at >= before + timedelta(seconds=feed.interval_seconds)


def test_many_304s_are_recorded_in_batches(
    server: LocalServer, sqlite_engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """5 unchanged feeds, batches of 2: every one is recorded, the last (partial) batch too."""
    import service.pipeline as pipeline

    monkeypatch.setattr(pipeline, "NOT_MODIFIED_BATCH", 2)
    names = [f"f{n}" for n in range(5)]
    for name in names:
        server.route(f"/{name}.xml", Reply(304, headers={"ETag": '"v1"'}))
    settings = settings_for(server, tmp_path, *names)
    before = datetime.now(UTC)
    report = poll_once(sqlite_engine, settings)
    assert [f.status for f in report.feeds] == ["not_modified"] * 5
    with session_scope(sqlite_engine) as session:
        feeds = session.scalars(select(Feed)).all()
        assert all(feed.last_success_at is not None and feed.last_success_at >= before for feed in feeds)
        assert all(feed.next_check_at >= before + timedelta(seconds=feed.interval_seconds) for feed in feeds)


def test_feed_errors_back_off_then_reset(server: LocalServer, sqlite_engine: Engine, tmp_path: Path) -> None:
    server.route("/local.xml", Reply(500, b"oops"))
    settings = settings_for(server, tmp_path, "local")
    waits = []
    for _ in range(3):
        poll_once(sqlite_engine, settings)
        with session_scope(sqlite_engine) as session:
            feed = session.scalars(select(Feed)).one()
            waits.append((feed.next_check_at - feed.last_error_at).total_seconds())  # type: ignore[operator]
            assert "HTTP 500" in (feed.last_error or "") and feed.enabled
        make_due(sqlite_engine)
    assert waits[0] < waits[1] < waits[2]
    server.route("/local.xml", Reply(body=rss(server.url(""))))
    poll_once(sqlite_engine, settings)
    with session_scope(sqlite_engine) as session:
        feed = session.scalars(select(Feed)).one()
        assert feed.error_count == 0 and feed.last_success_at is not None


def test_same_item_in_two_feeds_and_tracking_links_are_one_item(
    server: LocalServer, sqlite_engine: Engine, tmp_path: Path
) -> None:
    base = server.url("")
    server.route("/politics.xml", Reply(body=rss(base, ("CNA/20261120/0001", "/a/1.html", "市長訪日"))))
    server.route("/local.xml", Reply(body=rss(base, ("CNA/20261120/0001", "/a/1.html", "市長訪日"))))
    server.route(
        "/world.xml",
        Reply(
            body=rss(
                base,
                (
                    "https://x/other-guid",
                    "/a/1.html?utm_source=rss&amp;utm_medium=feed&amp;fbclid=abc",
                    "市長訪日",
                ),
            )
        ),
    )
    server.route(
        "/a/1.html",
        page(
            "市長訪日",
            "市長今天率團前往日本訪問，拜會姊妹市市長並出席交流活動，雙方就觀光與教育合作交換意見。",
        ),
    )
    settings = settings_for(server, tmp_path, "politics", "local", "world")
    poll_once(sqlite_engine, settings)
    with session_scope(sqlite_engine) as session:
        assert session.scalar(select(func.count(Item.id))) == 1
        assert session.scalar(select(func.count(ItemSource.id))) == 3
    assert len(server.requests_to("/a/1.html")) == 1


def test_missing_page_keeps_item_from_feed_summary(
    server: LocalServer, sqlite_engine: Engine, tmp_path: Path
) -> None:
    server.route(
        "/local.xml", Reply(body=rss(server.url(""), ("g1", "/gone.html", "高雄市長接見日本訪問團")))
    )
    settings = settings_for(server, tmp_path, "local")
    poll_once(sqlite_engine, settings)  # a 404: the feed summary at once, the page asked for again later
    with session_scope(sqlite_engine) as session:
        item = session.scalars(select(Item)).one()
        assert item.status == "done" and item.text_source == "summary" and "404" in (item.error or "")
        assert item.text == "高雄市長接見日本訪問團。這是摘要。"
        assert item.recheck_at is not None


def test_private_address_link_is_refused_and_item_kept(
    server: LocalServer, sqlite_engine: Engine, tmp_path: Path
) -> None:
    body = (
        "<?xml version='1.0'?><rss version='2.0'><channel><title>t</title>"
        "<item><title>內網連結</title><link>http://169.254.169.254/latest/meta-data</link><description>摘要</description></item>"
        "<item><title>私有位址</title><link>http://10.0.0.1/a.html</link><description>摘要二</description></item>"
        "</channel></rss>"
    ).encode()
    server.route("/local.xml", Reply(body=body))
    settings = settings_for(server, tmp_path, "local", page_retry_limit=1)
    poll_once(sqlite_engine, settings)
    with session_scope(sqlite_engine) as session:
        rows = session.scalars(select(Item).order_by(Item.id)).all()
        assert [row.status for row in rows] == ["done", "done"]
        assert all("refused" in (row.error or "") or "not allowed" in (row.error or "") for row in rows), [
            r.error for r in rows
        ]
        assert [row.text for row in rows] == ["摘要", "摘要二"]


def test_the_cycle_report_counts_what_the_stages_made_of_each_item(
    server: LocalServer, sqlite_engine: Engine, tmp_path: Path
) -> None:
    base = server.url("")
    body = "臺北市長今天在市政府與來訪的橫濱市長簽署友好交流備忘錄，兩市將在觀光、教育與防災方面展開合作。"
    server.route(
        "/local.xml",
        Reply(
            body=rss(
                base,
                ("g1", "/a/1.html", "臺北市與橫濱市簽署友好交流備忘錄"),
                ("g2", "/b/copy.html", "臺北市與橫濱市簽署友好交流備忘錄"),  # another outlet's copy
                ("g3", "/gone.html", "高雄市長接見日本訪問團"),  # a 404: the summary stands in
            )
        ),
    )
    server.route("/a/1.html", page("臺北市與橫濱市簽署友好交流備忘錄", body))
    server.route("/b/copy.html", page("臺北市與橫濱市簽署友好交流備忘錄", body))
    report = poll_once(sqlite_engine, settings_for(server, tmp_path, "local"))
    assert report.items == {"done": 3}
    with session_scope(sqlite_engine) as session:
        relevant = session.scalar(
            select(func.count(Item.id))
            .join(Classification, Classification.id == Item.classification_id)
            .where(Classification.relevant.is_(True))
        )
    assert report.outcomes.get("duplicate") == 1 and report.outcomes.get("kept_summary") == 1
    assert report.outcomes.get("relevant", 0) == relevant
    assert report.outcomes.get("relevant", 0) + report.outcomes.get("irrelevant", 0) == 3


def test_a_fresh_page_goes_to_extraction_without_being_read_back(
    server: LocalServer, sqlite_engine: Engine, tmp_path: Path
) -> None:
    """The raw page is stored for resume and reprocess, never read back as the hand-off to extraction."""
    base = server.url("")
    server.route("/local.xml", Reply(body=rss(base, ("g1", "/a/1.html", "市長訪日"))))
    server.route("/a/1.html", page("市長訪日", "市長今天率團前往日本訪問，拜會姊妹市市長並出席交流活動。"))
    reads: list[str] = []

    def watch(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        if statement.lstrip().upper().startswith("SELECT") and "body_gz" in statement:
            reads.append(statement)

    event.listen(sqlite_engine, "before_cursor_execute", watch)
    try:
        report = poll_once(sqlite_engine, settings_for(server, tmp_path, "local"))
    finally:
        event.remove(sqlite_engine, "before_cursor_execute", watch)
    assert report.items == {"done": 1} and reads == []
    with session_scope(sqlite_engine) as session:
        stored = session.scalars(select(Page)).one()
        assert stored.body_gz and stored.encoding == "utf-8"
        assert "姊妹市" in (session.scalars(select(Item)).one().text or "")
