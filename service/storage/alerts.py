"""The alert outbox: alerts written with the classification that caused them, claimed, delivered, marked.

An alert's life (``AlertStatus``)::

    pending ──claim──> sending ──delivered──> sent
       ^                  │ └──refused / error──> pending (retry at next_attempt_at) ──N attempts──> failed
       └──retry_alert─────┤
                          └──lease ended, worker gone──> interrupted (not re-sent by itself; see
                                                          service.alerts.outbox for why)

Rows are unique per (rule, subject), written with ON CONFLICT DO NOTHING, so a reclassification (or two
workers classifying the same item) never adds a second alert. Claims move rows pending -> sending with one
conditional UPDATE (on PostgreSQL after SELECT ... FOR UPDATE SKIP LOCKED): two workers never claim a row
both. Functions take a session and return plain data; ORM rows stay here.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from service.storage.db import dialect_insert
from service.storage.schema import AlertOutbox, AlertRuleState, Classification, Feed, Item, ItemSource


class AlertStatus(StrEnum):
    PENDING = "pending"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"
    INTERRUPTED = "interrupted"


def now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class AlertRow:
    id: int
    rule: str
    subject: str
    item_id: int | None
    feed_id: int | None
    title: str
    body: str
    link: str | None
    status: str
    attempts: int
    next_attempt_at: datetime
    message_key: str | None
    delivered: tuple[str, ...]
    last_error: str | None
    created_at: datetime
    sent_at: datetime | None


def _row(row: AlertOutbox) -> AlertRow:
    return AlertRow(
        id=row.id,
        rule=row.rule,
        subject=row.subject,
        item_id=row.item_id,
        feed_id=row.feed_id,
        title=row.title,
        body=row.body,
        link=row.link,
        status=row.status,
        attempts=row.attempts,
        next_attempt_at=row.next_attempt_at,
        message_key=row.message_key,
        delivered=tuple(row.delivered or ()),
        last_error=row.last_error,
        created_at=row.created_at,
        sent_at=row.sent_at,
    )


def add_alerts(session: Session, alerts: Iterable[dict[str, Any]], at: datetime | None = None) -> int:
    """Write alerts (dicts of rule, subject, title, body, link, item_id, feed_id) unless the (rule, subject)
    pair exists already; returns how many are new. Inside the caller's transaction."""
    moment = at or now()
    rows = [
        {
            "link": None,
            "item_id": None,
            "feed_id": None,
            **alert,
            "status": AlertStatus.PENDING.value,
            "attempts": 0,
            "next_attempt_at": moment,
            "delivered": [],
            "created_at": moment,
        }
        for alert in alerts
    ]
    if not rows:
        return 0
    added = 0
    for start in range(0, len(rows), 200):  # one multi-row statement; RETURNING lists the new ones only
        statement = (
            dialect_insert(session, AlertOutbox)
            .values(rows[start : start + 200])
            .on_conflict_do_nothing(index_elements=["rule", "subject"])
            .returning(AlertOutbox.id)
        )
        added += len(session.execute(statement).all())
    return added


# --- what the rules read ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class ItemRecord:
    """An item and its current classification, as the item rules read them."""

    id: int
    title: str | None
    text: str | None
    outlet: str | None
    url: str | None
    published_at: datetime | None
    scores: dict[str, float]
    labels: dict[str, bool]
    relevant: bool | None
    partner: str | None
    party: str | None


def item_records(
    session: Session, item_ids: Sequence[int], first_seen_after: datetime | None = None
) -> list[ItemRecord]:
    """The given items with their current classification (only those first seen after the moment given)."""
    query = (
        select(
            Item.id,
            Item.title,
            Item.text,
            Item.summary,
            Item.outlet,
            Item.url,
            Item.link,
            Item.published_at,
            Classification.scores,
            Classification.labels,
            Classification.relevant,
            Classification.partner,
            Classification.taiwan_party,
        )
        .outerjoin(Classification, Classification.id == Item.classification_id)
        .where(Item.id.in_(sorted(set(item_ids))))
        .order_by(Item.id)
    )
    if first_seen_after is not None:
        query = query.where(Item.first_seen_at > first_seen_after)
    return [
        ItemRecord(
            id=row.id,
            title=row.title,
            text=row.text or row.summary,
            outlet=row.outlet,
            url=row.url or row.link,
            published_at=row.published_at,
            scores=dict(row.scores or {}),
            labels=dict(row.labels or {}),
            relevant=row.relevant,
            partner=row.partner,
            party=row.taiwan_party,
        )
        for row in session.execute(query)
    ]


