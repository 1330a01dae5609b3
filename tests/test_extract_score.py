"""The extraction quality score end to end: computed by the extract stage, stored on the item by
``record_article`` (a real SQLite file), shown on the item page and listed by the "check extraction" view."""

from __future__ import annotations

from datetime import UTC, datetime

from helpers.asgi_client import TestClient
from sqlalchemy import Engine

from service.config import load_settings
from service.extraction.extract import extract_article
from service.models import LOW_EXTRACTION_QUALITY, Article, FeedEntry
from service.storage import items as item_store
from service.storage.db import session_scope
from service.storage.schema import Item
from service.web import create_app

NOW = datetime(2026, 12, 6, 9, 0, tzinfo=UTC)
BODY = "市府今天與日本靜岡縣簽署觀光交流備忘錄，雙方將互設旅遊服務窗口，並每年舉辦一次觀光推介會。"


def add(engine: Engine, n: int, summary: str) -> int:
    url = f"https://news.example.tw/q/{n}"
    entry = FeedEntry(url, url, url, f"標題{n}", summary, NOW)
    with session_scope(engine) as session:
        return item_store.insert_if_new(session, None, entry, "測試報").item_id


def test_score_is_high_for_a_clean_article_and_low_for_a_scrap() -> None:
    page = f"<html><body><article><h1>標題</h1><p>{BODY}</p><p>{BODY[::-1]}</p></article></body></html>"
    good = extract_article(page, "https://news.example.tw/1")
    assert good.quality is not None and good.quality >= 0.9
    scrap = extract_article("<html><body><p>只有一句話。</p></body></html>")
    assert scrap.quality is not None and scrap.quality < LOW_EXTRACTION_QUALITY
    assert extract_article("").quality is None  # a failure carries its reason, not a score


def test_low_score_keeps_the_longer_summary_and_is_listed(sqlite_engine: Engine) -> None:
    trusted = add(sqlite_engine, 1, "短摘要")
    doubtful = add(sqlite_engine, 2, "這則摘要比抽取的文字更長，也更完整，" * 3)
    with session_scope(sqlite_engine) as session:
        item_store.record_article(session, trusted, Article("標題1", BODY * 2, quality=0.95), 20)
        item_store.record_article(session, doubtful, Article("標題2", BODY, quality=0.2), 20)
    with session_scope(sqlite_engine) as session:
        kept = session.get_one(Item, doubtful)
        assert (kept.text_source, kept.extraction_quality) == ("summary", 0.2)
        assert kept.error is not None and "quality 0.20" in kept.error
        assert session.get_one(Item, trusted).text_source == "page"
        listed = item_store.low_quality_extractions(session)
    assert [row.id for row in listed] == [doubtful]

    with TestClient(create_app(load_settings(), sqlite_engine), follow_redirects=False) as client:
        view = client.get("/extraction")
        assert view.status_code == 200
        assert f"/items/{doubtful}?back=/extraction" in view.text and f"/items/{trusted}?" not in view.text
        assert "0.20" in view.text
        page = client.get(f"/items/{doubtful}")
        assert "擷取品質 0.20" in page.text and "檢查擷取" in page.text
        assert "擷取品質 0.95" in client.get(f"/items/{trusted}").text
