"""Clusters (stories), their members, and the near-duplicate band hashes of recent items.

Uniqueness lives in the schema: ``cluster_members.item_id`` is the primary key (an item is in one cluster)
and ``clusters.first_item_id`` is unique (a cluster per first item). ``service.dedup.sqlindex`` decides;
these functions only read and write rows. Sessions are passed in; nothing here commits.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import cast

from sqlalchemy import Table, delete, insert, select, text
from sqlalchemy.orm import Session

from service.storage.schema import Cluster, ClusterMember, DedupBand, Item, ItemVersion

_BANDS = cast(Table, DedupBand.__table__)  # Core statements: the ORM bulk path costs 3x on 100 rows


@dataclass(frozen=True)
class DedupItem:
    """What dedup reads of an item."""

    id: int
    url: str | None
    outlet: str | None
    title: str | None
    text: str
    published_at: datetime
    first_seen_at: datetime
    content_hash: str | None


@dataclass(frozen=True)
class Membership:
    item_id: int
    cluster_id: int
    first_item_id: int
    canonical_item_id: int
    relation: str
    similarity: float | None


def _dedup_item(item: Item) -> DedupItem:
    return DedupItem(
        id=item.id,
        url=item.url,
        outlet=item.outlet,
        title=item.title,
        text=item.text or item.summary or "",
        published_at=item.published_at,
        first_seen_at=item.first_seen_at,
        content_hash=item.content_hash,
    )


def items_for_dedup(session: Session, item_ids: Iterable[int]) -> dict[int, DedupItem]:
    """The items' dedup view (text, else the feed summary), by id."""
    ids = list(item_ids)
    if not ids:
        return {}
    return {item.id: _dedup_item(item) for item in session.scalars(select(Item).where(Item.id.in_(ids)))}


