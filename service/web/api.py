"""The JSON API: the same data and actions as the pages, described by ``/api/openapi.json``.

State-changing calls need the session's CSRF token in the ``X-CSRF-Token`` header; ``GET /api/session``
hands it out (and logs nobody in: use ``POST /login`` for that).
"""

from __future__ import annotations

import dataclasses
import json
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from service.classify import decision_boundary
from service.events import CORRECTABLE
from service.storage import classifications as model_store
from service.storage import digests as digest_store
from service.storage import events as event_store
from service.storage import feeds as feed_store
from service.storage import labels as label_store
from service.storage import review, search
from service.web import forms
from service.web.auth import csrf_token
from service.web.openapi import openapi_spec
from service.web.retrain import labels_export, run_retrain
from service.web.state import csrf_protected, gettext_of, in_session, reviewer, state_of


def routes() -> list[BaseRoute]:
    return [
        Route("/api/openapi.json", openapi, name="api_openapi"),
        Route("/api/session", session_info, name="api_session"),
        Route("/api/items", items_list, name="api_items"),
        Route("/api/items/bulk", csrf_protected(items_bulk), methods=["POST"], name="api_items_bulk"),
        Route("/api/items/{item_id:id}", item_get, name="api_item"),
        Route(
            "/api/items/{item_id:id}/labels",
            csrf_protected(item_label),
            methods=["POST"],
            name="api_label",
        ),
        Route(
            "/api/items/{item_id:id}/event",
            csrf_protected(item_event),
            methods=["POST"],
            name="api_event",
        ),
        Route("/api/search", search_list, name="api_search"),
        Route("/api/feeds", feeds_list, name="api_feeds"),
        Route("/api/digests", digests_list, name="api_digests"),
        Route("/api/model", model_get, name="api_model"),
        Route("/api/retrain", csrf_protected(retrain), methods=["POST"], name="api_retrain"),
        Route("/api/labels/export", labels_jsonl, name="api_labels_export"),
    ]


def jsonable(value: Any) -> Any:
    """Dataclasses, datetimes and containers as JSON values."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {item.name: jsonable(getattr(value, item.name)) for item in dataclasses.fields(value)}
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(key): jsonable(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(item) for item in value]
    return value


def _json(data: Any, status_code: int = 200) -> Response:
    return JSONResponse(jsonable(data), status_code=status_code)


async def _body(request: Request) -> dict[str, Any]:
    try:
        data = json.loads(await request.body() or b"{}")
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise HTTPException(400, f"request body is not JSON: {exc}") from None
    except RecursionError:  # 100,000 nested brackets: JSON, but not a request anyone means
        raise HTTPException(400, "request body is nested too deeply") from None
    if not isinstance(data, dict):
        raise HTTPException(400, "request body must be a JSON object")
    return data


async def openapi(request: Request) -> Response:
    return JSONResponse(openapi_spec())


async def session_info(request: Request) -> Response:
    state = state_of(request)
    return _json(
        {
            "user": request.session.get("user"),
            "login_required": state.login_required,
            "csrf_token": csrf_token(request.session),
        }
    )


def _row(row: review.QueueRow) -> dict[str, Any]:
    data: dict[str, Any] = jsonable(row)
    data["reviewed"] = row.reviewed
    return data


async def items_list(request: Request) -> Response:
    settings = state_of(request).settings
    filters = forms.queue_filters(request.query_params, settings.tz)
    limit, offset = forms.page_window(request.query_params)
    boundary = decision_boundary(settings)
    page = await in_session(
        request, lambda session: review.review_queue(session, filters, limit, offset, boundary=boundary)
    )
    return _json(
        {
            "total": page.total,
            "offset": page.offset,
            "limit": page.limit,
            "items": [_row(row) for row in page.rows],
        }
    )


def _search_result(result: search.SearchResult) -> dict[str, Any]:
    """A search hit; ``title`` and ``snippet`` are lists of [text, is_match] segments to highlight."""
    data: dict[str, Any] = jsonable(result)
    data["event"] = result.event.to_dict() if result.event else None
    return data


async def search_list(request: Request) -> Response:
    query, filters = forms.search_request(request.query_params, state_of(request).settings.tz)
    limit, offset = forms.page_window(request.query_params)
    page = await in_session(
        request, lambda session: search.search_items(session, query, filters, limit=limit, offset=offset)
    )
    return _json(
        {
            "query": page.query,
            "total": page.total,
            "capped": page.capped,
            "offset": offset,
            "limit": limit,
            "results": [_search_result(result) for result in page.results],
        }
    )


def _detail(session: Session, item_id: int) -> dict[str, Any]:
    detail = review.item_detail(session, item_id)
    data: dict[str, Any] = jsonable(detail)
    data["model_labels"] = detail.model_labels
    data["effective_labels"] = detail.effective_labels
    event = event_store.event_view(session, item_id)
    data["event"] = event.effective.to_dict() if event.effective else None
    data["model_event"] = event.model.to_dict() if event.model else None
    data["event_corrections"] = list(event.corrections.fields) if event.corrections else []
    return data


async def item_get(request: Request) -> Response:
    item_id = int(request.path_params["item_id"])
    return _json(await in_session(request, lambda session: _detail(session, item_id)))


async def item_label(request: Request) -> Response:
    item_id = int(request.path_params["item_id"])
    body = await _body(request)
    name = reviewer(request)
    if body.get("action") == "confirm":

        def work(session: Session) -> dict[str, Any]:
            label_store.confirm_model(session, item_id, name)
            return _detail(session, item_id)
    else:
        label = forms.label_name(body.get("label"))
        value = forms.boolean(body.get("value"))

        def work(session: Session) -> dict[str, Any]:
            label_store.record_label(session, item_id, label, value, name)
            return _detail(session, item_id)

    return _json(await in_session(request, work))


async def item_event(request: Request) -> Response:
    """Correct the item's event: any of ``taiwan_party`` (names), ``partners`` (objects with name,
    name_en, country, level) and ``event_type``; each given field is stored as a correction (newest wins)."""
    item_id = int(request.path_params["item_id"])
    body = await _body(request)
    name = reviewer(request)
    fields = {key: body[key] for key in CORRECTABLE if body.get(key) is not None}
    if not fields:
        raise HTTPException(400, f"give at least one of {', '.join(CORRECTABLE)}")

    def work(session: Session) -> dict[str, Any]:
        event_store.record_event_correction(session, item_id, name, **fields)
        return _detail(session, item_id)

    return _json(await in_session(request, work))


async def items_bulk(request: Request) -> Response:
    body = await _body(request)
    raw_ids = body.get("ids")
    ids = forms.item_ids(raw_ids if isinstance(raw_ids, list) else [])
    action = str(body.get("action", ""))
    name = reviewer(request)
    count = await in_session(request, lambda session: label_store.record_bulk(session, ids, action, name))
    return _json({"updated": count, "action": action})


async def feeds_list(request: Request) -> Response:
    return _json({"feeds": await in_session(request, feed_store.feed_health)})


async def digests_list(request: Request) -> Response:
    return _json({"runs": await in_session(request, digest_store.digest_runs)})


async def model_get(request: Request) -> Response:
    state = state_of(request)
    versions = await in_session(request, model_store.model_versions)
    last = state.retrain_results[-1] if state.retrain_results else None
    return _json(
        {
            "versions": versions,
            "active": next((v.version for v in versions if v.active), None),
            "last_retrain": last,
        }
    )


async def retrain(request: Request) -> Response:
    return _json(await run_retrain(state_of(request), gettext_of(request)))


async def labels_jsonl(request: Request) -> Response:
    return await labels_export(state_of(request))
