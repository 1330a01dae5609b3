"""Events stage benchmark: speed and quality, ours beside the old party extraction measured in the same run.

    .venv/bin/python bench/events.py              # 3 passes over each corpus
    .venv/bin/python bench/events.py --passes 1
    .venv/bin/python bench/events.py --errors partner_city,event_type   # also list the wrong items

Speed: items per CPU second (time.process_time) of ``extract_event(title, text, published)`` beside the
baseline ``classifiers.parties.extract_parties`` (with the normalisation and gazetteer matching it needs:
``analyse`` + ``extract_parties``), on ../shared/data/labelled/dev.jsonl (351 items, 300-900 characters)
and on the ordinary stream ../shared/data/unlabelled/taiwanstat_news_2017.jsonl (2,694 full articles;
both stages read the first 1,000 characters). Warm: the gazetteers are loaded before timing; the load
time is printed apart (wall seconds, once per process).

Quality: per field and language, ours beside the baseline scored the same way
(classifiers.events.evaluation), on two annotated sets:
- tests/annotations/dev_events.jsonl, our annotation of dev's relevant items: dev is the development set (the
  rules were written while measuring on it), so these are development figures;
- tests/annotations/written_*_events.jsonl, our annotation of the relevant hand-written training items
  (classifiers/data/written_*.jsonl), and tests/annotations/events_batch*.jsonl (items written for the events
  stage, their gold in the same rows), made by people who never saw the stage's output on them: working data
  (their errors are read to find kinds of error to fix in the rules; each batch's one clean figure, taken
  before that, is in tests/annotations/README.md);
and, with ``--heldout`` only, totals on the held-out sets: tests/heldout/fresh*.jsonl, items written and
annotated for measuring alone, by people who never saw the stage's output; their errors are never listed,
and every look at them is recorded in tests/heldout/README.md.
``--errors`` lists the items a field got wrong, gold beside ours (ids and names only, no article text);
``--corpus`` picks the set it lists: dev or the written items (the held-out items' errors are never
listed). Exits 0 with a message when the shared data is absent.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from classifiers import read_jsonl
from classifiers.analysis import Doc, analyse
from classifiers.events import extract_event
from classifiers.events.evaluation import (
    FIELDS,
    EventScores,
    PeopleScore,
    baseline_event,
    compare,
    confusion,
    embedded_gold,
    evaluate,
    published_from_url,
)
from classifiers.events.places import PlaceIndex
from classifiers.events.types import Event
from classifiers.gazetteer import Gazetteer
from classifiers.parties import extract_parties

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "data"
DEV = SHARED / "labelled" / "dev.jsonl"
STREAM = SHARED / "unlabelled" / "taiwanstat_news_2017.jsonl"
GOLD = REPO / "tests" / "annotations" / "dev_events.jsonl"
WRITTEN = sorted((REPO / "classifiers" / "data").glob("written_*.jsonl"))
WRITTEN_GOLD = sorted((REPO / "tests" / "annotations").glob("written_*_events.jsonl"))
# events-only batches: items and their gold in one file
BATCHES = sorted((REPO / "tests" / "annotations").glob("events_batch*.jsonl"))
FRESH = sorted((REPO / "tests" / "heldout").glob("fresh*.jsonl"))  # every set (fresh_, fresh2_ ... fresh8_)


def _ours(row: dict[str, Any]) -> object:
    return extract_event(row.get("title"), str(row.get("text") or ""), row.get("published"), row.get("url"))


def _baseline(row: dict[str, Any]) -> object:
    gazetteer = Gazetteer.load()
    return extract_parties(analyse(Doc(row.get("title"), str(row.get("text") or "")), gazetteer), gazetteer)


def items_per_second(
    run: Callable[[dict[str, Any]], object], rows: list[dict[str, Any]], passes: int
) -> float:
    for row in rows[:20]:
        run(row)
    start = time.process_time()
    for _ in range(passes):
        for row in rows:
            run(row)
    return passes * len(rows) / max(time.process_time() - start, 1e-9)


def _fmt(value: float | None) -> str:
    return "  -  " if value is None else f"{value:.3f}"


def print_quality(ours: EventScores, base: EventScores, title: str) -> None:
    print(f"\nquality on {title}")
    print(f"{'field':16s} {'ours':>6s} {'old':>6s}  n    per language (ours)")
    for name in FIELDS:
        score = ours.fields[name]
        langs = "  ".join(
            f"{lang} {_fmt(table[name].accuracy)} ({table[name].total})"
            for lang, table in sorted(ours.by_lang.items())
        )
        print(
            f"{name:16s} {_fmt(score.accuracy):>6s} {_fmt(base.accuracy(name)):>6s} {score.total:4d}  {langs}"
        )

    def people(table: PeopleScore) -> str:
        return f"P {_fmt(table.precision)} R {_fmt(table.recall)} F1 {_fmt(table.f1)}"

    print(f"\npeople (set of names per item, micro): ours {people(ours.people)}; old: none extracted")
    for lang, table in sorted(ours.people_by_lang.items()):
        print(f"  {lang:8s} {people(table)} ({table.gold} gold names)")
    matrix = confusion(ours)
    kinds = sorted({k for pair in matrix for k in pair})
    print("\nevent type confusion (rows gold, columns ours; first 5 letters)")
    print(" " * 18 + " ".join(f"{k[:5]:>5s}" for k in kinds))
    for gold in kinds:
        print(f"{gold:18s}" + " ".join(f"{matrix.get((gold, k), 0) or '.':>5}" for k in kinds))


def _partners(event: Event) -> str:
    return ", ".join(f"{p.name} ({p.country}, {p.level})" for p in event.partners) or "-"


def print_errors(dev: list[dict[str, Any]], gold: list[dict[str, Any]], fields: list[str]) -> None:
    """Each item a field got wrong: gold beside ours, by field (to work through the errors by kind)."""
    items = {str(row["id"]): row for row in dev}
    print(f"\nerrors in {', '.join(fields)} (gold | ours)")
    for row in gold:
        item = items.get(str(row["id"]))
        if item is None:
            continue
        expected = Event.from_dict(dict(row))
        text = str(item.get("text") or "")
        ours = extract_event(item.get("title"), text, item.get("published"), item.get("url"))
        wrong = [name for name, ok in compare(ours, expected).items() if ok is False and name in fields]
        if not wrong:
            continue
        print(f"{row['id']} {row.get('lang')} wrong: {', '.join(wrong)}")
        print(f"  party    {list(expected.taiwan_party)} | {list(ours.taiwan_party)}")
        print(f"  partners {_partners(expected)} | {_partners(ours)}")
        print(f"  type     {expected.event_type} | {ours.event_type}")
        print(f"  date     {expected.event_date} | {ours.event_date}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0] if __doc__ else None)
    parser.add_argument("--passes", type=int, default=3)
    parser.add_argument("--errors", default="", help="comma-separated fields whose wrong items to list")
    parser.add_argument("--corpus", choices=("dev", "written"), default="dev", help="the set --errors lists")
    parser.add_argument(
        "--heldout",
        action="store_true",
        help="also print totals on the fresh held-out items (record the look)",
    )
    args = parser.parse_args(argv)
    if not DEV.exists() or not STREAM.exists():
        print(f"shared data not found under {SHARED}: nothing to measure")
        return 0
    start = time.perf_counter()
    PlaceIndex.load()
    places_load = time.perf_counter() - start
    start = time.perf_counter()
    Gazetteer.load()
    gazetteer_load = time.perf_counter() - start
    print(
        f"load (wall, once per process): events gazetteer {places_load:.2f} s, "
        f"old gazetteer {gazetteer_load:.2f} s"
    )
    dev = read_jsonl(DEV)
    for row in dev:
        row.setdefault("published", published_from_url(row.get("url")))
    stream = read_jsonl(STREAM)
    print(f"\n{'corpus':28s} {'ours items/s':>13s} {'old items/s':>12s} {'ratio':>6s}")
    for label, rows in (("dev (351 items)", dev), (f"stream ({len(stream):,} articles)", stream)):
        ours = items_per_second(_ours, rows, args.passes)
        old = items_per_second(_baseline, rows, args.passes)
        print(f"{label:28s} {ours:13,.0f} {old:12,.0f} {ours / old:6.2f}")
    written = [row for path in WRITTEN for row in read_jsonl(path)]
    written_gold = [row for path in WRITTEN_GOLD for row in read_jsonl(path)]
    batches = [row for path in BATCHES for row in read_jsonl(path)]
    written += batches
    written_gold += embedded_gold(batches)
    corpora = {
        "dev": (dev, read_jsonl(GOLD), "tests/annotations/dev_events.jsonl (development figures)"),
        "written": (
            written,
            written_gold,
            "the hand-written items' annotation (working data: errors read while fixing the rules)",
        ),
    }
    for items, gold, title in corpora.values():
        print_quality(evaluate(items, gold, extract_event), evaluate(items, gold, baseline_event), title)
    fresh = [row for path in FRESH for row in read_jsonl(path)]
    fresh_gold = embedded_gold(fresh)
    if fresh_gold and args.heldout:
        print("\nheld-out: tests/heldout/fresh*.jsonl (every set), totals only (errors are never listed)")
        for label, scorer in (("ours", extract_event), ("old", baseline_event)):
            scores = evaluate(fresh, fresh_gold, scorer)
            print(
                f"{label:5s} ({len(fresh_gold):3d} items)  "
                + "  ".join(f"{name} {_fmt(scores.accuracy(name))}" for name in FIELDS)
            )
            if label == "ours":
                for lang in sorted({str(row["lang"]) for row in fresh_gold}):
                    print(
                        f"  {lang:8s} "
                        + "  ".join(f"{name} {_fmt(scores.accuracy(name, lang))}" for name in FIELDS)
                    )
    if args.errors:
        items, gold, _ = corpora[args.corpus]
        print_errors(items, gold, [name.strip() for name in args.errors.split(",") if name.strip()])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
