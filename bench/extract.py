"""Extraction benchmark: ours beside trafilatura (default and favor_precision), measured in one run.

    /work/venv/bin/python bench/extract.py [--sets twnews_tw,cwced] [--json out.json]

For every shared set (``../shared/data/extraction``) and extractor: bag-of-characters F1, precision, recall
and clutter share (``bench/metrics.py``), the Zyte benchmark's own F1 on ``zyte``, and pages per second.
Pages are decoded once with our ``decode_bytes`` and handed to every extractor as the same string, with the
page URL. The extractors run interleaved page by page (in rotating order), so load from other processes on
the machine falls on all of them alike; the speed ratio is against trafilatura's default in the same run.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import trafilatura  # the baseline; service code reaches trafilatura only via service/reader/extract.py

from bench.extraction_data import SETS, available, evaluated_text, load_set
from bench.metrics import score_pages, zyte_scores
from service.reader.charset import decode_bytes
from service.reader.extract import extract_article

Extractor = Callable[[str, str | None, str], str]


def ours(html: str, url: str | None, set_name: str) -> str:
    article = extract_article(html, url)
    return evaluated_text(set_name, article.text, article.byline)


def trafilatura_default(html: str, url: str | None, set_name: str) -> str:
    return trafilatura.extract(html, url=url) or ""


def trafilatura_precision(html: str, url: str | None, set_name: str) -> str:
    return trafilatura.extract(html, url=url, favor_precision=True) or ""


EXTRACTORS: dict[str, Extractor] = {
    "ours": ours,
    "trafilatura": trafilatura_default,
    "trafilatura-precision": trafilatura_precision,
}
BASELINE = "trafilatura"


@dataclass
class Row:
    set_name: str
    extractor: str
    pages: int
    f1: float
    precision: float
    recall: float
    clutter: float
    pages_per_second: float
    zyte_f1: float | None = None
    zyte_precision: float | None = None
    zyte_recall: float | None = None


def run_set(set_name: str) -> list[Row]:
    pages = load_set(set_name)
    decoded = [(decode_bytes(page.body)[0], page) for page in pages]
    outputs: dict[str, list[tuple[str, str]]] = {name: [] for name in EXTRACTORS}
    seconds = dict.fromkeys(EXTRACTORS, 0.0)
    names = list(EXTRACTORS)
    if decoded:  # warm up: one-off set-up costs (stop lists, caches) are not per-page speed
        for name in names:
            EXTRACTORS[name](decoded[0][0], decoded[0][1].url, set_name)
    for index, (html, page) in enumerate(decoded):
        shift = index % len(names)
        for name in names[shift:] + names[:shift]:
            started = time.perf_counter()
            text = EXTRACTORS[name](html, page.url, set_name)
            seconds[name] += time.perf_counter() - started
            outputs[name].append((text, page.gold))
    rows = []
    for name in names:
        counts = score_pages(outputs[name])
        row = Row(
            set_name,
            name,
            len(pages),
            counts.f1,
            counts.precision,
            counts.recall,
            counts.clutter_share,
            len(pages) / seconds[name] if seconds[name] else 0.0,
        )
        if set_name == "zyte":
            zyte = zyte_scores(outputs[name])
            row.zyte_f1, row.zyte_precision, row.zyte_recall = zyte.f1, zyte.precision, zyte.recall
        rows.append(row)
    return rows


def format_table(rows: list[Row]) -> str:
    header = (
        f"{'set':<15} {'extractor':<22} {'pages':>5} {'F1':>6} {'P':>6} {'R':>6} {'clutter':>8} "
        f"{'pages/s':>8} {'F1 x':>6} {'speed x':>8} {'zyte F1':>8}"
    )
    lines = [header, "-" * len(header)]
    base = {r.set_name: r for r in rows if r.extractor == BASELINE}
    for r in rows:
        b = base[r.set_name]
        f1_ratio = r.f1 / b.f1 if b.f1 else 0.0
        speed_ratio = r.pages_per_second / b.pages_per_second if b.pages_per_second else 0.0
        zyte = f"{r.zyte_f1:.3f}" if r.zyte_f1 is not None else "-"
        lines.append(
            f"{r.set_name:<15} {r.extractor:<22} {r.pages:>5} {r.f1:>6.3f} {r.precision:>6.3f} "
            f"{r.recall:>6.3f} {r.clutter:>7.1%} {r.pages_per_second:>8.1f} {f1_ratio:>6.3f} "
            f"{speed_ratio:>8.2f} {zyte:>8}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", default=",".join(SETS), help="comma-separated set names")
    parser.add_argument("--json", type=Path, help="also write the rows as JSON to this file")
    args = parser.parse_args(argv)
    if not available():
        print("shared extraction data not found (../shared/data/extraction): nothing to measure")
        return 0
    rows: list[Row] = []
    for set_name in args.sets.split(","):
        rows += run_set(set_name.strip())
        print(f"measured {set_name}", file=sys.stderr)
    print(format_table(rows))
    if args.json:
        args.json.write_text(json.dumps([asdict(r) for r in rows], indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
