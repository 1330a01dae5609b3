"""Arrange a window's kept stories for the digest, as plain dataclasses.

Which stories: ``service.digest.relevance`` (the label rule per item; a reviewer's "no" removes a story).
What an entry says: ``service.digest.lead`` (lead, reason tags, partner label, safe link).

Topic rule (``service.labels.primary_topic``): a story with both labels is listed once, under **city
diplomacy** (a Taiwanese city dealing with a Japanese prefecture or city is city diplomacy by definition; the
Taiwan–Japan section then holds national and institutional relations). It still carries a "Taiwan–Japan" tag,
so nothing is hidden.

One entry per event: stories (dedup clusters) that report one event, in any language, are joined by
``service.digest.events.group_events`` on their effective events (``service.events.effective_event``:
reviewers' corrections win); the entry shows the best-scoring story and lists the others as sources. A
story's partner and Taiwanese party come from its event where there is one, else from the classifier.

Grouping: topic (Taiwan–Japan first, then city diplomacy), then partner (``partner_order``: country, Japan
first; then level, prefecture before city; then name; stories without an identified partner last), then
stories newest first.

Late arrivals: items first seen in the two days before the window that no earlier digest delivered are
considered too (an item found at 07:29 but classified at 07:31 is not lost).

``load_digest`` reads storage (a handful of set-based queries, whatever the window size); everything else
here is pure.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import cast
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from classifiers.events.types import Event
from service.config import ClassifySettings, DigestSettings
from service.digest.events import StoryFacts, group_events
from service.digest.lead import make_lead, partner_label, reason_tags, safe_link
from service.digest.relevance import KeptStories, StoryKey, is_maybe, relevant_groups, story_key, verdict_of
from service.labels import TOPIC_TAGS, TOPIC_TITLES, TOPICS, Verdict, primary_topic, strongest_topic
from service.storage import digests as store
from service.storage.digests import CandidateRow, MemberRow, StoryItem
from service.storage.events import effective_events

LATE_ARRIVAL = timedelta(days=2)
MAX_MAYBE = 10


@dataclass(frozen=True)
class Source:
    """Another write-up of an entry's event (another story: another outlet's article, a follow-up, the
    same event in another language)."""

    item_id: int
    title: str
    url: str | None
    outlet: str
    published_local: str
    review_url: str | None
    published_at: datetime | None = None  # for templates that format dates themselves


@dataclass(frozen=True)
class Story:
    """One digest entry: an event, shown through the canonical article of its best story."""

    item_id: int
    cluster_id: int | None
    topic: str
    title: str
    url: str | None
    outlet: str
    published_at: datetime
    published_local: str
    lead: str
    partner_label: str
    partner: str | None
    partner_country: str | None
    taiwan_party: str | None
    tags: tuple[str, ...]
    reasons: tuple[str, ...]
    party_tags: tuple[str, ...]  # partner and Taiwanese party, unless a reason already names them
    also_reported_by: tuple[str, ...]
    item_ids: tuple[int, ...]
    article_count: int
    score: float
    by_reviewer: bool
    review_url: str | None
    event: Event | None = None  # the effective event (reviewers' corrections win), merged over sources
    sources: tuple[Source, ...] = ()  # the other stories reporting the same event
    partner_level: str | None = None  # the partner's level (PartnerLevel) when the event names it


@dataclass(frozen=True)
class PartnerGroup:
    """One partner's stories. ``label`` is ``partner_label`` (one line, for reports); templates show
    ``partner`` and ``country`` apart, with the count."""

    label: str
    stories: tuple[Story, ...]
    partner: str | None = None
    country: str | None = None
    level: str | None = None


@dataclass(frozen=True)
class TopicGroup:
    key: str
    title: str
    partners: tuple[PartnerGroup, ...]

    @property
    def story_count(self) -> int:
        return sum(len(group.stories) for group in self.partners)


@dataclass(frozen=True)
class Digest:
    """Everything a template needs; no database, no settings."""

    digest_date: date
    window_start: datetime
    window_end: datetime
    timezone: str
    topics: tuple[TopicGroup, ...]
    maybe: tuple[Story, ...]
    story_count: int
    article_count: int
    outlet_count: int
    omitted_stories: int = 0
    review_base_url: str | None = None
    window_label: str = ""
    outlets: tuple[str, ...] = field(default=())
    # Set by service.digest.fit when the mail would pass its size limit:
    overflow: tuple[Story, ...] = ()  # listed by title only, with a link
    unlisted_stories: int = 0  # counted, not listed (the review UI has them)
    maybe_trimmed: int = 0  # "maybe" stories left out

    @property
    def empty(self) -> bool:
        return self.story_count == 0

    @property
    def item_ids(self) -> list[int]:
        """Items delivered as relevant (the "maybe" section is not counted as delivered)."""
        return sorted(
            {
                item_id
                for topic in self.topics
                for g in topic.partners
                for s in g.stories
                for item_id in s.item_ids
            }
        )


# --- assembly ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DigestInput:
    """Everything read from storage for one window (see :func:`load_digest`)."""

    candidates: Sequence[CandidateRow]
    human: Mapping[int, Mapping[str, bool]]
    canonical: Mapping[int, int]
    members: Sequence[MemberRow]
    items: Mapping[int, StoryItem]
    delivered: frozenset[int] = frozenset()
    kept: KeptStories | None = None  # relevant_groups, once
    events: Mapping[int, Event] = field(default_factory=dict)  # item id -> effective event


def _representative_id(key: StoryKey, canonical: Mapping[int, int]) -> int:
    kind, ident = key
    return canonical.get(ident, -1) if kind == "cluster" else ident


@dataclass(frozen=True)
class BuildOptions:
    tz: ZoneInfo
    review_base_url: str | None
    max_stories: int
    thresholds: Mapping[str, float]
    maybe_margin: float
    maybe_section: bool


def build_digest(
    data: DigestInput, digest_date: date, window_start: datetime, window_end: datetime, options: BuildOptions
) -> Digest:
    """Arrange the window's rows into topics, partners and stories (pure)."""
    members_by_cluster: dict[int, list[MemberRow]] = defaultdict(list)
    for member in data.members:
        members_by_cluster[member.cluster_id].append(member)
    stories: list[Story] = []
    kept = data.kept if data.kept is not None else relevant_groups(data.candidates, data.human)
    for key, rows in kept.items():
        story = _story(key, rows, data, members_by_cluster, options)
        if story is not None:
            stories.append(story)
    stories.sort(key=lambda story: (-story.score, -story.published_at.timestamp(), story.item_id))
    stories = one_per_event(stories, options.tz)
    omitted = max(0, len(stories) - options.max_stories)
    stories = stories[: options.max_stories]
    topics = _group(stories)
    outlets = sorted(
        {story.outlet for story in stories}
        | {o for s in stories for o in s.also_reported_by}
        | {source.outlet for s in stories for source in s.sources}
    )
    maybe = _maybe(data, set(kept), members_by_cluster, options) if options.maybe_section else ()
    return Digest(
        digest_date=digest_date,
        window_start=window_start,
        window_end=window_end,
        timezone=options.tz.key,
        topics=topics,
        maybe=maybe,
        story_count=len(stories),
        article_count=sum(story.article_count for story in stories),
        outlet_count=len(outlets),
        omitted_stories=omitted,
        review_base_url=options.review_base_url,
        window_label=_window_label(window_start, window_end, options.tz),
        outlets=tuple(outlets),
    )