@dataclass(frozen=True)
class FeedTrouble:
    feed_id: int
    name: str
    url: str
    since: datetime
    error: str | None


def failing_feeds(session: Session, since_before: datetime) -> list[FeedTrouble]:
    """Enabled feeds failing now whose last success (or creation, when never) is before ``since_before``."""
    started = func.coalesce(Feed.last_success_at, Feed.created_at)
    query = (
        select(Feed.id, Feed.name, Feed.url, started, Feed.last_error)
        .where(Feed.enabled.is_(True), Feed.error_count > 0, started <= since_before)
        .order_by(Feed.name)
    )
    return [FeedTrouble(*row) for row in session.execute(query)]


def silent_feeds(session: Session, since_before: datetime) -> list[FeedTrouble]:
    """Enabled feeds polled successfully whose newest entry (or creation, when none) is before
    ``since_before``: often a feed that moved and now serves an empty or stale document."""
    newest = (
        select(ItemSource.feed_id, func.max(ItemSource.seen_at).label("newest"))
        .group_by(ItemSource.feed_id)
        .subquery()
    )
    started = func.coalesce(newest.c.newest, Feed.created_at)
    query = (
        select(Feed.id, Feed.name, Feed.url, started, Feed.last_error)
        .outerjoin(newest, newest.c.feed_id == Feed.id)
        .where(Feed.enabled.is_(True), Feed.last_success_at.is_not(None), started <= since_before)
        .order_by(Feed.name)
    )
    return [FeedTrouble(*row) for row in session.execute(query)]


# --- claiming and marking --------------------------------------------------------------------------------


def _locked(session: Session, query: Any) -> Any:
    if session.get_bind().dialect.name == "postgresql":
        return query.with_for_update(skip_locked=True)
    return query


def _claim(session: Session, ids: Sequence[int], moment: datetime, lease_seconds: float) -> list[AlertRow]:
    if not ids:
        return []
    claimed = list(
        session.scalars(
            update(AlertOutbox)
            .where(AlertOutbox.id.in_(ids), AlertOutbox.status == AlertStatus.PENDING.value)
            .values(
                status=AlertStatus.SENDING.value,
                lease_until=moment + timedelta(seconds=lease_seconds),
                attempts=AlertOutbox.attempts + 1,
            )
            .returning(AlertOutbox.id)
        )
    )
    rows = session.scalars(select(AlertOutbox).where(AlertOutbox.id.in_(claimed)).order_by(AlertOutbox.id))
    return [_row(row) for row in rows]


def claim_single(
    session: Session, rules: Sequence[str], lease_seconds: float, limit: int = 50, at: datetime | None = None
) -> list[AlertRow]:
    """Claim up to ``limit`` due alerts of unbatched ``rules`` (each becomes its own message)."""
    if not rules:
        return []
    moment = at or now()
    query = (
        select(AlertOutbox.id)
        .where(
            AlertOutbox.status == AlertStatus.PENDING.value,
            AlertOutbox.next_attempt_at <= moment,
            AlertOutbox.rule.in_(rules),
        )
        .order_by(AlertOutbox.id)
        .limit(limit)
    )
    ids = list(session.scalars(_locked(session, query)))
    rows = _claim(session, ids, moment, lease_seconds)
    for row in rows:
        if row.message_key is None:
            key = f"newsmon-alert-{row.id}"
            session.execute(update(AlertOutbox).where(AlertOutbox.id == row.id).values(message_key=key))
    return [row if row.message_key else _with_key(row, f"newsmon-alert-{row.id}") for row in rows]


def _with_key(row: AlertRow, key: str) -> AlertRow:
    return replace(row, message_key=key)


