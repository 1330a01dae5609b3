"""The review queue and the item page: what a reviewer reads.

The queue lists classified items most-informative first (uncertainty sampling: the item whose relevance
score lies closest to the decision boundary, the labelling threshold, teaches the model most when a person
labels it); the item page shows one item
with its classification, decisions, story and history. Reviewers' decisions are recorded by
``service.storage.labels``; feed health, digest runs and model versions live with their entities
(``feeds``, ``digests``, ``classifications``).

Functions take a session and return plain dataclasses; ORM rows never leave this module.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Literal

from sqlalchemy import ColumnElement, and_, exists, func, not_, or_, select
from sqlalchemy.orm import Session, aliased

from classifiers import DEFAULT_THRESHOLDS
from service.errors import ReviewError, UnknownItemError
from service.labels import LABELS, TOPICS, decide, model_labels
from service.states import ItemStatus
from service.storage.labels import human_labels_of
from service.storage.schema import (
    Classification,
    Cluster,
    ClusterMember,
    Feed,
    Item,
    ItemSource,
    ItemVersion,
    ReviewLabel,
)

Reviewed = Literal["no", "yes", "any"]
Order = Literal["uncertain", "newest", "score"]
SNIPPET_CHARS = 160


def now() -> datetime:
    return datetime.now(UTC)


# --- the queue ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class QueueFilters:
    """What a reviewer narrows the queue to. ``label`` is a label the model set ("none": no label set)."""

    label: str | None = None
    min_score: float | None = None
    max_score: float | None = None
    since: datetime | None = None
    until: datetime | None = None
    outlet: str | None = None
    reviewed: Reviewed = "no"
    cluster: int | None = None
    query: str | None = None
    order: Order = "uncertain"
    copies: bool = False  # other outlets' copies of a story too (a cluster's members are always shown)


@dataclass(frozen=True)
class QueueRow:
    id: int
    title: str
    outlet: str | None
    published_at: datetime
    relevance_score: float
    scores: dict[str, float]
    model_labels: dict[str, bool]
    human_labels: dict[str, bool]
    partner: str | None
    cluster_id: int | None
    cluster_size: int
    snippet: str

    @property
    def reviewed(self) -> bool:
        return bool(self.human_labels)


@dataclass(frozen=True)
class QueuePage:
    rows: list[QueueRow]
    total: int
    offset: int
    limit: int
    total_is_lower_bound: bool = False

    @property
    def has_next(self) -> bool:
        return self.total_is_lower_bound or self.offset + len(self.rows) < self.total


COUNT_CAP = 10_000  # beyond this many matches the queue says "10,000+": counting all costs a full scan


# Where the queue's "most uncertain" is measured from when the caller does not say: the model's default
# labelling threshold. The review UI passes the configured one (``service.classify.decision_boundary``).
DEFAULT_BOUNDARY = min(DEFAULT_THRESHOLDS.values())


def review_queue(
    session: Session,
    filters: QueueFilters,
    limit: int = 50,
    offset: int = 0,
    *,
    boundary: float = DEFAULT_BOUNDARY,
) -> QueuePage:
    """Classified items matching ``filters``, ordered as asked (default: most uncertain first, the relevance
    score nearest ``boundary``).

    Every order walks an index (relevance score, publication time) and stops after the page, so a page costs
    about the same with 100 or 100,000 items; the total is counted up to :data:`COUNT_CAP`.
    """
    conditions = list(_conditions(filters, session.get_bind().dialect.name))
    base = select(Item, Classification).join(Classification, _CURRENT).where(*conditions)
    if filters.order == "uncertain":
        pairs = _most_uncertain(session, conditions, limit, offset, boundary)
    else:
        first = (
            Item.published_at.desc() if filters.order == "newest" else Classification.relevance_score.desc()
        )
        pairs = list(session.execute(base.order_by(first, Item.id.desc()).limit(limit).offset(offset)))
    matching = select(Item.id).join(Classification, _CURRENT).where(*conditions).limit(COUNT_CAP + 1)
    total = session.scalar(select(func.count()).select_from(matching.subquery())) or 0
    return QueuePage(
        rows=_queue_rows(session, pairs),
        total=min(total, COUNT_CAP),
        offset=offset,
        limit=limit,
        total_is_lower_bound=total > COUNT_CAP,
    )


# The item's current classification. Joining on the item's primary key as well lets the database walk the
# classifications' score index and look each item up by key.
_CURRENT = and_(Item.id == Classification.item_id, Item.classification_id == Classification.id)


def _most_uncertain(
    session: Session, conditions: Sequence[ColumnElement[bool]], limit: int, offset: int, boundary: float
) -> list[tuple[Item, Classification]]:
    """Order by distance of the score from ``boundary`` by walking the score index outwards from it on both
    sides (``ORDER BY abs(score - boundary)`` would sort every matching row first) and merging. The walk
    reads ids and scores only; whole rows are loaded for the one page shown."""
    score = Classification.relevance_score
    wanted = offset + limit
    keys = select(Item.id, score).join(Classification, _CURRENT).where(*conditions)
    above = keys.where(score >= boundary).order_by(score.asc(), Item.id.desc()).limit(wanted)
    below = keys.where(score < boundary).order_by(score.desc(), Item.id.desc()).limit(wanted)
    found = [(item_id, value) for item_id, value in session.execute(above)]
    found += [(item_id, value) for item_id, value in session.execute(below)]
    found.sort(key=lambda pair: (abs(pair[1] - boundary), -pair[0]))
    page = [item_id for item_id, _ in found[offset:wanted]]
    rows = session.execute(
        select(Item, Classification).join(Classification, _CURRENT).where(Item.id.in_(page))
    )
    by_id = {item.id: (item, classification) for item, classification in rows}
    return [by_id[item_id] for item_id in page if item_id in by_id]


def _queue_rows(session: Session, pairs: Sequence[tuple[Item, Classification]]) -> list[QueueRow]:
    ids = [item.id for item, _ in pairs]
    humans = human_labels_of(session, ids)
    clusters = _clusters_of(session, ids)
    return [
        QueueRow(
            id=item.id,
            title=item.title or _snippet(item.text or item.summary or "", 60) or f"item {item.id}",
            outlet=item.outlet,
            published_at=item.published_at,
            relevance_score=classification.relevance_score,
            scores=dict(classification.scores),
            model_labels=_model_labels(classification),
            human_labels=humans.get(item.id, {}),
            partner=classification.partner,
            cluster_id=clusters.get(item.id, (None, 0))[0],
            cluster_size=clusters.get(item.id, (None, 0))[1],
            snippet=_snippet(item.text or item.summary or "", SNIPPET_CHARS),
        )
        for item, classification in pairs
    ]


def _conditions(filters: QueueFilters, dialect: str) -> Iterator[ColumnElement[bool]]:
    if filters.label == "none":
        yield Classification.relevant.is_(False)
    elif filters.label == "relevant":
        yield Classification.relevant.is_(True)
    elif filters.label in TOPICS:
        yield Classification.relevant.is_(True)  # implied by any topic, and indexed: narrows the scan first
        yield Classification.labels[filters.label].as_boolean().is_(True)
    elif filters.label:
        raise ReviewError(f"unknown label {filters.label!r} (expected one of {', '.join(LABELS)}, none)")
    if filters.min_score is not None:
        yield Classification.relevance_score >= filters.min_score
    if filters.max_score is not None:
        yield Classification.relevance_score <= filters.max_score
    if filters.since is not None:
        yield Item.published_at >= filters.since
    if filters.until is not None:
        yield Item.published_at < filters.until
    if filters.outlet:
        yield Item.outlet == filters.outlet
    labelled = exists().where(ReviewLabel.item_id == Item.id)
    if filters.reviewed == "no":
        yield not_(labelled)
    elif filters.reviewed == "yes":
        yield labelled
    if filters.cluster is not None:
        yield Item.id.in_(select(ClusterMember.item_id).where(ClusterMember.cluster_id == filters.cluster))
    elif not filters.copies:
        yield not_(_copy_of_a_shown_story())
    if filters.query:
        yield from _search(filters.query, dialect)


def _copy_of_a_shown_story() -> ColumnElement[bool]:
    """The item is another outlet's copy (or an older version) of a story whose canonical item is
    classified, so reviewable in its place: one row per story, and a press release republished by five
    outlets is reviewed once (a human label on any copy speaks for the story in the digest). Under filters
    the canonical item does not match, its copies stay hidden too: ``copies=show`` lists them."""
    canonical = aliased(Item)
    return (
        exists()
        .where(ClusterMember.item_id == Item.id, Cluster.id == ClusterMember.cluster_id)
        .where(Cluster.canonical_item_id != Item.id, canonical.id == Cluster.canonical_item_id)
        .where(canonical.classification_id.is_not(None))
    )


def _search(text: str, dialect: str) -> Iterator[ColumnElement[bool]]:
    """Every word must appear in the title or the text; 台 and 臺 match each other; case is ignored."""
    for term in unicodedata.normalize("NFKC", text).split():
        variants = {term, term.replace("臺", "台"), term.replace("台", "臺")}
        yield or_(
            *(
                _contains(column, variant, dialect)
                for variant in variants
                for column in (Item.title, Item.text)
            )
        )


def _contains(column: Any, term: str, dialect: str) -> ColumnElement[bool]:
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    pattern = f"%{escaped}%"
    # SQLite's LIKE ignores ASCII case already; ILIKE there would lower() every text first (3x slower).
    result: ColumnElement[bool] = (
        column.like(pattern, escape="\\") if dialect == "sqlite" else column.ilike(pattern, escape="\\")
    )
    return result


def _snippet(text: str, chars: int) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= chars else flat[: chars - 1] + "…"


def _model_labels(classification: Classification) -> dict[str, bool]:
    return model_labels(classification.labels, classification.relevant)


def _pairs(session: Session, query: Any) -> dict[Any, Any]:
    return {key: value for key, value in session.execute(query)}


def _clusters_of(session: Session, ids: Sequence[int]) -> dict[int, tuple[int, int]]:
    """item id -> (cluster id, number of items in the cluster)."""
    if not ids:
        return {}
    memberships = _pairs(
        session,
        select(ClusterMember.item_id, ClusterMember.cluster_id).where(ClusterMember.item_id.in_(ids)),
    )
    sizes = _pairs(
        session,
        select(ClusterMember.cluster_id, func.count())
        .where(ClusterMember.cluster_id.in_(set(memberships.values())))
        .group_by(ClusterMember.cluster_id),
    )
    return {item_id: (cluster_id, sizes.get(cluster_id, 1)) for item_id, cluster_id in memberships.items()}


def queue_outlets(session: Session) -> list[str]:
    """The outlets of classified items, for the queue's filter."""
    query = (
        select(Item.outlet)
        .where(Item.classification_id.is_not(None), Item.outlet.is_not(None))
        .distinct()
        .order_by(Item.outlet)
    )
    return [outlet for outlet in session.scalars(query) if outlet]


