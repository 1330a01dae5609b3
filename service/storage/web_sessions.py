"""Review UI logins held in the database, so that a logout revokes the cookie and every copy of it.

The cookie (signed, ``service.web.auth.SignedSessions``) carries a random token; the ``web_sessions`` row
holds only its SHA-256 with the user and the expiry. A request's login counts while its row exists, is not
expired, and names the same user.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete
from sqlalchemy.orm import Session

from service.storage.schema import WebSession


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def start_session(session: Session, user: str, lifetime_seconds: float) -> str:
    """A new login for ``user``; returns the token to put in the cookie."""
    token = secrets.token_urlsafe(32)
    moment = datetime.now(UTC)
    session.add(
        WebSession(
            token_hash=_hash(token),
            user=user,
            created_at=moment,
            expires_at=moment + timedelta(seconds=lifetime_seconds),
        )
    )
    return token


def session_valid(session: Session, token: object, user: str) -> bool:
    """Whether ``token`` is a live login of ``user``."""
    if not isinstance(token, str) or not token:
        return False
    row = session.get(WebSession, _hash(token))
    return row is not None and row.user == user and row.expires_at > datetime.now(UTC)


def end_session(session: Session, token: object) -> None:
    """Log out: the token (and every copy of the cookie carrying it) stops counting."""
    if isinstance(token, str) and token:
        session.execute(delete(WebSession).where(WebSession.token_hash == _hash(token)))


def end_sessions_of(session: Session, user: str) -> int:
    """Log ``user`` out everywhere. Returns how many logins ended."""
    result = session.execute(delete(WebSession).where(WebSession.user == user))
    return int(getattr(result, "rowcount", 0) or 0)


def purge_expired(session: Session) -> int:
    result = session.execute(delete(WebSession).where(WebSession.expires_at <= datetime.now(UTC)))
    return int(getattr(result, "rowcount", 0) or 0)
