"""Feed parsing: formats, identity, dates, encodings, malformed input. Feeds are our own (fixtures/feeds)."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from pathlib import Path

import feedparser
import pytest

from service.reader.feeds import guid_is_stable, identity_key, identity_key_from, parse_feed

FEEDS = Path(__file__).resolve().parent / "fixtures" / "feeds"
URL = "https://news.example.tw/rss/politics.xml"


def load(name: str) -> bytes:
    return (FEEDS / name).read_bytes()


CHANNEL, TITLE, SUMMARY = (
    "測試頻道 林志堃",
    "高雄市長訪問熊本 碁峯裏喆",
    "雙方簽署友好交流協定，恒春與熊本合作。",
)
CP950_TITLE = "高雄市長訪問熊本 碁裏銹"  # CP950 extensions of Big5, no HKSCS


def zh_feed(codec: str, declared: str, channel: str = CHANNEL, title: str = TITLE) -> bytes:
    template = (FEEDS / "zh_template.xml").read_text(encoding="utf-8")
    text = template.format(encoding=declared, channel=channel, title=title, summary=SUMMARY)
    return text.encode(codec)


def test_rss20_fields_identity_and_ttl() -> None:
    feed = parse_feed(load("rss20.xml"), URL, "application/rss+xml")
    assert feed.problem is None and feed.problem_kind is None
    assert feed.title == "測試新聞 政治"
    assert feed.ttl_minutes == 15
    assert feed.lang == "zh-TW"
    first, second, third, fourth = feed.entries
    # opaque GUID: namespaced by the article host; link canonicalised
    assert first.identity_key == "guid:news.example.tw:EX/20260605/202606050024"
    assert first.url == "https://news.example.tw/news/politics/1001"
    assert first.published == datetime(2026, 6, 5, 12, 28, 2, tzinfo=UTC)
    assert first.summary == "臺北市長今日率團抵達東京，\n與東京都簽署備忘錄。"
    # a URL GUID is canonicalised, so it equals the link-based key
    assert second.identity_key == "url:https://news.example.tw/news/local/1002"
    # no GUID, relative link, no date
    assert third.identity_key == "url:https://news.example.tw/news/local/1003"
    assert third.published is None
    # a GUID carrying a session id is not trusted: the link is used
    assert fourth.identity_key == "url:https://news.example.tw/news/local/1004"
    assert fourth.guid and "sid=" in fourth.guid


def test_atom_and_rdf_and_rss091() -> None:
    atom = parse_feed(load("atom.xml"), "https://pnn.example.tw/atom.xml", None)
    assert atom.problem is None
    assert [e.url for e in atom.entries] == [
        "https://pnn.example.tw/article/5001",
        "https://pnn.example.tw/article/5002",
    ]
    assert atom.entries[0].published == datetime(2026, 6, 5, 3, 0, tzinfo=UTC)
    assert atom.entries[1].published == datetime(2026, 6, 4, 4, 0, tzinfo=UTC)  # updated, +08:00
    assert atom.entries[0].authors == ("記者甲",)
    assert atom.entries[1].summary == "Only an updated date here."
    rdf = parse_feed(load("rdf.xml"), "https://gov.example.tw/rss", None)
    assert rdf.problem is None
    assert rdf.entries[0].title == "市長接見日本姊妹市訪問團"
    assert rdf.entries[0].published == datetime(2026, 6, 3, 1, 30, tzinfo=UTC)
    old = parse_feed(load("rss091.xml"), "http://old.example.com/rss", None)
    assert old.problem is None
    assert old.entries[0].title == "Café diplomacy in Taipei"
    assert old.entries[0].published is None


def test_bozo_feed_is_used_as_far_as_it_parses() -> None:
    feed = parse_feed(load("bozo.xml"), "https://broken.example.tw/rss", None)
    assert feed.problem_kind == "xml_syntax"
    assert feed.problem and feed.problem.startswith("xml_syntax: ")
    assert [e.url for e in feed.entries] == ["https://broken.example.tw/a/1", "https://broken.example.tw/a/2"]
    assert feed.entries[0].title == "第一則 & 未跳脫"


def test_missing_and_roc_dates() -> None:
    feed = parse_feed(load("nodates.xml"), "https://county.example.tw/rss", None)
    roc, none = feed.entries
    assert roc.published == datetime(2026, 9, 27, 16, 0, tzinfo=UTC)  # 115-09-28 00:00 Taiwan time
    assert none.published is None


@pytest.mark.parametrize(
    ("codec", "declared"),
    [("big5hkscs", "big5"), ("cp950", "big5"), ("gb18030", "gb2312"), ("gb18030", "gbk"), ("utf-8", "utf-8")],
)
def test_chinese_encodings_come_out_right(codec: str, declared: str) -> None:
    channel, title = ("測試頻道", CP950_TITLE) if codec == "cp950" else (CHANNEL, TITLE)
    feed = parse_feed(zh_feed(codec, declared, channel, title), "https://zh.example.tw/rss", "text/xml")
    assert feed.problem is None
    assert feed.title == channel
    assert feed.entries[0].title == title
    assert feed.entries[0].summary == SUMMARY


def test_gb18030_only_characters_survive() -> None:
    body = zh_feed("gb18030", "gb2312").replace("熊本".encode("gb18030"), "䶮〾".encode("gb18030"))
    assert parse_feed(body, "https://zh.example.tw/rss", None).entries[0].title == "高雄市長訪問䶮〾 碁峯裏喆"


def test_our_decoding_beats_feedparsers_for_hkscs() -> None:
    """Why we decode ourselves: feedparser given the same Big5-HKSCS bytes gives mojibake."""
    body = zh_feed("big5hkscs", "big5")
    theirs = feedparser.parse(io.BytesIO(body), response_headers={"content-type": "text/xml; charset=big5"})
    assert theirs.entries[0].title != "高雄市長訪問熊本 碁峯裏喆"
    ours = parse_feed(body, "https://zh.example.tw/rss", "text/xml; charset=big5")
    assert ours.entries[0].title == "高雄市長訪問熊本 碁峯裏喆"


def test_header_charset_wins_over_wrong_declaration() -> None:
    body = zh_feed("big5hkscs", "utf-8")  # labelled UTF-8 in the XML, really Big5: distrusted
    assert parse_feed(body, "https://zh.example.tw/rss", None).entries[0].title == "高雄市長訪問熊本 碁峯裏喆"


def test_same_item_in_two_feeds_has_one_key() -> None:
    politics = parse_feed(load("rss20.xml"), "https://feeds.example.com/politics", None)
    local = parse_feed(load("rss20.xml"), "https://feeds.example.com/local", None)
    assert [e.identity_key for e in politics.entries] == [e.identity_key for e in local.entries]


@pytest.mark.parametrize(
    "body",
    [
        b"",
        b"   ",
        b"<html><body>Not a feed</body></html>",
        b"\x00\x01\x02\xff",
        b"<rss",
        b"<?xml?>",
        b"/etc/passwd",
    ],
)
def test_never_raises(body: bytes) -> None:
    feed = parse_feed(body, URL, "text/html")
    assert feed.entries == []
    assert feed.problem_kind == "not_a_feed"


def test_guid_stability_heuristics() -> None:
    assert guid_is_stable("CNA/20260605/202606050024")
    assert guid_is_stable("https://x.tw/a?id=3")
    assert not guid_is_stable("https://x.tw/a?id=3&sid=abc")
    assert not guid_is_stable("https://x.tw/a;jsessionid=ABC?x")
    assert not guid_is_stable("https://x.tw/a?_=1717000000")
    assert not guid_is_stable("Fri, 05 Jun 2026 20:28:02 +0800")
    assert not guid_is_stable("2026-06-05T20:28:02+08:00")
    assert not guid_is_stable("   ")


def test_guid_shared_by_different_entries_is_not_trusted() -> None:
    body = b"""<rss version="2.0"><channel><title>t</title>
    <item><title>a</title><link>https://s.tw/1</link><guid>https://s.tw/</guid></item>
    <item><title>b</title><link>https://s.tw/2</link><guid>https://s.tw/</guid></item>
    </channel></rss>"""
    keys = [e.identity_key for e in parse_feed(body, "https://s.tw/rss", None).entries]
    assert keys == ["url:https://s.tw/1", "url:https://s.tw/2"]


def test_identity_falls_back_to_a_content_hash() -> None:
    key = identity_key_from(None, None, " 標題  Ａ ", "摘要", "https://x.tw/rss")
    assert key.startswith("hash:") and key == identity_key_from(None, None, "標題 A", "摘要", "")
    assert identity_key({"title": "標題 A", "summary": "摘要"}) == key
    long_link = "https://x.tw/" + "a" * 700
    assert len(identity_key_from(None, long_link, None, None)) <= 600
