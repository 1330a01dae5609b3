"""The HTML pages: queue, item, feeds, digests, model, login. Forms work without JavaScript;
``static/review.js`` adds keyboard shortcuts and bulk selection."""

from __future__ import annotations

import logging
import math
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from classifiers.events import Event, EventType
from classifiers.similar import nearest
from service.classify import decision_boundary
from service.events import parse_partner_text, parse_value, partner_text
from service.i18n import EVENT_FIELD_NAMES, N_
from service.labels import LABELS, TOPIC_TAGS
from service.models import LOW_EXTRACTION_QUALITY
from service.storage import alerts as alert_store
from service.storage import classifications as model_store
from service.storage import digests as digest_store
from service.storage import events as event_store
from service.storage import feeds as feed_store
from service.storage import items as item_store
from service.storage import labels as label_store
from service.storage import review, search, web_sessions
from service.storage.classifications import activate_model_version
from service.storage.events import EventStoryRow
from service.storage.labels import Reviewed, recently_reviewed
from service.web import forms
from service.web.auth import SESSION_DAYS, safe_next
from service.web.evidence import marked_paragraphs
from service.web.queue_events import same_event, same_event_as
from service.web.retrain import labels_export, run_retrain
from service.web.state import (
    csrf_protected,
    flash,
    gettext_of,
    in_session,
    ngettext_of,
    render,
    reviewer,
    state_of,
)

log = logging.getLogger(__name__)


def routes() -> list[BaseRoute]:
    return [
        Route("/", home, name="home"),
        Route("/healthz", healthz, name="healthz"),
        Route("/login", login_page, methods=["GET"], name="login"),
        Route("/login", csrf_protected(login), methods=["POST"], name="login_post"),
        Route("/logout", csrf_protected(logout), methods=["POST"], name="logout"),
        Route("/queue", queue_page, name="queue"),
        Route("/queue/bulk", csrf_protected(queue_bulk), methods=["POST"], name="queue_bulk"),
        Route("/queue/next", queue_next, name="queue_next"),
        Route("/items/{item_id:id}", item_page, name="item"),
        Route("/items/{item_id:id}/label", csrf_protected(item_label), methods=["POST"], name="item_label"),
        Route(
            "/items/{item_id:id}/confirm",
            csrf_protected(item_confirm),
            methods=["POST"],
            name="item_confirm",
        ),
        Route(
            "/items/{item_id:id}/reject",
            csrf_protected(item_reject),
            methods=["POST"],
            name="item_reject",
        ),
        Route("/items/{item_id:id}/event", csrf_protected(item_event), methods=["POST"], name="item_event"),
        Route("/search", search_page, name="search"),
        Route("/feeds", feeds_page, name="feeds"),
        Route("/extraction", extraction_page, name="extraction"),
        Route("/digests", digests_page, name="digests"),
        Route("/model", model_page, name="model"),
        Route("/model/retrain", csrf_protected(model_retrain), methods=["POST"], name="model_retrain"),
        Route("/model/activate", csrf_protected(model_activate), methods=["POST"], name="model_activate"),
        Route("/labels.jsonl", labels_jsonl, name="labels_export"),
    ]


async def home(request: Request) -> Response:
    return RedirectResponse("/queue", status_code=303)


async def healthz(request: Request) -> Response:
    return PlainTextResponse("ok")


# --- login --------------------------------------------------------------------------------------------


async def login_page(request: Request) -> Response:
    target = safe_next(request.query_params.get("next"), "/queue")
    return render(request, "login.html", {"next": target, "error": None, "name": ""})


