"""``newsmon poll --once`` over a real feed on loopback: the cycle's summary says what the stages made of the
items (issue 17: ``CycleReport.outcomes`` was counted but shown nowhere)."""

from __future__ import annotations

from pathlib import Path

import yaml
from click.testing import CliRunner
from helpers.http_server import LocalServer, Reply

from service.cli import main

_RELEVANT = (
    "臺南市長今天在市府接見日本熊本縣知事率領的訪問團，雙方就觀光、農業與青年交流交換意見。"
    "市長表示，臺南與熊本縣自締結友好交流協定以來往來密切，盼明年互派中學生訪問。"
    "知事也邀請市長出席明年在熊本舉行的臺日交流高峰會。"
)
_IRRELEVANT = (
    "中央氣象署今天表示，受東北季風影響，北部及東北部今明兩天有局部短暫雨，氣溫下降。"
    "民眾外出請注意保暖，山區可能出現濃霧，用路人應小心駕駛。"
    "氣象署預估週末起天氣逐漸回穩，各地轉為多雲到晴。"
)


def _page(title: str, text: str) -> bytes:
    paragraphs = "".join(f"<p>{sentence}。</p>" for sentence in text.split("。") if sentence)
    return (
        f"<html><head><meta charset='utf-8'><title>{title}</title></head>"
        f"<body><article><h1>{title}</h1>{paragraphs}</article></body></html>"
    ).encode()


def _feed(server: LocalServer) -> bytes:
    entries = "".join(
        f"<item><title>{title}</title><link>{server.url(path)}</link><guid>{path}</guid>"
        "<pubDate>Mon, 07 Dec 2026 08:00:00 +0800</pubDate></item>"
        for title, path in (("熊本縣知事拜會臺南市長", "/a1"), ("東北季風來襲 北部轉涼", "/a2"))
    )
    channel = f"<channel><title>t</title>{entries}</channel>"
    return f"<?xml version='1.0' encoding='utf-8'?><rss version='2.0'>{channel}</rss>".encode()


def test_poll_once_prints_what_the_stages_made_of_the_items(tmp_path: Path) -> None:
    with LocalServer() as server:
        server.route("/feed.xml", lambda request: Reply(body=_feed(server)))
        server.route("/a1", lambda request: Reply(body=_page("熊本縣知事拜會臺南市長", _RELEVANT)))
        server.route("/a2", lambda request: Reply(body=_page("東北季風來襲 北部轉涼", _IRRELEVANT)))
        config = tmp_path / "newsmon.yaml"
        settings = {
            "data_dir": str(tmp_path / "data"),
            "fetch": {"allow_loopback": True, "per_host_min_gap_seconds": 0},
            "feeds": [{"name": "local", "url": server.url("/feed.xml"), "lang": "zh-Hant"}],
        }
        config.write_text(yaml.safe_dump(settings, allow_unicode=True), encoding="utf-8")
        result = CliRunner().invoke(main, ["--config", str(config), "poll", "--once"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    (line,) = [line for line in result.output.splitlines() if line.startswith("處理結果：")]
    assert "1 相關" in line and "1 不相關" in line, result.output
