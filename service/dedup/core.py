"""The dedup decision, independent of storage: fingerprints in, cluster and relation out.

``judge`` compares two documents (exact hash, Jaccard, containment, numbers across days); ``Deduper``
is the in-memory index used by ``newsmon dedup`` and the benchmark; ``service.dedup.sqlindex`` makes the
same decisions over the SQL tables for the pipeline.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta, tzinfo
from urllib.parse import urlsplit

from service.dedup.fingerprint import (
    Fingerprint,
    fingerprint,
    overlap,
)
from service.dedup.normalize import fold, normalize_text
from service.dedup.postings import PostingIndex

ORIGINAL, DUPLICATE, VERSION = "original", "duplicate", "version"

# Markers of an original source: a CNA dateline, or a government site (the press release itself).
_ORIGINAL_SOURCE_RE = re.compile(r"中央社(?:記者)?[^\n]{0,30}?電")
_NUMBER_RE = re.compile(r"\d+(?:\.\d+)?")


@dataclass(frozen=True)
class Thresholds:
    """When two texts are one story. Defaults measured on the synthetic set and the labelled dev set."""

    jaccard: float = 0.4  # near-duplicate: shingle Jaccard at least this
    containment: float = 0.5  # or: this share of the smaller text's shingles inside the other
    min_shingles: int = 20  # containment only counts for texts of at least this many shingles
    numbers_match: float = 0.8  # across days: share of the smaller text's numbers found in the other
    candidate_share: float = 0.2  # a candidate shares at least this share of the sampled shingles
    max_candidates: int = 20  # verified per document (best first)
    max_postings: int = 200  # a sampled shingle in more documents is boilerplate and skipped


@dataclass(frozen=True)
class Document:
    """One item as dedup sees it."""

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: datetime | None = None

    @property
    def body(self) -> str:
        return self.text if self.text.strip() else (self.title or "")

    @property
    def source(self) -> str | None:
        """The outlet, else the URL's host without ``www.``."""
        if self.outlet:
            return self.outlet
        host = urlsplit(self.url).hostname if self.url else None
        return host.removeprefix("www.") if host else None


@dataclass(frozen=True)
class Decision:
    """Where a document went: ``cluster`` is the id of the cluster's first document."""

    cluster: str
    relation: str  # original | duplicate | version
    similarity: float  # 1.0 for an original or exact copy
    matched: str | None = None  # the member it was matched to
    reason: str = "new"  # new | exact | url | jaccard | containment


@dataclass(frozen=True)
class Match:
    similarity: float
    reason: str


def source_rank(doc: Document) -> int:
    """1 when the document carries the original source (CNA dateline, a government site), else 0."""
    host = urlsplit(doc.url).hostname or "" if doc.url else ""
    if host.endswith(".gov.tw") or host == "gov.tw":
        return 1
    return 1 if _ORIGINAL_SOURCE_RE.search(fold(doc.body[:200])) else 0


def numbers_of(norm: str) -> set[str]:
    return set(_NUMBER_RE.findall(norm))


def _local_day(moment: datetime | None, tz: tzinfo) -> object:
    return None if moment is None or moment.tzinfo is None else moment.astimezone(tz).date()


def numbers_agree(a: str, b: str, share: float) -> bool:
    """Whether the smaller set of numbers is (mostly) found in the other: a weather report of another
    day shares its template but not its temperatures."""
    first, second = numbers_of(a), numbers_of(b)
    smaller, larger = (first, second) if len(first) <= len(second) else (second, first)
    return not smaller or len(smaller & larger) / len(smaller) >= share


def judge(
    new: Fingerprint,
    old: Fingerprint,
    thresholds: Thresholds,
    different_days: bool = False,
) -> Match | None:
    """Whether two fingerprinted texts are one story, and how alike they are."""
    if new.exact == old.exact and new.norm:
        return Match(1.0, "exact")
    shared = overlap(new.shingles, old.shingles)
    if shared == 0:
        return None
    if different_days and not numbers_agree(new.norm, old.norm, thresholds.numbers_match):
        return None
    jaccard = shared / (new.size + old.size - shared)
    if jaccard >= thresholds.jaccard:
        return Match(round(jaccard, 4), "jaccard")
    smaller = min(new.size, old.size)
    containment = shared / smaller
    if smaller >= thresholds.min_shingles and containment >= thresholds.containment:
        return Match(round(containment, 4), "containment")
    return None


def relation_to(new: Document, old: Document, match: Match) -> str:
    """A changed text from the same URL or outlet is a new version; anything else a duplicate."""
    if new.url and new.url == old.url:
        return VERSION
    if match.reason != "exact" and new.source is not None and new.source == old.source:
        return VERSION
    return DUPLICATE


