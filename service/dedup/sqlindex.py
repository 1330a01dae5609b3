"""The near-duplicate index in SQL: the pipeline's dedup stage.

``assign_cluster(session, item_id, settings)`` places one stored item in a story cluster with the same
decisions as the in-memory ``Deduper`` (``service.dedup.core``): same URL, exact hash of the normalised
text, MinHash LSH bands and sampled shingles as candidates, exact Jaccard/containment to verify. Band hashes
live in ``dedup_bands`` (band 0-15: LSH bands; band 100: sampled shingles; ~100 rows per item), so the index
survives restarts and is shared by every worker. Candidates are verified against the items' stored texts,
so nothing else needs keeping. Decisions are serialised across processes by ``lock_dedup`` for the rest of
the caller's transaction, so two copies of one story arriving at once never start two clusters.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from service.config import DedupSettings
from service.dedup.core import (
    ORIGINAL,
    VERSION,
    Document,
    Match,
    Thresholds,
    candidate_order,
    judge,
    relation_to,
    source_rank,
)
from service.dedup.fingerprint import FINGERPRINT_BAND, Fingerprint, fingerprint
from service.dedup.normalize import normalize_text
from service.storage import clusters as store
from service.storage.clusters import DedupItem

TAIPEI = ZoneInfo("Asia/Taipei")


@dataclass(frozen=True)
class Placement:
    """Where an item went. ``first_item_id`` identifies the story; ``canonical_item_id`` is the member
    shown for it (the original source, else the latest version of the first item)."""

    item_id: int
    cluster_id: int
    first_item_id: int
    canonical_item_id: int
    relation: str  # original | duplicate | version
    similarity: float
    matched_item_id: int | None = None
    reason: str = "new"  # new | known | url | exact | jaccard | containment


def thresholds_from(settings: DedupSettings) -> Thresholds:
    return Thresholds(
        jaccard=settings.jaccard,
        containment=settings.containment,
        min_shingles=settings.min_shingles,
        numbers_match=settings.numbers_match,
    )


def index_keys(fp: Fingerprint) -> list[tuple[int, int]]:
    """The (band, hash) rows of one item: LSH bands, then sampled shingles."""
    keys = [(band, int(key)) for band, key in enumerate(fp.bands.tolist())]
    return keys + [(FINGERPRINT_BAND, int(key)) for key in fp.samples.tolist()]


def _document(item: DedupItem) -> Document:
    return Document(str(item.id), item.text, item.title, item.url, item.outlet, item.published_at)


def assign_cluster(session: Session, item_id: int, settings: DedupSettings, tz: tzinfo = TAIPEI) -> Placement:
    """Put a stored item into a cluster (idempotent: a clustered item keeps its place, its index rows are
    refreshed) and index it for the items after it. Runs inside the caller's transaction."""
    store.lock_dedup(session, item_id)
    item = store.items_for_dedup(session, [item_id])[item_id]
    fp = fingerprint(normalize_text(_document(item).body))
    known = store.membership_of(session, item_id)
    if known is not None:
        placement = Placement(
            item_id,
            known.cluster_id,
            known.first_item_id,
            known.canonical_item_id,
            known.relation,
            known.similarity if known.similarity is not None else 1.0,
            reason="known",
        )
    else:
        placement = _place(session, item, fp, settings, tz)
    store.insert_bands(session, item_id, index_keys(fp), item.first_seen_at)
    store.set_content_hash(session, item_id, fp.exact)
    return placement


def _place(
    session: Session, item: DedupItem, fp: Fingerprint, settings: DedupSettings, tz: tzinfo
) -> Placement:
    best = _best_match(session, item, fp, settings, tz)
    if best is None:
        return _start_cluster(session, item)
    old, match = best
    membership = store.membership_of(session, old.id)
    if membership is None:  # the match was indexed but never clustered (a failed run): start afresh
        return _start_cluster(session, item)
    doc, old_doc = _document(item), _document(old)
    relation = relation_to(doc, old_doc, match)
    try:
        with session.begin_nested():
            store.join_cluster(
                session,
                membership.cluster_id,
                item.id,
                relation,
                doc.source,
                match.similarity,
                item.first_seen_at,
            )
    except IntegrityError:  # another writer placed this item meanwhile: its decision stands
        return _known(session, item.id)
    canonical = _update_canonical(
        session, membership.cluster_id, membership.canonical_item_id, item, old, relation
    )
    return Placement(
        item.id,
        membership.cluster_id,
        membership.first_item_id,
        canonical,
        relation,
        match.similarity,
        old.id,
        match.reason,
    )


