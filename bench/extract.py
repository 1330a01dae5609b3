"""Extraction benchmark: ours beside trafilatura (default and favor_precision), measured in one run.

    .venv/bin/python bench/extract.py [--sets twnews_tw,cwced] [--json out.json]

For every shared set (``../shared/data/extraction``) and extractor: bag-of-characters F1, precision, recall
and clutter share (``bench/metrics.py``), the Zyte benchmark's own F1 on ``zyte``, pages per second, and
"lost prose": lines of the gold that read as running prose (``recall_guard.is_prose``) of which the output
holds less than half (character pairs). After the table, the per-page regression list names every page where
ours is more than 0.2 F1 below the better of trafilatura default and favor_precision.
Pages are decoded once with our ``decode_bytes`` and handed to every extractor as the same string, with the
page URL. The extractors run interleaved page by page (in rotating order), so load from other processes on
the machine falls on all of them alike; the speed ratio is against trafilatura's default in the same run.
"CPU ms" is process CPU time per page (``time.process_time``), which other processes' load disturbs less
than wall time; "CPU x" is trafilatura default's CPU time per page over the extractor's.
The machine's load average is printed with the table (``os.getloadavg``).

``rs-trafilatura`` (a Rust port, named in issue 19 as a possible base extractor) is not measured: it does
not install on the Python 3.11 here (checked 2026-12-06).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import trafilatura  # the baseline; service code reaches trafilatura only via service/extraction/extract.py

from bench.extraction_data import SETS, available, evaluated_text, load_set
from bench.metrics import score_page, score_pages, tokens, zyte_scores
from service.extraction.extract import extract_article
from service.extraction.recall_guard import is_prose
from service.reader.charset import decode_bytes

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
    cpu_ms_per_page: float = 0.0
    zyte_f1: float | None = None
    zyte_precision: float | None = None
    zyte_recall: float | None = None
    lost_prose: int = 0
    gold_prose: int = 0


@dataclass
class Regression:
    set_name: str
    page_id: str
    ours_f1: float
    best_f1: float
    best: str
    ours_precision: float
    ours_recall: float
    lost_prose: int


REGRESSION_MARGIN = 0.2
LOST_SHARE = 0.5  # a gold prose line counts as lost when less than half of its character pairs are output


def _pairs(text: str) -> set[str]:
    chars = "".join(tokens(text, cjk=True))
    return {chars[i : i + 2] for i in range(len(chars) - 1)}


def lost_prose(output: str, gold: str) -> tuple[int, int]:
    """(gold prose lines the output lacks, gold prose lines)."""
    have = _pairs(output)
    lines = [line for line in gold.splitlines() if is_prose(line.strip())]
    lost = 0
    for line in lines:
        pairs = _pairs(line)
        if pairs and len(pairs & have) < LOST_SHARE * len(pairs):
            lost += 1
    return lost, len(lines)


def regressions(
    set_name: str, page_ids: list[str], outputs: dict[str, list[tuple[str, str]]]
) -> list[Regression]:
    found = []
    for index, page_id in enumerate(page_ids):
        ours = score_page(*outputs["ours"][index])
        best_name = max(BASELINES, key=lambda name: score_page(*outputs[name][index]).f1)
        best = score_page(*outputs[best_name][index]).f1
        if ours.f1 < best - REGRESSION_MARGIN:
            lost, _ = lost_prose(*outputs["ours"][index])
            found.append(
                Regression(set_name, page_id, ours.f1, best, best_name, ours.precision, ours.recall, lost)
            )
    return found


BASELINES = ("trafilatura", "trafilatura-precision")


def run_set(set_name: str, found: list[Regression] | None = None) -> list[Row]:
    pages = load_set(set_name)
    decoded = [(decode_bytes(page.body)[0], page) for page in pages]
    outputs: dict[str, list[tuple[str, str]]] = {name: [] for name in EXTRACTORS}
    seconds = dict.fromkeys(EXTRACTORS, 0.0)
    cpu = dict.fromkeys(EXTRACTORS, 0.0)
    names = list(EXTRACTORS)
    if decoded:  # warm up: one-off set-up costs (stop lists, caches) are not per-page speed
        for name in names:
            EXTRACTORS[name](decoded[0][0], decoded[0][1].url, set_name)
    for index, (html, page) in enumerate(decoded):
        shift = index % len(names)
        for name in names[shift:] + names[:shift]:
            started, started_cpu = time.perf_counter(), time.process_time()
            text = EXTRACTORS[name](html, page.url, set_name)
            seconds[name] += time.perf_counter() - started
            cpu[name] += time.process_time() - started_cpu
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
            1000 * cpu[name] / len(pages) if pages else 0.0,
        )
        if set_name == "zyte":
            zyte = zyte_scores(outputs[name])
            row.zyte_f1, row.zyte_precision, row.zyte_recall = zyte.f1, zyte.precision, zyte.recall
        for output, gold in outputs[name]:
            lost, total = lost_prose(output, gold)
            row.lost_prose += lost
            row.gold_prose += total
        rows.append(row)
    if found is not None:
        found += regressions(set_name, [page.page_id for page in pages], outputs)
    return rows


def format_table(rows: list[Row]) -> str:
    header = (
        f"{'set':<15} {'extractor':<22} {'pages':>5} {'F1':>6} {'P':>6} {'R':>6} {'clutter':>8} "
        f"{'pages/s':>8} {'F1 x':>6} {'speed x':>8} {'CPU ms':>7} {'CPU x':>6} {'zyte F1':>8} "
        f"{'lost prose':>11}"
    )
    lines = [header, "-" * len(header)]
    base = {r.set_name: r for r in rows if r.extractor == BASELINE}
    for r in rows:
        b = base[r.set_name]
        f1_ratio = r.f1 / b.f1 if b.f1 else 0.0
        speed_ratio = r.pages_per_second / b.pages_per_second if b.pages_per_second else 0.0
        cpu_ratio = b.cpu_ms_per_page / r.cpu_ms_per_page if r.cpu_ms_per_page else 0.0
        zyte = f"{r.zyte_f1:.3f}" if r.zyte_f1 is not None else "-"
        lines.append(
            f"{r.set_name:<15} {r.extractor:<22} {r.pages:>5} {r.f1:>6.3f} {r.precision:>6.3f} "
            f"{r.recall:>6.3f} {r.clutter:>7.1%} {r.pages_per_second:>8.1f} {f1_ratio:>6.3f} "
            f"{speed_ratio:>8.2f} {r.cpu_ms_per_page:>7.1f} {cpu_ratio:>6.2f} {zyte:>8} "
            f"{f'{r.lost_prose}/{r.gold_prose}':>11}"
        )
    return "\n".join(lines)


def format_regressions(found: list[Regression]) -> str:
    lines = [
        f"\npages where ours is more than {REGRESSION_MARGIN} F1 below the better baseline: {len(found)}"
    ]
    for r in found:
        lines.append(
            f"  {r.set_name}/{r.page_id}: ours {r.ours_f1:.3f} (P {r.ours_precision:.3f}, "
            f"R {r.ours_recall:.3f}, lost prose lines {r.lost_prose}) vs {r.best} {r.best_f1:.3f}"
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
    found: list[Regression] = []
    for set_name in args.sets.split(","):
        rows += run_set(set_name.strip(), found)
        print(f"measured {set_name}", file=sys.stderr)
    print(f"load average at the end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(format_table(rows))
    print(format_regressions(found))
    if args.json:
        report = {"rows": [asdict(r) for r in rows], "regressions": [asdict(r) for r in found]}
        args.json.write_text(json.dumps(report, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