def _story(
    key: StoryKey,
    rows: Sequence[tuple[CandidateRow, Verdict]],
    data: DigestInput,
    members_by_cluster: Mapping[int, Sequence[MemberRow]],
    options: BuildOptions,
    maybe: bool = False,
) -> Story | None:
    shown_id = _representative_id(key, data.canonical)
    shown = data.items.get(shown_id)
    if shown is None:  # cluster without a known canonical item: show its first new item instead
        shown = data.items.get(rows[0][0].item_id)
        if shown is None:
            return None
    best_row, best = _best(rows, shown.item_id, maybe)
    topics = best.topics or ((strongest_topic(best_row.scores),) if maybe else ())
    if not topics:
        return None
    cluster_members = members_by_cluster.get(key[1], ()) if key[0] == "cluster" else ()
    shown_outlet = shown.outlet or best_row.outlet or "unknown outlet"
    others = _other_outlets(cluster_members, shown_outlet, shown.item_id)
    new_ids = tuple(sorted(row.item_id for row, _ in rows))
    base = options.review_base_url.rstrip("/") if options.review_base_url else None
    reasons = reason_tags(best_row.explanation)
    event = data.events.get(shown.item_id) or data.events.get(best_row.item_id)
    partner, country = best_row.partner, best_row.partner_country
    level: str | None = None
    if event is not None and event.partners:
        partner, country = event.partners[0].name, event.partners[0].country
        level = str(event.partners[0].level)
    party = (
        "、".join(event.taiwan_party) if event is not None and event.taiwan_party else best_row.taiwan_party
    )
    return Story(
        item_id=shown.item_id,
        cluster_id=key[1] if key[0] == "cluster" else None,
        topic=primary_topic(topics),
        title=(shown.title or "").strip() or "(untitled)",
        url=safe_link(shown.url),
        outlet=shown_outlet,
        published_at=shown.published_at,
        published_local=shown.published_at.astimezone(options.tz).strftime("%Y-%m-%d %H:%M"),
        lead=make_lead(shown.text or shown.summary, shown.title),
        partner_label=partner_label(partner, country),
        partner=partner,
        partner_country=country,
        taiwan_party=party,
        tags=tuple(TOPIC_TAGS[topic] for topic in TOPICS if topic in topics),
        reasons=reasons,
        party_tags=tuple(name for name in (partner, party) if name and not any(name in r for r in reasons)),
        also_reported_by=others,
        item_ids=new_ids,
        article_count=max(len(cluster_members), 1),
        score=max(row.relevance_score for row, _ in rows),
        by_reviewer=best.by_reviewer,
        review_url=f"{base}/items/{shown.item_id}" if base else None,
        event=event,
        partner_level=level,
    )


