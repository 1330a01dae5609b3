"""The chapter report page: ``/report`` previews the 國際事務 chapter of one party for a period (the same
chapter ``newsmon report --party`` writes), ``/report/download`` gives it as Markdown, Word or CSV.
Both sit behind the login like every other page; both only read."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from urllib.parse import quote

from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from service.chapter.compose import DEFAULT_HEADING, OFFICE_ADDITIONS, OFFICE_ADDITIONS_HINT, chinese_number
from service.chapter.load import load_chapter
from service.chapter.render import FORMATS, MEDIA_TYPES, render_chapter
from service.chapter.types import Chapter
from service.dates import roc_date
from service.web.state import gettext_of, render, state_of

MAX_DAYS = 3 * 366  # a period longer than this is refused (a chapter covers half a year)


def routes() -> list[BaseRoute]:
    return [
        Route("/report", report_page, name="report"),
        Route("/report/download", report_download, name="report_download"),
    ]


def _half_year(today: date) -> tuple[date, date]:
    """The half year that contains ``today`` (January–June or July–December)."""
    if today.month <= 6:
        return date(today.year, 1, 1), date(today.year, 6, 30)
    return date(today.year, 7, 1), date(today.year, 12, 31)


def _day(request: Request, name: str, default: date) -> date:
    value = request.query_params.get(name)
    if not value:
        return default
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        _ = gettext_of(request)
        message = _("%(name)s: %(value)r is not a date (YYYY-MM-DD)")
        raise HTTPException(400, message % {"name": name, "value": value[:40]}) from None


@dataclass(frozen=True)
class ChapterRequest:
    """What a report page or download asks for (query parameters party, from, to, heading)."""

    party: str
    first: date
    last: date
    heading: str

    def query(self, **more: str) -> str:
        values = {"party": self.party, "from": self.first.isoformat(), "to": self.last.isoformat()}
        values.update(heading=self.heading, **more)
        return "&".join(f"{key}={quote(value, safe='')}" for key, value in values.items())


def _request(request: Request) -> ChapterRequest:
    params = request.query_params
    first, last = _half_year(datetime.now(state_of(request).settings.tz).date())
    chosen = ChapterRequest(
        party=(params.get("party") or "").strip()[:100],
        first=_day(request, "from", first),
        last=_day(request, "to", last),
        heading=(params.get("heading") or "").strip()[:100] or DEFAULT_HEADING,
    )
    _ = gettext_of(request)
    if chosen.last < chosen.first:
        message = _("to: %(last)s is before from: %(first)s")
        raise HTTPException(400, message % {"last": chosen.last, "first": chosen.first})
    if (chosen.last - chosen.first).days > MAX_DAYS:
        raise HTTPException(400, _("the period is longer than %(days)d days") % {"days": MAX_DAYS})
    return chosen


async def _chapter(request: Request, chosen: ChapterRequest) -> Chapter:
    state = state_of(request)
    return await run_in_threadpool(
        load_chapter, state.engine, state.settings, chosen.party, chosen.first, chosen.last, chosen.heading
    )


async def report_page(request: Request) -> Response:
    chosen = _request(request)
    chapter = await _chapter(request, chosen) if chosen.party else None
    context = {
        "chosen": chosen,
        "chapter": chapter,
        "downloads": [(fmt, f"/report/download?{chosen.query(format=fmt)}") for fmt in FORMATS],
        "numeral": chinese_number,
        "roc_date": roc_date,
        "office_additions": OFFICE_ADDITIONS,
        "office_hint": OFFICE_ADDITIONS_HINT,
    }
    return render(request, "report.html", context)


async def report_download(request: Request) -> Response:
    chosen = _request(request)
    fmt = request.query_params.get("format", "md")
    _ = gettext_of(request)
    if fmt not in FORMATS:
        message = _("format: %(format)r is not one of %(formats)s")
        raise HTTPException(400, message % {"format": fmt[:20], "formats": ", ".join(FORMATS)})
    if not chosen.party:
        raise HTTPException(400, _("party: give the Taiwanese party of the chapter (高雄市, 臺南市 ...)"))
    chapter = await _chapter(request, chosen)
    body = await run_in_threadpool(render_chapter, chapter, fmt)
    name = f"國際事務-{chapter.party}-{chapter.first:%Y%m%d}-{chapter.last:%Y%m%d}.{fmt}"
    fallback = f"international-affairs-{chapter.first:%Y%m%d}-{chapter.last:%Y%m%d}.{fmt}"
    disposition = f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"
    return Response(body, media_type=MEDIA_TYPES[fmt], headers={"content-disposition": disposition})
