"""`newsmon status` counts configured feeds from the start and shows failing and silent feeds."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import yaml
from click.testing import CliRunner
from sqlalchemy import update

from service.cli import main
from service.config import load_settings
from service.jobs import sync_configured_feeds
from service.storage.db import make_engine, migrate, session_scope
from service.storage.schema import Feed


def write_config(tmp_path: Path, feeds: int) -> Path:
    config = {
        "data_dir": str(tmp_path / "data"),
        "feeds": [{"name": f"feed {n}", "url": f"https://news{n}.example.tw/rss"} for n in range(feeds)]
        + [{"name": "off", "url": "https://off.example.tw/rss", "enabled": False}],
    }
    path = tmp_path / "config.yaml"
    path.write_text(yaml.safe_dump(config), encoding="utf-8")
    return path


def status(config: Path) -> str:
    result = CliRunner().invoke(main, ["--config", str(config), "status"])
    assert result.exit_code == 0, result.output
    return result.output


def test_a_fresh_config_counts_its_feeds_as_not_polled_yet(tmp_path: Path) -> None:
    out = status(write_config(tmp_path, 32))
    # the summary in ui.language (zh-Hant)
    assert "0 個正常，0 個失敗，32 個尚未輪詢，1 個停用" in out and "共設定 33 個" in out


def test_failing_and_silent_feeds_are_shown(tmp_path: Path) -> None:
    config = write_config(tmp_path, 3)
    settings = load_settings(config)
    engine = make_engine(settings.database_url)
    migrate(engine)
    sync_configured_feeds(engine, settings)
    long_ago = datetime.now(UTC) - timedelta(days=30)
    with session_scope(engine) as session:
        session.execute(
            update(Feed).where(Feed.name == "feed 0").values(last_success_at=long_ago, created_at=long_ago)
        )
        session.execute(
            update(Feed)
            .where(Feed.name == "feed 1")
            .values(error_count=2, last_error="HTTP 404 from https://news1.example.tw/rss")
        )
    engine.dispose()

    out = status(config)

    assert "1 個正常，1 個失敗，1 個尚未輪詢" in out and "1 個沉寂（7 天無新項目）" in out
    assert "失敗中   feed 1: HTTP 404" in out
    assert f"沉寂     feed 0: 自 {long_ago.astimezone(settings.tz):%Y-%m-%d}" in out
