"""Events: the events stage's answer stored on each classification, and reviewers' corrections.

The model's event lives on the item's current classification (``classifications.event``, written by
``classifications.record_classification``); a person's corrections live apart, in ``event_corrections``,
one row per (item, field, decision), so reclassifying never overwrites a correction and history stays.
What an item's event *is* follows ``service.events.effective_event`` (the reviewer's field where given,
else the model's); :func:`effective_events` applies it for many items at once.

Functions take a session and return plain data (``classifiers.events.Event``, ``Corrections``); ORM rows
stay here.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from classifiers.events.types import Event, EventType, Partner
from service.errors import UnknownItemError
from service.events import Corrections, corrections_from_rows, effective_event, event_of, parse_value
from service.storage.schema import Classification, ClusterMember, EventCorrection, Item, ReviewLabel

IN_CHUNK = 900


def now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class CorrectionRow:
    """One stored correction, for the item page's history."""

    field: str
    value: Any
    reviewer: str
    at: datetime


def _chunks(values: Iterable[int]) -> Iterable[list[int]]:
    ordered = sorted(set(values))
    for index in range(0, len(ordered), IN_CHUNK):
        yield ordered[index : index + IN_CHUNK]


def record_event_correction(
    session: Session,
    item_id: int,
    reviewer: str,
    *,
    taiwan_party: Iterable[str] | None = None,
    partners: Iterable[Partner | dict[str, Any]] | None = None,
    event_type: EventType | str | None = None,
    at: datetime | None = None,
) -> Corrections:
    """Store a person's correction of the given fields (None: not corrected now) and return the item's
    corrections as they now stand. Values are checked first (``service.events.parse_value`` raises
    ``BadCorrection`` naming the field); nothing is updated in place: each decision is a new row."""
    if session.get(Item, item_id) is None:
        raise UnknownItemError(f"no item {item_id}")
    given: dict[str, Any] = {}
    if taiwan_party is not None:
        given["taiwan_party"] = list(parse_value("taiwan_party", list(taiwan_party)))
    if partners is not None:
        dicts = [p.to_dict() if isinstance(p, Partner) else dict(p) for p in partners]
        given["partners"] = [p.to_dict() for p in parse_value("partners", dicts)]
    if event_type is not None:
        given["event_type"] = str(parse_value("event_type", str(event_type)))
    moment = at or now()
    for name, value in given.items():
        session.add(
            EventCorrection(item_id=item_id, field=name, value=value, reviewer=reviewer, created_at=moment)
        )
    session.flush()
    return event_corrections(session, [item_id]).get(item_id, Corrections())


def correction_rows(session: Session, item_ids: Iterable[int]) -> dict[int, list[CorrectionRow]]:
    """Every correction of the given items, oldest first."""
    found: dict[int, list[CorrectionRow]] = {}
    for chunk in _chunks(item_ids):
        query = (
            select(EventCorrection)
            .where(EventCorrection.item_id.in_(chunk))
            .order_by(EventCorrection.created_at, EventCorrection.id)
        )
        for row in session.scalars(query):
            found.setdefault(row.item_id, []).append(
                CorrectionRow(row.field, row.value, row.reviewer, row.created_at)
            )
    return found


def event_corrections(session: Session, item_ids: Iterable[int]) -> dict[int, Corrections]:
    """The newest correction per field of each item (items without corrections are absent)."""
    return {
        item_id: corrections_from_rows([(r.field, r.value, r.reviewer, r.at) for r in rows])
        for item_id, rows in correction_rows(session, item_ids).items()
    }


def model_events(session: Session, item_ids: Iterable[int]) -> dict[int, Event]:
    """The events stage's answer on each item's current classification (items without one are absent)."""
    found: dict[int, Event] = {}
    for chunk in _chunks(item_ids):
        query = (
            select(Item.id, Classification.event)
            .join(Classification, Classification.id == Item.classification_id)
            .where(Item.id.in_(chunk), Classification.event.is_not(None))
        )
        for item_id, data in session.execute(query):
            event = event_of(data)
            if event is not None:
                found[item_id] = event
    return found


def effective_events(session: Session, item_ids: Iterable[int]) -> dict[int, Event]:
    """Each item's event by the event rule (``service.events.effective_event``); items with neither a
    model event nor a correction are absent."""
    ids = list(item_ids)
    models = model_events(session, ids)
    corrections = event_corrections(session, ids)
    found: dict[int, Event] = {}
    for item_id in set(models) | set(corrections):
        event = effective_event(models.get(item_id), corrections.get(item_id))
        if event is not None:
            found[item_id] = event
    return found


@dataclass(frozen=True)
class EventView:
    """What the item page shows of an item's event: the effective one, the model's, the corrections."""

    effective: Event | None
    model: Event | None
    corrections: Corrections | None
    history: list[CorrectionRow]
    error: str | None  # why the events stage failed on this item, if it did

    def corrected(self, name: str) -> bool:
        return self.corrections is not None and name in self.corrections.fields


