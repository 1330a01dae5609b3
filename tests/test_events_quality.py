"""Quality gates for the events stage on ../shared/data (skipped when the data or the annotation is absent).

Measured on tests/annotations/dev_events.jsonl (our annotation of the relevant items of dev.jsonl; dev is
the development set, so these are development figures). Floors are pinned at what was measured when they
were set; they are raised when the stage improves and never lowered silently. ``bench/events.py`` prints
the same figures beside the old ``extract_parties``. Issue 14's targets: party >= 0.95, partner country
>= 0.97, partner city >= 0.90, event type >= 0.90, all fields >= 0.85 (met on dev since the third round).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import shared_data

from classifiers import read_jsonl
from classifiers.events import extract_event
from classifiers.events.evaluation import EventScores, baseline_event, evaluate

pytestmark = pytest.mark.quality

GOLD = Path(__file__).resolve().parent / "annotations" / "dev_events.jsonl"

# Measured 2026-12-06 on 143 annotated items (82 with a place partner, 35 with a date), rules only, the
# publication date read from each item's URL as the annotation did: party 0.930, partner country 0.895,
# partner city 0.841, event type 0.874, date 0.800, all fields 0.713 (the old extract_parties, scored the
# same way: 0.608, 0.839, 0.683, 0.084, 0.000, 0.021).
# Re-measured after the second round (people, dates, origins, sister schools), same data and rules only:
# party 0.944, country 0.923, city 0.854, type 0.895, date 0.914, all 0.769.
# Re-measured after the third round (lists and participants, lone countries, dated posts, counterparts,
# postings and publications, gazetteer abroad, branches and former officers, governments beside
# multilateral bodies, places called on, candidates and former holders), same data and rules only:
# party 0.965, country 0.979, city 0.951, type 0.937, date 0.914, all 0.888 (issue 14's dev targets met).
# Re-measured 2026-12-07 after the rules were generalised on the written items' working half
# (tests/test_events_written.py), same data and rules only: party 0.965, country 0.986 (a foreign
# government acting through its agency), city 0.951, type 0.937, date 0.914, all 0.888.
# Re-measured 2026-12-07 (session 5) after the rules read on the sixth to twelfth written batches (never
# on dev): type 0.944 (question time in the lead sentences, c0428), all 0.895, the rest the same.
FLOORS = {
    "taiwan_party": 0.96,
    "partner_country": 0.98,
    "partner_city": 0.95,
    "event_type": 0.94,
    "event_date": 0.91,
    "all": 0.89,
}


# People (set of names per item against the gold names, micro-averaged; not part of "all"). Measured
# 2026-12-06 on the same 143 items (257 gold names), rules only, after the people rules of issue 14's
# second round: precision 0.685, recall 0.712 (before that round: 0.576 and 0.549); after the third
# round (name characters that are stop words, adverbs): 0.716 and 0.728; bureau chiefs beside their head
# are staff, not principals: 0.754 and 0.716 (F1 0.721 -> 0.735). 2026-12-07 (session 4), words that
# follow a title whose holder was named before (町長則說, 代表抵台) and Japanese given names opening with 和
# (片山和之), both kinds read on the written items: 0.770 and 0.732 (on the written items
# 0.768/0.872 -> 0.865/0.894).
PEOPLE_FLOORS = {"precision": 0.77, "recall": 0.73}


@pytest.fixture(scope="module")
def scores_and_baseline() -> tuple[EventScores, EventScores]:
    dev = read_jsonl(shared_data("labelled", "dev.jsonl"))
    if not GOLD.exists():
        pytest.skip(f"annotation not present: {GOLD}")
    gold = read_jsonl(GOLD)
    return evaluate(dev, gold, extract_event), evaluate(dev, gold, baseline_event)


@pytest.mark.parametrize("field", sorted(FLOORS))
def test_field_accuracy_floor(field: str, scores_and_baseline: tuple[EventScores, EventScores]) -> None:
    ours, _ = scores_and_baseline
    accuracy = ours.accuracy(field)
    assert accuracy is not None and accuracy >= FLOORS[field], f"{field}: {accuracy} < floor {FLOORS[field]}"


@pytest.mark.parametrize("measure", sorted(PEOPLE_FLOORS))
def test_people_floor(measure: str, scores_and_baseline: tuple[EventScores, EventScores]) -> None:
    ours, _ = scores_and_baseline
    value = getattr(ours.people, measure)
    assert value is not None and value >= PEOPLE_FLOORS[measure], f"people {measure}: {value}"


@pytest.mark.parametrize("field", ["taiwan_party", "partner_country", "partner_city", "all"])
def test_better_than_the_old_party_extraction(
    field: str, scores_and_baseline: tuple[EventScores, EventScores]
) -> None:
    ours, old = scores_and_baseline
    assert (ours.accuracy(field) or 0.0) > (old.accuracy(field) or 0.0)


def test_every_language_is_measured(scores_and_baseline: tuple[EventScores, EventScores]) -> None:
    ours, _ = scores_and_baseline
    assert {"zh-Hant", "ja", "en"} <= set(ours.by_lang)


def test_places_tsv_is_what_the_generator_builds() -> None:
    """The committed gazetteer is the generator's output from the shared facts and pycountry."""
    pytest.importorskip("pycountry")
    shared = shared_data("gazetteer", "tw_divisions.csv").parents[2]
    from classifiers.gazetteer.build_places import OUTPUT, build

    assert OUTPUT.read_text(encoding="utf-8") == build(shared), (
        "rebuild: python -m classifiers.gazetteer.build_places"
    )