def _start_cluster(session: Session, item: DedupItem) -> Placement:
    try:
        with session.begin_nested():
            created = store.create_cluster(session, item.id, _document(item).source, item.first_seen_at)
    except IntegrityError:
        return _known(session, item.id)
    return Placement(item.id, created.cluster_id, item.id, item.id, ORIGINAL, 1.0)


def _known(session: Session, item_id: int) -> Placement:
    known = store.membership_of(session, item_id)
    if known is None:
        raise RuntimeError(f"item {item_id}: cluster membership vanished during a race")
    return Placement(
        item_id,
        known.cluster_id,
        known.first_item_id,
        known.canonical_item_id,
        known.relation,
        known.similarity or 1.0,
        reason="known",
    )


def _update_canonical(
    session: Session, cluster_id: int, canonical_id: int, item: DedupItem, matched: DedupItem, relation: str
) -> int:
    """The member shown: a newer version of the shown member replaces it (its text is kept in
    item_versions); a member carrying the original source replaces one that does not."""
    current = (
        matched
        if matched.id == canonical_id
        else store.items_for_dedup(session, [canonical_id])[canonical_id]
    )
    doc, current_doc = _document(item), _document(current)
    if relation == VERSION and matched.id == canonical_id:
        store.keep_version(session, item.id, current.title, current.text, current.first_seen_at)
    elif source_rank(doc) <= source_rank(current_doc):
        return canonical_id
    store.set_canonical(session, cluster_id, item.id)
    return item.id


def _best_match(
    session: Session, item: DedupItem, fp: Fingerprint, settings: DedupSettings, tz: tzinfo
) -> tuple[DedupItem, Match] | None:
    thresholds = thresholds_from(settings)
    since = item.first_seen_at - timedelta(days=settings.window_days)
    same_url, same_text = store.clustered_items_like(session, item.url, fp.exact, since, item.id)
    if same_url:
        return store.items_for_dedup(session, same_url[:1])[same_url[0]], Match(1.0, "url")
    candidates = same_text if fp.norm else []
    candidates += _index_candidates(session, item, fp, thresholds, since)
    loaded = store.items_for_dedup(session, dict.fromkeys(candidates))
    day = item.published_at.astimezone(tz).date()
    best: tuple[DedupItem, Match] | None = None
    for candidate_id in dict.fromkeys(candidates):
        old = loaded[candidate_id]
        other_day = old.published_at.astimezone(tz).date() != day
        old_fp = fingerprint(normalize_text(_document(old).body), index=False)
        match = judge(fp, old_fp, thresholds, other_day)
        if match and (best is None or match.similarity > best[1].similarity):
            best = (old, match)
    return best


def _index_candidates(
    session: Session, item: DedupItem, fp: Fingerprint, thresholds: Thresholds, since: datetime
) -> list[int]:
    """Items sharing enough sampled shingles, then items sharing an LSH band; boilerplate keys skipped."""
    rows = store.band_matches(session, index_keys(fp), since, item.id)
    newest: dict[tuple[int, int], list[int]] = {}
    for item_id, band, key in sorted(rows):  # item ids grow with arrival: keep each key's newest items
        newest.setdefault((band, key), []).append(item_id)
    kept = [
        (item_id, band) for (band, _), ids in newest.items() for item_id in ids[-thresholds.newest_postings :]
    ]
    sample_hits = [item_id for item_id, band in kept if band == FINGERPRINT_BAND]
    band_hits = [item_id for item_id, band in kept if band != FINGERPRINT_BAND]
    return candidate_order(sample_hits, band_hits, int(fp.samples.size), thresholds)


def dedupe_stage(settings: DedupSettings, tz: tzinfo = TAIPEI) -> Callable[[Session, int], Placement]:
    """The pipeline's ``Stages.dedupe``: ``stage(session, item_id)``."""

    def stage(session: Session, item_id: int) -> Placement:
        return assign_cluster(session, item_id, settings, tz)

    return stage
