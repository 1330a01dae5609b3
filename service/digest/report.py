"""Period reports: every relevant story of a date range, chosen and grouped as the digest does (reviewers'
labels win; one entry per story with the outlets that also reported it; topic, then partner, then oldest
first), written as
Markdown (to paste into the international-affairs chapter of a policy report) or CSV (for a spreadsheet).

``load_report`` reads storage through the digest's own loader; the writers are pure.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import Engine

from service.config import Settings
from service.digest.build import Digest, Story, load_digest, options_from
from service.digest.render import summary_line
from service.i18n import DEFAULT_LANGUAGE, country_name, gettext_for, local_date
from service.labels import TOPIC_TAGS
from service.storage.db import session_scope

CSV_COLUMNS = (
    "date",
    "topic",
    "partner",
    "partner_country",
    "taiwan_party",
    "title",
    "outlet",
    "also_reported_by",
    "articles",
    "url",
    "lead",
    "reviewed",
    "item_id",
    "cluster_id",
)
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_WEB_URL = re.compile(r"https?://", re.IGNORECASE)
_URL_UNSAFE = {char: f"%{ord(char):02X}" for char in "<>\\ \"`'" + "".join(map(chr, range(32))) + "\x7f"}


def load_report(engine: Engine, settings: Settings, first: date, last: date) -> Digest:
    """Relevant stories first seen from ``first`` to ``last`` (local dates, both included), all of them."""
    tz = settings.tz
    start = datetime.combine(first, time(), tz)
    end = datetime.combine(last + timedelta(days=1), time(), tz)
    everything = replace(
        options_from(settings.digest, settings.classify, tz), max_stories=10**9, maybe_section=False
    )
    with session_scope(engine) as session:
        return load_digest(session, last, start, end, everything)


def to_markdown(report: Digest, first: date, last: date, language: str = DEFAULT_LANGUAGE) -> str:
    """The reading list in ``language`` (``ui.language``): topic, then partner (country, level, name, with
    counts), entries oldest first, dates in local form."""
    _ = gettext_for(language)
    tz = ZoneInfo(report.timezone)
    span = {"first": local_date(first, language), "last": local_date(last, language)}
    lines = [
        "# " + _("Taiwan–Japan and city diplomacy news, %(first)s – %(last)s") % span,
        "",
        f"{summary_line(report, language)} ({report.timezone})",
    ]
    for topic in report.topics:
        lines += ["", f"## {_(TOPIC_TAGS[topic.key])} · {topic.story_count}"]
        for partner in topic.partners:
            name = partner.partner or (partner.country and country_name(partner.country, language))
            where = (
                f" · {country_name(partner.country, language)}" if partner.partner and partner.country else ""
            )
            heading = f"{name or _('Partner not identified')}{where} · {len(partner.stories)}"
            lines += ["", f"### {md_text(heading)}", ""]
            lines += [_markdown_entry(story, language, tz) for story in _chronological(partner.stories)]
    if report.empty:
        lines += ["", _("No relevant story in this period.")]
    return "\n".join(lines) + "\n"


def _chronological(stories: Iterable[Story]) -> list[Story]:
    """A period reads as a chronicle, oldest first (the daily digest puts the newest first)."""
    return sorted(stories, key=lambda story: (story.published_at, story.item_id))


def _markdown_entry(story: Story, language: str, tz: ZoneInfo) -> str:
    _ = gettext_for(language)
    target = md_url(story.url)
    title = f"[{md_text(story.title)}]({target})" if target else md_text(story.title)
    others = _(", ").join(md_text(name) for name in story.also_reported_by)
    also = " (" + _("Also reported by: %(outlets)s") % {"outlets": others} + ")" if others else ""
    reviewed = " · " + _("reviewed") if story.by_reviewer else ""
    day = local_date(story.published_at.astimezone(tz), language)
    entry = f"- {day} · **{title}** · {md_text(story.outlet)}{also}{reviewed}"
    return f"{entry}\n  {md_text(story.lead)}" if story.lead else entry


def md_text(text: str) -> str:
    """Text shown as itself in Markdown: its markup characters escaped, on one line."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def md_url(url: str | None) -> str | None:
    """A link target for Markdown, as ``<...>``, or None when the URL is not http(s): characters that could
    end the target or start markup (``<``, ``>``, spaces, backslashes, quotes, control characters) are
    percent-encoded, so a URL can never inject HTML or break out of its link."""
    if not url:
        return None
    url = url.strip()
    if not _WEB_URL.match(url):
        return None
    return "<" + "".join(_URL_UNSAFE.get(char, char) for char in url) + ">"


def to_csv(report: Digest) -> str:
    """One row per story. Cells a spreadsheet would run as a formula are prefixed with an apostrophe."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for topic in report.topics:
        for partner in topic.partners:
            for story in _chronological(partner.stories):
                writer.writerow([safe_cell(value) for value in _csv_row(story)])
    return out.getvalue()


def _csv_row(story: Story) -> tuple[object, ...]:
    return (
        story.published_local[:10],
        story.topic,
        story.partner or "",
        story.partner_country or "",
        story.taiwan_party or "",
        story.title,
        story.outlet,
        "; ".join(story.also_reported_by),
        story.article_count,
        story.url or "",
        story.lead,
        "yes" if story.by_reviewer else "no",
        story.item_id,
        story.cluster_id if story.cluster_id is not None else "",
    )


def safe_cell(value: object) -> object:
    """A CSV cell a spreadsheet shows as text: one starting like a formula gets an apostrophe first."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value
