"""Leases on feeds and items: giving claimed work back, and recovering it after a crash.

A worker claims a due feed by pushing ``feeds.next_check_at`` past a lease (``storage.feeds.claim_due``)
and a pending item by pushing ``items.next_attempt_at`` past one (``storage.items.claim_pending_items``).
A worker that dies leaves its leases to expire, which is always safe but slow (minutes). Two faster ways:

* a worker shutting down gives back what it claimed but did not start (:func:`release_feed`,
  :func:`release_item`), and announces it to the others (``storage.notify``), which start on it at once;
* a worker that starts while **no other worker is running** (the SQLite lock file, or the PostgreSQL
  advisory lock in ``service.presence``) takes back every lease at once (:func:`recover_abandoned`).

How a lease is told apart from a schedule: a feed is in flight when it was polled (``last_polled_at``)
after its last recorded outcome (``last_success_at`` / ``last_error_at``); an item in status new, fetched
or extracted waits for nothing but a worker, so a ``next_attempt_at`` in the future can only be a lease.
(A ``fetch_failed`` item's ``next_attempt_at`` is its retry backoff; those are left alone.)
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import and_, or_, update
from sqlalchemy.orm import Session

from service.states import ItemStatus
from service.storage import notify
from service.storage.schema import Feed, Item

WAITING_FOR_A_WORKER = (ItemStatus.NEW, ItemStatus.FETCHED, ItemStatus.EXTRACTED)


def _now() -> datetime:
    return datetime.now(UTC)


def release_feed(session: Session, feed_id: int) -> None:
    """Give back a claimed feed that was not polled: due again at once."""
    session.execute(update(Feed).where(Feed.id == feed_id).values(next_check_at=_now()))
    notify.work_enqueued(session)


def release_item(session: Session, item_id: int) -> None:
    """Give back a claimed item that was not worked on: claimable again at once."""
    session.execute(
        update(Item)
        .where(Item.id == item_id, Item.status.in_((*WAITING_FOR_A_WORKER, ItemStatus.FETCH_FAILED)))
        .values(next_attempt_at=None)
    )
    notify.work_enqueued(session)


@dataclass(frozen=True)
class Recovered:
    feeds: int
    items: int


def recover_abandoned(session: Session, at: datetime | None = None) -> Recovered:
    """Take back every lease (call only when no other worker can be running): in-flight feeds become due,
    leased items claimable. Returns how many of each."""
    moment = at or _now()
    feeds = session.execute(
        update(Feed)
        .where(
            Feed.next_check_at > moment,
            Feed.last_polled_at.is_not(None),
            or_(Feed.last_success_at.is_(None), Feed.last_polled_at > Feed.last_success_at),
            or_(Feed.last_error_at.is_(None), Feed.last_polled_at > Feed.last_error_at),
        )
        .values(next_check_at=moment)
    )
    items = session.execute(
        update(Item)
        .where(and_(Item.status.in_(WAITING_FOR_A_WORKER), Item.next_attempt_at > moment))
        .values(next_attempt_at=None)
    )
    return Recovered(
        feeds=int(getattr(feeds, "rowcount", 0) or 0), items=int(getattr(items, "rowcount", 0) or 0)
    )
