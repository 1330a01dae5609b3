"""Full-text search: the index follows every write, Chinese and Japanese are found (also by two characters),
filters narrow by the label rule and the events, and the page and API show highlighted hits. SQLite (FTS5
trigram) and PostgreSQL (pg_trgm)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers.asgi_client import TestClient
from sqlalchemy import Engine, select, text
from sqlalchemy.orm import Session

from classifiers.events import Event, EventType, Partner, PartnerLevel
from service.cli import main
from service.config import load_settings
from service.models import Article, FeedEntry
from service.storage import items as item_store
from service.storage import search
from service.storage.db import make_engine, migrate, session_scope
from service.storage.schema import Classification, Item, ReviewLabel
from service.storage.search import SearchFilters
from service.web import create_app

NOW = datetime(2026, 3, 12, 2, 0, tzinfo=UTC)

# Our own short items (invented events; places are real).
VISIT = (
    "熊本縣知事率團拜會臺南市長",
    "日本熊本縣知事今(12)日率領經濟訪問團拜會臺南市政府，雙方就觀光與半導體人才交流交換意見。",
)
SISTERS = ("高雄與八王子締結姊妹市十週年", "高雄市與東京都八王子市慶祝姊妹市交流十週年，兩市學生互訪。")
WEATHER = ("東北季風增強 北部轉涼", "中央氣象署表示，東北季風今晚增強，北部及東北部氣溫下降。")
JAPANESE = (
    "台南市長を表敬訪問",
    "熊本県の知事が台南市を訪れ、市長を表敬訪問した。観光交流の拡大で一致した。",
)


def add(session: Session, title: str, body: str, *, outlet: str = "測試報", days: int = 0) -> int:
    stamp = NOW - timedelta(days=days)
    item = Item(
        identity_key=f"test:{title}",
        url=f"https://news.example.tw/{abs(hash(title))}",
        outlet=outlet,
        title=title,
        text=body,
        text_source="page",
        published_at=stamp,
        first_seen_at=stamp,
        updated_at=stamp,
        status="done",
    )
    session.add(item)
    session.flush()
    return item.id


def classify(session: Session, item_id: int, *, topics: dict[str, bool], event: Event | None = None) -> None:
    labels = {**topics, "relevant": any(topics.values())}
    row = Classification(
        item_id=item_id,
        model_version="test",
        scores={name: 0.9 if value else 0.1 for name, value in topics.items()},
        labels=labels,
        relevant=labels["relevant"],
        relevance_score=0.9 if labels["relevant"] else 0.1,
        explanation={},
        event=event.to_dict() if event else None,
        event_type=str(event.event_type) if event else None,
        created_at=NOW,
    )
    session.add(row)
    session.flush()
    session.get_one(Item, item_id).classification_id = row.id


def find(engine: Engine, query: str, **filters: object) -> list[int]:
    with session_scope(engine) as session:
        page = search.search_items(session, query, SearchFilters(**filters))  # type: ignore[arg-type]
        return [hit.item_id for hit in page.results]


@pytest.fixture
def seeded(engine: Engine) -> Iterator[tuple[Engine, dict[str, int]]]:
    with session_scope(engine) as session:
        ids = {
            "visit": add(session, *VISIT, outlet="南方日報"),
            "sisters": add(session, *SISTERS, days=40),
            "weather": add(session, *WEATHER),
            "japanese": add(session, *JAPANESE, outlet="九州新聞"),
        }
        kumamoto = Partner("熊本縣", "Kumamoto Prefecture", "Japan", PartnerLevel.PREFECTURE)
        classify(
            session,
            ids["visit"],
            topics={"taiwan_japan": True, "city_diplomacy": True},
            event=Event(taiwan_party=("臺南市",), partners=(kumamoto,), event_type=EventType.HOSTED_VISIT),
        )
        classify(session, ids["weather"], topics={"taiwan_japan": False, "city_diplomacy": False})
    yield engine, ids


def test_chinese_and_japanese_are_found_with_variants_folded(seeded: tuple[Engine, dict[str, int]]) -> None:
    engine, ids = seeded
    assert find(engine, "臺南市政府") == [ids["visit"]]
    assert find(engine, "台南市政府") == [ids["visit"]]  # 臺/台 alike
    assert set(find(engine, "熊本県")) == {ids["visit"], ids["japanese"]}  # 県/縣 alike
    assert find(engine, "八王子 十週年") == [ids["sisters"]]  # every term must match
    assert find(engine, "八王子 颱風") == []
    assert find(engine, "表敬訪問") == [ids["japanese"]]


def test_two_character_queries_fall_back_to_like(seeded: tuple[Engine, dict[str, int]]) -> None:
    engine, ids = seeded
    assert find(engine, "姊妹") == [ids["sisters"]]
    assert find(engine, "季風") == [ids["weather"]]
    assert set(find(engine, "熊本 臺南")) == {ids["visit"], ids["japanese"]}  # two short terms together
    assert find(engine, "熊本 臺南")[0] == ids["visit"]  # both in its title
    assert set(find(engine, "知事 台南市")) == {ids["visit"], ids["japanese"]}
    assert find(engine, "轉涼") == [ids["weather"]]  # the last two characters of a title
    assert find(engine, "下降") == [ids["weather"]]  # ... and of a text (before its final 。)
    assert find(engine, "颱") == [] and find(engine, "季") == [ids["weather"]]  # one character: a scan
    assert find(engine, "%") == [] and find(engine, "_") == []  # LIKE wildcards are literal


def test_a_title_match_ranks_first(seeded: tuple[Engine, dict[str, int]]) -> None:
    engine, ids = seeded
    with session_scope(engine) as session:
        other = add(session, "半導體人才論壇", "論壇談到熊本縣知事拜會臺南市長後的人才交流。")
    assert find(engine, "熊本縣知事")[0] == ids["visit"]
    assert other in find(engine, "熊本縣知事")


def test_filters_use_the_label_rule_and_the_events(seeded: tuple[Engine, dict[str, int]]) -> None:
    engine, ids = seeded
    assert find(engine, "熊本", label="relevant") == [ids["visit"]]
    assert find(engine, "熊本", party="台南市") == [ids["visit"]]
    assert find(engine, "熊本", partner="Japan") == [ids["visit"]]
    assert find(engine, "熊本", event_type="hosted_visit") == [ids["visit"]]
    assert find(engine, "熊本", event_type="agreement") == []
    assert find(engine, "熊本", outlet="九州新聞") == [ids["japanese"]]
    assert find(engine, "姊妹", since=NOW - timedelta(days=10)) == []
    assert find(engine, "姊妹", until=NOW - timedelta(days=30)) == [ids["sisters"]]
    with session_scope(engine) as session:  # a reviewer says no: the label filter follows the person
        session.add(
            ReviewLabel(item_id=ids["visit"], label="relevant", value=False, reviewer="ana", created_at=NOW)
        )
    assert find(engine, "熊本", label="relevant") == []


def test_the_index_follows_every_write(engine: Engine) -> None:
    entry = FeedEntry(
        identity_key="guid:1",
        url="https://news.example.tw/a/1",
        link="https://news.example.tw/a/1",
        title="宜蘭縣長出訪",
        summary="宜蘭縣長率團前往日本岩手縣。",
        published=NOW,
        lang="zh-Hant",
    )
    with session_scope(engine) as session:
        inserted = item_store.insert_if_new(session, None, entry, "測試報")  # a Core insert
    assert find(engine, "岩手縣") == [inserted.item_id]  # the summary is searchable at once
    article = Article(
        text="宜蘭縣長今天率團抵達盛岡市，與岩手縣知事簽署友好交流協定。" * 3, title="宜蘭縣長出訪"
    )
    with session_scope(engine) as session:
        item_store.record_article(session, inserted.item_id, article, min_chars=20)
    assert find(engine, "盛岡市") == [inserted.item_id]  # the page text replaced the summary
    with session_scope(engine) as session:
        session.get_one(Item, inserted.item_id).text = "改寫後的內文，只談花蓮。"
    assert find(engine, "盛岡市") == [] and find(engine, "花蓮") == [inserted.item_id]
    with session_scope(engine) as session:
        session.delete(session.get_one(Item, inserted.item_id))
    assert find(engine, "花蓮") == []
    with engine.connect() as connection:
        assert connection.execute(text(f"SELECT count(*) FROM {search.TABLE}")).scalar() == 0


def test_rebuild_indexes_what_is_stored(seeded: tuple[Engine, dict[str, int]]) -> None:
    engine, ids = seeded
    with engine.begin() as connection:
        connection.execute(text(f"DELETE FROM {search.TABLE}"))
        assert search.rebuild(connection) == len(ids)
    assert find(engine, "八王子") == [ids["sisters"]]


def test_highlight_cuts_the_original_text_around_the_match() -> None:
    segments = search.highlight("前言。" * 40 + "臺南市長接待熊本縣知事。", ["台南市長"], width=30)
    assert ("臺南市長", True) in segments  # the original 臺, found by the folded 台
    assert segments[0] == ("…", False)
    assert "".join(text for text, _ in segments).startswith("…")
    assert search.highlight("沒有相符", ["熊本"]) == [("沒有相符", False)]
    assert search.highlight(None, ["x"]) == []


def test_the_page_and_the_api_show_highlighted_hits(seeded: tuple[Engine, dict[str, int]]) -> None:
    engine, ids = seeded
    with session_scope(engine) as session:
        add(session, "<script>alert(1)</script> 熊本", "熊本<b>粗體</b>")
    app = create_app(load_settings(), engine)
    with TestClient(app, follow_redirects=False) as client:
        page = client.get("/search", params={"q": "台南市政府"})
        assert page.status_code == 200
        assert "<mark>臺南市政府</mark>" in page.text and f'href="/items/{ids["visit"]}"' in page.text
        assert "<script>alert(1)</script>" not in client.get("/search", params={"q": "熊本"}).text
        api = client.get("/api/search", params={"q": "熊本", "label": "relevant"}).json()
        assert [hit["item_id"] for hit in api["results"]] == [ids["visit"]]
        assert ["熊本", True] in api["results"][0]["title"]
        assert api["results"][0]["event"]["taiwan_party"] == ["臺南市"]
        assert client.get("/search", params={"q": "熊本", "label": "nope"}).status_code == 400
        assert client.get("/api/search", params={"q": "x" * 201}).status_code == 400
        assert "搜尋" in client.get("/search").text


def test_like_baseline_finds_raw_substrings_only(seeded: tuple[Engine, dict[str, int]]) -> None:
    engine, ids = seeded
    with engine.connect() as connection:
        assert search.like_scan(connection, "臺南市政府") == [ids["visit"]]
        assert search.like_scan(connection, "台南市政府") == []  # no folding: the baseline misses it


def test_the_index_counts_match_the_items(seeded: tuple[Engine, dict[str, int]]) -> None:
    engine, _ids = seeded
    with engine.connect() as connection:
        items = connection.execute(select(Item.id)).scalars().all()
        key = "rowid" if engine.dialect.name == "sqlite" else "item_id"
        indexed = connection.execute(text(f"SELECT {key} FROM {search.TABLE}")).scalars().all()
    assert sorted(items) == sorted(indexed)


def test_the_command_line_searches_and_rebuilds(tmp_path: Path) -> None:
    config = tmp_path / "newsmon.yaml"
    config.write_text(
        f"data_dir: {tmp_path / 'data'}\nfeeds:\n  - {{name: one, url: 'https://one.example.tw/rss'}}\n",
        encoding="utf-8",
    )
    settings = load_settings(config)
    engine = make_engine(settings.database_url)
    migrate(engine)
    with session_scope(engine) as session:
        visit = add(session, *VISIT)
        add(session, *WEATHER)
    engine.dispose()
    runner = CliRunner()
    result = runner.invoke(main, ["--config", str(config), "search", "臺南"])
    assert result.exit_code == 0, result.output
    assert f"{visit:>7}" in result.output and "[臺南]" in result.output and "符合 1 則" in result.output
    result = runner.invoke(main, ["--config", str(config), "search", "台南市政府", "--json", "--rebuild"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert [row["item_id"] for row in rows] == [visit]
    assert runner.invoke(main, ["--config", str(config), "search"]).exit_code == 2
