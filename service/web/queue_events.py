"""The review queue, grouped by event: which rows of a page report the same event as another story.

The queue itself is one row per story (copies hide behind their canonical item, see
``storage.review``); this adds, for each row, the other stories of its event (``group_events``, the
digest's and the report's grouping), so a Chinese and an English write-up of one visit are reviewed
together: the first of them on the page leads, the next ones are marked as the same event.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta, tzinfo

from sqlalchemy.orm import Session

from service.digest.events import DAYS, group_events
from service.storage import events as event_store
from service.storage.review import QueueRow

MAX_OTHERS = 5


@dataclass(frozen=True)
class SameEvent:
    """A queue row's event: the row it follows on this page (None: it leads), and the other stories."""

    lead_id: int | None
    others: tuple[event_store.EventStoryRow, ...]


def same_event(session: Session, rows: Sequence[QueueRow], tz: tzinfo) -> dict[int, SameEvent]:
    """For each row of a queue page with other stories of its event: who leads, and those stories."""
    if not rows:
        return {}
    margin = timedelta(days=DAYS + 1)
    start = min(row.published_at for row in rows) - margin
    end = max(row.published_at for row in rows) + margin
    stories = event_store.event_stories(session, start, end)
    on_page = {row.id: index for index, row in enumerate(rows)}
    # One story per dedup cluster: the item on the page where there is one, else the cluster's first item.
    chosen: dict[object, event_store.EventStoryRow] = {}
    for story in sorted(
        stories, key=lambda s: (s.item_id not in on_page, on_page.get(s.item_id, 0), s.item_id)
    ):
        chosen.setdefault(
            ("cluster", story.cluster_id) if story.cluster_id else ("item", story.item_id), story
        )
    found: dict[int, SameEvent] = {}
    for group in group_events(list(chosen.values()), tz=tz):
        if len(group.stories) < 2:
            continue
        page_ids = sorted((s.item_id for s in group.stories if s.item_id in on_page), key=on_page.__getitem__)
        for item_id in page_ids:
            others = tuple(s for s in group.stories if s.item_id != item_id)[:MAX_OTHERS]
            lead = page_ids[0] if item_id != page_ids[0] else None
            found[item_id] = SameEvent(lead, others)
    return found
