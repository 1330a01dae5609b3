"""The dedup decision, independent of storage: fingerprints in, cluster and relation out.

``judge`` compares two documents (exact hash, Jaccard, containment, numbers across days); ``Deduper``
is the in-memory index used by ``newsmon dedup`` and the benchmark; ``service.dedup.sqlindex`` makes the
same decisions over the SQL tables for the pipeline.
"""

from __future__ import annotations

import re
from array import array
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo
from urllib.parse import urlsplit

import numpy as np
import numpy.typing as npt

from service.dedup.fingerprint import (
    Fingerprint,
    fingerprint,
    overlap,
)
from service.dedup.normalize import fold, normalize_text
from service.dedup.postings import PostingIndex

ORIGINAL, DUPLICATE, VERSION = "original", "duplicate", "version"
RECENT_CACHE = 2048  # documents whose shingles stay in memory for verification (~4 MB at most)
_NO_KEYS = np.zeros(0, dtype=np.int64)
I64 = npt.NDArray[np.int64]

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
    newest_postings: int = 16  # per index key, only its newest documents are candidates


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
    sample_hits: Sequence[int] | I64,
    band_hits: Sequence[int] | I64,
    query_samples: int,
    thresholds: Thresholds,
) -> list[int]:
    """Documents worth verifying, best first: those sharing enough sampled shingles (containment), then
    those sharing an LSH band (near-duplicates)."""
    needed = max(2, int(thresholds.candidate_share * query_samples))
    counts = Counter(sample_hits.tolist() if isinstance(sample_hits, np.ndarray) else sample_hits)
    ordered = [doc for doc, count in counts.most_common() if count >= needed]
    chosen = set(ordered)
    bands = band_hits.tolist() if isinstance(band_hits, np.ndarray) else band_hits
    ordered += [doc for doc in dict.fromkeys(bands) if doc not in chosen]
    return ordered[: thresholds.max_candidates]


@dataclass(slots=True)
class _Cluster:
    first: str
    canonical: int
    canonical_rank: int


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
        self._index = PostingIndex()  # LSH band keys and sampled shingles, one posting list
        self._docs: list[Document] = []
        self._norms: list[str] = []
        self._cluster_of = array("i")  # cluster number of every document
        self._clusters: list[_Cluster] = []
        self._by_url: dict[str, int] = {}
        self._recent: dict[int, Fingerprint] = {}  # the last RECENT_CACHE documents' shingles

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
        self._index.add(number, fp.keys)
        self._remember(number, fp)
        return decision

    def find(self, doc: Document) -> Decision:
        """What ``add`` would decide for ``doc``, without adding it (a query of the index)."""
        fp = fingerprint(normalize_text(doc.body))
        best = self._best_match(doc, fp)
        if best is None:
            return Decision(doc.id, ORIGINAL, 1.0)
        old_number, match = best
        old = self._docs[old_number]
        cluster = self._clusters[self._cluster_of[old_number]]
        return Decision(cluster.first, relation_to(doc, old, match), match.similarity, old.id, match.reason)

    def _place(self, doc: Document, fp: Fingerprint, number: int) -> Decision:
        best = self._best_match(doc, fp)
        if best is None:
            self._clusters.append(_Cluster(doc.id, number, source_rank(doc)))
            self._cluster_of.append(len(self._clusters) - 1)
            return Decision(doc.id, ORIGINAL, 1.0)
        old_number, match = best
        old = self._docs[old_number]
        cluster_index = self._cluster_of[old_number]
        cluster = self._clusters[cluster_index]
        relation = relation_to(doc, old, match)
        self._cluster_of.append(cluster_index)
        rank = source_rank(doc)
        if (relation == VERSION and old_number == cluster.canonical) or rank > cluster.canonical_rank:
            cluster.canonical, cluster.canonical_rank = number, max(rank, cluster.canonical_rank)
        return Decision(cluster.first, relation, match.similarity, old.id, match.reason)

    def _best_match(self, doc: Document, fp: Fingerprint) -> tuple[int, Match] | None:
        if doc.url and doc.url in self._by_url:
            number = self._by_url[doc.url]
            if self._in_window(doc, self._docs[number]):
                return number, Match(1.0, "url")
        positions, docs = self._index.lookup(fp.keys, self.thresholds.newest_postings)
        is_band = positions < fp.bands.size
        band_hits, sample_hits = docs[is_band], docs[~is_band]
        best: tuple[int, Match] | None = None
        for number in candidate_order(sample_hits, band_hits, int(fp.samples.size), self.thresholds):
            old = self._docs[number]
            if not self._in_window(doc, old):
                continue
            different_days = self._different_days(doc, old)
            match = judge(fp, self._verification_fingerprint(number), self.thresholds, different_days)
            if match and (best is None or match.similarity > best[1].similarity):
                best = (number, match)
        return best

    def _verification_fingerprint(self, number: int) -> Fingerprint:
        """A candidate's shingles: from the cache of recent documents (copies tend to arrive within
        hours), else recomputed from its normalised text."""
        cached = self._recent.get(number)
        return cached if cached is not None else fingerprint(self._norms[number], index=False)

    def _remember(self, number: int, fp: Fingerprint) -> None:
        self._recent[number] = Fingerprint(fp.norm, fp.exact, fp.shingles, _NO_KEYS, _NO_KEYS, _NO_KEYS)
        self._recent.pop(number - RECENT_CACHE, None)

    def _different_days(self, new: Document, old: Document) -> bool:
        if new.published is None or old.published is None:
            return False
        return _local_day(new.published, self.tz) != _local_day(old.published, self.tz)

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

    def compact(self) -> None:
        """Merge pending postings into the sorted arrays (done automatically as they grow)."""
        self._index.merge()

    def index_bytes(self) -> int:
        """Bytes of the near-duplicate index proper (postings), without the text store."""
        return self._index.nbytes()
