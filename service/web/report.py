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
from service.web.state import render, state_of

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


def _day(value: str | None, name: str, default: date) -> date:
    if not value:
        return default
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise HTTPException(400, f"{name}: {value[:40]!r} is not a date (YYYY-MM-DD)") from None


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
        first=_day(params.get("from"), "from", first),
        last=_day(params.get("to"), "to", last),
        heading=(params.get("heading") or "").strip()[:100] or DEFAULT_HEADING,
    )
    if chosen.last < chosen.first:
        raise HTTPException(400, f"to: {chosen.last} is before from: {chosen.first}")
    if (chosen.last - chosen.first).days > MAX_DAYS:
        raise HTTPException(400, f"the period is longer than {MAX_DAYS} days")
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
    if fmt not in FORMATS:
        raise HTTPException(400, f"format: {fmt[:20]!r} is not one of {', '.join(FORMATS)}")
    if not chosen.party:
        raise HTTPException(400, "party: give the Taiwanese party of the chapter (高雄市, 臺南市 ...)")
    chapter = await _chapter(request, chosen)
    body = await run_in_threadpool(render_chapter, chapter, fmt)
    name = f"國際事務-{chapter.party}-{chapter.first:%Y%m%d}-{chapter.last:%Y%m%d}.{fmt}"
    fallback = f"international-affairs-{chapter.first:%Y%m%d}-{chapter.last:%Y%m%d}.{fmt}"
    disposition = f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"
    return Response(body, media_type=MEDIA_TYPES[fmt], headers={"content-disposition": disposition})
