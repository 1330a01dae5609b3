"""The alerts in the review UI: ``/alerts`` (a page) and ``/api/alerts`` (JSON), each alert with its
delivery state (``service.storage.alerts.AlertStatus``)."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from service.i18n import N_
from service.storage import alerts as store
from service.web.state import csrf_protected, flash, gettext_of, in_session, render, reviewer

# msgids of the delivery states' names (service/locale: 待送出, 已送出 ...)
STATUS_NAMES = {
    "pending": N_("waiting to send"),
    "sending": N_("sending"),
    "sent": N_("delivered"),
    "failed": N_("delivery failed"),
    "interrupted": N_("interrupted (delivery unknown)"),
}
LIMIT = 200


def routes() -> list[BaseRoute]:
    return [
        Route("/alerts", alerts_page, name="alerts"),
        Route(
            "/alerts/{alert_id:int}/retry", csrf_protected(alert_retry), methods=["POST"], name="alert_retry"
        ),
        Route("/api/alerts", alerts_api, name="api_alerts"),
        Route(
            "/api/alerts/{alert_id:int}/retry",
            csrf_protected(alert_retry_api),
            methods=["POST"],
            name="api_alert_retry",
        ),
    ]


def _status(request: Request) -> str | None:
    value = request.query_params.get("status") or None
    if value is not None and value not in STATUS_NAMES:
        _ = gettext_of(request)
        refused = _("%(name)s: %(value)r is not one of %(choices)s")
        values = {"name": "status", "value": value, "choices": ", ".join(STATUS_NAMES)}
        raise HTTPException(400, refused % values)
    return value


def _load(status: str | None) -> Any:
    def load(session: Session) -> dict[str, Any]:
        return {
            "alerts": store.recent_alerts(session, limit=LIMIT, status=status),
            "counts": store.status_counts(session),
        }

    return load


async def alerts_page(request: Request) -> Response:
    status = _status(request)
    data = await in_session(request, _load(status))
    return render(request, "alerts.html", {**data, "status": status, "status_names": STATUS_NAMES})


async def alerts_api(request: Request) -> Response:
    status = _status(request)
    data = await in_session(request, _load(status))
    alerts = [
        {
            "id": row.id,
            "rule": row.rule,
            "status": row.status,
            "title": row.title,
            "body": row.body,
            "link": row.link,
            "item_id": row.item_id,
            "feed_id": row.feed_id,
            "attempts": row.attempts,
            "message_key": row.message_key,
            "last_error": row.last_error,
            "created_at": row.created_at.isoformat(),
            "sent_at": row.sent_at.isoformat() if row.sent_at else None,
            "next_attempt_at": row.next_attempt_at.isoformat(),
        }
        for row in data["alerts"]
    ]
    return JSONResponse({"counts": data["counts"], "alerts": alerts})


async def _retry(request: Request) -> int:
    alert_id = int(request.path_params["alert_id"])
    if not await in_session(request, lambda session: store.retry_alert(session, alert_id)):
        _ = gettext_of(request)
        message = _("Alert %(id)d is neither failed nor interrupted: it cannot be sent again")
        raise HTTPException(409, message % {"id": alert_id})
    return alert_id


async def alert_retry_api(request: Request) -> Response:
    return JSONResponse({"queued": await _retry(request)})


async def alert_retry(request: Request) -> Response:
    """A person sends a failed or interrupted alert again (same idempotency key, so a receiver can drop a
    repeat of an interrupted one that had arrived)."""
    alert_id = await _retry(request)
    _ = gettext_of(request)
    queued = _("Alert %(id)d queued to be sent again (%(reviewer)s)")
    flash(request, queued % {"id": alert_id, "reviewer": reviewer(request)})
    return RedirectResponse("/alerts", status_code=303)
