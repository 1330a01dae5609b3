"""The chapter as CSV (pure): one row per entry, with its sources; cells a spreadsheet would run as a
formula are made text (the period report's ``safe_cell``)."""

from __future__ import annotations

import csv
import io

from service.chapter.compose import chinese_number, clean, partner_label
from service.chapter.types import Chapter, Entry
from service.dates import roc_date
from service.digest.report import safe_cell

COLUMNS = (
    "section",
    "entry",
    "date_roc",
    "date",
    "event_type",
    "heading",
    "paragraph",
    "partners",
    "partner_countries",
    "people",
    "delegation_size",
    "source_count",
    "sources",
    "urls",
    "item_ids",
    "reviewed",
)


def to_csv(chapter: Chapter) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for section in chapter.sections:
        for entry in section.entries:
            writer.writerow([safe_cell(value) for value in _row(section.title, entry)])
    return out.getvalue()


def _row(section: str, entry: Entry) -> tuple[object, ...]:
    item = entry.event
    event = item.event
    return (
        section,
        f"（{chinese_number(entry.number)}）",
        roc_date(item.day),
        item.day.isoformat(),
        str(event.event_type),
        entry.heading,
        entry.paragraph,
        "; ".join(partner_label(p) for p in event.partners),
        "; ".join(dict.fromkeys(p.country for p in event.partners)),
        "; ".join(clean(f"{p.body or ''} {p.title or ''} {p.name}") for p in event.people),
        event.delegation_size if event.delegation_size is not None else "",
        len(item.sources),
        "; ".join(f"{clean(s.outlet)} {roc_date(s.published)}" for s in item.sources),
        " ".join(s.url or "" for s in item.sources).strip(),
        " ".join(str(i) for i in item.item_ids),
        "yes" if item.reviewed else "no",
    )