async def login(request: Request) -> Response:
    form = await request.form()
    name, password = str(form.get("name", "")).strip(), str(form.get("password", ""))
    target = safe_next(str(form.get("next", "")), "/queue")
    state = state_of(request)
    address = request.client.host if request.client else "unknown"
    wait = state.throttle.wait_seconds(address)
    if wait > 0:
        minutes = max(1, math.ceil(wait / 60))
        ngettext = ngettext_of(request)
        error = ngettext(
            "Too many failed logins from your address: try again in %(num)d minute.",
            "Too many failed logins from your address: try again in %(num)d minutes.",
            minutes,
        ) % {"num": minutes}
        response = render(request, "login.html", {"next": target, "error": error, "name": name}, 429)
        response.headers["Retry-After"] = str(math.ceil(wait))
        return response
    if not name or not await run_in_threadpool(state.accounts.check, name, password):
        state.throttle.failed(address)
        log.warning("failed login for %r from %s", name[:64], address)
        _ = gettext_of(request)
        context = {"next": target, "error": _("Wrong name or password."), "name": name}
        return render(request, "login.html", context, status_code=401)
    state.throttle.succeeded(address)

    def start(session: Session) -> str:
        web_sessions.purge_expired(session)
        return web_sessions.start_session(session, name, SESSION_DAYS * 86400)

    token = await in_session(request, start)
    request.session.clear()  # a new session (and CSRF token) at login: no fixation
    request.session["user"] = name
    request.session["sid"] = token  # the server-side login: logout deletes it, voiding copied cookies
    return RedirectResponse(target, status_code=303)


async def logout(request: Request) -> Response:
    token = request.session.get("sid")
    await in_session(request, lambda session: web_sessions.end_session(session, token))
    request.session.clear()
    return RedirectResponse("/login" if state_of(request).login_required else "/queue", status_code=303)


# --- queue --------------------------------------------------------------------------------------------


async def queue_page(request: Request) -> Response:
    state = state_of(request)
    tz = state.settings.tz
    filters = forms.queue_filters(request.query_params, tz)
    limit, offset = forms.page_window(request.query_params)

    def load(session: Session) -> dict[str, Any]:
        boundary = decision_boundary(state.settings)
        page = review.review_queue(session, filters, limit, offset, boundary=boundary)
        return {
            "page": page,
            "outlets": state.outlets(session),
            "reviewed_count": label_store.reviewed_count(session),
            "same_event": same_event(session, page.rows, tz),
            "events": event_store.effective_events(session, [row.id for row in page.rows]),
        }

    data = await in_session(request, load)
    params = dict(request.query_params)
    here = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    context = {
        **data,
        "filters": filters,
        "params": params,
        "here": here,
        "labels": LABELS,
        "prev_url": _with(request, offset=max(0, offset - limit)) if offset else None,
        "next_url": _with(request, offset=offset + limit) if data["page"].has_next else None,
    }
    return render(request, "queue.html", context)


def _with(request: Request, **changes: int) -> str:
    url = request.url.include_query_params(**changes)
    return f"{url.path}?{url.query}"


async def queue_bulk(request: Request) -> Response:
    form = await request.form()
    ids = forms.item_ids(list(form.getlist("ids")))
    action = str(form.get("action", ""))
    name = reviewer(request)
    count = await in_session(request, lambda session: label_store.record_bulk(session, ids, action, name))
    flash(request, _bulk_done(request, count, action))
    return RedirectResponse(safe_next(str(form.get("next", "")), "/queue"), status_code=303)


def _bulk_done(request: Request, count: int, action: str) -> str:
    """``3 items: not relevant``, in the interface language (the action as the bulk menu names it)."""
    _ = gettext_of(request)
    names = {"confirm": N_("Confirm labels shown"), "not_relevant": N_("Not relevant"), **TOPIC_TAGS}
    ngettext = ngettext_of(request)
    done = ngettext("%(num)d item: %(action)s", "%(num)d items: %(action)s", count)
    return done % {"num": count, "action": _(names.get(action, action))}


async def queue_next(request: Request) -> Response:
    after = forms.integer(request.query_params, "after", None)
    boundary = decision_boundary(state_of(request).settings)
    ahead = await in_session(
        request, lambda session: review.adjacent_in_queue(session, after or 0, boundary=boundary)
    )
    if not ahead:
        _ = gettext_of(request)
        flash(request, _("The queue is empty: every classified item has been reviewed."))
        return RedirectResponse("/queue", status_code=303)
    return RedirectResponse(f"/items/{ahead[0]}", status_code=303)


# --- item ---------------------------------------------------------------------------------------------