def lock_dedup(session: Session, item_id: int) -> None:
    """Serialise dedup decisions across processes until the caller's transaction ends, so two copies
    of one story arriving at once never start two clusters. PostgreSQL: a transaction advisory lock;
    SQLite: the first write takes the database write lock (deleting the item's old bands is that write)."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(5005005)"))
    session.execute(delete(DedupBand).where(DedupBand.item_id == item_id))


def membership_of(session: Session, item_id: int) -> Membership | None:
    row = session.execute(
        select(ClusterMember, Cluster)
        .join(Cluster, Cluster.id == ClusterMember.cluster_id)
        .where(ClusterMember.item_id == item_id)
    ).first()
    if row is None:
        return None
    member, cluster = row
    return Membership(
        item_id=member.item_id,
        cluster_id=cluster.id,
        first_item_id=cluster.first_item_id,
        canonical_item_id=cluster.canonical_item_id,
        relation=member.relation,
        similarity=member.similarity,
    )


def clustered_items_like(
    session: Session, url: str | None, content_hash: str, since: datetime, exclude: int
) -> tuple[list[int], list[int]]:
    """Clustered items seen since ``since`` with the same URL, and with the same normalised-text hash
    (exact duplicates): one query for both."""
    same = Item.content_hash == content_hash
    if url:
        same = same | (Item.url == url)
    query = (
        select(Item.id, Item.url, Item.content_hash)
        .join(ClusterMember, ClusterMember.item_id == Item.id)
        .where(same, Item.first_seen_at >= since, Item.id != exclude)
        .order_by(Item.id)
        .limit(20)
    )
    rows = session.execute(query).all()
    return [r[0] for r in rows if url and r[1] == url], [r[0] for r in rows if r[2] == content_hash]


def band_matches(
    session: Session, keys: list[tuple[int, int]], since: datetime, exclude: int
) -> list[tuple[int, int, int]]:
    """(item_id, band, hash) rows sharing one of ``keys`` (band, hash), created since ``since``.

    Queried as ``band IN (...) AND hash IN (...)`` (both probe the (band, hash) index) and filtered to
    the exact pairs here: a row-value IN over a hundred pairs compiles ten times slower."""
    if not keys:
        return []
    table = _BANDS
    query = select(table.c.item_id, table.c.band, table.c.hash).where(
        table.c.band.in_(sorted({band for band, _ in keys})),
        table.c.hash.in_([key for _, key in keys]),
        table.c.created_at >= since,
        table.c.item_id != exclude,
    )
    wanted = set(keys)
    rows = session.connection().execute(query)
    return [(row[0], row[1], row[2]) for row in rows if (row[1], row[2]) in wanted]


def insert_bands(session: Session, item_id: int, keys: list[tuple[int, int]], created_at: datetime) -> None:
    """Index an item under its (band, hash) keys (its old keys were removed by ``lock_dedup``)."""
    if keys:
        session.connection().execute(
            insert(_BANDS),
            [{"item_id": item_id, "band": band, "hash": key, "created_at": created_at} for band, key in keys],
        )


def delete_expired_bands(session: Session, before: datetime) -> int:
    """Forget band hashes of items first seen before ``before`` (the dedup window); returns rows deleted."""
    result = session.execute(delete(DedupBand).where(DedupBand.created_at < before))
    return int(getattr(result, "rowcount", 0) or 0)


def set_content_hash(session: Session, item_id: int, content_hash: str) -> None:
    session.get_one(Item, item_id).content_hash = content_hash


def create_cluster(session: Session, item_id: int, outlet: str | None, at: datetime) -> Membership:
    """Start a cluster with ``item_id`` as its first and canonical member (relation ``original``)."""
    cluster = Cluster(first_item_id=item_id, canonical_item_id=item_id, created_at=at, updated_at=at)
    session.add(cluster)
    session.flush()
    session.add(
        ClusterMember(
            item_id=item_id,
            cluster_id=cluster.id,
            relation="original",
            outlet=outlet,
            similarity=1.0,
            joined_at=at,
        )
    )
    session.flush()
    return Membership(item_id, cluster.id, item_id, item_id, "original", 1.0)


def join_cluster(
    session: Session,
    cluster_id: int,
    item_id: int,
    relation: str,
    outlet: str | None,
    similarity: float,
    at: datetime,
) -> None:
    session.add(
        ClusterMember(
            item_id=item_id,
            cluster_id=cluster_id,
            relation=relation,
            outlet=outlet,
            similarity=similarity,
            joined_at=at,
        )
    )
    session.get_one(Cluster, cluster_id).updated_at = at
    session.flush()


def set_canonical(session: Session, cluster_id: int, item_id: int) -> None:
    session.get_one(Cluster, cluster_id).canonical_item_id = item_id


def keep_version(session: Session, item_id: int, title: str | None, text: str | None, at: datetime) -> None:
    """Record an earlier text under ``item_id`` (the member now shown), so the story's history stays."""
    session.add(ItemVersion(item_id=item_id, title=title, text=text, recorded_at=at))


def cluster_members(session: Session, cluster_id: int) -> list[tuple[int, str, str | None]]:
    """(item_id, relation, outlet) of a cluster's members, in joining order."""
    query = (
        select(ClusterMember.item_id, ClusterMember.relation, ClusterMember.outlet)
        .where(ClusterMember.cluster_id == cluster_id)
        .order_by(ClusterMember.joined_at, ClusterMember.item_id)
    )
    return [(row[0], row[1], row[2]) for row in session.execute(query)]


def clusters_of(session: Session, item_ids: Iterable[int]) -> dict[int, int]:
    """Item id -> the id of the cluster (story) it belongs to, for the given items that have one."""
    ids = sorted(set(item_ids))
    found: dict[int, int] = {}
    for start in range(0, len(ids), 500):
        rows = session.execute(
            select(ClusterMember.item_id, ClusterMember.cluster_id).where(
                ClusterMember.item_id.in_(ids[start : start + 500])
            )
        )
        found.update({row.item_id: row.cluster_id for row in rows})
    return found
