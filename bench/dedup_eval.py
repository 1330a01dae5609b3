"""Dedup evaluation shared by ``bench/dedup.py`` and ``tests/test_dedup_quality.py``.

Metric (``../shared/README.md``): pairwise precision and recall over items that belong together. A pair
of items is predicted together when they share a cluster, truly together when they share a gold cluster
(synthetic set). Counted from the contingency table, not by enumerating pairs. On the labelled dev set the
gold is partial: every ``dup_of`` pair must share a cluster, and no cluster may join items whose
``story_id`` differs or is missing.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from service.dedup.core import Deduper, Document

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data"
SYNTHETIC = SHARED / "dedup" / "synthetic" / "docs.jsonl"
DEV = SHARED / "labelled" / "dev.jsonl"
STREAM = SHARED / "unlabelled" / "taiwanstat_news_2017.jsonl"


def read_jsonl(path: Path) -> list[dict[str, object]]:
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def _pairs(sizes: Iterable[int]) -> int:
    return sum(n * (n - 1) // 2 for n in sizes)


@dataclass(frozen=True)
class PairScore:
    precision: float
    recall: float
    true_pairs: int
    predicted_pairs: int
    correct_pairs: int


def pairwise(gold: Mapping[str, Hashable], predicted: Mapping[str, Hashable]) -> PairScore:
    """Pairwise precision/recall of ``predicted`` clusters against ``gold`` (both: item id -> cluster)."""
    both = Counter((gold[key], predicted[key]) for key in gold)
    correct = _pairs(both.values())
    true = _pairs(Counter(gold.values()).values())
    found = _pairs(Counter(predicted[key] for key in gold).values())
    return PairScore(correct / found if found else 1.0, correct / true if true else 1.0, true, found, correct)


def synthetic_documents(rows: list[dict[str, object]]) -> list[Document]:
    return [Document(str(r["doc_id"]), str(r["body"]), str(r["title"]), str(r["url"])) for r in rows]


def dev_documents(rows: list[dict[str, object]]) -> list[Document]:
    def text(value: object) -> str | None:
        return value if isinstance(value, str) else None

    return [
        Document(
            str(r["id"]),
            text(r["text"]) or "",
            text(r.get("title")),
            text(r.get("url")),
            text(r.get("source")),
        )
        for r in rows
    ]


def run_deduper(documents: list[Document], deduper: Deduper | None = None) -> dict[str, str]:
    """Item id -> cluster (id of its first item), adding documents in order."""
    deduper = deduper or Deduper()
    return {doc.id: deduper.add(doc).cluster for doc in documents}


@dataclass(frozen=True)
class DevScore:
    dup_pairs: int
    dup_pairs_joined: int
    false_merges: int  # predicted pairs with different or missing story ids
    story_pairs: int
    story_pairs_joined: int
    missed: list[tuple[str, str]]
    merged_wrongly: list[tuple[str, str]]


def dev_score(rows: list[dict[str, object]], predicted: Mapping[str, str]) -> DevScore:
    story = {str(r["id"]): r.get("story_id") for r in rows}
    dups = [(str(r["id"]), str(r["dup_of"])) for r in rows if r.get("dup_of")]
    missed = [(a, b) for a, b in dups if predicted[a] != predicted[b]]
    members: dict[str, list[str]] = {}
    for key, cluster in predicted.items():
        members.setdefault(cluster, []).append(key)
    wrong: list[tuple[str, str]] = []
    for group in members.values():
        for i, a in enumerate(group):
            for b in group[i + 1 :]:
                if story[a] is None or story[a] != story[b]:
                    wrong.append((a, b))
    by_story = Counter(s for s in story.values() if s is not None)
    joined_story = Counter((s, predicted[k]) for k, s in story.items() if s is not None)
    return DevScore(
        dup_pairs=len(dups),
        dup_pairs_joined=len(dups) - len(missed),
        false_merges=len(wrong),
        story_pairs=_pairs(by_story.values()),
        story_pairs_joined=_pairs(joined_story.values()),
        missed=missed,
        merged_wrongly=wrong,
    )