def one_per_event(stories: Sequence[Story], tz: ZoneInfo) -> list[Story]:
    """Stories reporting one event joined into one entry (``group_events``; ``stories`` come best first,
    so each entry shows its best story and lists the others as :class:`Source`)."""
    facts = [StoryFacts(index, s.event, s.published_at, s.title, s.lead) for index, s in enumerate(stories)]
    joined: list[Story] = []
    for group in group_events(facts, tz=tz):
        members = [stories[cast(int, fact.key)] for fact in group.stories]
        lead, others = members[0], members[1:]
        if not others:
            joined.append(lead)
            continue
        copies = [outlet for story in members for outlet in story.also_reported_by]
        joined.append(
            replace(
                lead,
                also_reported_by=tuple(o for o in dict.fromkeys(copies) if o != lead.outlet),
                item_ids=tuple(sorted({i for s in members for i in s.item_ids})),
                article_count=sum(s.article_count for s in members),
                by_reviewer=any(s.by_reviewer for s in members),
                event=group.event or lead.event,
                sources=tuple(
                    Source(
                        s.item_id, s.title, s.url, s.outlet, s.published_local, s.review_url, s.published_at
                    )
                    for s in others
                ),
            )
        )
    return joined


def _best(
    rows: Sequence[tuple[CandidateRow, Verdict]], shown_id: int, maybe: bool
) -> tuple[CandidateRow, Verdict]:
    """The row whose labels describe the story: the shown item when it is relevant, else the strongest one."""
    usable = list(rows) if maybe else [pair for pair in rows if pair[1].relevant]
    for pair in usable:
        if pair[0].item_id == shown_id:
            return pair
    return max(usable, key=lambda pair: (pair[1].by_reviewer, pair[0].relevance_score, -pair[0].item_id))


def _other_outlets(members: Iterable[MemberRow], shown_outlet: str, shown_id: int) -> tuple[str, ...]:
    others: list[str] = []
    for member in members:
        outlet = member.outlet
        if member.item_id == shown_id or not outlet or outlet == shown_outlet or outlet in others:
            continue
        others.append(outlet)
    return tuple(others)


# Partner groups: Japan first (the office's main partner), then other countries by name; within a country
# the higher level first, then the name; stories without a partner last.
FIRST_COUNTRIES = ("Japan", "日本")
LEVEL_ORDER = ("national", "prefecture", "state", "county", "city", "organisation")


def partner_order(group: PartnerGroup) -> tuple[bool, int, str, int, str]:
    """Sort key of a partner group: country, then level, then name (see FIRST_COUNTRIES, LEVEL_ORDER)."""
    country = group.country or ""
    first = country in FIRST_COUNTRIES
    level = LEVEL_ORDER.index(group.level) if group.level in LEVEL_ORDER else len(LEVEL_ORDER)
    unknown = group.partner is None and group.country is None
    return (unknown, 0 if first else 1, "" if first else country, level, group.partner or "")


def _group(stories: Sequence[Story]) -> tuple[TopicGroup, ...]:
    by_topic: dict[str, dict[str, list[Story]]] = {topic: defaultdict(list) for topic in TOPICS}
    for story in stories:
        by_topic[story.topic][story.partner_label].append(story)
    groups: list[TopicGroup] = []
    for topic in TOPICS:
        partners = by_topic[topic]
        if not partners:
            continue
        made = [
            PartnerGroup(
                label,
                tuple(sorted(items, key=lambda s: (-s.published_at.timestamp(), s.item_id))),
                partner=items[0].partner,
                country=items[0].partner_country,
                level=next((s.partner_level for s in items if s.partner_level), None),
            )
            for label, items in partners.items()
        ]
        groups.append(
            TopicGroup(key=topic, title=TOPIC_TITLES[topic], partners=tuple(sorted(made, key=partner_order)))
        )
    return tuple(groups)


