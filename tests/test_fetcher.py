"""The fetcher against a real HTTP server on 127.0.0.1 (tests/helpers/http_server.py).

Nothing here sends a packet anywhere but loopback: refused addresses are refused before a socket opens.
"""

from __future__ import annotations

import gzip
import ipaddress
import zlib
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

import brotli
import pytest
from helpers.http_server import LocalServer, Reply, Request

from service.config import FetchSettings
from service.errors import (
    BlockedAddressError,
    FetchError,
    HTTPStatusError,
    NetworkError,
    TooLargeError,
    TooManyRedirectsError,
)
from service.pipeline import decode_page
from service.reader.feeds import parse_feed
from service.reader.fetcher import (
    AddressPolicy,
    Fetcher,
    FetchRequest,
    cache_max_age,
    parse_retry_after,
)

FEEDS = Path(__file__).resolve().parent / "fixtures" / "feeds"
RSS = (FEEDS / "rss20.xml").read_bytes()


def settings(**overrides: object) -> FetchSettings:
    base: dict[str, object] = {
        "allow_loopback": True,
        "per_host_min_gap_seconds": 0.0,
        "connect_timeout_seconds": 2.0,
        "read_timeout_seconds": 0.5,
        "total_timeout_seconds": 5.0,
        "max_bytes": 100_000,
        "max_redirects": 3,
        "contact_url": "https://newsmon.example.org/contact",
    }
    base.update(overrides)
    return FetchSettings.model_validate(base)


@pytest.fixture
def fetcher() -> Fetcher:
    with Fetcher(settings()) as fetcher:
        yield fetcher


# --------------------------------------------------------------------------------------- conditional GET


def test_conditional_get_round_trip(local_server: LocalServer, fetcher: Fetcher) -> None:
    def feed(request: Request) -> Reply:
        if request.headers.get("if-none-match") == '"v1"':
            return Reply(304, headers={"ETag": '"v1"'})
        return Reply(
            200,
            RSS,
            {
                "ETag": '"v1"',
                "Last-Modified": "Fri, 05 Jun 2026 12:00:00 GMT",
                "Content-Type": "application/rss+xml",
            },
        )

    local_server.route("/feed.xml", feed)
    first = fetcher.fetch(local_server.url("/feed.xml"))
    assert first.status == 200 and not first.not_modified
    assert first.etag == '"v1"' and first.last_modified == "Fri, 05 Jun 2026 12:00:00 GMT"
    assert first.body == RSS  # bytes, decoded once by the reader (here parse_feed)
    assert "測試新聞" in (
        parse_feed(first.body, first.final_url, first.headers.get("content-type")).title or ""
    )
    second = fetcher.fetch(local_server.url("/feed.xml"), etag=first.etag, last_modified=first.last_modified)
    assert second.not_modified and second.status == 304 and second.body == b""
    sent = local_server.requests_to("/feed.xml")[1].headers
    assert sent["if-none-match"] == '"v1"'
    assert sent["if-modified-since"] == "Fri, 05 Jun 2026 12:00:00 GMT"
    assert "newsmon" in sent["user-agent"] and "https://newsmon.example.org/contact" in sent["user-agent"]
    assert "br" in sent["accept-encoding"] and "gzip" in sent["accept-encoding"]


def test_connections_are_reused_across_304_and_error_answers(
    local_server: LocalServer, fetcher: Fetcher
) -> None:
    local_server.route("/same.xml", Reply(304, headers={"ETag": '"v1"'}))
    local_server.route("/missing.xml", Reply(404, b"no such feed"))
    for _ in range(3):
        assert fetcher.fetch(local_server.url("/same.xml"), etag='"v1"').not_modified
        with pytest.raises(HTTPStatusError):
            fetcher.fetch(local_server.url("/missing.xml"))
    assert len({request.client_port for request in local_server.requests}) == 1


# ------------------------------------------------------------------------------------------------ errors


def test_http_500_is_a_status_error(local_server: LocalServer, fetcher: Fetcher) -> None:
    local_server.route("/broken", Reply(500, b"oops"))
    with pytest.raises(HTTPStatusError) as caught:
        fetcher.fetch(local_server.url("/broken"))
    assert caught.value.status == 500 and caught.value.retry_after is None
    assert local_server.url("/broken") in str(caught.value)


