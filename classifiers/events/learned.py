"""A learned event-type model beside the rules, used only when it measurably beats them.

Reviewers correct the event type of items; once there are enough corrections, a small classifier learns
the type from them:

    examples = [(title, text, "hosted_visit"), ...]          # reviewed items (our service keeps them)
    choice = choose_event_type_model(examples)                # pure: trains, measures, decides
    choice.model          # an EventTypeModel when it beat the rules on held-out examples, else None
    choice.learned_accuracy, choice.rules_accuracy, choice.reason
    event_type = choice.model.predict(title, text) if choice.model else extract_event(...).event_type
    event = apply_learned_type(extract_event(title, text), choice.model, title, text)  # the same, as an Event

The model: character 1-3-gram TF-IDF of the folded title and first 600 characters (the same reading the
rules get), then a class-balanced linear SVM (fits
in well under a second on a few hundred examples). The decision rule: at least ``MIN_EXAMPLES`` (30)
examples of at least ``MIN_TYPES`` (2) types; then ``FOLDS``-fold cross-validation, each held-out
example predicted by a model trained without it and by the rules; the model is chosen only when its
held-out accuracy is higher than the rules' (ties keep the rules: they explain themselves with evidence).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.pipeline import Pipeline, make_pipeline
from sklearn.svm import LinearSVC

from classifiers.events.extract import extract_event
from classifiers.events.text import read
from classifiers.events.types import LEARNED_TYPE, Event, EventType, Evidence

MIN_EXAMPLES = 30
MIN_TYPES = 2
FOLDS = 5
_READ_CHARS = 600

Example = tuple[str | None, str, str]  # title, text, event type (an EventType value)


def _document(title: str | None, text: str) -> str:
    reading = read(title, text)
    return reading.folded[: reading.title_end + _READ_CHARS]


@dataclass
class EventTypeModel:
    """A fitted event-type classifier; ``predict`` returns an EventType."""

    pipeline: Pipeline
    examples: int

    def predict(self, title: str | None, text: str) -> EventType:
        return EventType(str(self.pipeline.predict([_document(title, text)])[0]))

    def predict_many(self, items: Sequence[tuple[str | None, str]]) -> list[EventType]:
        labels = self.pipeline.predict([_document(title, text) for title, text in items])
        return [EventType(str(label)) for label in labels]


def _pipeline() -> Pipeline:
    return make_pipeline(
        TfidfVectorizer(analyzer="char", ngram_range=(1, 3), sublinear_tf=True, max_features=30000),
        LinearSVC(class_weight="balanced", C=1.0),
    )


def train_event_type(examples: Sequence[Example]) -> EventTypeModel:
    """Fit a model on reviewed examples (title, text, event type). Needs two types at least."""
    types = {EventType(kind) for _, _, kind in examples}
    if len(types) < MIN_TYPES:
        raise ValueError(f"need examples of at least {MIN_TYPES} event types, got {len(types)}")
    pipeline = _pipeline()
    pipeline.fit(
        [_document(title, text) for title, text, _ in examples], [str(EventType(k)) for _, _, k in examples]
    )
    return EventTypeModel(pipeline, len(examples))


def _rules(title: str | None, text: str) -> EventType:
    return extract_event(title, text).event_type


@dataclass(frozen=True, slots=True)
class Choice:
    """What ``choose_event_type_model`` decided and why (accuracies are on held-out examples)."""

    model: EventTypeModel | None
    learned_accuracy: float | None
    rules_accuracy: float | None
    examples: int
    reason: str


def cross_validated(
    examples: Sequence[Example], rules: Callable[[str | None, str], EventType] = _rules, folds: int = FOLDS
) -> tuple[float, float]:
    """(learned, rules) accuracy over ``folds`` folds; example i is held out in fold i % folds."""
    right_learned = right_rules = 0
    for fold in range(folds):
        train = [e for i, e in enumerate(examples) if i % folds != fold]
        held = [e for i, e in enumerate(examples) if i % folds == fold]
        if not held:
            continue
        if len({kind for _, _, kind in train}) < MIN_TYPES:
            predicted = [EventType(train[0][2])] * len(held) if train else [EventType.OTHER] * len(held)
        else:
            predicted = train_event_type(train).predict_many([(t, x) for t, x, _ in held])
        for (title, text, kind), guess in zip(held, predicted, strict=True):
            right_learned += guess == EventType(kind)
            right_rules += rules(title, text) == EventType(kind)
    return right_learned / len(examples), right_rules / len(examples)


def choose_event_type_model(
    examples: Sequence[Example], rules: Callable[[str | None, str], EventType] = _rules
) -> Choice:
    """Train and keep a learned model only when there are enough examples and it beats the rules."""
    counts = Counter(str(EventType(kind)) for _, _, kind in examples)
    if len(examples) < MIN_EXAMPLES or len(counts) < MIN_TYPES:
        return Choice(
            None,
            None,
            None,
            len(examples),
            f"rules: {len(examples)} reviewed examples of {len(counts)} types "
            f"(a learned model needs {MIN_EXAMPLES} of {MIN_TYPES})",
        )
    learned, by_rules = cross_validated(examples, rules)
    if learned > by_rules:
        return Choice(
            train_event_type(examples),
            learned,
            by_rules,
            len(examples),
            f"learned: held-out accuracy {learned:.3f} beats the rules' {by_rules:.3f}",
        )
    return Choice(
        None,
        learned,
        by_rules,
        len(examples),
        f"rules: held-out accuracy {by_rules:.3f} >= learned {learned:.3f}",
    )


def apply_learned_type(event: Event, model: EventTypeModel | None, title: str | None, text: str) -> Event:
    """The event with the learned model's type (none: unchanged). Where it differs from the rules', the
    rules' phrase is no longer the reason: an evidence entry of field ``LEARNED_TYPE`` (no text, no span)
    says so instead."""
    if model is None:
        return event
    kind = model.predict(title, text)
    if kind == event.event_type:
        return event
    evidence = tuple(e for e in event.evidence if e.field != "event_type")
    return replace(event, event_type=kind, evidence=(*evidence, Evidence(LEARNED_TYPE, "")))
