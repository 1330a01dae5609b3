"""Canonical URLs: one article linked two ways is one URL."""

from __future__ import annotations

import pytest

from service.reader.urls import canonical_url, outlet_name, url_host


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        # tracking parameters and fragments go, the rest is sorted
        (
            "https://udn.com/news/story/6656/7001?from=udn-ch1_breaknews-1-0-news",
            "https://udn.com/news/story/6656/7001",
        ),
        ("https://x.tw/a?utm_source=fb&utm_medium=s&id=3#top", "https://x.tw/a?id=3"),
        (
            "https://x.tw/a?b=2&a=1&fbclid=IwAR0&gclid=1&yclid=2&mc_cid=3&mc_eid=4&igshid=5",
            "https://x.tw/a?a=1&b=2",
        ),
        ("https://x.tw/a?ref=home&spm=a.b.c&ref_src=twsrc", "https://x.tw/a"),
        (
            "https://www.chinatimes.com/realtimenews/20260605000001-260407?chdtv",
            "https://www.chinatimes.com/realtimenews/20260605000001-260407",
        ),
        # case, default ports, empty path
        ("HTTPS://News.LTN.com.tw:443", "https://news.ltn.com.tw/"),
        ("http://example.com:80/a", "http://example.com/a"),
        ("http://example.com:8080/a", "http://example.com:8080/a"),
        # mobile and AMP forms
        (
            "https://m.ltn.com.tw/news/world/breakingnews/4000",
            "https://news.ltn.com.tw/news/world/breakingnews/4000",
        ),
        ("https://m.udn.com/news/story/6656/7001", "https://udn.com/news/story/6656/7001"),
        ("https://udn.com/news/amp/story/6656/7001", "https://udn.com/news/story/6656/7001"),
        (
            "https://news.ltn.com.tw/amp/news/world/breakingnews/4000",
            "https://news.ltn.com.tw/news/world/breakingnews/4000",
        ),
        ("https://www.example.com/story/9/amp", "https://www.example.com/story/9"),
        ("https://www.example.com/story/9.amp.html", "https://www.example.com/story/9.html"),
        ("https://www.example.com/story/9?amp", "https://www.example.com/story/9"),
        ("https://www.example.com/story/9?outputType=amp", "https://www.example.com/story/9"),
        # raw and percent-encoded Chinese are the same URL; non-UTF-8 escapes are kept
        ("https://x.tw/新聞/1?q=臺灣", "https://x.tw/%E6%96%B0%E8%81%9E/1?q=%E8%87%BA%E7%81%A3"),
        (
            "https://x.tw/%e6%96%b0%e8%81%9e/1?q=%E8%87%BA%E7%81%A3",
            "https://x.tw/%E6%96%B0%E8%81%9E/1?q=%E8%87%BA%E7%81%A3",
        ),
        ("https://x.tw/search?q=%A5x%C6W", "https://x.tw/search?q=%A5x%C6W"),
        ("https://x.tw/a%2Fb", "https://x.tw/a%2Fb"),
    ],
)
def test_canonical_url(given: str, expected: str) -> None:
    assert canonical_url(given) == expected


def test_same_link_with_and_without_tracking_is_one_url() -> None:
    plain = "https://news.ltn.com.tw/news/politics/breakingnews/5000"
    assert canonical_url(plain + "?utm_source=rss&utm_campaign=x") == canonical_url(plain)


@pytest.mark.parametrize(
    "junk", ["", "not a url", "mailto:a@b.c", "ftp://x/y", "http://[::1", "javascript:alert(1)"]
)
def test_never_raises_and_leaves_what_it_cannot_read(junk: str) -> None:
    assert canonical_url(junk) == junk.strip()


def test_idempotent() -> None:
    once = canonical_url("https://M.UDN.com/news/amp/story/1/2?b=1&a=%e4%b8%ad&utm_x=1#f")
    assert canonical_url(once) == once


def test_outlet_name() -> None:
    assert outlet_name("https://m.udn.com/news/story/1") == "聯合新聞網"
    assert outlet_name("news.ltn.com.tw") == "自由時報"
    assert outlet_name("https://www.cna.com.tw/news/aipl/1.aspx") == "中央社"
    assert outlet_name("https://www.example.org/x") == "example.org"
    assert url_host("https://WWW.Example.org/x") == "www.example.org"