def test_404_article_page(local_server: LocalServer, fetcher: Fetcher) -> None:
    with pytest.raises(HTTPStatusError) as caught:
        fetcher.fetch(local_server.url("/news/gone"))
    assert caught.value.status == 404


def test_read_timeout(local_server: LocalServer, fetcher: Fetcher) -> None:
    local_server.route("/slow", Reply(200, RSS, delay=1.5))
    with pytest.raises(NetworkError, match="timed out"):
        fetcher.fetch(local_server.url("/slow"))


def test_dribbling_server_hits_the_total_deadline(local_server: LocalServer) -> None:
    local_server.route("/drip", Reply(200, b"x" * 20_000, chunk_delay=0.2))  # each read under 0.5 s
    with (
        Fetcher(settings(total_timeout_seconds=1.0, connect_timeout_seconds=1.0)) as fetcher,
        pytest.raises(NetworkError, match="longer than"),
    ):
        fetcher.fetch(local_server.url("/drip"))


def test_connection_refused_is_a_network_error(fetcher: Fetcher) -> None:
    with LocalServer() as server:
        url = server.url("/gone")
    with pytest.raises(NetworkError):
        fetcher.fetch(url)


@pytest.mark.parametrize(("status", "header"), [(429, "120"), (503, "HTTP-DATE")])
def test_retry_after_seconds_and_http_date(
    local_server: LocalServer, fetcher: Fetcher, status: int, header: str
) -> None:
    if header == "HTTP-DATE":
        header = format_datetime(datetime.now(UTC) + timedelta(seconds=300), usegmt=True)
    local_server.route("/busy", Reply(status, b"", {"Retry-After": header}))
    local_server.route("/other", Reply(200, RSS))
    with pytest.raises(HTTPStatusError) as caught:
        fetcher.fetch(local_server.url("/busy"))
    assert caught.value.status == status
    assert caught.value.retry_after is not None
    expected = 120 if status == 429 else 300
    assert expected - 5 <= caught.value.retry_after <= expected
    # The host asked us to stay away: the next request to it fails without being sent.
    with pytest.raises(HTTPStatusError) as again:
        fetcher.fetch(local_server.url("/other"))
    assert again.value.retry_after is not None and again.value.retry_after > 0
    assert "not sent" in str(again.value)
    assert local_server.requests_to("/other") == []


# --------------------------------------------------------------------------------------------- redirects


def test_redirect_chain_is_followed(local_server: LocalServer, fetcher: Fetcher) -> None:
    local_server.route("/a", Reply(301, headers={"Location": "/b"}))
    local_server.route("/b", Reply(302, headers={"Location": local_server.url("/c")}))
    local_server.route("/c", Reply(307, headers={"Location": "/feed.xml"}))
    local_server.route("/feed.xml", Reply(200, RSS, {"Content-Type": "application/rss+xml"}))
    result = fetcher.fetch(local_server.url("/a"))
    assert result.url == local_server.url("/a")
    assert result.final_url == local_server.url("/feed.xml")
    assert result.body == RSS


def test_redirect_limit(local_server: LocalServer, fetcher: Fetcher) -> None:
    for hop in range(5):
        local_server.route(f"/r{hop}", Reply(302, headers={"Location": f"/r{hop + 1}"}))
    local_server.route("/r5", Reply(200, RSS))
    with pytest.raises(TooManyRedirectsError, match="more than 3 redirects"):
        fetcher.fetch(local_server.url("/r0"))


def test_redirect_loop(local_server: LocalServer, fetcher: Fetcher) -> None:
    local_server.route("/ping", Reply(302, headers={"Location": "/pong"}))
    local_server.route("/pong", Reply(302, headers={"Location": "/ping"}))
    with pytest.raises(TooManyRedirectsError, match="loop"):
        fetcher.fetch(local_server.url("/ping"))
    assert len(local_server.requests) == 2


# ------------------------------------------------------------------------------------------------- sizes


def test_oversize_body_by_content_length(local_server: LocalServer, fetcher: Fetcher) -> None:
    local_server.route("/big", Reply(200, b"x" * 200_000))
    with pytest.raises(TooLargeError, match="Content-Length"):
        fetcher.fetch(local_server.url("/big"))


def test_oversize_body_without_content_length(local_server: LocalServer, fetcher: Fetcher) -> None:
    local_server.route("/big", Reply(200, b"x" * 200_000, send_length=False))
    with pytest.raises(TooLargeError, match="while downloading"):
        fetcher.fetch(local_server.url("/big"))


