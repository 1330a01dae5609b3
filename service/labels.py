"""The label rule: what an item's labels are, once the model and the reviewers have spoken.

One definition for the digest, the report, the review UI (item page, confirm), the training export and
future alerts; pure (no database, no settings). Also the topic list, its titles and its tags.

Labels: two topics, ``taiwan_japan`` and ``city_diplomacy``, and ``relevant``, which means "either topic".
Inputs: the model's labels (and scores, for choosing a topic), and the reviewers' decisions, the newest
per label (a person's decision on a label always replaces the model's on that label).

The rule, in order:

1. A person's "not relevant" wins: the item is not relevant and has no topic (their topic decisions, if
   any, are overruled; the review UI never stores such a mix, see ``storage.labels.record_label``).
2. Each topic is the person's decision where there is one, else the model's (a person's "not relevant"
   makes an undecided topic "no").
3. ``relevant`` is the person's decision where there is one; else, when a person decided a topic, it
   follows the topics (the model says Taiwan–Japan, a reviewer says "taiwan_japan = no" and nothing
   else: not relevant); else the model's.
4. Relevant without a topic (a person said "relevant" but not which topic): the model's stronger topic
   among those no person rejected is taken, and the verdict says the topic was guessed (``topic_guessed``;
   the training export leaves such an item out, since it cannot say which topic the person meant).

``human_no`` / ``human_yes`` say whether a person rejected or accepted the item; the digest uses them
to let a person's "no" on one copy speak for the whole story.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal, get_args

Topic = Literal["taiwan_japan", "city_diplomacy"]
Label = Literal["taiwan_japan", "city_diplomacy", "relevant"]

TOPICS: tuple[Topic, ...] = get_args(Topic)
LABELS: tuple[Label, ...] = get_args(Label)
TOPIC_TITLES: dict[str, str] = {
    "taiwan_japan": "Taiwan–Japan 台日關係",
    "city_diplomacy": "City diplomacy 城市外交",
}
# Topic tags double as the msgids of the topics' names in every interface language (service/locale).
TOPIC_TAGS: dict[str, str] = {"taiwan_japan": "Taiwan–Japan", "city_diplomacy": "City diplomacy"}
# Event types (classifiers.events.types.EventType values) -> English names, the msgids of their names in
# every interface language (service/locale: 外賓來訪, 簽署協定 ...). tests/test_i18n.py checks both lists.
EVENT_TYPE_NAMES: dict[str, str] = {
    "agreement": "Agreement",
    "visit_abroad": "Visit abroad",
    "hosted_visit": "Hosted visit",
    "forum": "Forum",
    "donation": "Donation",
    "exchange_programme": "Exchange programme",
    "policy_statement": "Policy statement",
    "trade_investment": "Trade and investment",
    "anniversary": "Anniversary",
    "video_call": "Video call",
    "other": "Other",
}


@dataclass(frozen=True)
class Verdict:
    """An item's effective labels, and who set them."""

    relevant: bool
    topics: tuple[Topic, ...]  # in TOPICS order; empty when not relevant
    by_reviewer: bool  # a person decided at least one label
    human_no: bool  # a person said "not relevant", or rejected every topic without saying "relevant"
    human_yes: bool  # a person said "relevant" or accepted a topic
    topic_guessed: bool = False  # relevant by a person's word, topic taken from the model's scores
    complete: bool = True  # every topic known, from a person or from the model

    @property
    def labels(self) -> dict[str, bool]:
        """The three labels, in ``LABELS`` order."""
        found: dict[str, bool] = {topic: topic in self.topics for topic in TOPICS}
        found["relevant"] = self.relevant
        return found


def model_labels(labels: Mapping[str, bool], relevant: bool | None = None) -> dict[str, bool]:
    """The model's three labels from a classification's ``labels`` (and its ``relevant`` column, if known):
    ``relevant`` is the column, else the stored label, else either topic."""
    found: dict[str, bool] = {topic: bool(labels.get(topic, False)) for topic in TOPICS}
    if relevant is None:
        relevant = bool(labels["relevant"]) if "relevant" in labels else any(found.values())
    found["relevant"] = bool(relevant)
    return found


def strongest_topic(scores: Mapping[str, float], rejected: Mapping[str, bool] | None = None) -> Topic:
    """The topic with the highest model score, skipping topics a person rejected (first topic on ties)."""
    open_topics = [topic for topic in TOPICS if not rejected or rejected.get(topic) is not False]
    return max(open_topics or TOPICS, key=lambda topic: scores.get(topic, 0.0))


def primary_topic(topics: Sequence[str]) -> str:
    """Where a story is listed when it has both topics: city diplomacy (a Taiwanese city dealing with a
    Japanese prefecture or city is city diplomacy by definition; Taiwan–Japan holds national relations)."""
    return "city_diplomacy" if "city_diplomacy" in topics else topics[0]


def decide(
    human: Mapping[str, bool],
    model: Mapping[str, bool] | None = None,
    scores: Mapping[str, float] | None = None,
) -> Verdict:
    """The effective labels (see the module docstring for the rule).

    ``human``: the newest decision per label (keys outside ``LABELS`` are ignored). ``model``: the model's
    labels (topics, optionally ``relevant``), None when the item is not classified. ``scores``: the model's
    per-topic scores, used only to choose a topic a person did not name.
    """
    said: dict[str, bool] = {name: bool(human[name]) for name in LABELS if name in human}
    said_no = said.get("relevant") is False
    known: dict[Topic, bool | None] = {}
    for topic in TOPICS:
        if topic in said:
            known[topic] = said[topic]
        elif said_no:
            known[topic] = False
        elif model is not None:
            known[topic] = bool(model.get(topic, False))
        else:
            known[topic] = None
    topics = tuple(topic for topic in TOPICS if known[topic])
    if "relevant" in said:
        relevant = said["relevant"]
    elif any(topic in said for topic in TOPICS):
        relevant = bool(topics)
    elif model is not None:
        relevant = bool(model["relevant"]) if "relevant" in model else bool(topics)
    else:
        relevant = False
    guessed = False
    if relevant and not topics:
        topics = (strongest_topic(scores or {}, said),)
        guessed = True
    return Verdict(
        relevant=relevant,
        topics=topics if relevant else (),
        by_reviewer=bool(said),
        human_no=said_no or ("relevant" not in said and all(said.get(topic) is False for topic in TOPICS)),
        human_yes=said.get("relevant") is True or any(said.get(topic) is True for topic in TOPICS),
        topic_guessed=guessed and relevant,
        complete=all(value is not None for value in known.values()),
    )


def training_labels(human: Mapping[str, bool], model: Mapping[str, bool] | None) -> dict[str, bool] | None:
    """A reviewed item's labels as a training example, or None when the example would be a guess: a topic
    nobody decided and no model verdict, or "relevant" said yes with no topic named by anyone."""
    verdict = decide(human, model)
    if not verdict.complete or verdict.topic_guessed:
        return None
    return verdict.labels