def candidate_order(
    sample_hits: list[int], band_hits: list[int], query_samples: int, thresholds: Thresholds
) -> list[int]:
    """Documents worth verifying, best first: those sharing enough sampled shingles (containment) and
    those sharing an LSH band (near-duplicates)."""
    counts = Counter(sample_hits)
    needed = max(2, int(thresholds.candidate_share * query_samples))
    ordered = [doc for doc, count in counts.most_common() if count >= needed]
    chosen = set(ordered)
    ordered += [doc for doc in dict.fromkeys(band_hits) if doc not in chosen]
    return ordered[: thresholds.max_candidates]


@dataclass
class _Cluster:
    first: str
    canonical: int
    canonical_rank: int
    members: list[int] = field(default_factory=list)


class Deduper:
    """In-memory near-duplicate index over a time window: ``add`` documents in arrival order.

    The index holds LSH band keys and sampled shingles in a ``PostingIndex`` (12 bytes a posting) and
    the normalised texts for exact verification of candidates.
    """

    def __init__(
        self,
        thresholds: Thresholds | None = None,
        window: timedelta = timedelta(days=14),
        tz: tzinfo | None = None,
    ) -> None:
        from zoneinfo import ZoneInfo

        self.thresholds = thresholds or Thresholds()
        self.window = window
        self.tz = tz or ZoneInfo("Asia/Taipei")
        self._bands = PostingIndex()
        self._samples = PostingIndex()
        self._docs: list[Document] = []
        self._norms: list[str] = []
        self._cluster_of: list[int] = []
        self._clusters: list[_Cluster] = []
        self._by_url: dict[str, int] = {}

    def __len__(self) -> int:
        return len(self._docs)

    def add(self, doc: Document) -> Decision:
        """Place ``doc`` in the cluster of its best match, or start a new cluster."""
        fp = fingerprint(normalize_text(doc.body))
        number = len(self._docs)
        decision = self._place(doc, fp, number)
        self._docs.append(doc)
        self._norms.append(fp.norm)
        if doc.url:
            self._by_url.setdefault(doc.url, number)
        self._bands.add(number, fp.bands)
        self._samples.add(number, fp.samples)
        return decision

    def _place(self, doc: Document, fp: Fingerprint, number: int) -> Decision:
        best = self._best_match(doc, fp)
        if best is None:
            self._clusters.append(_Cluster(doc.id, number, source_rank(doc), [number]))
            self._cluster_of.append(len(self._clusters) - 1)
            return Decision(doc.id, ORIGINAL, 1.0)
        old_number, match = best
        old = self._docs[old_number]
        cluster_index = self._cluster_of[old_number]
        cluster = self._clusters[cluster_index]
        relation = relation_to(doc, old, match)
        self._cluster_of.append(cluster_index)
        cluster.members.append(number)
        rank = source_rank(doc)
        if (relation == VERSION and old_number == cluster.canonical) or rank > cluster.canonical_rank:
            cluster.canonical, cluster.canonical_rank = number, max(rank, cluster.canonical_rank)
        return Decision(cluster.first, relation, match.similarity, old.id, match.reason)

    def _best_match(self, doc: Document, fp: Fingerprint) -> tuple[int, Match] | None:
        if doc.url and doc.url in self._by_url:
            number = self._by_url[doc.url]
            if self._in_window(doc, self._docs[number]):
                return number, Match(1.0, "url")
        sample_hits = self._samples.lookup(fp.samples, self.thresholds.max_postings)
        band_hits = self._bands.lookup(fp.bands, self.thresholds.max_postings)
        best: tuple[int, Match] | None = None
        for number in candidate_order(sample_hits, band_hits, int(fp.samples.size), self.thresholds):
            old = self._docs[number]
            if not self._in_window(doc, old):
                continue
            different_days = self._day(doc) != self._day(old) and None not in (self._day(doc), self._day(old))
            match = judge(fp, fingerprint(self._norms[number], index=False), self.thresholds, different_days)
            if match and (best is None or match.similarity > best[1].similarity):
                best = (number, match)
        return best

    def _day(self, doc: Document) -> object:
        return _local_day(doc.published, self.tz)

    def _in_window(self, new: Document, old: Document) -> bool:
        if new.published is None or old.published is None:
            return True
        return abs(new.published - old.published) <= self.window

    def canonical_of(self, cluster_first: str) -> str:
        """The id of the member shown for the cluster whose first document is ``cluster_first``."""
        for cluster in self._clusters:
            if cluster.first == cluster_first:
                return self._docs[cluster.canonical].id
        raise KeyError(cluster_first)

    def index_bytes(self) -> int:
        """Bytes of the near-duplicate index proper (postings), without the text store."""
        return self._bands.nbytes() + self._samples.nbytes()