@pytest.mark.parametrize("coding", ["gzip", "deflate", "br"])
def test_compressed_bodies_are_decoded(local_server: LocalServer, fetcher: Fetcher, coding: str) -> None:
    packed = {"gzip": gzip.compress, "deflate": zlib.compress, "br": brotli.compress}[coding](RSS)
    local_server.route("/z", Reply(200, packed, {"Content-Encoding": coding, "Content-Type": "text/xml"}))
    assert fetcher.fetch(local_server.url("/z")).body == RSS


def test_gzip_without_header_is_decoded(local_server: LocalServer, fetcher: Fetcher) -> None:
    local_server.route("/z", Reply(200, gzip.compress(RSS), {"Content-Type": "application/rss+xml"}))
    assert fetcher.fetch(local_server.url("/z")).body == RSS


@pytest.mark.parametrize("coding", ["gzip", "deflate", "br"])
def test_compression_bomb_fails_fast(local_server: LocalServer, coding: str) -> None:
    expanded = b"\0" * 20_000_000  # 20 MB of zeros: a few KB to a few tens of KB compressed
    packers = {
        "gzip": gzip.compress,
        "deflate": zlib.compress,
        "br": lambda data: brotli.compress(data, quality=1),
    }
    packed = packers[coding](expanded)
    assert len(packed) < 100_000  # under max_bytes on the wire
    local_server.route("/bomb", Reply(200, packed, {"Content-Encoding": coding}))
    with (
        Fetcher(settings(max_bytes=1_000_000)) as fetcher,
        pytest.raises(TooLargeError, match="decompressed"),
    ):
        fetcher.fetch(local_server.url("/bomb"))


# -------------------------------------------------------------------------------------------- encodings


ZH = "高雄市長訪問熊本 碁峯裏喆，雙方簽署友好交流協定。"


@pytest.mark.parametrize(
    ("codec", "content_type", "declare"),
    [
        ("big5hkscs", "text/html; charset=big5", ""),
        ("big5hkscs", "text/html", '<meta charset="big5">'),
        ("gb18030", "text/html; charset=gb2312", ""),
        ("gb18030", "text/html", '<meta http-equiv="Content-Type" content="text/html; charset=gbk">'),
        ("utf-8", "text/html", ""),
    ],
)
def test_pages_decode_right(
    local_server: LocalServer, fetcher: Fetcher, codec: str, content_type: str, declare: str
) -> None:
    html = f"<html><head>{declare}<title>測試</title></head><body><p>{ZH}</p></body></html>"
    local_server.route("/page", Reply(200, html.encode(codec), {"Content-Type": content_type}))
    result = fetcher.fetch(local_server.url("/page"))
    page = decode_page(result.body, result.headers, result.final_url)  # the page path's one decode
    assert ZH in page.html


def test_shift_jis_page(local_server: LocalServer, fetcher: Fetcher) -> None:
    text = "台湾と日本の姉妹都市交流、髙橋市長が訪問①"  # 髙 and ① are CP932 extensions
    body = f"<html><head><meta charset='shift_jis'></head><body>{text}</body></html>".encode("cp932")
    local_server.route("/ja", Reply(200, body, {"Content-Type": "text/html"}))
    result = fetcher.fetch(local_server.url("/ja"))
    page = decode_page(result.body, result.headers, result.final_url)
    assert text in page.html


@pytest.mark.parametrize(("codec", "declared"), [("big5hkscs", "big5"), ("gb18030", "gbk")])
def test_big5_and_gbk_feeds_end_to_end(
    local_server: LocalServer, fetcher: Fetcher, codec: str, declared: str
) -> None:
    template = (FEEDS / "zh_template.xml").read_text(encoding="utf-8")
    body = template.format(encoding=declared, channel="頻道", title=ZH, summary="摘要").encode(codec)
    local_server.route(
        "/zh.xml", Reply(200, gzip.compress(body), {"Content-Encoding": "gzip", "Content-Type": "text/xml"})
    )
    result = fetcher.fetch(local_server.url("/zh.xml"))
    feed = parse_feed(result.body, result.final_url, result.headers.get("content-type"))
    assert feed.problem is None and feed.entries[0].title == ZH


# ------------------------------------------------------------------------------------------- addresses