def claim_batch(
    session: Session, rule: str, every_minutes: float, lease_seconds: float, at: datetime | None = None
) -> list[AlertRow]:
    """Claim every due alert of a batched rule, when the rule's window allows a message now: the rule's
    slot moves ``every_minutes`` ahead with one conditional UPDATE, so one worker wins it per window."""
    moment = at or now()
    due = session.scalar(
        select(func.count(AlertOutbox.id)).where(
            AlertOutbox.rule == rule,
            AlertOutbox.status == AlertStatus.PENDING.value,
            AlertOutbox.next_attempt_at <= moment,
        )
    )
    if not due:
        return []
    session.execute(
        dialect_insert(session, AlertRuleState)
        .values(rule=rule, next_batch_at=moment)
        .on_conflict_do_nothing(index_elements=["rule"])
    )
    won = session.scalar(
        update(AlertRuleState)
        .where(AlertRuleState.rule == rule, AlertRuleState.next_batch_at <= moment)
        .values(next_batch_at=moment + timedelta(minutes=every_minutes))
        .returning(AlertRuleState.rule)
    )
    if won is None:
        return []
    query = (
        select(AlertOutbox.id)
        .where(
            AlertOutbox.rule == rule,
            AlertOutbox.status == AlertStatus.PENDING.value,
            AlertOutbox.next_attempt_at <= moment,
        )
        .order_by(AlertOutbox.id)
    )
    rows = _claim(session, list(session.scalars(_locked(session, query))), moment, lease_seconds)
    if not rows:
        return []
    key = f"newsmon-batch-{rows[0].id}-{len(rows)}"
    session.execute(
        update(AlertOutbox).where(AlertOutbox.id.in_([r.id for r in rows])).values(message_key=key)
    )
    return [_with_key(row, key) for row in rows]


def record_sent(
    session: Session, ids: Sequence[int], delivered: Sequence[str], at: datetime | None = None
) -> None:
    """Delivered. Also over ``interrupted``: a delivery that outlived its lease still arrived."""
    session.execute(
        update(AlertOutbox)
        .where(
            AlertOutbox.id.in_(ids),
            AlertOutbox.status.in_((AlertStatus.SENDING.value, AlertStatus.INTERRUPTED.value)),
        )
        .values(
            status=AlertStatus.SENT.value,
            sent_at=at or now(),
            lease_until=None,
            delivered=list(delivered),
            last_error=None,
        )
    )


def record_failure(
    session: Session,
    ids: Sequence[int],
    delivered: Sequence[str],
    error: str,
    attempts: int,
    max_attempts: int,
    retry_in_seconds: float,
    at: datetime | None = None,
) -> str:
    """A delivery that did not reach every destination: back to pending with a backoff (the destinations
    that took it are kept and not sent again), or failed after ``max_attempts``. Returns the new status."""
    moment = at or now()
    status = AlertStatus.FAILED if attempts >= max_attempts else AlertStatus.PENDING
    session.execute(
        update(AlertOutbox)
        .where(AlertOutbox.id.in_(ids), AlertOutbox.status == AlertStatus.SENDING.value)
        .values(
            status=status.value,
            lease_until=None,
            delivered=list(delivered),
            last_error=error[:4000],
            next_attempt_at=moment + timedelta(seconds=retry_in_seconds),
        )
    )
    return status.value


def interrupt_abandoned(session: Session, at: datetime | None = None) -> int:
    """Alerts left ``sending`` by a worker that stopped (its lease ended): marked ``interrupted``, with a
    note. They may have been delivered, so they are not sent again by themselves."""
    moment = at or now()
    result = session.execute(
        update(AlertOutbox)
        .where(AlertOutbox.status == AlertStatus.SENDING.value, AlertOutbox.lease_until < moment)
        .values(
            status=AlertStatus.INTERRUPTED.value,
            lease_until=None,
            last_error="傳送途中中斷（送出程序在送出與記錄之間停止）：可能已送達，為免重複不自動重送；"
            "確認後可按「重送」或執行 newsmon alerts retry ID（同一 id）",
        )
    )
    return int(getattr(result, "rowcount", 0) or 0)


def retry_alert(session: Session, alert_id: int, at: datetime | None = None) -> bool:
    """Put a failed or interrupted alert back in the queue (a person's decision); its key stays."""
    result = session.execute(
        update(AlertOutbox)
        .where(
            AlertOutbox.id == alert_id,
            AlertOutbox.status.in_((AlertStatus.FAILED.value, AlertStatus.INTERRUPTED.value)),
        )
        .values(status=AlertStatus.PENDING.value, next_attempt_at=at or now(), attempts=0)
    )
    return bool(getattr(result, "rowcount", 0))


def recent_alerts(session: Session, limit: int = 200, status: str | None = None) -> list[AlertRow]:
    query = select(AlertOutbox).order_by(AlertOutbox.id.desc()).limit(limit)
    if status:
        query = query.where(AlertOutbox.status == status)
    return [_row(row) for row in session.scalars(query)]


def status_counts(session: Session) -> dict[str, int]:
    rows = session.execute(
        select(AlertOutbox.status, func.count(AlertOutbox.id)).group_by(AlertOutbox.status)
    )
    return {str(status): int(count) for status, count in rows}
