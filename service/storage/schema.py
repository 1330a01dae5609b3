"""The database schema: every piece of newsmon's state lives in these tables.

Uniqueness that matters is enforced here, not in Python: one feed per URL, one item per identity key,
one cluster membership per item, one digest run per day. Two processes doing the same work therefore
cannot store anything twice; the loser of a race gets an IntegrityError and reads the winner's row.

The Alembic migrations in ``migrations/versions`` create exactly this schema; ``tests/test_migrations.py``
fails when the two drift apart.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

from service.states import DigestStatus, ItemStatus


class UTCDateTime(TypeDecorator[datetime]):
    """Timestamps are stored and returned as timezone-aware UTC, on SQLite as on PostgreSQL."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r}: newsmon stores aware UTC timestamps only")
        from datetime import UTC

        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        from datetime import UTC

        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Feed(Base):
    """A polled feed and its polling state (conditional-GET validators, schedule, health)."""

    __tablename__ = "feeds"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    url: Mapped[str] = mapped_column(String(2000), unique=True)
    lang: Mapped[str | None] = mapped_column(String(20))
    publisher: Mapped[str | None] = mapped_column(String(200))
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    title: Mapped[str | None] = mapped_column(String(500))
    etag: Mapped[str | None] = mapped_column(String(500))
    last_modified: Mapped[str | None] = mapped_column(String(100))
    interval_seconds: Mapped[int] = mapped_column(Integer, default=900)
    next_check_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    last_polled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_success_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    error_count: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    last_error_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_problem: Mapped[str | None] = mapped_column(Text)  # feed parsed, but was malformed (bozo)
    ttl_minutes: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Item(Base):
    """One article, once, whatever feeds or links it arrived through.

    ``identity_key`` is the first of: the entry's GUID when stable, the canonical link, a hash of title and
    summary (see ``service.reader.feeds.identity_key``). ``status`` (``service.states.ItemStatus``) moves
    new -> fetched -> extracted -> done; its whole life, failures included, is drawn in ``service.pipeline``.
    In short: a page that cannot be fetched goes to ``fetch_failed`` with ``next_attempt_at`` set, and at the
    attempt that makes ``fetch.page_retry_limit`` in all (always at least one) to ``extracted``
    with the feed summary as text and ``error`` saying why; a page answering 404/410 does so at once.
    """

    __tablename__ = "items"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    identity_key: Mapped[str] = mapped_column(String(600), unique=True)
    feed_id: Mapped[int | None] = mapped_column(ForeignKey("feeds.id", ondelete="SET NULL"), index=True)
    # Unique: one article reached through several feeds under different GUIDs is one item, even when two
    # feeds of one cycle (or two workers) insert it at the same moment. NULLs (entries without a link) repeat.
    url: Mapped[str | None] = mapped_column(String(2000), index=True, unique=True)
    link: Mapped[str | None] = mapped_column(String(2000))
    outlet: Mapped[str | None] = mapped_column(String(200))
    title: Mapped[str | None] = mapped_column(Text)
    summary: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str | None] = mapped_column(Text)
    text_source: Mapped[str | None] = mapped_column(String(20))  # TextSource: page | summary
    byline: Mapped[str | None] = mapped_column(String(500))
    # 0-1, how far to trust the text (service.extraction.extract.extraction_quality); NULL: not extracted
    extraction_quality: Mapped[float | None] = mapped_column(Float, index=True)
    authors: Mapped[list[str] | None] = mapped_column(JSON)
    lang: Mapped[str | None] = mapped_column(String(20))
    published_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    published_from_feed: Mapped[bool] = mapped_column(Boolean, default=True)
    first_seen_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    status: Mapped[str] = mapped_column(String(20), index=True, default=ItemStatus.NEW)  # ItemStatus
    fetch_attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    # A done item's page to fetch again (conditionally) from this time: its feed entry was dated later
    # with the same title and summary (an edited story), or the page answered 404/410 and the feed summary
    # stands in for it. NULL: nothing to check.
    recheck_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    error: Mapped[str | None] = mapped_column(Text)
    content_hash: Mapped[str | None] = mapped_column(String(64), index=True)
    classification_id: Mapped[int | None] = mapped_column(
        ForeignKey("classifications.id", ondelete="SET NULL", use_alter=True)
    )


