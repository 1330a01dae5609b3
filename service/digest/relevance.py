"""Which items and stories a digest keeps: relevance, per item and per story.

Per item, ``service.labels.decide`` (the label rule, shared with the review UI and the training export):
the newest reviewer label per (item, label) wins over the model. A story (a dedup cluster; an item not
clustered yet is its own story) is kept when one of its new items is relevant, unless a reviewer marked one
of its items not relevant and none relevant: a human "no" on any copy speaks for the story. An item the
model scored just below a threshold, and nobody judged, is a "maybe". Pure functions of storage's rows.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence

from service.labels import Verdict, decide
from service.storage.digests import CandidateRow

StoryKey = tuple[str, int]  # ("cluster", cluster id), or ("item", item id) for an item not clustered yet
KeptStories = dict[StoryKey, list[tuple[CandidateRow, Verdict]]]


def verdict_of(row: CandidateRow, human: Mapping[str, bool]) -> Verdict:
    """The item's effective labels (``service.labels.decide``); an unclassified row has no model verdict."""
    model = None if row.relevant is None else {**row.labels, "relevant": row.relevant}
    return decide(human, model, row.scores)


def is_maybe(
    row: CandidateRow, human: Mapping[str, bool], thresholds: Mapping[str, float], margin: float
) -> bool:
    """Not relevant, not judged by a person, and within ``margin`` below a label's threshold."""
    if human or row.relevant is None or row.relevant:
        return False
    return any(
        threshold - margin <= row.scores.get(topic, 0.0) < threshold
        for topic, threshold in thresholds.items()
    )


def story_key(row: CandidateRow) -> StoryKey:
    return ("cluster", row.cluster_id) if row.cluster_id is not None else ("item", row.item_id)


def relevant_groups(
    candidates: Sequence[CandidateRow], human: Mapping[int, Mapping[str, bool]]
) -> KeptStories:
    """New items grouped by story, for the stories the verdicts keep (a human "no" vetoes, see above)."""
    groups: KeptStories = defaultdict(list)
    for row in candidates:
        groups[story_key(row)].append((row, verdict_of(row, human.get(row.item_id, {}))))
    kept = {}
    for key, rows in groups.items():
        if not any(verdict.relevant for _, verdict in rows):
            continue
        if any(v.human_no for _, v in rows) and not any(v.human_yes for _, v in rows):
            continue
        kept[key] = rows
    return kept
