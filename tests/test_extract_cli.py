"""``newsmon extract`` on saved pages and ``newsmon reprocess`` on stored pages in a real SQLite file."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from click.testing import CliRunner

from service.cli import main
from service.models import FeedEntry, FetchResult
from service.storage import items as item_store
from service.storage import pages as page_store
from service.storage.db import make_engine, migrate, session_scope

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "extract"


def write_config(tmp_path: Path) -> Path:
    config = tmp_path / "config.yaml"
    config.write_text(
        f"data_dir: {tmp_path / 'data'}\n"
        f"database:\n  url: sqlite:///{tmp_path / 'newsmon.db'}\n"
        "feeds:\n  - name: test\n    url: https://news.example.tw/rss\n",
        encoding="utf-8",
    )
    return config


def test_extract_prints_one_json_line_per_file_in_order(tmp_path: Path) -> None:
    files = [FIXTURES / "english_page.html", FIXTURES / "big5_page.html"]
    result = CliRunner().invoke(
        main,
        ["--config", str(write_config(tmp_path)), "extract", *map(str, files), "--url", "https://x.tw/1"],
    )
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.output.splitlines()]
    assert [r["path"] for r in records] == [str(f) for f in files]
    assert records[0]["title"] == "Tainan and Kanazawa renew sister-city pact"
    assert records[0]["lang"] == "en" and records[0]["byline"] == "By Jane Lin / Staff reporter"
    assert records[1]["title"] == "屏東縣與日本沖繩縣簽署觀光交流協議"  # Big5 bytes decoded by us
    assert set(records[1]) >= {"path", "title", "text", "published", "lang", "error", "byline"}


def test_extract_names_a_missing_file(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["--config", str(write_config(tmp_path)), "extract", "nope.html"])
    assert result.exit_code == 2
    assert "nope.html" in result.output


def test_reprocess_rewrites_only_changed_texts(tmp_path: Path) -> None:
    config = write_config(tmp_path)
    engine = make_engine(f"sqlite:///{tmp_path / 'newsmon.db'}")
    migrate(engine)
    body = (FIXTURES / "desktop_portal.html").read_bytes()
    ids = []
    with session_scope(engine) as session:
        for n in range(2):
            url = f"https://news.example.tw/story/{n}"
            entry = FeedEntry(url, url, url, None, "摘要", datetime.now(UTC))
            item_id = item_store.insert_if_new(session, None, entry, "南方日報").item_id
            item_store.record_page(
                session, item_id, FetchResult(url, url, 200, {"content-type": "text/html"}, body)
            )
            ids.append(item_id)
    from service.config import load_settings
    from service.reprocess import reprocess_pages, select_pages

    settings = load_settings(config)
    first = reprocess_pages(engine, settings, select_pages(engine))
    assert (first.pages, first.changed) == (2, 2)
    with session_scope(engine) as session:
        text, source = page_store.extracted_text(session, ids[0])
    assert source == "page" and text is not None and "熊本" in text and "熱門新聞" not in text

    result = CliRunner().invoke(main, ["--config", str(config), "reprocess"])
    assert result.exit_code == 0, result.output
    assert "重新擷取 2 個已存網頁：變更 0 個，未變 2 個" in result.output

    dry = CliRunner().invoke(main, ["--config", str(config), "reprocess", "--item", str(ids[1]), "--dry-run"])
    assert "重新擷取 1 個已存網頁：將變更 0 個" in dry.output
    engine.dispose()
