"""``newsmon feeds``: status table, OPML import into the config file, OPML export."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

from service.cli import main
from service.config import load_settings

OPML = Path(__file__).resolve().parent / "fixtures" / "feeds" / "subscriptions.opml"


@pytest.fixture
def config(tmp_path: Path) -> Path:
    path = tmp_path / "newsmon.yaml"
    path.write_text(
        f"# test config\ndata_dir: {tmp_path / 'data'}\n"
        "feeds:\n"
        "  # one feed\n"
        "  - {name: already, url: 'https://already.example.tw/rss', lang: zh-Hant, publisher: 已有}\n",
        encoding="utf-8",
    )
    return path


def run(config: Path, *args: str) -> str:
    result = CliRunner().invoke(main, ["--config", str(config), *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def test_status_table_lists_configured_feeds(config: Path) -> None:
    output = run(config, "feeds")
    header, row = output.splitlines()[:2]
    assert header.split()[:3] == ["名稱", "狀態", "上次成功"]  # ui.language zh-Hant
    assert row.split()[:3] == ["already", "尚未輪詢", "從未"]
    assert "已到期" in row


def test_import_appends_new_feeds_and_keeps_comments(config: Path) -> None:
    output = run(config, "feeds", "import", str(OPML))
    assert "已新增 2 個來源" in output and "1 個已設定" in output
    text = config.read_text(encoding="utf-8")
    assert text.startswith("# test config") and "# one feed" in text
    feeds = {feed.name: feed for feed in load_settings(config).feeds}
    assert feeds["地方新聞-one"].url == "https://one.example.tw/rss.xml"
    assert feeds["地方新聞-one"].publisher == "地方新聞 One"
    assert feeds["japan-desk"].lang == "ja"
    assert "將新增 0 個來源" in run(config, "feeds", "import", str(OPML))  # idempotent


def test_import_dry_run_changes_nothing(config: Path) -> None:
    before = config.read_text(encoding="utf-8")
    assert "（試行）" in run(config, "feeds", "import", "--dry-run", str(OPML))
    assert config.read_text(encoding="utf-8") == before


def test_import_rejects_bad_opml(config: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.opml"
    bad.write_text("<opml><body><outline xmlUrl='ftp://x/y' text='x'/></body></opml>", encoding="utf-8")
    result = CliRunner().invoke(main, ["--config", str(config), "feeds", "import", str(bad)])
    assert result.exit_code == 2 and "bad.opml" in result.output and "not an http(s) URL" in result.output
    bomb = tmp_path / "bomb.opml"
    bomb.write_text('<!DOCTYPE x [<!ENTITY a "aaaa">]><opml/>', encoding="utf-8")
    result = CliRunner().invoke(main, ["--config", str(config), "feeds", "import", str(bomb)])
    assert result.exit_code == 2 and "entity" in result.output


def test_export_round_trips(config: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.opml"
    run(config, "feeds", "export", "--out", str(out))
    outlines = ET.parse(out).getroot().findall("./body/outline")
    assert [(o.get("text"), o.get("xmlUrl"), o.get("title")) for o in outlines] == [
        ("already", "https://already.example.tw/rss", "已有")
    ]
    assert run(config, "feeds", "export").startswith('<?xml version="1.0" encoding="UTF-8"?>')
