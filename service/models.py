"""Plain data passed between pipeline stages.

Stages take and return these; nothing here touches the network or the database. ORM rows stay inside
``service.storage``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class FetchResult:
    """One HTTP exchange as the fetcher saw it: the body as bytes (its Content-Encoding undone), decoded to
    text once, later, by whoever reads it (``parse_feed`` for a feed, ``DecodedPage`` for a page), always by
    our own charset detection, never by a parser's guess.

    ``not_modified`` is True for a 304 answer (then ``body`` is empty).
    """

    url: str
    final_url: str
    status: int
    headers: dict[str, str]
    body: bytes
    not_modified: bool = False
    etag: str | None = None
    last_modified: str | None = None
    retry_after_seconds: float | None = None


@dataclass(frozen=True)
class DecodedPage:
    """An article page decoded once (``service.reader.charset.decode_bytes``), as extraction reads it. A fresh
    page goes from the fetch straight to extraction; its raw bytes are stored only for resuming after a crash
    and for ``newsmon reprocess``."""

    html: str
    final_url: str  # after redirects: relative links resolve against it
    encoding: str  # the codec the bytes were decoded with (kept beside the raw page)


@dataclass(frozen=True)
class FeedEntry:
    """One entry of a parsed feed, before it becomes a stored item.

    ``identity_key`` follows the documented fallback chain in ``service.reader.feeds``; ``url`` is the
    canonical article URL (tracking parameters stripped), ``link`` the link as the feed gave it.
    """

    identity_key: str
    url: str | None
    link: str | None
    title: str | None
    summary: str | None
    published: datetime | None
    guid: str | None = None
    lang: str | None = None
    authors: tuple[str, ...] = ()


@dataclass(frozen=True)
class ParsedFeed:
    """What a feed yielded: its entries, plus the problem when it was malformed (feedparser's bozo).

    ``problem`` reads ``"<kind>: <message>"``; ``problem_kind`` is the kind alone (``xml_syntax``,
    ``not_a_feed``, ...; see ``service.reader.feeds``). ``site_url`` is the feed's own home-page link.
    """

    title: str | None
    entries: list[FeedEntry]
    problem: str | None = None
    ttl_minutes: int | None = None
    lang: str | None = None
    problem_kind: str | None = None
    site_url: str | None = None


# Extraction quality below this: the item is listed in the review UI's "check extraction" view, and the feed
# summary is kept when it is longer than the extracted text.
LOW_EXTRACTION_QUALITY = 0.5


@dataclass(frozen=True)
class Article:
    """The extract stage's result for one page.

    ``text`` is the clean body, paragraphs separated by a newline. Bylines and datelines are metadata
    (``byline``), not body. ``error`` says why extraction fell short (then ``text`` may be empty and the
    caller falls back to the feed summary).
    """

    title: str | None
    text: str
    published: datetime | None = None
    authors: tuple[str, ...] = ()
    byline: str | None = None
    lang: str | None = None
    canonical_url: str | None = None
    error: str | None = None
    # 0-1, how far to trust the text (service.extraction.extract.extraction_quality)
    quality: float | None = None

    @property
    def paragraphs(self) -> list[str]:
        return [line for line in self.text.split("\n") if line.strip()]
