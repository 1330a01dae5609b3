"""Database upkeep for the nightly maintenance job: retention of raw pages, planner statistics, and the
questions maintenance asks (are there labels newer than the newest model?)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select, text, update
from sqlalchemy.orm import Session

from service.storage.schema import EventCorrection, ModelVersion, Page, ReviewLabel


def drop_raw_pages_before(session: Session, before: datetime) -> int:
    """Forget the raw bytes of pages fetched before ``before`` (the row, headers and extracted text stay;
    only reprocessing from the original page is no longer possible). Returns pages dropped."""
    result = session.execute(
        update(Page).where(Page.fetched_at < before, Page.body_gz.is_not(None)).values(body_gz=None)
    )
    return int(getattr(result, "rowcount", 0) or 0)


def newest_model_time(session: Session) -> datetime | None:
    """When the newest model version was made (None: only the bundled model so far)."""
    return session.scalar(select(func.max(ModelVersion.created_at)))


def labels_since(session: Session, since: datetime | None) -> int:
    """Review labels and event-type corrections (both are training data: service.classify.train_model)
    recorded after ``since`` (all of them when None)."""
    labels = select(func.count(ReviewLabel.id))
    types = select(func.count(EventCorrection.id)).where(EventCorrection.field == "event_type")
    if since is not None:
        labels = labels.where(ReviewLabel.created_at > since)
        types = types.where(EventCorrection.created_at > since)
    return (session.scalar(labels) or 0) + (session.scalar(types) or 0)


def refresh_statistics(session: Session) -> str:
    """Let the query planner catch up with the data: ``PRAGMA optimize`` on SQLite, ``ANALYZE`` on
    PostgreSQL. Returns the statement run."""
    statement = "PRAGMA optimize" if session.get_bind().dialect.name == "sqlite" else "ANALYZE"
    session.execute(text(statement))
    return statement