async def item_page(request: Request) -> Response:
    """The item, its labels and its event; ``?debug=1`` adds the model's raw features."""
    item_id = int(request.path_params["item_id"])

    tz = state_of(request).settings.tz

    def load(
        session: Session,
    ) -> tuple[review.ItemDetail, event_store.EventView, list[EventStoryRow], list[tuple[Reviewed, float]]]:
        detail = review.item_detail(session, item_id)
        others = same_event_as(session, item_id, detail.published_at, tz)
        return detail, event_store.event_view(session, item_id), others, nearest_reviewed(session, detail)

    detail, event, others, nearest = await in_session(request, load)
    back = safe_next(request.query_params.get("back"), "/queue")
    context = {
        "item": detail,
        "labels": LABELS,
        "back": back,
        "here": f"/items/{item_id}",
        "event": event,
        "same_event": others,
        "paragraphs": marked_paragraphs(detail.text, event.effective.evidence if event.effective else ()),
        "event_types": [kind.value for kind in EventType],
        "partner_text": partner_text,
        "debug": request.query_params.get("debug") == "1",
        "low_extraction_quality": LOW_EXTRACTION_QUALITY,
        "nearest": nearest,
    }
    return render(request, "item.html", context)


NEAREST = 5


def nearest_reviewed(session: Session, detail: review.ItemDetail) -> list[tuple[Reviewed, float]]:
    """The reviewed items most like this one (not itself nor its story's copies), with what people
    decided on them: part of the explanation, beside the evidence and the score."""
    copies = {member.item_id for member in detail.members} | {detail.id}
    candidates = [r for r in recently_reviewed(session) if r.id not in copies]
    by_id = {r.id: r for r in candidates}
    found = nearest(detail.title, detail.text or "", [(r.id, r.title, r.lead) for r in candidates], NEAREST)
    return [(by_id[item_id], similarity) for item_id, similarity in found]


async def item_event(request: Request) -> Response:
    """A reviewer's correction of the event: party (names split at commas), partners (one line, see
    ``service.events.partner_text``), event type. Only fields that differ from the event shown are stored."""
    item_id = int(request.path_params["item_id"])
    form = await request.form()
    party = parse_value("taiwan_party", str(form.get("taiwan_party", "")))
    partners = parse_partner_text(str(form.get("partners", "")))
    kind = parse_value("event_type", str(form.get("event_type", "")))
    name = reviewer(request)

    def work(session: Session) -> list[str]:
        shown = event_store.event_view(session, item_id).effective or Event()
        new_party = party if party != shown.taiwan_party else None
        new_partners = partners if partners != shown.partners else None
        new_kind = kind if kind is not shown.event_type else None
        event_store.record_event_correction(
            session, item_id, name, taiwan_party=new_party, partners=new_partners, event_type=new_kind
        )
        changed = {"taiwan_party": new_party, "partners": new_partners, "event_type": new_kind}
        return [field for field, value in changed.items() if value is not None]

    changed = await in_session(request, work)
    flash(request, _event_saved(request, changed))
    return RedirectResponse(safe_next(str(form.get("next", "")), f"/items/{item_id}"), status_code=303)


def _event_saved(request: Request, changed: list[str]) -> str:
    _ = gettext_of(request)
    if not changed:
        return _("event unchanged: nothing stored")
    fields = _(", ").join(_(EVENT_FIELD_NAMES.get(field, field)) for field in changed)
    return _("event corrected: %(fields)s") % {"fields": fields}


async def item_label(request: Request) -> Response:
    item_id = int(request.path_params["item_id"])
    form = await request.form()
    label = forms.label_name(form.get("label"))
    value = forms.boolean(form.get("value"))
    name = reviewer(request)
    await in_session(request, lambda session: label_store.record_label(session, item_id, label, value, name))
    return _after_label(request, item_id, str(form.get("next", "")))


async def item_confirm(request: Request) -> Response:
    item_id = int(request.path_params["item_id"])
    form = await request.form()
    name = reviewer(request)
    await in_session(request, lambda session: label_store.confirm_model(session, item_id, name))
    return _after_label(request, item_id, str(form.get("next", "")))


async def item_reject(request: Request) -> Response:
    """Not relevant: neither topic."""
    item_id = int(request.path_params["item_id"])
    form = await request.form()
    name = reviewer(request)
    await in_session(
        request, lambda session: label_store.record_label(session, item_id, "relevant", False, name)
    )
    return _after_label(request, item_id, str(form.get("next", "")))


