"""What every handler of the review UI shares: :class:`WebState` (on ``app.state.review``) and the helpers
that reach it from a request (a transaction, the reviewer, rendering a page, a flash message, the CSRF
guard, the interface language).

The page and API modules import these from here, and :mod:`service.web.app` imports the page and API
modules to build the routes: keeping the helpers out of ``app`` keeps the imports one way (no cycle).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar
from urllib.parse import urlsplit

from sqlalchemy import Engine
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.templating import Jinja2Templates

from service.config import Settings
from service.i18n import gettext_for, ngettext_for
from service.storage import review
from service.storage.db import session_scope
from service.web.auth import (
    CSRF_FIELD,
    CSRF_HEADER,
    LOCAL_REVIEWER,
    Accounts,
    LoginThrottle,
    csrf_ok,
    csrf_token,
)
from service.web.retrain import RetrainResult, Trainer

OUTLETS_TTL_SECONDS = 300
T = TypeVar("T")
DigestPreview = Callable[[Engine, Settings], str]
Handler = Callable[[Request], Awaitable[Response]]


@dataclass
class WebState:
    """What every handler needs; lives on ``app.state.review``."""

    settings: Settings
    engine: Engine
    accounts: Accounts
    login_required: bool
    templates: Jinja2Templates
    trainer: Trainer
    digest_preview: DigestPreview | None
    throttle: LoginThrottle
    retrain_lock: threading.Lock = field(default_factory=threading.Lock)
    retrain_results: list[RetrainResult] = field(default_factory=list)
    _outlets: tuple[float, list[str]] = (0.0, [])

    def outlets(self, session: Session) -> list[str]:
        """The queue's outlet choices, read again at most every few minutes (a scan of every item)."""
        read_at, outlets = self._outlets
        if time.monotonic() - read_at > OUTLETS_TTL_SECONDS:
            outlets = review.queue_outlets(session)
            self._outlets = (time.monotonic(), outlets)
        return outlets


def state_of(request: Request) -> WebState:
    state: WebState = request.app.state.review
    return state


def reviewer(request: Request) -> str:
    user = request.session.get("user")
    return user if isinstance(user, str) else LOCAL_REVIEWER


def _language(request: Request) -> str:
    """The pages speak ``ui.language``; the JSON API answers in English (its msgids), for scripts."""
    return "en" if request.url.path.startswith("/api/") else state_of(request).settings.ui.language


def gettext_of(request: Request) -> Callable[[str], str]:
    """``_`` in the request's language, for messages made in Python (flash, errors)."""
    return gettext_for(_language(request))


def ngettext_of(request: Request) -> Callable[[str, str, int], str]:
    return ngettext_for(_language(request))


async def in_session(request: Request, work: Callable[[Session], T]) -> T:
    """Run ``work`` in one transaction on a worker thread (SQLAlchemy is synchronous)."""
    engine = state_of(request).engine

    def run() -> T:
        with session_scope(engine) as session:
            return work(session)

    return await run_in_threadpool(run)


def csrf_protected(handler: Handler) -> Handler:
    """Refuse a state-changing request without the session's CSRF token (header or form field)."""

    async def guarded(request: Request) -> Response:
        given = request.headers.get(CSRF_HEADER)
        content_type = request.headers.get("content-type", "")
        if given is None and content_type.startswith(
            ("application/x-www-form-urlencoded", "multipart/form-data")
        ):
            form = await request.form()
            field_value = form.get(CSRF_FIELD)
            given = field_value if isinstance(field_value, str) else None
        if not csrf_ok(request.session, given):
            _ = gettext_of(request)
            raise HTTPException(403, _("missing or wrong CSRF token: reload the page and try again"))
        return await handler(request)

    guarded.__name__ = handler.__name__
    guarded.__doc__ = handler.__doc__
    setattr(guarded, "csrf_protected", True)  # noqa: B010 - checked by the route test
    return guarded


def render(request: Request, template: str, context: dict[str, Any], status_code: int = 200) -> Response:
    state = state_of(request)
    flashes = request.session.pop("flash", [])
    base = {
        "csrf_token": csrf_token(request.session),
        "user": request.session.get("user"),
        "login_required": state.login_required,
        "flashes": flashes,
        "path": request.url.path,
        "timezone": state.settings.timezone,
    }
    return state.templates.TemplateResponse(request, template, {**base, **context}, status_code=status_code)


def flash(request: Request, message: str) -> None:
    messages = list(request.session.get("flash", []))
    request.session["flash"] = [*messages[-4:], message[:300]]


def web_link(url: object) -> str | None:
    """``url`` when it may be an ``href``: an absolute http(s) URL. A ``javascript:`` or ``data:`` link from
    a feed is shown as text, never made a link (the CSP alone should not be what stops it)."""
    if not isinstance(url, str):
        return None
    text = url.strip()
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    if any(ord(char) < 0x20 or char.isspace() for char in text):
        return None
    return text