class ItemSource(Base):
    """Every feed an item appeared in (the same CNA story sits in several section feeds)."""

    __tablename__ = "item_sources"
    __table_args__ = (UniqueConstraint("item_id", "feed_id", name="uq_item_sources_item_feed"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id", ondelete="CASCADE"), index=True)
    feed_id: Mapped[int] = mapped_column(ForeignKey("feeds.id", ondelete="CASCADE"), index=True)
    entry_key: Mapped[str] = mapped_column(String(600))
    seen_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Page(Base):
    """The raw page as fetched (compressed), so extraction can be re-run without downloading again."""

    __tablename__ = "pages"

    item_id: Mapped[int] = mapped_column(ForeignKey("items.id", ondelete="CASCADE"), primary_key=True)
    url: Mapped[str] = mapped_column(String(2000))
    final_url: Mapped[str] = mapped_column(String(2000))
    status_code: Mapped[int] = mapped_column(Integer)
    headers: Mapped[dict[str, str]] = mapped_column(JSON)
    body_gz: Mapped[bytes | None] = mapped_column(LargeBinary)  # None once retention has dropped it
    encoding: Mapped[str | None] = mapped_column(String(40))
    fetched_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)


class ItemVersion(Base):
    """Earlier texts of an item (or of a cluster's story) kept when a newer version replaces them."""

    __tablename__ = "item_versions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id", ondelete="CASCADE"), index=True)
    title: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str | None] = mapped_column(Text)
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Classification(Base):
    """One model version's verdict on one item. Human labels live apart, in ``review_labels``."""

    __tablename__ = "classifications"
    __table_args__ = (UniqueConstraint("item_id", "model_version", name="uq_classifications_item_model"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id", ondelete="CASCADE"), index=True)
    model_version: Mapped[str] = mapped_column(String(100), index=True)
    scores: Mapped[dict[str, float]] = mapped_column(JSON)
    labels: Mapped[dict[str, bool]] = mapped_column(JSON)
    relevant: Mapped[bool] = mapped_column(Boolean, index=True)
    relevance_score: Mapped[float] = mapped_column(Float, index=True)
    partner: Mapped[str | None] = mapped_column(String(200))
    partner_country: Mapped[str | None] = mapped_column(String(100))
    taiwan_party: Mapped[str | None] = mapped_column(String(200))
    explanation: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # The events stage's answer (``classifiers.events.Event.to_dict``) for relevant items, else None. Its
    # type and date are copied to indexed columns for the period report's queries.
    event: Mapped[dict[str, Any] | None] = mapped_column(JSON(none_as_null=True))
    event_type: Mapped[str | None] = mapped_column(String(40), index=True)
    event_date: Mapped[str | None] = mapped_column(String(10), index=True)  # YYYY-MM-DD


class ReviewLabel(Base):
    """A person's decision on one label of one item. The newest per (item, label) wins; history stays."""

    __tablename__ = "review_labels"
    __table_args__ = (Index("ix_review_labels_item_label", "item_id", "label"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id", ondelete="CASCADE"))
    label: Mapped[str] = mapped_column(String(40))  # taiwan_japan | city_diplomacy | relevant
    value: Mapped[bool] = mapped_column(Boolean)
    reviewer: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)


class WebSession(Base):
    """A review UI login. The cookie carries the token; the row holds its SHA-256, so a logout (the row
    deleted) revokes every copy of the cookie, and a stolen database holds no usable token."""

    __tablename__ = "web_sessions"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user: Mapped[str] = mapped_column(String(200), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)


class HostTurn(Base):
    """When the next request to a host may start, shared by every worker on the database (PostgreSQL):
    ``service.storage.hosts`` reserves turns with one atomic UPDATE, so N workers keep one gap."""

    __tablename__ = "host_turns"

    host: Mapped[str] = mapped_column(String(255), primary_key=True)
    next_start_at: Mapped[datetime] = mapped_column(UTCDateTime)


class EventCorrection(Base):
    """A person's correction of one field of an item's event (``taiwan_party``: a list of names;
    ``partners``: a list of partner objects; ``event_type``: a name). The newest per (item, field) wins
    (``service.events.effective_event``); history stays."""

    __tablename__ = "event_corrections"
    __table_args__ = (Index("ix_event_corrections_item_field", "item_id", "field"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id", ondelete="CASCADE"))
    field: Mapped[str] = mapped_column(String(40))
    value: Mapped[Any] = mapped_column(JSON)
    reviewer: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)


class Cluster(Base):
    """One story: every item belongs to exactly one cluster."""

    __tablename__ = "clusters"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    first_item_id: Mapped[int] = mapped_column(ForeignKey("items.id", ondelete="CASCADE"), unique=True)
    canonical_item_id: Mapped[int] = mapped_column(ForeignKey("items.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class ClusterMember(Base):
    """An item's place in its cluster. The primary key on ``item_id`` makes membership unique."""

    __tablename__ = "cluster_members"

    item_id: Mapped[int] = mapped_column(ForeignKey("items.id", ondelete="CASCADE"), primary_key=True)
    cluster_id: Mapped[int] = mapped_column(ForeignKey("clusters.id", ondelete="CASCADE"), index=True)
    relation: Mapped[str] = mapped_column(String(20))  # original | duplicate | version
    outlet: Mapped[str | None] = mapped_column(String(200))
    similarity: Mapped[float | None] = mapped_column(Float)
    joined_at: Mapped[datetime] = mapped_column(UTCDateTime)


class DedupBand(Base):
    """MinHash LSH band hashes of recent items: the near-duplicate index, in SQL so it survives restarts
    and is shared by several workers. Rows older than the dedup window are deleted by maintenance."""

    __tablename__ = "dedup_bands"
    __table_args__ = (Index("ix_dedup_bands_band_hash", "band", "hash"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id", ondelete="CASCADE"), index=True)
    band: Mapped[int] = mapped_column(Integer)
    hash: Mapped[int] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)


class DigestRun(Base):
    """One daily digest: claimed (unique per day) before sending, so it is never sent twice."""

    __tablename__ = "digest_runs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    digest_date: Mapped[str] = mapped_column(String(10), unique=True)  # local date, YYYY-MM-DD
    window_start: Mapped[datetime] = mapped_column(UTCDateTime)
    window_end: Mapped[datetime] = mapped_column(UTCDateTime)
    status: Mapped[str] = mapped_column(String(20), default=DigestStatus.PENDING)  # DigestStatus
    recipients: Mapped[list[str]] = mapped_column(JSON)
    item_ids: Mapped[list[int]] = mapped_column(JSON)
    story_count: Mapped[int] = mapped_column(Integer, default=0)
    message_id: Mapped[str | None] = mapped_column(String(300))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class ModelVersion(Base):
    """A trained classifier artifact; exactly one is active at a time."""

    __tablename__ = "model_versions"

    version: Mapped[str] = mapped_column(String(100), primary_key=True)
    path: Mapped[str] = mapped_column(String(1000))
    metrics: Mapped[dict[str, Any]] = mapped_column(JSON)
    active: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class AlertOutbox(Base):
    """An alert to deliver, written in the transaction that classified its item (or by the feed check).

    Unique per (rule, subject): ``item:<id>`` for an item, ``feed:<id>:failing:<since>`` or
    ``feed:<id>:silent:<since>`` for a feed, so a reclassification never alerts twice. ``status`` follows
    ``service.storage.alerts.AlertStatus`` (pending -> sending -> sent | failed | interrupted)."""

    __tablename__ = "alert_outbox"
    __table_args__ = (UniqueConstraint("rule", "subject", name="uq_alert_outbox_rule_subject"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    rule: Mapped[str] = mapped_column(String(100))
    subject: Mapped[str] = mapped_column(String(300))
    item_id: Mapped[int | None] = mapped_column(ForeignKey("items.id", ondelete="CASCADE"), index=True)
    feed_id: Mapped[int | None] = mapped_column(ForeignKey("feeds.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(Text)
    body: Mapped[str] = mapped_column(Text)
    link: Mapped[str | None] = mapped_column(String(2000))
    status: Mapped[str] = mapped_column(String(20), index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    lease_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    message_key: Mapped[str | None] = mapped_column(String(200))  # the idempotency key of its message
    delivered: Mapped[list[str]] = mapped_column(JSON)  # destinations (send.target_id) that took it
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class AlertRuleState(Base):
    """Per batched rule (``every_minutes``): when its next message may go. Claimed with a conditional
    UPDATE, so two workers never both send a rule's batch in one window."""

    __tablename__ = "alert_rule_state"

    rule: Mapped[str] = mapped_column(String(100), primary_key=True)
    next_batch_at: Mapped[datetime] = mapped_column(UTCDateTime)