def adjacent_in_queue(
    session: Session, item_id: int, limit: int = 1, *, boundary: float = DEFAULT_BOUNDARY
) -> list[int]:
    """The next unreviewed items after ``item_id`` in the default queue order (for "next" after a label)."""
    page = review_queue(session, QueueFilters(), limit=limit + 1, boundary=boundary)
    return [row.id for row in page.rows if row.id != item_id][:limit]


# --- one item ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ClassificationView:
    model_version: str
    scores: dict[str, float]
    labels: dict[str, bool]
    relevance_score: float
    partner: str | None
    partner_country: str | None
    taiwan_party: str | None
    explanation: dict[str, Any]
    created_at: datetime


@dataclass(frozen=True)
class Decision:
    label: str
    value: bool
    reviewer: str
    at: datetime


@dataclass(frozen=True)
class Member:
    item_id: int
    title: str
    outlet: str | None
    relation: str
    similarity: float | None
    published_at: datetime
    url: str | None


@dataclass(frozen=True)
class Event:
    """One line of an item's history, as data: storage has no language, so the item page words it in
    the reader's (item.html, one message per kind) and ``text`` is the API's plain English (the API
    answers in English). ``values`` by ``kind``: seen {outlet}; version {title}; classified {version,
    labels (the true labels' keys), score}; label {reviewer, label, value}."""

    at: datetime
    kind: str  # seen | version | classified | label
    values: dict[str, Any]
    text: str = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "text", _english(self.kind, self.values))


