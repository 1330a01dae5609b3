"""The review UI as one Starlette application, built by :func:`create_app`.

Pages (server-rendered, Jinja2, autoescaped) and a JSON API share the same storage functions
(``service.storage.review``) and the same guards: a login gate (when a login is required), and a CSRF
check on every state-changing request. Database work runs in the thread pool, one transaction per call.
"""

from __future__ import annotations

import secrets
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

import jinja2
from sqlalchemy import Engine
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.convertors import register_url_convertor
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Mount
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from service import i18n
from service.config import Settings, secret
from service.errors import ModelError, ReviewError, UnknownItemError
from service.storage import web_sessions
from service.storage.db import session_scope
from service.web import alerts_pages, api, feeds_out, forms, pages, report
from service.web.auth import Accounts, LoginThrottle, SignedSessions, check_can_start, login_required
from service.web.retrain import Trainer, retrain
from service.web.state import DigestPreview, WebState, gettext_of, render, web_link

HERE = Path(__file__).resolve().parent
PUBLIC_PATHS = ("/login", "/healthz", "/api/openapi.json")
PUBLIC_PREFIXES = ("/static/",)
# Feed readers carry no session cookie: these check a token themselves (service.web.feeds_out.allowed).
FEED_PREFIXES = ("/feeds/relevant.", "/feeds/topic/", "/feeds/partner/")
MAX_BODY_BYTES = 1_000_000


def create_app(
    settings: Settings,
    engine: Engine,
    *,
    host: str | None = None,
    secret_key: str | None = None,
    trainer: Trainer | None = None,
    digest_preview: DigestPreview | None = None,
) -> Starlette:
    """The review UI over a migrated ``engine``.

    ``host`` is the address the server is bound to (default ``settings.web.host``): anything but loopback
    needs a login, and with no user configured the app refuses to start (ConfigError). ``secret_key``
    signs session cookies (default: the ``web.secret_key_env`` variable, else random per start).
    ``trainer`` replaces :func:`service.web.retrain.retrain`; ``digest_preview`` renders the next digest as
    HTML for the digests page (default: the digest stage's own preview).
    """
    register_url_convertor("id", forms.ItemIdConvertor())  # before the routes that use it
    accounts = Accounts.from_settings(settings.web)
    check_can_start(settings.web, accounts, host)
    state = WebState(
        settings=settings,
        engine=engine,
        accounts=accounts,
        login_required=login_required(settings.web, host),
        templates=_templates(settings),
        trainer=trainer or retrain,
        digest_preview=digest_preview or next_digest_html,
        throttle=LoginThrottle(settings.web.login_attempts, settings.web.login_lockout_minutes * 60),
    )
    routes: list[BaseRoute] = [
        *pages.routes(),
        *report.routes(),
        *api.routes(),
        *alerts_pages.routes(),
        *feeds_out.routes(),
        Mount("/static", app=StaticFiles(directory=HERE / "static"), name="static"),
    ]
    key = secret_key or secret(settings.web.secret_key_env) or secrets.token_urlsafe(32)
    app = Starlette(
        routes=routes,
        middleware=[
            Middleware(SecurityHeaders),
            Middleware(SignedSessions, secret_key=key),
            Middleware(LoginGate, state=state),
        ],
        exception_handlers={HTTPException: _http_error, ReviewError: _review_error, ModelError: _model_error},
        max_body_size=MAX_BODY_BYTES,
    )
    app.state.review = state
    return app


def next_digest_html(engine: Engine, settings: Settings) -> str:
    """The HTML of the digest the next run would send, rendered without claiming or sending anything."""
    from service.digest.job import preview_digest

    _digest, rendered = preview_digest(engine, settings)
    return rendered.html


def _templates(settings: Settings) -> Jinja2Templates:
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE / "templates"),
        autoescape=True,  # every template, whatever its name
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    tz = settings.tz
    language, roc = settings.ui.language, settings.ui.roc_dates

    def local(moment: datetime | None, pattern: str | None = None) -> str:
        """A moment in local time, in the language's form (``2026年12月3日 07:30``), or by ``pattern``."""
        if moment is None:
            return "–"
        if pattern is not None:
            return moment.astimezone(tz).strftime(pattern)
        return i18n.local_datetime(moment, language, tz, roc)

    environment.filters["local"] = local
    environment.filters["relative"] = lambda moment: i18n.relative_time(moment, language, datetime.now(UTC))
    environment.filters["urlquote"] = lambda value: quote(str(value), safe="")
    environment.filters["web_link"] = web_link
    # the interface language (ui.language): _() in templates, local dates
    i18n.install(environment, settings.ui.language, tz, roc=settings.ui.roc_dates)
    return Jinja2Templates(env=environment)


SECURITY_HEADERS = [
    (
        b"content-security-policy",
        b"default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
        b"frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
    ),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
]


class SecurityHeaders:
    """A strict content security policy and friends on every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *SECURITY_HEADERS]
            await send(message)

        await self.app(scope, receive, send_with_headers)


class LoginGate:
    """Every path except the login page, static files, health and the API description needs a user
    when a login is required: pages redirect to the login page, the API answers 401."""

    def __init__(self, app: ASGIApp, state: WebState) -> None:
        self.app = app
        self.state = state

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] == "http"
            and scope["session"].get("user")
            and not await self._live(scope["session"])
        ):
            scope["session"].clear()  # logged out elsewhere, or expired: this copy of the cookie is void
        if scope["type"] != "http" or not self.state.login_required or self._public(scope["path"]):
            await self.app(scope, receive, send)
            return
        if scope["session"].get("user"):
            await self.app(scope, receive, send)
            return
        response: Response
        if scope["path"].startswith("/api/"):
            response = JSONResponse({"error": "login required"}, status_code=401)
        else:
            target = scope["path"] + (
                "?" + scope["query_string"].decode("latin-1") if scope["query_string"] else ""
            )
            response = RedirectResponse("/login?next=" + quote(target, safe=""), status_code=303)
        await response(scope, receive, send)

    @staticmethod
    def _public(path: str) -> bool:
        return path in PUBLIC_PATHS or path.startswith(PUBLIC_PREFIXES + FEED_PREFIXES)

    async def _live(self, cookie: dict[str, Any]) -> bool:
        """Whether the cookie's login still exists server-side (``service.storage.web_sessions``)."""

        def check() -> bool:
            with session_scope(self.state.engine) as session:
                return web_sessions.session_valid(session, cookie.get("sid"), str(cookie.get("user")))

        return await run_in_threadpool(check)


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/")


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    if _wants_json(request):
        return JSONResponse({"error": exc.detail}, status_code=exc.status_code)
    return render(request, "error.html", {"status": exc.status_code, "message": exc.detail}, exc.status_code)


async def _review_error(request: Request, exc: Exception) -> Response:
    """A bad request parameter is named in the interface language on a page, in English in the API."""
    status = 404 if isinstance(exc, UnknownItemError) else 400
    message = str(exc)
    if isinstance(exc, forms.BadInput):
        message = exc.translated(gettext_of(request))  # English in the API
    return await _http_error(request, HTTPException(status, message))


async def _model_error(request: Request, exc: Exception) -> Response:
    return await _http_error(request, HTTPException(409, str(exc)))