def _after_label(request: Request, item_id: int, target: str) -> Response:
    if target == "next":
        return RedirectResponse(f"/queue/next?after={item_id}", status_code=303)
    return RedirectResponse(safe_next(target, f"/items/{item_id}"), status_code=303)


# --- search ---------------------------------------------------------------------------------------------


async def search_page(request: Request) -> Response:
    state = state_of(request)
    query, filters = forms.search_request(request.query_params, state.settings.tz)
    limit, offset = forms.page_window(request.query_params)

    def load(session: Session) -> dict[str, Any]:
        return {
            "result": search.search_items(session, query, filters, limit=limit, offset=offset),
            "outlets": state.outlets(session),
        }

    data = await in_session(request, load)
    page = data["result"]
    context = {
        **data,
        "query": query,
        "params": dict(request.query_params),
        "labels": LABELS,
        "event_types": [str(kind) for kind in EventType],
        "prev_url": _with(request, offset=max(0, offset - limit)) if offset else None,
        "next_url": _with(request, offset=offset + limit) if offset + limit < page.total else None,
    }
    return render(request, "search.html", context)


# --- feeds, digests, model ------------------------------------------------------------------------------


async def feeds_page(request: Request) -> Response:
    """Every feed with its health; a feed polled without error but with no new entry in
    ``polling.silent_days`` is marked silent (often a feed that moved), as ``newsmon status`` counts it."""
    days = state_of(request).settings.polling.silent_days

    def load(session: Session) -> dict[str, Any]:
        quiet = alert_store.silent_feeds(session, datetime.now(UTC) - timedelta(days=days))
        return {
            "feeds": feed_store.feed_health(session),
            "silent": {feed.feed_id: feed.since for feed in quiet},
        }

    data = await in_session(request, load)
    return render(request, "feeds.html", {**data, "silent_days": days})


async def extraction_page(request: Request) -> Response:
    """Check extraction: items whose extraction quality is below ``LOW_EXTRACTION_QUALITY``, lowest first."""
    rows = await in_session(request, item_store.low_quality_extractions)
    return render(request, "extraction.html", {"rows": rows, "threshold": LOW_EXTRACTION_QUALITY})


async def digests_page(request: Request) -> Response:
    state = state_of(request)
    preview_html: str | None = None
    preview_error: str | None = None
    runs = await in_session(request, digest_store.digest_runs)
    if state.digest_preview is not None:
        try:
            preview_html = await run_in_threadpool(state.digest_preview, state.engine, state.settings)
        except Exception as exc:  # the page must still show past runs when the preview fails
            log.warning("digest preview failed", exc_info=True)
            preview_error = f"{exc.__class__.__name__}: {exc}"
    context = {"runs": runs, "preview_html": preview_html, "preview_error": preview_error}
    return render(request, "digests.html", context)


async def model_page(request: Request) -> Response:
    state = state_of(request)

    def load(session: Session) -> dict[str, Any]:
        return {
            "versions": model_store.model_versions(session),
            "label_count": label_store.count_labels(session),
        }

    data = await in_session(request, load)
    last = state.retrain_results[-1] if state.retrain_results else None
    said = last.text(gettext_of(request)) if last is not None else ""  # the verdict, in the page's language
    active = next((v for v in data["versions"] if v.active), None)
    return render(request, "model.html", {**data, "last": last, "last_said": said, "active": active})


async def model_retrain(request: Request) -> Response:
    result = await run_retrain(state_of(request), gettext_of(request))
    _ = gettext_of(request)
    fallback = _("new model activated") if result.activated else _("kept the current model")
    flash(request, result.text(_) or fallback)
    return RedirectResponse("/model", status_code=303)


async def model_activate(request: Request) -> Response:
    """A person activates a version by hand (the retraining rule never activates an uncompared one)."""
    _ = gettext_of(request)
    version = str((await request.form()).get("version") or "")
    found = await in_session(request, lambda session: activate_model_version(session, version))
    if not found:
        raise HTTPException(404, _("no model version %(version)r") % {"version": version})
    log.info("model %s activated by %s", version, reviewer(request))
    flash(request, _("activated %(version)s") % {"version": version})
    return RedirectResponse("/model", status_code=303)


async def labels_jsonl(request: Request) -> Response:
    return await labels_export(state_of(request))
