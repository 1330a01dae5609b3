"""The bundled demo site and its server: every manifest file served right, conditional requests, encodings,
feeds that parse, and a manifest whose expected facts agree with its own items."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import feedparser
import httpx
import pytest

from service.demo import DemoServer, FeedSpec, Manifest, Resource, load_manifest
from service.demo.manifest import CODECS, MANIFEST_FILE, SITE_DIR
from service.errors import DemoSiteError
from service.reader.charset import decode_bytes
from service.reader.feeds import parse_feed
from service.reader.urls import canonical_url

MANIFEST = load_manifest()
ROUND1 = [r for r in MANIFEST.resources if r.from_round == 1]


@pytest.fixture(scope="module")
def server() -> Iterator[DemoServer]:
    with DemoServer() as running:
        yield running


@pytest.fixture(scope="module")
def client() -> Iterator[httpx.Client]:
    with httpx.Client(timeout=5) as http:
        yield http


def _expected_text(server: DemoServer, file: str) -> str:
    return (SITE_DIR / file).read_text(encoding="utf-8").replace("{base}", server.base_url)


# ------------------------------------------------------------------------------------------------ serving


@pytest.mark.parametrize("resource", ROUND1, ids=[r.path for r in ROUND1])
def test_every_manifest_file_is_served_with_its_status_type_and_charset(
    server: DemoServer, client: httpx.Client, resource: Resource
) -> None:
    response = client.get(server.url(resource.path))
    assert response.status_code == resource.status
    assert response.headers["content-type"] == f"{resource.media_type}; charset={resource.charset}"
    text, codec = decode_bytes(response.content, response.headers["content-type"])
    assert text == _expected_text(server, resource.file)
    assert "{base}" not in text
    assert codec in {
        CODECS[resource.charset],
        "gb18030" if resource.charset == "gbk" else CODECS[resource.charset],
    }
    if resource.status == 200:
        assert response.headers["etag"] and response.headers["last-modified"]


def test_conditional_requests_get_304_by_etag_and_by_date(server: DemoServer, client: httpx.Client) -> None:
    url = server.url("/fna/rss/aall.xml")
    first = client.get(url)
    by_etag = client.get(url, headers={"If-None-Match": first.headers["etag"]})
    by_date = client.get(url, headers={"If-Modified-Since": first.headers["last-modified"]})
    stale_etag = client.get(
        url, headers={"If-None-Match": '"old"', "If-Modified-Since": first.headers["last-modified"]}
    )
    assert (by_etag.status_code, by_etag.content) == (304, b"")
    assert by_etag.headers["etag"] == first.headers["etag"]
    assert by_date.status_code == 304
    assert stale_etag.status_code == 200  # If-None-Match decides when both are sent


def test_tracking_parameters_and_query_order_reach_the_same_page(
    server: DemoServer, client: httpx.Client
) -> None:
    plain = client.get(server.url("/fna/news/aipl/202611190045.html"))
    tracked = client.get(server.url("/fna/news/aipl/202611190045.html?utm_source=fna_rss&utm_medium=aall"))
    reordered = client.get(server.url("/kcg/News_Content.aspx?s=1203451&n=873"))
    assert tracked.status_code == plain.status_code == 200
    assert tracked.content == plain.content
    assert reordered.status_code == 200 and "八王子" in reordered.text


def test_unknown_paths_and_head_requests(server: DemoServer, client: httpx.Client) -> None:
    missing = client.get(server.url("/no/such/page.html"))
    head = client.head(server.url("/herald/atom.xml"))
    assert missing.status_code == 404 and "/no/such/page.html" in missing.text
    assert head.status_code == 200 and head.content == b""
    assert int(head.headers["content-length"]) == len(server.body("/herald/atom.xml"))


def test_requests_are_counted_and_logged() -> None:
    with DemoServer() as fresh, httpx.Client() as http:
        http.get(fresh.feed_urls[0].url)
        http.get(fresh.url("/nothing"))
        assert fresh.requests == 2
        assert [status for _, _, status in fresh.request_log] == [200, 404]


def test_round_two_changes_only_the_updated_resources() -> None:
    with DemoServer() as fresh, httpx.Client() as http:
        first = {r.path: http.get(fresh.url(r.path)) for r in ROUND1 if r.status == 200}
        new_release = fresh.url("/kcg/News_Content.aspx?n=873&s=1203502")
        assert http.get(new_release).status_code == 404
        fresh.set_round(2)
        changed = set()
        for path, before in first.items():
            again = http.get(fresh.url(path), headers={"If-None-Match": before.headers["etag"]})
            if again.status_code == 200:
                changed.add(path)
            else:
                assert again.status_code == 304
        assert http.get(new_release).status_code == 200
    assert changed == {r.path for r in MANIFEST.resources if r.round2_file}


# ------------------------------------------------------------------------------------------------ encodings


def test_big5_page_decodes_with_our_charset_detection(server: DemoServer, client: httpx.Client) -> None:
    path = "/southdaily/news/local/20261119-0007.html"
    response = client.get(server.url(path))
    assert response.headers["content-type"] == "text/html; charset=big5"
    text, codec = decode_bytes(response.content, response.headers["content-type"])
    assert codec == "cp950"
    assert text == _expected_text(server, MANIFEST.resource(path).file)
    assert "高雄市長與布里斯本市長視訊" in text and "恒久" in text
    with pytest.raises(UnicodeDecodeError):
        response.content.decode("big5")  # the CP950-only 恒 is why a narrow Big5 decoder is not enough


def test_gbk_feed_and_pages_decode(server: DemoServer, client: httpx.Client) -> None:
    response = client.get(server.url("/dyqb/rss.xml"))
    with pytest.raises(UnicodeDecodeError):
        response.content.decode("utf-8")
    text, _codec = decode_bytes(response.content, response.headers["content-type"])
    assert "北海道暴雪" in text and 'encoding="gbk"' in text


# ------------------------------------------------------------------------------------------------ feeds


@pytest.mark.parametrize("feed", MANIFEST.feeds, ids=[f.name for f in MANIFEST.feeds])
def test_every_feed_parses_and_lists_the_items_the_manifest_says(
    server: DemoServer, client: httpx.Client, feed: FeedSpec
) -> None:
    response = client.get(server.url(feed.path))
    raw = feedparser.parse(
        response.content, response_headers={"content-type": response.headers["content-type"]}
    )
    assert bool(raw.bozo) == feed.bozo, raw.get("bozo_exception")
    parsed = parse_feed(response.content, server.url(feed.path), response.headers["content-type"])
    assert (parsed.problem_kind is not None) == feed.bozo
    expected_urls = {server.url(item.url) for item in MANIFEST.items_in(1) if feed.name in item.feeds}
    assert len(raw.entries) == len(parsed.entries) == len(expected_urls)
    assert {canonical_url(entry.link) for entry in raw.entries} == {canonical_url(u) for u in expected_urls}
    for entry in parsed.entries:
        assert entry.title, f"{feed.name}: an entry without a title"


def test_shared_stories_get_one_identity_across_the_two_section_feeds(
    server: DemoServer, client: httpx.Client
) -> None:
    keys = {}
    for name in ("fna-realtime", "fna-local"):
        url = dict((f.name, f.url) for f in server.feed_urls)[name]
        parsed = parse_feed(client.get(url).content, url)
        keys[name] = {entry.identity_key for entry in parsed.entries}
    shared = keys["fna-realtime"] & keys["fna-local"]
    assert len(shared) == 2  # fna-kumamoto-governor (same GUID) and fna-jtea-forum (utm_* in one feed only)


def test_entry_without_date_and_bozo_feed_survive(server: DemoServer, client: httpx.Client) -> None:
    url = server.url("/southdaily/rss/realtime.xml")
    parsed = parse_feed(client.get(url).content, url)
    undated = [e for e in parsed.entries if e.published is None]
    assert [e.title for e in undated] == ["高雄港聖誕燈飾點燈 光雕秀每晚3場"]
    deleted = next(e for e in parsed.entries if e.url and e.url.endswith("/20261120-0009.html"))
    assert deleted.summary and "交流協會" in deleted.summary  # its page answers 404; the summary carries it


# ------------------------------------------------------------------------------------------------ manifest


def _counts(manifest: Manifest, round_no: int) -> dict[str, int]:
    items = manifest.items_in(round_no)
    return {
        "feeds": len(manifest.feeds),
        "bozo_feeds": sum(f.bozo for f in manifest.feeds),
        "feed_entries": sum(len(i.feeds) for i in items),
        "items": len(items),
        "relevant": sum(i.relevant for i in items),
        "taiwan_japan": sum(i.taiwan_japan for i in items),
        "city_diplomacy": sum(i.city_diplomacy for i in items),
        "near_duplicates": sum(i.dup_of is not None for i in items),
        "pages_not_found": sum(i.page == "not_found" for i in items),
        "updated_items": sum(i.updated_round is not None and i.updated_round <= round_no for i in items),
    }


@pytest.mark.parametrize("round_no", [1, 2])
def test_expected_counts_agree_with_the_items(round_no: int) -> None:
    expected = MANIFEST.expected[f"round{round_no}"]
    actual = _counts(MANIFEST, round_no)
    assert {key: actual[key] for key in expected} == expected


def test_items_cover_every_article_page_and_the_traps() -> None:
    pages = {r.path for r in MANIFEST.resources if r.media_type == "text/html"}
    assert {i.url for i in MANIFEST.items} == pages
    assert any(i.lang == "en" for i in MANIFEST.items)
    assert any(not i.published for i in MANIFEST.items)
    assert {i.dup_of for i in MANIFEST.items if i.dup_of} == {"kcg-hachioji-mou"}
    assert not [i.url for i in MANIFEST.items if urlsplit(i.url).query.startswith("utm_")]


def test_a_broken_manifest_names_the_key_at_fault(tmp_path: Path) -> None:
    text = MANIFEST_FILE.read_text(encoding="utf-8").replace("file: herald/atom.xml", "file: herald/gone.xml")
    broken = tmp_path / "manifest.yaml"
    broken.write_text(text, encoding="utf-8")
    for sub in ("fna", "southdaily", "kcg", "herald", "dyqb"):
        (tmp_path / sub).symlink_to(SITE_DIR / sub)
    with pytest.raises(DemoSiteError, match=r"resources\[\d+\] \(/herald/atom.xml\): file 'herald/gone.xml'"):
        load_manifest(broken)
