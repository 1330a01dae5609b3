"""Writing alerts to the outbox: for classified items (called by ``service.classify.classify_items``
inside the orchestrator's transaction, so an item's alerts commit with its classification or not at all)
and for feeds in trouble (called by the alerts job).

The rules read the item's effective labels (``service.labels.decide``: reviewers' labels win) and its
effective event (``service.storage.events.effective_events``: reviewers' corrections win) as they stand when
the item is classified. A later review does not re-evaluate the rules; a reclassification does, and the
outbox's (rule, subject) key keeps an item from alerting twice under one rule.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

from sqlalchemy.orm import Session

from service.alerts.rules import FeedAlarm, ItemFacts, NewAlert, feed_alerts, item_alert, matches
from service.config import Settings
from service.labels import decide, model_labels
from service.storage import alerts as store
from service.storage.digests import newest_human_labels
from service.storage.events import effective_events


def review_base_url(settings: Settings) -> str | None:
    return settings.alerts.public_base_url or settings.digest.public_base_url


def _rows(alerts: Sequence[NewAlert]) -> list[dict[str, object]]:
    return [dataclasses.asdict(alert) for alert in alerts]


def item_facts(
    session: Session, item_ids: Sequence[int], first_seen_after: datetime | None = None
) -> list[ItemFacts]:
    """What the rules read of classified items (unclassified ones are left out)."""
    records = [
        record
        for record in store.item_records(session, item_ids, first_seen_after)
        if record.relevant is not None
    ]
    ids = [record.id for record in records]
    human = newest_human_labels(session, ids)
    events = effective_events(session, ids)
    facts = []
    for record in records:
        verdict = decide(
            human.get(record.id, {}), model_labels(record.labels, record.relevant), record.scores
        )
        facts.append(
            ItemFacts(
                item_id=record.id,
                title=record.title or "",
                text=record.text or "",
                outlet=record.outlet,
                url=record.url,
                published_at=record.published_at,
                scores=record.scores,
                labels=verdict.labels,
                event=events.get(record.id),
                partner=record.partner,
                party=record.party,
            )
        )
    return facts


def enqueue_item_alerts(
    session: Session, settings: Settings, item_ids: Sequence[int], now: datetime | None = None
) -> int:
    """Evaluate the item rules for just-classified items and write the matches to the outbox, in the
    caller's transaction. Items first seen more than ``alerts.max_item_age_hours`` ago are left out, so
    reclassifying the archive with a new model sends nothing. Returns the number of new alerts."""
    rules = [rule for rule in settings.alerts.rules if rule.item_conditions]
    if not rules or not item_ids:
        return 0
    base = review_base_url(settings)
    oldest = (now or datetime.now(UTC)) - timedelta(hours=settings.alerts.max_item_age_hours)
    found = [
        item_alert(rule, facts, settings.tz, base)
        for facts in item_facts(session, item_ids, oldest)
        for rule in rules
        if matches(rule, facts)
    ]
    return store.add_alerts(session, _rows(found))


def enqueue_feed_alerts(session: Session, settings: Settings, now: datetime) -> int:
    """Write alerts for feeds failing or silent longer than a feed rule allows. Returns the new ones."""
    found: list[NewAlert] = []
    for rule in settings.alerts.rules:
        alarms: list[FeedAlarm] = []
        if rule.feed_failing_hours is not None:
            since = now - timedelta(hours=rule.feed_failing_hours)
            alarms += [
                FeedAlarm(t.feed_id, t.name, t.url, "failing", t.since, t.error)
                for t in store.failing_feeds(session, since)
            ]
        if rule.feed_silent_days is not None:
            since = now - timedelta(days=rule.feed_silent_days)
            alarms += [
                FeedAlarm(t.feed_id, t.name, t.url, "silent", t.since)
                for t in store.silent_feeds(session, since)
            ]
        found += feed_alerts(rule, alarms, settings.tz)
    return store.add_alerts(session, _rows(found), at=now)
