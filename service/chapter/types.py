"""Plain data passed between the chapter's steps (see the package docstring)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from classifiers.events import Event, EventType


@dataclass(frozen=True)
class Source:
    """One article behind an entry: a footnote gives its outlet, date and URL."""

    item_id: int
    outlet: str
    published: date  # local date
    url: str | None
    title: str
    lang: str | None = None


@dataclass(frozen=True)
class ChapterStory:
    """One story (a dedup cluster, or a lone item) with its effective event; grouping reads ``event``,
    ``published_at``, ``title`` and ``text`` (:class:`service.digest.events.EventStory`)."""

    item_id: int  # the story's representative item
    event: Event | None
    published_at: datetime
    title: str | None
    text: str | None
    sources: tuple[Source, ...]  # the representative item and every copy
    reviewed: bool = False  # a reviewer labelled an item of the story or corrected its event


@dataclass(frozen=True)
class ReportEvent:
    """One event of the chapter: the stories that report it, merged."""

    event: Event
    day: date
    sources: tuple[Source, ...]  # every article, oldest first, each URL once
    texts: tuple[str, ...]  # title and text of each story (fields of cooperation, bureau, pact names)
    reviewed: bool = False

    @property
    def item_ids(self) -> tuple[int, ...]:
        return tuple(source.item_id for source in self.sources)


@dataclass(frozen=True)
class Note:
    """A footnote: its number in the chapter and the source it cites."""

    number: int
    source: Source


@dataclass(frozen=True)
class Entry:
    """One event as the chapter writes it: （一）heading, then one paragraph, then its sources."""

    number: int
    heading: str
    paragraph: str
    notes: tuple[Note, ...]
    event: ReportEvent

    @property
    def event_type(self) -> EventType:
        return self.event.event.event_type


@dataclass(frozen=True)
class Section:
    """一、外賓來訪 and the like: a summary line with the totals, an optional list (the principal
    visitors), the entries, and room for the office's own additions."""

    key: str
    number: int
    title: str
    summary: str
    entries: tuple[Entry, ...]
    listing: tuple[str, ...] = ()
    listing_title: str = ""


@dataclass(frozen=True)
class Totals:
    """The figures the chapter states: visits hosted and the people where known."""

    events: int
    sources: int
    visits_hosted: int
    visitors: int  # people, summed over the visits whose delegation size is known
    visits_size_unknown: int


@dataclass(frozen=True)
class Chapter:
    heading: str  # 貳拾陸、國際事務
    party: str
    first: date
    last: date
    period: str  # 115年7月1日至115年12月31日
    sections: tuple[Section, ...]
    totals: Totals

    @property
    def entries(self) -> tuple[Entry, ...]:
        return tuple(entry for section in self.sections for entry in section.entries)