def _english(kind: str, values: dict[str, Any]) -> str:
    """The history line in plain English with stored keys (the JSON API's ``text``)."""
    if kind == "seen":
        return f"first seen ({values['outlet'] or 'unknown outlet'})"
    if kind == "version":
        return f"earlier text kept: {values['title']}"
    if kind == "classified":
        verdict = ", ".join(values["labels"]) or "not relevant"
        return f"model {values['version']}: {verdict} ({values['score']:.2f})"
    answer = "yes" if values["value"] else "no"
    return f"{values['reviewer']}: {values['label']} = {answer}"


@dataclass(frozen=True)
class ItemDetail:
    id: int
    title: str
    url: str | None
    outlet: str | None
    published_at: datetime
    first_seen_at: datetime
    lang: str | None
    byline: str | None
    text: str
    text_source: str | None
    status: ItemStatus
    error: str | None
    classification: ClassificationView | None
    decisions: dict[str, Decision]
    cluster_id: int | None
    members: list[Member]
    history: list[Event]
    sources: list[str] = field(default_factory=list)
    extraction_quality: float | None = None  # 0-1 from the extract stage; None: never extracted

    @property
    def model_labels(self) -> dict[str, bool]:
        if self.classification is None:
            return {}
        return model_labels(self.classification.labels)

    @property
    def effective_labels(self) -> dict[str, bool]:
        """The labels as the digest and the export see them (``service.labels.decide``); empty for an
        item nobody has classified or reviewed."""
        if self.classification is None and not self.decisions:
            return {}
        model = self.model_labels if self.classification is not None else None
        scores = self.classification.scores if self.classification is not None else None
        human = {name: decision.value for name, decision in self.decisions.items()}
        return decide(human, model, scores).labels


