"""The chapter as Markdown (pure). Every text is escaped; link targets go through ``md_url`` (percent-
encoded inside ``<...>``, http(s) only), so nothing a news site wrote can become HTML or a live link."""

from __future__ import annotations

from service.chapter.compose import OFFICE_ADDITIONS, OFFICE_ADDITIONS_HINT, chinese_number, clean
from service.chapter.types import Chapter, Note, Section
from service.dates import roc_date
from service.digest.report import md_text, md_url


def to_markdown(chapter: Chapter) -> str:
    totals = chapter.totals
    lines = [
        f"# {md_text(chapter.heading)}",
        "",
        md_text(
            f"{chapter.party}｜{chapter.period}｜本稿依新聞報導彙整{totals.events}項活動、"
            f"{totals.sources}則報導，請核校並補充後使用。"
        ),
    ]
    for section in chapter.sections:
        lines += ["", *_section(section)]
    return "\n".join(lines) + "\n"


def _section(section: Section) -> list[str]:
    lines = [f"## {md_text(section.title)}", "", md_text(section.summary)]
    if section.listing:
        lines += ["", md_text(section.listing_title), ""]
        lines += [f"{index}. {md_text(line)}" for index, line in enumerate(section.listing, start=1)]
    notes: list[Note] = []
    for entry in section.entries:
        refs = "".join(f"[^{note.number}]" for note in entry.notes)
        lines += ["", f"### （{chinese_number(entry.number)}）{md_text(entry.heading)}", ""]
        lines.append(f"{md_text(entry.paragraph)}{refs}")
        notes.extend(entry.notes)
    lines += ["", f"> **{OFFICE_ADDITIONS}**{md_text(OFFICE_ADDITIONS_HINT)}"]
    if notes:
        lines += [""] + [f"[^{note.number}]: {_note(note)}" for note in notes]
    return lines


def _note(note: Note) -> str:
    source = note.source
    parts = [md_text(clean(source.outlet) or "（來源不明）"), roc_date(source.published)]
    parts.append(f"〈{md_text(clean(source.title))}〉")
    target = md_url(source.url)
    if target:
        parts.append(target)  # an autolink: percent-encoded, http(s) only
    elif source.url:
        parts.append(md_text(source.url))
    return "，".join(parts)
