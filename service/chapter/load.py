"""Storage -> the chapter's stories (I/O), and the one call the CLI and the review UI make.

Which stories: those first seen in the period (a few days wider at both ends, since an event's day, not
its report's, decides the period), chosen as the digest chooses them (``relevant_groups``: the label
rule, a reviewer's "not relevant" removes the story). Each story's event is the effective one
(``service.storage.events.effective_events``: a reviewer's correction of party, partners or event type
wins over the model's). A copy a reviewer corrected speaks for its story; otherwise the canonical item's
event does. Every copy in the dedup cluster is a source. A relevant story with no stored event (classified
before the events stage existed, or the stage failed on it) gets one from the events stage now, with its
feed's configured home as the classify stage would (config.yaml ``feeds[].home``), so it is not lost from the
chapter.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from datetime import date, datetime, time, timedelta, tzinfo

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from classifiers.events import Event, extract_event
from service.chapter.compose import DEFAULT_HEADING, compose_chapter
from service.chapter.select import events_of_party, resolve_party
from service.chapter.types import Chapter, ChapterStory, Source
from service.config import Settings
from service.digest.events import DAYS
from service.digest.relevance import relevant_groups
from service.storage import digests as store
from service.storage.db import session_scope
from service.storage.events import effective_events, event_corrections

NO_SCORE_FLOOR = 2.0  # above any probability: read relevant and reviewed items only


def load_chapter(
    engine: Engine,
    settings: Settings,
    party: str,
    first: date,
    last: date,
    heading: str = DEFAULT_HEADING,
) -> Chapter:
    """The chapter of ``party`` (any spelling the gazetteer knows) for ``first``..``last`` (local dates,
    both included)."""
    with session_scope(engine) as session:
        stories = load_stories(session, first, last, settings.tz, settings.feed_homes)
    canonical = resolve_party(party)
    events = events_of_party(stories, canonical, first, last, settings.tz)
    return compose_chapter(events, canonical, first, last, heading)


def load_stories(
    session: Session, first: date, last: date, tz: tzinfo, homes: Mapping[str, str] | None = None
) -> list[ChapterStory]:
    """The relevant stories reported around the period, each with its effective event and sources
    (``homes``: feed name -> configured home, for stories whose event is read now)."""
    start = datetime.combine(first - timedelta(days=DAYS), time(), tz)
    end = datetime.combine(last + timedelta(days=DAYS + 1), time(), tz)
    candidates = store.window_candidates(session, start, end, min_score=NO_SCORE_FLOOR)
    human = store.newest_human_labels(session, (row.item_id for row in candidates))
    cluster_ids = {row.cluster_id for row in candidates if row.cluster_id is not None}
    canonical, members = store.cluster_members(session, cluster_ids)
    kept = relevant_groups(candidates, human)
    member_ids: dict[int, list[int]] = defaultdict(list)
    for member in members:
        member_ids[member.cluster_id].append(member.item_id)
    stories: dict[tuple[str, int], list[int]] = {}
    for key, rows in kept.items():
        kind, ident = key
        representative = canonical.get(ident, rows[0][0].item_id) if kind == "cluster" else ident
        others = member_ids.get(ident, []) if kind == "cluster" else []
        stories[key] = list(dict.fromkeys([representative, *(row.item_id for row, _ in rows), *others]))
    every_id = {item_id for ids in stories.values() for item_id in ids}
    items = store.story_items(session, every_id)
    events = effective_events(session, every_id)
    corrected = set(event_corrections(session, every_id))
    found = []
    for ids in stories.values():
        story = _story(ids, items, events, corrected, human, tz, homes or {})
        if story is not None:
            found.append(story)
    return found


def _story(
    ids: list[int],
    items: Mapping[int, store.StoryItem],
    events: Mapping[int, Event],
    corrected: set[int],
    human: Mapping[int, Mapping[str, bool]],
    tz: tzinfo,
    homes: Mapping[str, str],
) -> ChapterStory | None:
    known = [item_id for item_id in ids if item_id in items]
    if not known:
        return None
    lead = items[known[0]]
    with_event = [item_id for item_id in known if item_id in events]
    speaker = next((i for i in with_event if i in corrected), with_event[0] if with_event else None)
    if speaker is not None:
        event: Event | None = events[speaker]
    else:  # no stored event: the events stage, run now (pure, about a millisecond)
        published = lead.published_at.astimezone(tz).date()
        home = homes.get(lead.feed or "")
        event = extract_event(lead.title, lead.text or lead.summary or "", published, lead.url, home)
    return ChapterStory(
        item_id=lead.item_id,
        event=event,
        published_at=lead.published_at,
        title=lead.title,
        text=lead.text or lead.summary,
        sources=tuple(_source(items[item_id], tz) for item_id in known),
        reviewed=any(item_id in corrected or human.get(item_id) for item_id in known),
    )


def _source(item: store.StoryItem, tz: tzinfo) -> Source:
    return Source(
        item_id=item.item_id,
        outlet=item.outlet or "",
        published=item.published_at.astimezone(tz).date(),
        url=item.url,
        title=item.title or "",
        lang=item.lang,
    )
