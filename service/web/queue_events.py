"""The review queue and the item page, grouped by event: which stories report the same event.

The queue itself is one row per story (copies hide behind their canonical item, see
``storage.review``); this adds, for each row, the other stories of its event (``group_events``, the
digest's and the report's grouping), so a Chinese and an English write-up of one visit are reviewed
together: the first of them on the page leads, the next ones are marked as the same event.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo

from sqlalchemy.orm import Session

from service.digest.events import DAYS, group_events
from service.storage import events as event_store
from service.storage.events import EventStoryRow
from service.storage.review import QueueRow

MAX_OTHERS = 5


@dataclass(frozen=True)
class SameEvent:
    """A queue row's event: the row it follows on this page (None: it leads), and the other stories."""

    lead_id: int | None
    others: tuple[EventStoryRow, ...]


def same_event(session: Session, rows: Sequence[QueueRow], tz: tzinfo) -> dict[int, SameEvent]:
    """For each row of a queue page with other stories of its event: who leads, and those stories."""
    if not rows:
        return {}
    on_page = {row.id: index for index, row in enumerate(rows)}
    moments = [row.published_at for row in rows]
    found: dict[int, SameEvent] = {}
    for group in _groups_around(session, moments, on_page, tz):
        page_ids = sorted((s.item_id for s in group if s.item_id in on_page), key=on_page.__getitem__)
        for item_id in page_ids:
            others = tuple(s for s in group if s.item_id != item_id)[:MAX_OTHERS]
            lead = page_ids[0] if item_id != page_ids[0] else None
            found[item_id] = SameEvent(lead, others)
    return found


def same_event_as(session: Session, item_id: int, published_at: datetime, tz: tzinfo) -> list[EventStoryRow]:
    """The other stories of one item's event (the item page's "Same event" list)."""
    for group in _groups_around(session, [published_at], {item_id: 0}, tz):
        if any(story.item_id == item_id for story in group):
            return [story for story in group if story.item_id != item_id]
    return []


def _groups_around(
    session: Session, moments: Sequence[datetime], prefer: Mapping[int, int], tz: tzinfo
) -> list[list[EventStoryRow]]:
    """Event groups of two stories or more among items published near ``moments``: one story per dedup
    cluster, the item in ``prefer`` where the cluster has one (in its order), else the first."""
    stories = event_store.event_stories(session, _ranges(moments, timedelta(days=DAYS + 1)))
    chosen: dict[object, EventStoryRow] = {}
    for story in sorted(
        stories, key=lambda s: (s.item_id not in prefer, prefer.get(s.item_id, 0), s.item_id)
    ):
        key = ("cluster", story.cluster_id) if story.cluster_id else ("item", story.item_id)
        chosen.setdefault(key, story)
    groups = group_events(list(chosen.values()), tz=tz)
    return [list(group.stories) for group in groups if len(group.stories) > 1]


def _ranges(moments: Sequence[datetime], margin: timedelta) -> list[tuple[datetime, datetime]]:
    """The moments widened by ``margin`` each way, overlapping ranges merged (a queue page ordered by
    score spans months: only the days around its rows are read)."""
    merged: list[tuple[datetime, datetime]] = []
    for moment in sorted(moments):
        start, end = moment - margin, moment + margin
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
