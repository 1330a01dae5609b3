"""The learned event-type model and the rule that picks it over the rules (our own short examples)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from classifiers.events import LEARNED_TYPE, EventType, extract_event
from classifiers.events.learned import (
    MIN_EXAMPLES,
    apply_learned_type,
    choose_event_type_model,
    train_event_type,
)

DONATIONS = [
    "{city}市府今天將募得的善款轉交日本{place}，協助震災重建。",
    "{city}市民踴躍捐款，市長今天把賑災款交給日本{place}代表。",
    "{city}市議會發起募款，款項今天送交日本{place}災區。",
]
VISITS = [
    "日本{place}知事一行今天來訪{city}，市長在市府接待。",
    "日本{place}議會訪問團今天拜會{city}市長，交換觀光合作意見。",
    "日本{place}副知事率團來台，今天拜會{city}市政府。",
]
CITIES = ["台南", "高雄", "台中", "桃園", "新竹"]
PLACES = ["熊本縣", "石川縣", "岐阜縣", "愛媛縣"]


def examples() -> list[tuple[str | None, str, str]]:
    rows: list[tuple[str | None, str, str]] = []
    for index, (city, place) in enumerate((c, p) for c in CITIES for p in PLACES):
        rows.append((None, DONATIONS[index % 3].format(city=city, place=place), "donation"))
        rows.append((None, VISITS[index % 3].format(city=city, place=place), "hosted_visit"))
    return rows


def test_too_few_examples_keep_the_rules() -> None:
    choice = choose_event_type_model(examples()[: MIN_EXAMPLES - 1])
    assert choice.model is None
    assert "rules" in choice.reason


def test_one_type_only_keeps_the_rules() -> None:
    only_visits = [row for row in examples() if row[2] == "hosted_visit"] * 2
    assert len(only_visits) >= MIN_EXAMPLES
    assert choose_event_type_model(only_visits).model is None


def test_the_learned_model_is_chosen_when_it_beats_the_rules() -> None:
    choice = choose_event_type_model(examples(), rules=lambda title, text: EventType.OTHER)
    assert choice.model is not None
    assert choice.learned_accuracy is not None and choice.rules_accuracy == 0.0
    assert choice.learned_accuracy > 0.9
    assert choice.model.predict(None, "台東縣長今天把縣民捐款交給日本沖繩縣代表。") == EventType.DONATION


def test_rules_that_are_as_good_are_kept() -> None:
    truth = {text: EventType(kind) for _, text, kind in examples()}
    choice = choose_event_type_model(examples(), rules=lambda title, text: truth[text])
    assert choice.model is None
    assert choice.rules_accuracy == 1.0


def test_training_needs_two_types() -> None:
    with pytest.raises(ValueError, match="at least 2"):
        train_event_type([(None, "日本訪問團來訪", "hosted_visit")] * 3)


def test_a_learnt_type_replaces_the_rules_and_says_so() -> None:
    model = train_event_type(examples())
    title, text, _ = examples()[0]
    event = extract_event(title, text)
    assert apply_learned_type(event, None, title, text) is event  # no model: the rules' event
    learnt = apply_learned_type(replace(event, event_type=EventType.OTHER), model, title, text)
    assert learnt.event_type == model.predict(title, text) != EventType.OTHER
    assert [e.field for e in learnt.evidence if e.field.startswith("event_type")] == [LEARNED_TYPE]
    same = apply_learned_type(replace(event, event_type=model.predict(title, text)), model, title, text)
    assert LEARNED_TYPE not in [e.field for e in same.evidence]  # agreeing with the rules changes nothing
