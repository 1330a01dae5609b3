"""Feed discovery: given a web page (an outlet's home page, a government site's RSS index), the feeds it
offers, each checked by fetching and parsing it.

Candidates, in order: the page itself when it is a feed; the page's ``<link rel="alternate">`` feeds (the
autodiscovery convention every feed reader follows); links whose address or text says feed (``.rss``,
``.xml``, ``rss``, ``feed``, ``atom``; Taiwanese outlets and government sites list their feeds on such
index pages); then a few conventional paths on the same host. Every fetch goes through the caller's fetcher,
so its address policy, size limits and per-host politeness apply.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from itertools import islice
from urllib.parse import urljoin, urlsplit

import lxml.html

from service.errors import FetchError
from service.models import FetchResult, ParsedFeed
from service.reader.charset import decode_bytes
from service.reader.feeds import parse_feed
from service.reader.fetcher import FEED_ACCEPT, PAGE_ACCEPT, Fetcher
from service.reader.urls import canonical_url

FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/feed+json")
CONVENTIONAL_PATHS = ("/rss", "/rss.xml", "/feed", "/feed.xml", "/atom.xml", "/index.xml", "/rss/index.xml")
MAX_CANDIDATES = 30
_FEEDISH_HREF = re.compile(
    r"(\.(rss|xml|atom|rdf)(\?|$))|(/(rss|feeds?|atom)(/|$|\?))|rssfeed|feedburner", re.IGNORECASE
)
_FEEDISH_TEXT = re.compile(r"\b(rss|atom|feed)\b|訂閱", re.I)


@dataclass(frozen=True)
class FoundFeed:
    url: str
    title: str | None
    entries: int
    newest: datetime | None
    problem: str | None  # a malformed feed that still yielded entries


def discover(fetcher: Fetcher, url: str, limit: int = MAX_CANDIDATES) -> list[FoundFeed]:
    """The working feeds ``url`` is or offers, in the order found. Raises FetchError when ``url`` itself
    cannot be fetched; candidates that fail are skipped."""
    page = fetcher.fetch(url, accept=f"{FEED_ACCEPT}, {PAGE_ACCEPT}")
    itself = _as_feed(page)
    if itself is not None:
        return [itself]
    html, _codec = decode_bytes(page.body, page.headers.get("content-type"))
    found: dict[str, FoundFeed] = {}  # by final URL: two links may redirect to one feed
    for candidate in islice(_unique(candidate_urls(html, page.final_url)), limit):
        try:
            result = fetcher.fetch(candidate)
        except FetchError:
            continue
        feed = _as_feed(result)
        if feed is not None:
            found.setdefault(feed.url, feed)
    return list(found.values())


def candidate_urls(html: str, base_url: str) -> Iterator[str]:
    """Feed addresses a page points to, best first (pure: no fetching)."""
    try:
        tree = lxml.html.fromstring(html) if html.strip() else None
    except (ValueError, lxml.etree.ParserError):
        tree = None
    if tree is not None:
        base = _base_href(tree, base_url)
        for link in tree.iter("link"):
            rel = (link.get("rel") or "").lower().split()
            kind = (link.get("type") or "").lower().split(";")[0].strip()
            if "alternate" in rel and kind in FEED_TYPES and link.get("href"):
                yield urljoin(base, link.get("href", "").strip())
        for anchor in tree.iter("a"):
            href = (anchor.get("href") or "").strip()
            if href and not href.startswith(("javascript:", "mailto:", "#")):
                text = anchor.text_content() or ""
                if _FEEDISH_HREF.search(href) or _FEEDISH_TEXT.search(text):
                    yield urljoin(base, href)
    root = urlsplit(base_url)
    for path in CONVENTIONAL_PATHS:
        yield f"{root.scheme}://{root.netloc}{path}"


def _base_href(tree: lxml.html.HtmlElement, page_url: str) -> str:
    for base in tree.iter("base"):
        href = str(base.get("href") or "").strip()
        if href:
            return urljoin(page_url, href)
    return page_url


def _as_feed(result: FetchResult) -> FoundFeed | None:
    """The fetched document as a feed with entries, or None (an HTML page, an empty or broken feed)."""
    if not result.body:
        return None
    parsed: ParsedFeed = parse_feed(result.body, result.final_url, result.headers.get("content-type"))
    if not parsed.entries or parsed.problem_kind == "not_a_feed":
        return None
    dates = [entry.published for entry in parsed.entries if entry.published is not None]
    return FoundFeed(
        url=result.final_url,
        title=parsed.title,
        entries=len(parsed.entries),
        newest=max(dates, default=None),
        problem=parsed.problem,
    )


def _unique(urls: Iterable[str]) -> Iterator[str]:
    seen: set[str] = set()
    for url in urls:
        if urlsplit(url).scheme not in ("http", "https"):
            continue
        key = canonical_url(url)
        if key not in seen:
            seen.add(key)
            yield url
