"""A digest that arrives whole: both parts of the mail under a size limit, however many stories there are.

Gmail clips a message whose HTML passes about 102 KB and hides the rest behind "[Message clipped]"; some
clients truncate long plain-text parts. Whether Gmail counts the HTML as written or as sent is not settled
(reports differ), so each part is measured as it travels: UTF-8, then base64 (what the email package chooses
for Chinese text with long lines), a third larger. :func:`fit_digest` keeps each part at most ``limit``
bytes so measured by trimming, in this order, until both fit:

1. the "maybe" section (its count is shown);
2. the leads of every story but the :data:`LEADS_KEPT` best;
3. stories shown in full: the best ``k`` stay in full (largest ``k`` that fits, found by bisection),
   the rest are listed by title with a link to the review UI (``digest.public_base_url``) or the article;
4. the title list itself: the stories beyond it are counted ("N more in the review UI"), never dropped
   silently.

"Best" is the digest's own order of importance: score, then newest. Pure: the caller passes the render
function, so templates from ``digest.template_dir`` are measured as they will be sent.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Protocol, TypeVar

from service.digest.build import Digest, Story, TopicGroup

MAX_PART_BYTES = 100_000  # below Gmail's ~102 KB clipping point, with room for its own wrapping
LEADS_KEPT = 10

R = TypeVar("R", bound="Rendered")


class Rendered(Protocol):
    @property
    def html(self) -> str: ...
    @property
    def text(self) -> str: ...


def part_sizes(rendered: Rendered) -> tuple[int, int]:
    """UTF-8 bytes of the HTML and the text part, as written."""
    return len(rendered.html.encode("utf-8")), len(rendered.text.encode("utf-8"))


def wire_sizes(rendered: Rendered) -> tuple[int, int]:
    """Bytes of the HTML and the text part as sent: base64 of UTF-8 in 76-character lines ending CRLF."""
    return _base64_size(rendered.html), _base64_size(rendered.text)


def _base64_size(text: str) -> int:
    encoded = 4 * -(-len(text.encode("utf-8")) // 3)
    return encoded + 2 * -(-encoded // 76)


def fits(rendered: Rendered, limit: int) -> bool:
    return max(wire_sizes(rendered)) <= limit


def ranked_stories(digest: Digest) -> list[Story]:
    """The digest's stories, most important first (score, then newest, then id)."""
    stories = [story for topic in digest.topics for group in topic.partners for story in group.stories]
    return sorted(stories, key=lambda s: (-s.score, -s.published_at.timestamp(), s.item_id))


def keep_in_full(digest: Digest, full_ids: set[int]) -> Digest:
    """``digest`` with only the stories in ``full_ids`` under their topics and partners (empty groups go)."""
    topics: list[TopicGroup] = []
    for topic in digest.topics:
        groups = []
        for group in topic.partners:
            stories = tuple(s for s in group.stories if s.item_id in full_ids)
            if stories:
                groups.append(replace(group, stories=stories))
        if groups:
            topics.append(replace(topic, partners=tuple(groups)))
    return replace(digest, topics=tuple(topics))


def without_leads(digest: Digest, keep: set[int]) -> Digest:
    """Leads cleared except for the stories in ``keep``."""
    return replace(
        digest,
        topics=tuple(
            replace(
                topic,
                partners=tuple(
                    replace(
                        group,
                        stories=tuple(s if s.item_id in keep else replace(s, lead="") for s in group.stories),
                    )
                    for group in topic.partners
                ),
            )
            for topic in digest.topics
        ),
    )


def fit_digest(
    digest: Digest, render: Callable[[Digest], R], limit: int = MAX_PART_BYTES
) -> tuple[Digest, R]:
    """The largest version of ``digest`` whose rendered parts are each at most ``limit`` bytes, rendered."""
    rendered = render(digest)
    if fits(rendered, limit):
        return digest, rendered
    ranked = ranked_stories(digest)
    trimmed = replace(digest, maybe=(), maybe_trimmed=len(digest.maybe))
    rendered = render(trimmed)
    if fits(rendered, limit) or not ranked:
        return trimmed, rendered
    trimmed = without_leads(trimmed, {s.item_id for s in ranked[:LEADS_KEPT]})
    rendered = render(trimmed)
    if fits(rendered, limit):
        return trimmed, rendered

    def split(full: int, listed: int | None = None) -> Digest:
        rest = ranked[full:]
        shown = rest if listed is None else rest[:listed]
        kept = keep_in_full(trimmed, {s.item_id for s in ranked[:full]})
        return replace(kept, overflow=tuple(shown), unlisted_stories=len(rest) - len(shown))

    full = _largest(len(ranked) - 1, lambda k: fits(render(split(k)), limit))
    if full is not None:
        chosen = split(full)
        return chosen, render(chosen)
    listed = _largest(len(ranked), lambda m: fits(render(split(0, m)), limit))
    chosen = split(0, listed or 0)  # even nothing listed: the notes still say how many and where
    return chosen, render(chosen)


def _largest(high: int, ok: Callable[[int], bool]) -> int | None:
    """The largest n in 0..high with ok(n) (ok is monotone: true up to some n, then false), or None."""
    if not ok(0):
        return None
    low = 0
    while low < high:
        middle = (low + high + 1) // 2
        if ok(middle):
            low = middle
        else:
            high = middle - 1
    return low
