"""One entry per event: stories (dedup clusters) grouped into the events they report. Pure.

Dedup joins copies of one article; this joins *different* write-ups of one event: a Chinese agency story
and an English daily's report of the same governor's visit, a first report and the next day's follow-up,
two outlets' own articles on one signing. The digest, the review queue and the chapter report all call
:func:`group_events`, so one event is one entry everywhere.

Contract::

    group_events(stories, *, days=3, tz=TAIPEI) -> list[EventGroup[S]]

- ``stories``: any objects with ``event`` (the *effective* :class:`Event`: the reviewer's correction where
  given, else the model's; None when there is none), ``published_at`` (aware datetime), ``title`` and
  ``text`` (str or None; a lead or the article's start is enough). :class:`StoryFacts` is a ready-made one
  with a ``key`` for finding your own objects again.
- Every story lands in exactly one group. Groups come in the order of their first story in the input, and
  stories keep the input order inside a group: sort the input by preference (score, newest, ...) and
  ``group.lead`` (the first story) is the one to show.
- ``group.event`` merges the members' events (see :func:`merge_events`); ``group.day`` is the earliest
  event date (the event date where given, else the local publication date).

When two stories join (:func:`link`), in words:

- their days (event date, else publication date, local) are at most ``days`` apart;
- their event types are the same or can describe one event (:data:`SAME_EVENT_TYPES`: the agreement
  signed during a visit, the forum a delegation attended; a visit abroad and a hosted visit are two
  events, the direction differs); a theme (:data:`THEME_TYPES`: anniversary, trade and investment,
  exchange programme, policy statement) fits any type, and ``other`` fits any type weakly;
- their Taiwanese parties share a name (both empty, or one empty: weakly);
- their partners overlap: the same partner, the same place named at another level (熊本縣 and 熊本市: the
  same name before the 縣/市/町 suffix, in the same country), or the same country when one side names only
  the country (weakly);
- a *weak* match needs similar text as well (:data:`WEAK_TEXT`, a cosine of character bigrams and
  uncommon English words). A story without an event, or whose event names neither a Taiwanese party nor a
  partner, joins nothing: copies of one article are dedup's to join, and similar text alone (a
  press-release template, a recurring column) does not make one event.

A story joins the group it links to best (a full match before a weak one, then the more similar text),
provided it conflicts
with no member of that group (a different party, place or event type, or days too far apart), so a chain
of loose links cannot pull two different events together.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Sequence
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone, tzinfo
from typing import Generic, Protocol, TypeVar

from classifiers.events.types import PLACE_LEVELS, Event, EventType, Partner, PartnerLevel, Person

TAIPEI = timezone(timedelta(hours=8), "Asia/Taipei")
DAYS = 3  # how far apart two write-ups of one event may be dated
WEAK_TEXT = 0.2  # text similarity a weak match (one side lacks a party, a country-only partner) needs
TEXT_CHARS = 400  # title plus this much of the text is compared

# Pairs of different event types that can describe one event. An outlet types a visit during which a pact
# is signed ``agreement``, another a visit; an anniversary is marked by a visit, a signing or a video call;
# a forum is reported as the visit of the delegation that attended it; a trade pact is an agreement.
_E = EventType
SAME_EVENT_TYPES: frozenset[frozenset[EventType]] = frozenset(
    frozenset(pair)
    for pair in (
        (_E.AGREEMENT, _E.VISIT_ABROAD),
        (_E.AGREEMENT, _E.HOSTED_VISIT),
        (_E.AGREEMENT, _E.VIDEO_CALL),
        (_E.AGREEMENT, _E.ANNIVERSARY),
        (_E.AGREEMENT, _E.TRADE_INVESTMENT),
        (_E.ANNIVERSARY, _E.VISIT_ABROAD),
        (_E.ANNIVERSARY, _E.HOSTED_VISIT),
        (_E.ANNIVERSARY, _E.VIDEO_CALL),
        (_E.FORUM, _E.VISIT_ABROAD),
        (_E.FORUM, _E.HOSTED_VISIT),
    )
)
# Types that say what an event was about rather than what happened: outlets differ most here (one reports
# a governor's visit as a visit, another as semiconductor investment, a third as the pact's anniversary),
# so they fit any type. Measured on dev's story_id (bench/event_grouping.py, annotated events): pairwise F1
# 0.528 -> 0.563, precision 0.623 -> 0.643, against requiring the same type. ``other`` is one of them.
THEME_TYPES = frozenset(
    {_E.ANNIVERSARY, _E.TRADE_INVESTMENT, _E.EXCHANGE_PROGRAMME, _E.POLICY_STATEMENT, _E.OTHER}
)
# The level suffixes that name the same place at another level (熊本縣 / 熊本市, 東京都 / 東京).
_PLACE_SUFFIX = re.compile(r"(?:縣|県|市|町|村|都|府|道|州|郡|區|区|省|特別市|廣域市|広域市)$")
_PLACE_LEVELS = frozenset(
    {PartnerLevel.CITY, PartnerLevel.PREFECTURE, PartnerLevel.STATE, PartnerLevel.COUNTY}
)
_WORD = re.compile(r"[a-z0-9]+")
# English words every write-up shares; they say nothing about which event it reports.
_COMMON_WORDS = frozenset(
    """the and for with from that this was were are has have had will its their his her they said says also
    into about after over more than which who when where other new taiwan taiwanese japan japanese city mayor
    government""".split()  # noqa: SIM905 - a word list reads better as words
)
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]+")


class EventStory(Protocol):
    """What grouping reads of a story."""

    @property
    def event(self) -> Event | None: ...

    @property
    def published_at(self) -> datetime: ...

    @property
    def title(self) -> str | None: ...

    @property
    def text(self) -> str | None: ...


S = TypeVar("S", bound=EventStory)


@dataclass(frozen=True)
class StoryFacts:
    """A ready-made :class:`EventStory`; ``key`` is yours (an item id, a cluster id, a row)."""

    key: object
    event: Event | None
    published_at: datetime
    title: str | None = None
    text: str | None = None


@dataclass(frozen=True)
class EventGroup(Generic[S]):
    """One event and the stories that report it (input order; the first is the lead)."""

    stories: tuple[S, ...]
    event: Event | None  # the members' events merged; None when no member has one
    day: date  # the earliest event date, else the earliest local publication date

    @property
    def lead(self) -> S:
        return self.stories[0]


@dataclass
class _Facts:
    day: date
    event: Event | None
    parties: frozenset[str]
    places: frozenset[tuple[str, str]]  # (name, country) of sub-national partners and organisations
    stems: frozenset[tuple[str, str]]  # (name without level suffix, country) of sub-national partners
    countries: frozenset[str]
    kind: EventType | None  # None: no event
    grams: frozenset[str] = field(default_factory=frozenset)


def group_events(stories: Sequence[S], *, days: int = DAYS, tz: tzinfo = TAIPEI) -> list[EventGroup[S]]:
    """Group ``stories`` into events (see the module docstring for the contract and the rule)."""
    facts = [_facts(story, tz) for story in stories]
    order = sorted(range(len(stories)), key=lambda index: (facts[index].day, index))
    groups: list[list[int]] = []
    open_from = 0  # groups are made in day order: one whose first story is too early stays closed
    for index in order:
        story = facts[index]
        while open_from < len(groups) and (story.day - facts[groups[open_from][0]].day).days > days:
            open_from += 1
        best: tuple[float, int] | None = None
        for number in range(open_from, len(groups)) if story.kind is not None else ():
            score = _join_score(story, [facts[m] for m in groups[number]], days)
            if score is not None and (best is None or score > best[0]):
                best = (score, number)
        if best is None:
            groups.append([index])
        else:
            groups[best[1]].append(index)
    result = []
    for members in sorted((sorted(group) for group in groups), key=lambda group: group[0]):
        events = [facts[m].event for m in members]
        result.append(
            EventGroup(
                stories=tuple(stories[m] for m in members),
                event=merge_events([e for e in events if e is not None]),
                day=min(facts[m].day for m in members),
            )
        )
    return result


def link(a: EventStory, b: EventStory, *, days: int = DAYS, tz: tzinfo = TAIPEI) -> float | None:
    """How well two stories match as write-ups of one event (higher is better), or None when they cannot
    be one event. Exposed for tests and for explaining a grouping."""
    return _link(_facts(a, tz), _facts(b, tz), days)


def _join_score(story: _Facts, members: Sequence[_Facts], days: int) -> float | None:
    scores = []
    for member in members:
        if _conflict(story, member, days):
            return None
        score = _link(story, member, days)
        if score is not None:
            scores.append(score)
    return max(scores) if scores else None


def _conflict(a: _Facts, b: _Facts, days: int) -> bool:
    """Facts that say two stories are different events, whatever their texts."""
    if abs((a.day - b.day).days) > days:
        return True
    if a.event is None or b.event is None:
        return False
    if a.kind is not None and b.kind is not None and not _types_fit(a.kind, b.kind):
        return True
    if a.parties and b.parties and not a.parties & b.parties:
        return True
    a_places, b_places = a.stems | a.places, b.stems | b.places
    return bool(a_places and b_places and not a_places & b_places and not _same_place(a, b))


def _link(a: _Facts, b: _Facts, days: int) -> float | None:
    if _conflict(a, b, days):
        return None
    similarity = _similarity(a.grams, b.grams)
    if a.event is None or b.event is None:
        return None
    weak = EventType.OTHER in (a.kind, b.kind)  # ``other`` on one side
    weak = weak or not a.parties & b.parties  # one side (or neither) names a Taiwanese party
    if not _same_place(a, b):
        a_only_country = not (a.stems | a.places)
        b_only_country = not (b.stems | b.places)
        if not (a_only_country or b_only_country):
            return None
        if a.countries and b.countries and not a.countries & b.countries:
            return None
        weak = True  # one side names only the country, or no partner at all
    if weak and similarity < WEAK_TEXT:
        return None
    return (0.0 if weak else 1.0) + similarity


def _types_fit(a: EventType, b: EventType) -> bool:
    return a is b or bool({a, b} & THEME_TYPES) or frozenset((a, b)) in SAME_EVENT_TYPES


def _same_place(a: _Facts, b: _Facts) -> bool:
    return bool(a.places & b.places or a.stems & b.stems)


def _facts(story: EventStory, tz: tzinfo) -> _Facts:
    event = story.event
    day = story.published_at.astimezone(tz).date()
    if event is not None and event.event_date:
        with suppress(ValueError):  # an unreadable event date: the publication date stands in
            day = date.fromisoformat(event.event_date[:10])
    grams = _grams(f"{story.title or ''}\n{(story.text or '')[:TEXT_CHARS]}")
    if event is None or not (event.taiwan_party or event.partners):  # nothing says who met whom
        return _Facts(day, None, frozenset(), frozenset(), frozenset(), frozenset(), None, grams)
    places = frozenset(
        (_fold(p.name), p.country) for p in event.partners if p.level is not PartnerLevel.NATIONAL
    )
    stems = frozenset(
        (_PLACE_SUFFIX.sub("", _fold(p.name)) or _fold(p.name), p.country)
        for p in event.partners
        if p.level in PLACE_LEVELS
    )
    return _Facts(
        day=day,
        event=event,
        parties=frozenset(_fold(name) for name in event.taiwan_party),
        places=places,
        stems=stems,
        countries=frozenset(p.country for p in event.partners),
        kind=event.event_type,
        grams=grams,
    )


def _fold(name: str) -> str:
    return unicodedata.normalize("NFKC", name).replace("台", "臺").strip()


def _grams(text: str) -> frozenset[str]:
    """Latin words (three letters or more, not the commonest) and CJK character bigrams of a text (NFKC,
    lower case, 台 = 臺)."""
    flat = _fold(text).lower()
    grams = {word for word in _WORD.findall(flat) if len(word) > 2 and word not in _COMMON_WORDS}
    for run in _CJK.findall(flat):
        grams.update(run[i : i + 2] for i in range(max(1, len(run) - 1)))
    return frozenset(grams)


def _similarity(a: frozenset[str], b: frozenset[str]) -> float:
    """Cosine of the two sets of grams (0: nothing shared, 1: the same)."""
    if not a or not b:
        return 0.0
    return len(a & b) / math.sqrt(len(a) * len(b))


def merge_events(events: Sequence[Event]) -> Event | None:
    """One event from its write-ups: parties, partners and people united (first mention first); the
    type is ``agreement`` when any write-up says so (a pact outranks the visit it was signed on), else the
    most frequent type other than ``other`` (ties: the earliest); the earliest event date; the largest
    delegation; the evidence of the first write-up."""
    if not events:
        return None
    types = [e.event_type for e in events]
    if EventType.AGREEMENT in types:
        event_type = EventType.AGREEMENT
    else:
        specific: list[EventType] = [t for t in types if t is not EventType.OTHER] or types
        event_type = max(dict.fromkeys(specific), key=lambda t: specific.count(t))
    dates = sorted(e.event_date for e in events if e.event_date)
    sizes = [e.delegation_size for e in events if e.delegation_size is not None]
    return Event(
        taiwan_party=tuple(dict.fromkeys(name for e in events for name in e.taiwan_party)),
        partners=_unique_partners(p for e in events for p in e.partners),
        event_type=event_type,
        event_date=dates[0] if dates else None,
        people=_unique_people(p for e in events for p in e.people),
        delegation_size=max(sizes) if sizes else None,
        evidence=events[0].evidence,
    )


def _unique_partners(partners: Iterable[Partner]) -> tuple[Partner, ...]:
    found: dict[tuple[str, str], Partner] = {}
    for partner in partners:
        found.setdefault((_fold(partner.name), partner.country), partner)
    return tuple(found.values())


def _unique_people(people: Iterable[Person]) -> tuple[Person, ...]:
    found: dict[str, Person] = {}
    for person in people:
        found.setdefault(_fold(person.name), person)
    return tuple(found.values())