def item_detail(session: Session, item_id: int) -> ItemDetail:
    """Everything the item page shows. Raises UnknownItemError for an id not in the database."""
    item = session.get(Item, item_id)
    if item is None:
        raise UnknownItemError(f"no item {item_id}")
    classification = session.get(Classification, item.classification_id) if item.classification_id else None
    labels = list(
        session.scalars(
            select(ReviewLabel)
            .where(ReviewLabel.item_id == item_id)
            .order_by(ReviewLabel.created_at, ReviewLabel.id)
        )
    )
    member = session.get(ClusterMember, item_id)
    return ItemDetail(
        id=item.id,
        title=item.title or f"item {item.id}",
        url=item.link or item.url,
        outlet=item.outlet,
        published_at=item.published_at,
        first_seen_at=item.first_seen_at,
        lang=item.lang,
        byline=item.byline,
        text=item.text or item.summary or "",
        text_source=item.text_source,
        extraction_quality=item.extraction_quality,
        status=ItemStatus(item.status),
        error=item.error,
        classification=_classification_view(classification) if classification else None,
        decisions={row.label: Decision(row.label, row.value, row.reviewer, row.created_at) for row in labels},
        cluster_id=member.cluster_id if member else None,
        members=_members(session, member.cluster_id) if member else [],
        history=_history(session, item, labels),
        sources=_sources(session, item),
    )


def _classification_view(row: Classification) -> ClassificationView:
    return ClassificationView(
        model_version=row.model_version,
        scores=dict(row.scores),
        labels=dict(row.labels),
        relevance_score=row.relevance_score,
        partner=row.partner,
        partner_country=row.partner_country,
        taiwan_party=row.taiwan_party,
        explanation=dict(row.explanation or {}),
        created_at=row.created_at,
    )


def _members(session: Session, cluster_id: int) -> list[Member]:
    rows = session.execute(
        select(ClusterMember, Item)
        .join(Item, Item.id == ClusterMember.item_id)
        .where(ClusterMember.cluster_id == cluster_id)
        .order_by(Item.published_at, Item.id)
    )
    return [
        Member(
            item_id=item.id,
            title=item.title or f"item {item.id}",
            outlet=member.outlet or item.outlet,
            relation=member.relation,
            similarity=member.similarity,
            published_at=item.published_at,
            url=item.link or item.url,
        )
        for member, item in rows
    ]


def _sources(session: Session, item: Item) -> list[str]:
    """The feeds the item arrived through (its first feed and any later ones)."""
    via = select(ItemSource.feed_id).where(ItemSource.item_id == item.id)
    query = select(Feed.name).where(or_(Feed.id.in_(via), Feed.id == item.feed_id)).order_by(Feed.name)
    return list(session.scalars(query))


def _history(session: Session, item: Item, labels: Iterable[ReviewLabel]) -> list[Event]:
    events = [Event(item.first_seen_at, "seen", {"outlet": item.outlet})]
    for version in session.scalars(select(ItemVersion).where(ItemVersion.item_id == item.id)):
        events.append(Event(version.recorded_at, "version", {"title": version.title or ""}))
    for row in session.scalars(select(Classification).where(Classification.item_id == item.id)):
        names = [name for name, value in sorted(row.labels.items()) if value]
        values: dict[str, Any] = {"version": row.model_version, "labels": names, "score": row.relevance_score}
        events.append(Event(row.created_at, "classified", values))
    for label in labels:
        answer = {"reviewer": label.reviewer, "label": label.label, "value": label.value}
        events.append(Event(label.created_at, "label", answer))
    return sorted(events, key=lambda event: event.at)
