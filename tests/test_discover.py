"""Feed discovery (service.reader.discover and ``newsmon feeds discover``) against a real loopback server."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from helpers.http_server import LocalServer, Reply

from service.cli import main
from service.config import FetchSettings, load_settings
from service.errors import FetchError
from service.reader.discover import candidate_urls, discover
from service.reader.fetcher import Fetcher

FEEDS = Path(__file__).resolve().parent / "fixtures" / "feeds"
RSS = {"Content-Type": "application/rss+xml; charset=utf-8"}
HTML = {"Content-Type": "text/html; charset=utf-8"}

HOME = """<!doctype html><html><head><title>南方日報</title>
<link rel="alternate" type="application/rss+xml" title="即時新聞" href="/rss/realtime.xml">
<link rel="stylesheet" href="/style.css"></head>
<body><nav><a href="/news">新聞</a> <a href="/rss-index">RSS 訂閱</a></nav>
<ul><li><a href="/rss/politics.xml">政治</a></li><li><a href="/rss/missing.xml">停刊</a></li>
<li><a href="/sitemap.xml">網站地圖</a></li>
<li><a href="javascript:void(0)">分享</a></li></ul></body></html>"""


def serve_site(server: LocalServer) -> None:
    rss = (FEEDS / "rss20.xml").read_bytes()
    server.route("/", Reply(body=HOME.encode(), headers=HTML))
    server.route("/rss/realtime.xml", Reply(body=rss, headers=RSS))
    server.route("/rss/politics.xml", Reply(body=(FEEDS / "atom.xml").read_bytes(), headers=RSS))
    server.route("/rss/missing.xml", Reply(404, b"gone"))
    server.route("/sitemap.xml", Reply(body=b"<?xml version='1.0'?><urlset></urlset>", headers=RSS))
    server.route("/rss-index", Reply(body=b"<html><body>feeds</body></html>", headers=HTML))
    server.route(
        "/news", Reply(body="<html><body><a href='/a/1'>市政新聞</a></body></html>".encode(), headers=HTML)
    )


def fetcher() -> Fetcher:
    return Fetcher(FetchSettings.model_validate({"allow_loopback": True, "per_host_min_gap_seconds": 0}))


def test_candidates_come_from_links_anchors_and_usual_paths() -> None:
    site = "https://south.example.tw"
    found = list(candidate_urls(HOME, f"{site}/"))
    assert found[0] == f"{site}/rss/realtime.xml"  # <link rel=alternate> first
    assert f"{site}/rss/politics.xml" in found and f"{site}/rss-index" in found
    assert f"{site}/news" not in found and not any("javascript" in url for url in found)
    assert found[-1] == f"{site}/rss/index.xml"  # the usual paths last
    assert next(candidate_urls("", f"{site}/")) == f"{site}/rss"


def test_discover_lists_the_feeds_that_work(local_server: LocalServer) -> None:
    serve_site(local_server)
    with fetcher() as client:
        found = discover(client, local_server.url("/"))
    assert [feed.url for feed in found] == [
        local_server.url("/rss/realtime.xml"),
        local_server.url("/rss/politics.xml"),
    ]
    assert all(feed.entries > 0 for feed in found)  # the 404, the sitemap and the HTML index are left out


def test_a_feed_url_is_its_own_discovery(local_server: LocalServer) -> None:
    serve_site(local_server)
    with fetcher() as client:
        (found,) = discover(client, local_server.url("/rss/realtime.xml"))
    assert found.url == local_server.url("/rss/realtime.xml") and found.entries > 0
    assert [request.path for request in local_server.requests] == ["/rss/realtime.xml"]


def test_refused_addresses_stay_refused() -> None:
    with Fetcher(FetchSettings()) as client:  # loopback not allowed
        try:
            discover(client, "http://127.0.0.1:9/")
        except FetchError as exc:
            assert "refused" in str(exc)
        else:  # pragma: no cover
            raise AssertionError("a loopback address was fetched")


def test_cli_discover_then_add_to_the_config(local_server: LocalServer, tmp_path: Path) -> None:
    serve_site(local_server)
    config = tmp_path / "newsmon.yaml"
    config.write_text(
        f"data_dir: {tmp_path / 'data'}\nfetch:\n  allow_loopback: true\n  per_host_min_gap_seconds: 0\n"
        f"feeds:\n  - {{name: realtime, url: '{local_server.url('/rss/realtime.xml')}'}}\n",
        encoding="utf-8",
    )
    runner = CliRunner()
    listed = runner.invoke(main, ["--config", str(config), "feeds", "discover", local_server.url("/")])
    assert listed.exit_code == 0, listed.output
    assert local_server.url("/rss/politics.xml") in listed.output and "最新" in listed.output
    added = runner.invoke(
        main, ["--config", str(config), "feeds", "discover", local_server.url("/"), "--add"]
    )
    assert added.exit_code == 0, added.output
    assert "已新增 1 個來源" in added.output and "1 個已設定" in added.output
    assert [feed.url for feed in load_settings(config).feeds] == [
        local_server.url("/rss/realtime.xml"),
        local_server.url("/rss/politics.xml"),
    ]
    nothing = runner.invoke(main, ["--config", str(config), "feeds", "discover", local_server.url("/news")])
    assert nothing.exit_code == 1 and "找不到可用的來源" in nothing.output
