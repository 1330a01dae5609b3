"""Which alert rules an item or a feed meets, and what the message says. Pure: plain data in, plain data out.

Item conditions (all given must hold; a list holds when any value does):

    label        the item's effective label by the label rule (``service.labels.decide``)
    score        the model's score for a label is at least ``above``
    partners     a partner of the effective event (``service.events.effective_event``: reviewers'
                 corrections win), or the classifier's partner, contains the value (熊本 meets 熊本縣)
    parties      the same for the Taiwanese party (臺南市; 台 and 臺 alike)
    event_types  the effective event's type
    keywords     the title or text contains the word (NFKC, case and 台/臺 folded)
    regex        ``re.search`` on title + newline + text

Feed conditions: a feed failing for ``feed_failing_hours`` (errors since its last success), a feed silent
for ``feed_silent_days`` (no new entry).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from classifiers.events.types import Event
from classifiers.normalize import fold_variants
from service.config import AlertRule


@dataclass(frozen=True)
class ItemFacts:
    """What the rules read of one classified item."""

    item_id: int
    title: str
    text: str
    outlet: str | None
    url: str | None
    published_at: datetime | None
    scores: Mapping[str, float]
    labels: Mapping[str, bool]  # effective, by the label rule
    event: Event | None
    partner: str | None = None  # the classifier's, when there is no event partner
    party: str | None = None


@dataclass(frozen=True)
class FeedAlarm:
    """A feed in trouble: failing since ``since`` (its last success), or silent since its newest entry."""

    feed_id: int
    name: str
    url: str
    kind: str  # failing | silent
    since: datetime
    error: str | None = None


@dataclass(frozen=True)
class NewAlert:
    """One outbox row to write."""

    rule: str
    subject: str
    title: str
    body: str
    link: str | None = None
    item_id: int | None = None
    feed_id: int | None = None


def fold(value: str) -> str:
    """NFKC, casefolded, 台 written 臺: how names and keywords are compared."""
    return unicodedata.normalize("NFKC", value).casefold().replace("台", "臺")


def _any_in(wanted: Iterable[str], names: Iterable[str]) -> bool:
    folded = [fold(name) for name in names if name]
    return any(fold(value) in name for value in wanted for name in folded)


def partner_names(facts: ItemFacts) -> list[str]:
    names: list[str] = []
    if facts.event is not None:
        for partner in facts.event.partners:
            names += [partner.name, partner.name_en or ""]
    if facts.partner:
        names.append(facts.partner)
    return names


def party_names(facts: ItemFacts) -> list[str]:
    """The item's Taiwanese parties: the event's (written with 臺), then the classification's, each name once
    whatever its spelling (臺南市 and 台南市 are one party)."""
    names = [
        *(facts.event.taiwan_party if facts.event is not None else ()),
        *([facts.party] if facts.party else []),
    ]
    seen: set[str] = set()
    unique = []
    for name in names:
        if fold_variants(name) not in seen:
            seen.add(fold_variants(name))
            unique.append(name)
    return unique


def matches(rule: AlertRule, facts: ItemFacts) -> bool:
    """Whether an item meets every item condition of ``rule`` (a feed rule never matches an item)."""
    if not rule.item_conditions:
        return False
    if rule.label is not None and not facts.labels.get(rule.label, False):
        return False
    if rule.score is not None and facts.scores.get(rule.score.label, 0.0) < rule.score.above:
        return False
    if rule.partners and not _any_in(rule.partners, partner_names(facts)):
        return False
    if rule.parties and not _any_in(rule.parties, party_names(facts)):
        return False
    if rule.event_types and (facts.event is None or str(facts.event.event_type) not in rule.event_types):
        return False
    if rule.keywords and not _any_in(rule.keywords, [f"{facts.title}\n{facts.text}"]):
        return False
    return not (rule.regex is not None and re.search(rule.regex, f"{facts.title}\n{facts.text}") is None)


def _review_link(base_url: str | None, item_id: int) -> str | None:
    return f"{base_url.rstrip('/')}/items/{item_id}" if base_url else None


def _safe_link(url: str | None) -> str | None:
    return url if url and url.lower().startswith(("http://", "https://")) else None


def item_alert(rule: AlertRule, facts: ItemFacts, tz: ZoneInfo, base_url: str | None) -> NewAlert:
    """The outbox row for an item that met ``rule``; the message in Traditional Chinese."""
    title = facts.title.strip() or "(無標題)"
    lines = [title, ""]
    if facts.outlet:
        lines.append(f"來源：{facts.outlet}")
    if facts.published_at is not None:
        lines.append(f"發布時間：{facts.published_at.astimezone(tz):%Y-%m-%d %H:%M}")
    partners = "、".join(p.name for p in facts.event.partners) if facts.event else ""
    if partners or facts.partner:
        lines.append(f"交流對象：{partners or facts.partner}")
    parties = "、".join(party_names(facts)[:3])
    if parties:
        lines.append(f"臺灣方：{parties}")
    if facts.event is not None:
        lines.append(f"事件類型：{facts.event.event_type}")
    link = _safe_link(facts.url)
    if link:
        lines.append(f"原文：{link}")
    review = _review_link(base_url, facts.item_id)
    if review:
        lines.append(f"審閱：{review}")
    lines.append(f"規則：{rule.name}")
    return NewAlert(
        rule=rule.name,
        subject=f"item:{facts.item_id}",
        title=f"[newsmon] {rule.name}：{title}"[:250],
        body="\n".join(lines),
        link=link,
        item_id=facts.item_id,
    )


def feed_alerts(rule: AlertRule, alarms: Iterable[FeedAlarm], tz: ZoneInfo) -> list[NewAlert]:
    """Outbox rows for the feeds in trouble that ``rule`` watches. The subject names the trouble's start,
    so a feed that recovers and fails again alerts again, and one long outage alerts once."""
    found = []
    for alarm in alarms:
        if alarm.kind == "failing" and rule.feed_failing_hours is None:
            continue
        if alarm.kind == "silent" and rule.feed_silent_days is None:
            continue
        since = alarm.since.astimezone(tz)
        what = "無法讀取" if alarm.kind == "failing" else "沒有新項目"
        body = [f"新聞來源 {alarm.name} 自 {since:%Y-%m-%d %H:%M} 起{what}。", f"網址：{alarm.url}"]
        if alarm.error:
            body.append(f"最近的錯誤：{alarm.error[:300]}")
        body.append(f"規則：{rule.name}")
        found.append(
            NewAlert(
                rule=rule.name,
                subject=f"feed:{alarm.feed_id}:{alarm.kind}:{alarm.since.isoformat(timespec='seconds')}",
                title=f"[newsmon] {rule.name}：{alarm.name} {what}",
                body="\n".join(body),
                link=_safe_link(alarm.url),
                feed_id=alarm.feed_id,
            )
        )
    return found


def batch_message(rule: str, alerts: list[tuple[str, str]]) -> tuple[str, str]:
    """One message carrying several alerts of a batched rule: (title, body) of each, in order."""
    title = f"[newsmon] {rule}：{len(alerts)} 則提醒"
    parts = [f"{number}. {body}" for number, (_title, body) in enumerate(alerts, 1)]
    return title, "\n\n".join(parts)