def _maybe(
    data: DigestInput,
    relevant_keys: set[StoryKey],
    members_by_cluster: Mapping[int, Sequence[MemberRow]],
    options: BuildOptions,
) -> tuple[Story, ...]:
    groups: KeptStories = defaultdict(list)
    for row in data.candidates:
        key = story_key(row)
        human = data.human.get(row.item_id, {})
        if key in relevant_keys:
            continue
        if is_maybe(row, human, options.thresholds, options.maybe_margin):
            groups[key].append((row, verdict_of(row, human)))
    stories = [
        _story(key, rows, data, members_by_cluster, options, maybe=True) for key, rows in groups.items()
    ]
    found = sorted((s for s in stories if s is not None), key=lambda s: (-s.score, s.item_id))
    return tuple(found[:MAX_MAYBE])


def _window_label(start: datetime, end: datetime, tz: ZoneInfo) -> str:
    local_start, local_end = start.astimezone(tz), end.astimezone(tz)
    return f"{local_start:%Y-%m-%d %H:%M} – {local_end:%Y-%m-%d %H:%M}"


# --- reading ----------------------------------------------------------------------------------------------


def options_from(digest: DigestSettings, classify: ClassifySettings, tz: ZoneInfo) -> BuildOptions:
    return BuildOptions(
        tz=tz,
        review_base_url=digest.public_base_url,
        max_stories=digest.max_stories,
        thresholds={str(label): value for label, value in classify.thresholds.items()},
        maybe_margin=classify.maybe_margin,
        maybe_section=digest.maybe_section,
    )


def load_digest_input(
    session: Session,
    window_start: datetime,
    window_end: datetime,
    late_from: datetime | None,
    options: BuildOptions,
    before: date,
) -> DigestInput:
    """Read the window's rows: a handful of set-based queries however many items the window holds.

    ``late_from``: also consider items first seen from this moment on that no digest dated before ``before``
    delivered. Texts are loaded only for the items an entry shows.
    """
    start = late_from if late_from is not None and late_from < window_start else window_start
    candidates = store.window_candidates(session, start, window_end, min_score=_score_floor(options))
    delivered = (
        frozenset(store.delivered_item_ids(session, start, before)) if start < window_start else frozenset()
    )
    candidates = [
        row for row in candidates if row.first_seen_at >= window_start or row.item_id not in delivered
    ]
    human = store.newest_human_labels(session, (row.item_id for row in candidates))
    cluster_ids = {row.cluster_id for row in candidates if row.cluster_id is not None}
    canonical, members = store.cluster_members(session, cluster_ids)
    partial = DigestInput(candidates, human, canonical, members, {}, delivered)
    kept = relevant_groups(candidates, human)
    items = store.story_items(session, _shown_ids(partial, kept, options))
    events = effective_events(session, (row.item_id for rows in kept.values() for row, _ in rows))
    return DigestInput(candidates, human, canonical, members, items, delivered, kept, events)


def _score_floor(options: BuildOptions) -> float:
    """Lowest model score worth reading: the bottom of the "maybe" band, or above any probability (2.0) when
    there is no "maybe" section (then only relevant and reviewed items are read)."""
    if not options.maybe_section:
        return 2.0
    return min(options.thresholds.values(), default=0.5) - options.maybe_margin


def _shown_ids(
    data: DigestInput,
    kept: KeptStories,
    options: BuildOptions,
) -> set[int]:
    """Items whose title and text an entry may show: each kept story's canonical and first new item, and
    the same for "maybe" candidates."""
    wanted: set[int] = set()
    for key, rows in kept.items():
        wanted.update((_representative_id(key, data.canonical), rows[0][0].item_id))
    if options.maybe_section:
        for row in data.candidates:
            if is_maybe(row, data.human.get(row.item_id, {}), options.thresholds, options.maybe_margin):
                wanted.update((_representative_id(story_key(row), data.canonical), row.item_id))
    wanted.discard(-1)
    return wanted


def load_digest(
    session: Session,
    digest_date: date,
    window_start: datetime,
    window_end: datetime,
    options: BuildOptions,
    late_from: datetime | None = None,
) -> Digest:
    """Read a window from storage and build its digest."""
    data = load_digest_input(session, window_start, window_end, late_from, options, digest_date)
    return build_digest(data, digest_date, window_start, window_end, options)


def late_arrival_start(window_start: datetime, has_previous_run: bool) -> datetime | None:
    """Where late arrivals are looked for: two days back, but only after an earlier digest exists."""
    return window_start - LATE_ARRIVAL if has_previous_run else None
