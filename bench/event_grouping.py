"""Event grouping benchmark: how well ``group_events`` joins the write-ups of one event, beside a text-only
grouping measured in the same run.

    .venv/bin/python bench/event_grouping.py

Data: the relevant items of ../shared/data/labelled/dev.jsonl (the development set: these are development
figures). Gold: ``story_id`` (items reporting the same event). Copies (``dup_of``) are folded into their
original first, as dedup does before grouping. Events: our annotation (tests/annotations/dev_events.jsonl:
the grouping rule alone) and the events stage's output (``extract_event``: extraction and grouping
together). Dev items carry no publication date, so every story gets the same one. Two readings, neither the
service's: with the event dates written in the text (an undated write-up then looks years away from a dated
one, so joins are missed), and with every date dropped (nothing separates the same parties' events of
different years, so false joins are likelier than in the service, where publication dates differ).

Baseline: single-link grouping of stories whose texts are similar (the same character-bigram overlap
``group_events`` uses as its tie-breaker, at 0.5), what a news reader's "related stories" does. Metric:
pairwise precision and recall over items (bench/dedup_eval.pairwise). Exits 0 with a message when the
shared data is absent.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.dedup_eval import pairwise
from classifiers import read_jsonl
from classifiers.events import Event, extract_event
from service.digest.events import StoryFacts, _grams, _similarity, group_events

REPO = Path(__file__).resolve().parents[1]
DEV = REPO.parent / "shared" / "data" / "labelled" / "dev.jsonl"
ANNOTATION = REPO / "tests" / "annotations" / "dev_events.jsonl"
PUBLISHED = datetime(2026, 1, 1, 4, tzinfo=UTC)
BASELINE_TEXT = 0.5


def _root(item_id: str, dup_of: dict[str, str]) -> str:
    seen = set()
    while item_id in dup_of and item_id not in seen:
        seen.add(item_id)
        item_id = dup_of[item_id]
    return item_id


def stories(rows: Sequence[dict[str, object]], events: dict[str, Event | None]) -> dict[str, StoryFacts]:
    """One story per original (copies folded in), keyed by the original's id."""
    found: dict[str, StoryFacts] = {}
    for row in rows:
        key = str(row["id"])
        title = row.get("title") if isinstance(row.get("title"), str) else None
        found[key] = StoryFacts(key, events.get(key), PUBLISHED, title, str(row.get("text") or ""))  # type: ignore[arg-type]
    return found


def text_only(facts: Sequence[StoryFacts]) -> list[list[StoryFacts]]:
    """The baseline: single-link groups of stories whose texts overlap at BASELINE_TEXT or more."""
    grams = [_grams(f"{f.title or ''}\n{(f.text or '')[:400]}") for f in facts]
    parent = list(range(len(facts)))

    def find(index: int) -> int:
        while parent[index] != index:
            parent[index] = parent[parent[index]]
            index = parent[index]
        return index

    for i in range(len(facts)):
        for j in range(i + 1, len(facts)):
            if _similarity(grams[i], grams[j]) >= BASELINE_TEXT:
                parent[find(i)] = find(j)
    groups: dict[int, list[StoryFacts]] = {}
    for index, fact in enumerate(facts):
        groups.setdefault(find(index), []).append(fact)
    return list(groups.values())


def score(
    groups: Sequence[Sequence[StoryFacts]], members: dict[str, list[str]], gold: dict[str, str]
) -> tuple[float, float, float, int]:
    predicted = {
        item: number
        for number, group in enumerate(groups)
        for fact in group
        for item in members[str(fact.key)]
    }
    result = pairwise(gold, predicted)
    f1 = (
        2 * result.precision * result.recall / (result.precision + result.recall)
        if result.correct_pairs
        else 0.0
    )
    return result.precision, result.recall, f1, len(groups)


def main() -> int:
    if not DEV.exists():
        print(f"evaluation data not present: {DEV}")
        return 0
    rows = [row for row in read_jsonl(DEV) if row.get("relevant")]
    dup_of = {str(r["id"]): str(r["dup_of"]) for r in rows if r.get("dup_of")}
    members: dict[str, list[str]] = {}
    for row in rows:
        members.setdefault(_root(str(row["id"]), dup_of), []).append(str(row["id"]))
    originals = [row for row in rows if str(row["id"]) in members]
    gold = {str(r["id"]): str(r.get("story_id") or f"alone:{r['id']}") for r in rows}  # no story_id: alone
    annotated = {str(a["id"]): Event.from_dict(a) for a in read_jsonl(ANNOTATION)}
    extracted: dict[str, Event | None] = {}
    for row in originals:
        title = row.get("title") if isinstance(row.get("title"), str) else None
        extracted[str(row["id"])] = extract_event(title, str(row.get("text") or ""), published=None)  # type: ignore[arg-type]

    def ours(events: dict[str, Event | None]) -> list[list[StoryFacts]]:
        return [list(g.stories) for g in group_events(list(stories(originals, events).values()))]

    def undated(events: dict[str, Event | None]) -> dict[str, Event | None]:
        return {key: replace(e, event_date=None) if e else None for key, e in events.items()}

    runs: list[tuple[str, Callable[[], list[list[StoryFacts]]]]] = [
        ("ours, annotated events", lambda: ours(dict(annotated))),
        ("ours, annotated, dates dropped", lambda: ours(undated(dict(annotated)))),
        ("ours, extracted events", lambda: ours(extracted)),
        ("ours, extracted, dates dropped", lambda: ours(undated(extracted))),
        ("text only (baseline)", lambda: text_only(list(stories(originals, {}).values()))),
    ]
    shared = Counter(str(r["story_id"]) for r in rows if r.get("story_id"))
    print(
        f"{len(rows)} relevant dev items, {len(originals)} stories after folding copies, "
        f"{len(set(gold.values()))} gold events ({len(shared)} shared by {sum(shared.values())} items)"
    )
    print(f"{'grouping':<34}{'P':>7}{'R':>7}{'F1':>7}{'groups':>8}   F1 / baseline")
    figures = [(name, score(run(), members, gold)) for name, run in runs]
    base_f1 = figures[-1][1][2]
    for name, (precision, recall, f1, count) in figures:
        ratio = f"{f1 / base_f1:.2f}x" if base_f1 else "-"
        print(f"{name:<34}{precision:>7.3f}{recall:>7.3f}{f1:>7.3f}{count:>8}   {ratio}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