@pytest.mark.parametrize(
    "url",
    [
        "http://169.254.169.254/latest/meta-data/",
        "http://10.0.0.1/feed.xml",
        "http://192.168.1.1/",
        "http://172.16.0.1/",
        "http://[fe80::1]/",
        "http://[::ffff:10.0.0.1]/",
        "http://0.0.0.0/",
        "http://100.64.0.1/",
    ],
)
def test_private_and_link_local_refused_even_with_loopback_allowed(fetcher: Fetcher, url: str) -> None:
    with pytest.raises(BlockedAddressError, match="refused"):
        fetcher.fetch(url)


def test_redirect_to_metadata_address_is_refused(local_server: LocalServer, fetcher: Fetcher) -> None:
    local_server.route("/evil", Reply(302, headers={"Location": "http://169.254.169.254/latest/meta-data/"}))
    local_server.route("/evil2", Reply(302, headers={"Location": "http://10.0.0.1/admin"}))
    for path in ("/evil", "/evil2"):
        with pytest.raises(BlockedAddressError):
            fetcher.fetch(local_server.url(path))


def test_loopback_refused_unless_allowed(local_server: LocalServer) -> None:
    local_server.route("/feed.xml", Reply(200, RSS))
    with (
        Fetcher(settings(allow_loopback=False)) as strict,
        pytest.raises(BlockedAddressError, match="loopback"),
    ):
        strict.fetch(local_server.url("/feed.xml"))
    with Fetcher(settings(allow_loopback=False, allowed_networks=["127.0.0.0/8"])) as listed:
        assert listed.fetch(local_server.url("/feed.xml")).body == RSS
    assert len(local_server.requests) == 1


def test_hostnames_are_checked_after_resolution(local_server: LocalServer) -> None:
    local_server.route("/feed.xml", Reply(200, RSS))
    url = f"http://localhost:{local_server.port}/feed.xml"
    with (
        Fetcher(settings(allow_loopback=False)) as strict,
        pytest.raises(BlockedAddressError, match="localhost"),
    ):
        strict.fetch(url)


def test_unsupported_schemes(fetcher: Fetcher, local_server: LocalServer) -> None:
    with pytest.raises(FetchError, match="not an http"):
        fetcher.fetch("file:///etc/passwd")
    local_server.route("/to-file", Reply(302, headers={"Location": "file:///etc/passwd"}))
    with pytest.raises(FetchError, match="unsupported URL"):
        fetcher.fetch(local_server.url("/to-file"))


def test_address_policy_unit() -> None:
    policy = AddressPolicy(allow_loopback=True)
    assert policy.refusal(ipaddress.ip_address("127.0.0.1")) is None
    assert policy.refusal(ipaddress.ip_address("::1")) is None
    assert policy.refusal(ipaddress.ip_address("8.8.8.8")) is None
    assert policy.refusal(ipaddress.ip_address("169.254.169.254")) == "cloud metadata address"
    assert policy.refusal(ipaddress.ip_address("10.0.0.1")) == "private address"
    assert policy.refusal(ipaddress.ip_address("224.0.0.1")) is not None
    opened = AddressPolicy(allowed_networks=["10.0.0.0/8", "169.254.0.0/16"])
    assert opened.refusal(ipaddress.ip_address("10.0.0.1")) is None
    assert opened.refusal(ipaddress.ip_address("169.254.169.254")) == "cloud metadata address"


# ------------------------------------------------------------------------------------------------- misc


def test_fetch_all_keeps_order_and_errors(local_server: LocalServer, fetcher: Fetcher) -> None:
    local_server.route("/ok", Reply(200, RSS))
    results = fetcher.fetch_all(
        [
            FetchRequest(local_server.url("/ok")),
            FetchRequest(local_server.url("/missing")),
            FetchRequest("http://10.0.0.1/"),
        ]
    )
    assert [type(r).__name__ for r in results] == ["FetchResult", "HTTPStatusError", "BlockedAddressError"]


def test_header_helpers() -> None:
    now = datetime(2026, 6, 5, 12, 0, tzinfo=UTC)
    assert parse_retry_after("120") == 120
    assert parse_retry_after("Fri, 05 Jun 2026 12:10:00 GMT", now) == 600
    assert parse_retry_after("Fri, 05 Jun 2026 11:00:00 GMT", now) == 0
    assert parse_retry_after("soon") is None and parse_retry_after(None) is None
    assert cache_max_age({"cache-control": "public, max-age=900"}) == 900
    assert cache_max_age({"cache-control": "no-store, max-age=900"}) is None
    assert cache_max_age({}) is None