def event_view(session: Session, item_id: int) -> EventView:
    """The item's event for the review UI (raises UnknownItemError for an unknown id)."""
    item = session.get(Item, item_id)
    if item is None:
        raise UnknownItemError(f"no item {item_id}")
    row = session.get(Classification, item.classification_id) if item.classification_id else None
    model = event_of(row.event) if row is not None else None
    error = (row.explanation or {}).get("event_error") if row is not None else None
    history = correction_rows(session, [item_id]).get(item_id, [])
    corrections = (
        corrections_from_rows([(r.field, r.value, r.reviewer, r.at) for r in history]) if history else None
    )
    return EventView(
        effective=effective_event(model, corrections),
        model=model,
        corrections=corrections,
        history=history,
        error=str(error) if error else None,
    )


@dataclass(frozen=True)
class EventStoryRow:
    """A classified item with an event, as grouping reads it (``service.digest.events.EventStory``)."""

    item_id: int
    cluster_id: int | None
    title: str | None
    text: str | None
    outlet: str | None
    published_at: datetime
    event: Event | None


def event_stories(
    session: Session, ranges: Sequence[tuple[datetime, datetime]], text_chars: int = 400
) -> list[EventStoryRow]:
    """Items published in any of the ``[start, end)`` ranges whose effective event is known (a model event
    or a reviewer's correction), with their cluster and the start of their text, for grouping stories into
    events (the review queue, the item page)."""
    if not ranges:
        return []
    corrected = select(EventCorrection.item_id)
    published = or_(*(and_(Item.published_at >= start, Item.published_at < end) for start, end in ranges))
    query = (
        select(
            Item.id,
            ClusterMember.cluster_id,
            Item.title,
            func.substr(Item.text, 1, text_chars),
            func.substr(Item.summary, 1, text_chars),
            Item.outlet,
            Item.published_at,
        )
        .outerjoin(Classification, Classification.id == Item.classification_id)
        .outerjoin(ClusterMember, ClusterMember.item_id == Item.id)
        .where(published)
        .where(Classification.event.is_not(None) | Item.id.in_(corrected))
        .order_by(Item.id)
    )
    rows = list(session.execute(query))
    events = effective_events(session, [row[0] for row in rows])
    return [
        EventStoryRow(
            item_id,
            cluster_id,
            title,
            (text or summary or "")[:text_chars],
            outlet,
            published,
            events.get(item_id),
        )
        for item_id, cluster_id, title, text, summary, outlet, published in rows
        if item_id in events
    ]


def event_type_examples(session: Session) -> list[dict[str, Any]]:
    """Items whose event type a reviewer set, as training examples for a learned event-type model:
    ``id`` (``newsmon-<item id>``), ``title``, ``text``, ``published`` (ISO), ``event_type`` (the newest
    correction), ``reviewer``, ``reviewed_at``; oldest item first."""
    newest: dict[int, EventCorrection] = {}
    query = (
        select(EventCorrection)
        .where(EventCorrection.field == "event_type")
        .order_by(EventCorrection.created_at, EventCorrection.id)
    )
    for row in session.scalars(query):
        newest[row.item_id] = row
    examples = []
    for chunk in _chunks(newest):
        items = session.execute(
            select(Item.id, Item.title, Item.text, Item.summary, Item.published_at).where(Item.id.in_(chunk))
        )
        for item_id, title, text, summary, published in items:
            row = newest[item_id]
            examples.append(
                {
                    "id": f"newsmon-{item_id}",
                    "title": title,
                    "text": text or summary or "",
                    "published": published.isoformat(),
                    "event_type": str(row.value),
                    "reviewer": row.reviewer,
                    "reviewed_at": row.created_at.isoformat(),
                }
            )
    return sorted(examples, key=lambda example: int(example["id"].removeprefix("newsmon-")))


def relevant_item_ids(session: Session, *, after_id: int = 0, limit: int = 256) -> list[int]:
    """Ids of classified items the model finds relevant or a reviewer said yes to (relevant or a topic):
    the events stage's items (ascending, paged)."""
    said_yes = select(ReviewLabel.item_id).where(ReviewLabel.value.is_(True))
    query = (
        select(Item.id)
        .join(Classification, Classification.id == Item.classification_id)
        .where(Classification.relevant.is_(True) | Item.id.in_(said_yes), Item.id > after_id)
        .order_by(Item.id)
        .limit(limit)
    )
    return list(session.scalars(query))


def record_event(session: Session, item_id: int, event: Event | None, error: str | None = None) -> None:
    """Store the events stage's answer (or why it failed) on the item's current classification."""
    item = session.get(Item, item_id)
    row = session.get(Classification, item.classification_id) if item and item.classification_id else None
    if row is None:
        raise UnknownItemError(f"item {item_id} has no classification to store an event on")
    row.event = event.to_dict() if event else None
    row.event_type = event.event_type.value if event else None
    row.event_date = event.event_date if event else None
    explanation = {key: value for key, value in (row.explanation or {}).items() if key != "event_error"}
    if error:
        explanation["event_error"] = error
    row.explanation = explanation
    session.flush()
