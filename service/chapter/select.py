"""Stories -> the events of one Taiwanese party in one period (pure).

Grouping is the events stage's own (:func:`service.digest.events.group_events`): different write-ups of
one event, in any language, become one event; the digest and the review queue use the same function.
Grouping runs over the party's stories and over the stories that name no party (an English write-up that
the extractor could not credit still joins its event); the party is checked again on the merged event.
Stories of other parties are left out before grouping: they could never join the party's events (two
different parties are two events), and grouping costs grow with the square of the stories (3,000 stories
took 6 s, one party's share of them a fraction of a second).

Party names compare after the classifiers' normalisation (NFKC, 臺/台 folded), and a short form the
gazetteer knows (北市, 高雄市政府, Kaohsiung) resolves to its city: :func:`resolve_party`.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from datetime import date, tzinfo

from classifiers.gazetteer import Gazetteer
from classifiers.normalize import normalize
from service.chapter.types import ChapterStory, ReportEvent, Source
from service.digest.events import group_events

_PARTY_KINDS = ("tw_city", "tw_place", "tw_national")


def resolve_party(text: str) -> str:
    """The canonical name of a Taiwanese party as the events stage writes it (臺, parent prefix for a
    township): 台北 / 北市 / Taipei -> 臺北市, 羅東 -> 宜蘭縣羅東鎮. A name the gazetteer does not know
    as a whole (a school, an association, ``national``) is kept as given, NFKC-folded."""
    given = unicodedata.normalize("NFKC", text).strip()
    folded = normalize(given)
    for entity in Gazetteer.load().match(folded):
        if entity.kind in _PARTY_KINDS and entity.start == 0 and entity.end == len(folded):
            name = entity.name
            if entity.kind == "tw_place" and entity.city and not name.startswith(entity.city):
                name = entity.city + name
            return _with_tai(name)
    return _with_tai(given) if given.endswith(("市", "縣", "鎮", "鄉", "區")) else given


def _with_tai(name: str) -> str:
    """Canonical party names are written with 臺 (臺北市, 臺東縣)."""
    return name.replace("台", "臺")


def same_party(a: str, b: str) -> bool:
    return normalize(a) == normalize(b)


def events_of_party(
    stories: Sequence[ChapterStory], party: str, first: date, last: date, tz: tzinfo
) -> list[ReportEvent]:
    """The events the party took part in whose day (event date, else first report) is in the period,
    oldest first; each with every source of every story that reports it."""
    found: list[ReportEvent] = []
    mine = [story for story in stories if _may_be_of(story, party)]
    ordered = sorted(mine, key=lambda story: (story.published_at, story.item_id))
    for group in group_events(ordered, tz=tz):
        event = group.event
        if event is None or not first <= group.day <= last:
            continue
        if not any(same_party(name, party) for name in event.taiwan_party):
            continue
        found.append(
            ReportEvent(
                event=event,
                day=group.day,
                sources=_sources(source for story in group.stories for source in story.sources),
                texts=tuple(f"{story.title or ''}\n{story.text or ''}" for story in group.stories),
                reviewed=any(story.reviewed for story in group.stories),
            )
        )
    found.sort(key=lambda item: (item.day, item.sources[0].item_id if item.sources else 0))
    return found


def _may_be_of(story: ChapterStory, party: str) -> bool:
    """The story names the party, or names no party at all (it may still join one of its events)."""
    names = story.event.taiwan_party if story.event is not None else ()
    return not names or any(same_party(name, party) for name in names)


def _sources(sources: Iterable[Source]) -> tuple[Source, ...]:
    """Oldest first; one source per article (an item reached twice, or one URL twice, is listed once)."""
    seen: set[object] = set()
    kept: list[Source] = []
    for source in sorted(sources, key=lambda s: (s.published, s.item_id)):
        key = source.url or source.item_id
        if key in seen or source.item_id in seen:
            continue
        seen.update((key, source.item_id))
        kept.append(source)
    return tuple(kept)
