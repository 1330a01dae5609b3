"""The relevance model: a two-stage cascade of calibrated logistic regressions per label (taiwan_japan,
city_diplomacy).

Stage 1 (every item, cheap): character 1-3-gram TF-IDF plus the soft evidence features (evidence.py).
Items it scores below SCREEN_BELOW for both labels are decided there: the obvious majority of ordinary news.
Stage 2 (the rest): the same features plus a multilingual sentence embedding of the title and lead
(embeddings.py), which carries meaning across Chinese, Japanese and English where character n-grams learnt
from mostly Chinese examples do not. ``relevant`` is either label. Thresholds are passed in (the service
reads them from config), never baked into the artifact.

Why these parts (bench/classify_ablation.py, README "Classification" for the table): the hard evidence gates
that capped scores at 0.2 were replaced by learned evidence features (the gates bought precision on our own
data but cost about a tenth of the recall on unseen news); the embedding view raised cold and warm F1 and
Japanese most of all.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray
from scipy import sparse
from sklearn.calibration import CalibratedClassifierCV
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import FeatureUnion, Pipeline

from classifiers.analysis import Analysed, Doc, analyse
from classifiers.embeddings import embed
from classifiers.errors import ModelError
from classifiers.events import EventTypeModel, extract_event
from classifiers.evidence import EvidenceFeatures, event_vector, evidence_of
from classifiers.features import BodyText, CharTfidf
from classifiers.gazetteer import Gazetteer
from classifiers.parties import Parties, extract_parties

LABELS: tuple[str, str] = ("taiwan_japan", "city_diplomacy")
ALL_LABELS: tuple[str, str, str] = ("taiwan_japan", "city_diplomacy", "relevant")
# The probability at or above which a label is set (the service's default for classify.thresholds), chosen
# on dev's cold figure (the bundled model, as every installation starts), with the hand-written training
# items: relevant F1 0.964 at 0.3 and 0.35, 0.960 at 0.4 to 0.5. Warm prefers 0.5 by one item (0.979 against
# 0.975). Of the two best, the higher, for precision.
DEFAULT_THRESHOLDS: dict[str, float] = {"taiwan_japan": 0.35, "city_diplomacy": 0.35}
# Weights of the views beside the TF-IDF rows (each row L2-normalised): chosen by the ablation, cold and warm.
EVIDENCE_WEIGHT = 0.1
EMBEDDING_WEIGHT = 0.5
# The events stage's reading (evidence.event_vector: an interaction and its type, party and partner found,
# partner level) as stage-2 features, at this weight. Chosen by the ablation (README): 0.1 against 0.05, 0.15
# and 0.3. A model records the weight it was trained with (metadata "event_weight"; absent: 0), so a model
# trained before keeps predicting with the columns it knows.
EVENT_WEIGHT = 0.1
# Stage 1 decides an item when both labels score below this; the rest go to stage 2 (with embeddings and the
# events stage's reading). Measured 2026-12-07 on dev, same model and folds: at 0.2 (before) cold relevant F1
# 0.964 (ja 0.941), warm 0.975; at 0.05 cold 0.968 (ja 0.971), warm 0.979, the same as sending every item to
# stage 2: items stage 1 scored 0.05-0.2 that stage 2 reads right (a Japanese report of Taiwan's quake
# donations). The stream's 18 flagged items and 3 false alarms are unchanged; stage 2 reads 47 of its 2,694
# items instead of 32.
SCREEN_BELOW = 0.05
# Real labelled news counts this many times a template item (measured: warm relevant F1 0.975 at 1, 0.979 at 3
# and at 6, same folds).
REAL_WEIGHT = 3.0
_TOP_FEATURES = 6
_TERM_KINDS_SHOWN = ("pact", "action", "tj_relation", "forum")
_ENTITY_KINDS_SHOWN = frozenset(
    {
        "tw_city",
        "tw_place",
        "tw_person",
        "tw_national",
        "jp_pref",
        "jp_city",
        "jp_actor",
        "foreign_city",
        "country",
        "pact",
        "action",
        "tj_relation",
        "forum",
    }
)


@dataclass(frozen=True)
class Prediction:
    """The model's answer for one document."""

    scores: dict[str, float]
    labels: dict[str, bool]
    entities: list[dict[str, Any]]
    taiwan_party: str | None
    partner: str | None
    partner_country: str | None
    why: dict[str, Any] = field(default_factory=dict)
    evidence: list[dict[str, Any]] = field(default_factory=list)
    stage: int = 1

    @property
    def relevant(self) -> bool:
        return self.labels["relevant"]

    @property
    def score(self) -> float:
        """The calibrated probability that the item is relevant (the higher of the two labels')."""
        return self.scores["relevant"]

    def to_dict(self) -> dict[str, Any]:
        return {
            "scores": self.scores,
            "labels": self.labels,
            "score": self.score,
            "evidence": self.evidence,
            "entities": self.entities,
            "taiwan_party": self.taiwan_party,
            "partner": self.partner,
            "partner_country": self.partner_country,
            "stage": self.stage,
            "why": self.why,
        }


def _features() -> FeatureUnion:
    chars = Pipeline(
        [
            ("body", BodyText()),
            (
                "tfidf",
                CharTfidf(
                    analyzer="char",
                    ngram_range=(1, 3),
                    min_df=2,
                    sublinear_tf=True,
                    max_features=60000,
                    lowercase=False,  # normalize() has lowercased already
                    dtype=np.float32,
                ),
            ),
        ]
    )
    return FeatureUnion([("chars", chars), ("evidence", EvidenceFeatures(EVIDENCE_WEIGHT))])


def with_embeddings(
    matrix: sparse.spmatrix, docs: Sequence[Analysed], raw: Sequence[Doc], event_weight: float
) -> sparse.csr_matrix:
    """Stage 2's matrix: stage 1's features with the weighted sentence embedding of each document, and the
    events stage's reading when ``event_weight`` is not 0."""
    vectors = embed([doc.body for doc in docs]) * np.float32(EMBEDDING_WEIGHT)
    blocks = [matrix, sparse.csr_matrix(vectors)]
    if event_weight:
        events = np.vstack([event_vector(doc.title, doc.text) for doc in raw]) * np.float32(event_weight)
        blocks.append(sparse.csr_matrix(events))
    return sparse.csr_matrix(sparse.hstack(blocks, format="csr"))


def _classifier(n_examples: int, n_positive: int) -> CalibratedClassifierCV:
    # liblinear: ~3x faster than lbfgs on these sparse, wide matrices; 3 calibration folds keep
    # training around a second per label on the bundled set.
    folds = max(2, min(3, n_positive, n_examples - n_positive))
    base = LogisticRegression(C=10.0, class_weight="balanced", max_iter=2000, solver="liblinear")
    return CalibratedClassifierCV(base, method="sigmoid", cv=folds, ensemble=False)


class Model:
    """A fitted feature union, the two stages' calibrated classifiers per label, and the metadata."""

    def __init__(
        self,
        features: FeatureUnion,
        classifiers: dict[str, CalibratedClassifierCV],
        metadata: dict[str, Any],
        screen: dict[str, CalibratedClassifierCV],
        event_type: EventTypeModel | None = None,
    ) -> None:
        self.features = features
        self.classifiers = classifiers  # stage 2: features + embedding
        self.screen = screen  # stage 1: features only
        self.metadata = metadata
        # the event type learnt from reviewers' corrections, when it beat the rules (metadata "event_type")
        self.event_type = event_type
        self._names: NDArray[np.str_] | None = None

    @property
    def event_weight(self) -> float:
        """The weight of the events stage's features this model was trained with (0: not used)."""
        return float(self.metadata.get("event_weight", 0.0))

    @property
    def version(self) -> str:
        return str(self.metadata.get("version", "unversioned"))

    def _feature_names(self) -> NDArray[np.str_]:
        if self._names is None:
            self._names = self.features.get_feature_names_out()
        return self._names

    def analyse(self, docs: Iterable[Doc | Mapping[str, Any]]) -> list[Analysed]:
        gazetteer = Gazetteer.load()
        return [analyse(Doc.of(doc), gazetteer) for doc in docs]

    def _cascade(
        self, matrix: sparse.csr_matrix, analysed: Sequence[Analysed], raw: Sequence[Doc]
    ) -> tuple[dict[str, NDArray[np.float64]], NDArray[Any]]:
        probs = {label: self.screen[label].predict_proba(matrix)[:, 1] for label in LABELS}
        stage = np.ones(len(analysed), dtype=int)
        uncertain = np.flatnonzero(np.maximum(*(probs[label] for label in LABELS)) >= SCREEN_BELOW)
        if len(uncertain):
            rows = with_embeddings(
                matrix[uncertain],
                [analysed[int(i)] for i in uncertain],
                [raw[int(i)] for i in uncertain],
                self.event_weight,
            )
            for label in LABELS:
                probs[label][uncertain] = self.classifiers[label].predict_proba(rows)[:, 1]
            stage[uncertain] = 2
        return probs, stage

    def predict(
        self,
        docs: Sequence[Doc | Mapping[str, Any]],
        thresholds: Mapping[str, float] | None = None,
        explain: bool = True,
    ) -> list[Prediction]:
        """Predictions for documents (objects with ``title`` and ``text``), in order."""
        limits = {**DEFAULT_THRESHOLDS, **(thresholds or {})}
        analysed = self.analyse(docs)
        if not analysed:
            return []
        matrix = sparse.csr_matrix(self.features.transform(analysed))
        probs, stages = self._cascade(matrix, analysed, [Doc.of(doc) for doc in docs])
        # Per-feature contributions (value x stage-1 weight), a debug view (people read the evidence): only
        # for the items stage 2 decided, at once, sliced per row below; an obvious negative needs none.
        second = np.flatnonzero(stages == 2) if explain else np.zeros(0, dtype=int)
        position = {int(row): index for index, row in enumerate(second)}
        contributions = {
            label: sparse.csr_matrix(matrix[second].multiply(_coefficients(self.screen[label])))
            for label in LABELS
        }
        gazetteer = Gazetteer.load()
        predictions = []
        for row, doc in enumerate(analysed):
            scores = {label: round(float(probs[label][row]), 4) for label in LABELS}
            scores["relevant"] = max(scores["taiwan_japan"], scores["city_diplomacy"])
            labels = {label: scores[label] >= limits[label] for label in LABELS}
            labels["relevant"] = labels["taiwan_japan"] or labels["city_diplomacy"]
            parties = extract_parties(doc, gazetteer)
            why: dict[str, Any] = {}
            if explain:
                if row in position:
                    why = self._explain(contributions, position[row])
                why["terms"] = sorted({e.surface for e in doc.entities if e.kind in _TERM_KINDS_SHOWN})
                why["reasons"] = _reasons(parties, gazetteer, doc)
            predictions.append(
                Prediction(
                    scores=scores,
                    labels=labels,
                    entities=_entities(doc),
                    taiwan_party=parties.taiwan_party,
                    partner=parties.partner,
                    partner_country=parties.partner_country,
                    why=why,
                    evidence=_evidence(docs[row], doc, labels["relevant"]) if explain else [],
                    stage=int(stages[row]),
                )
            )
        return predictions

    def _explain(self, contributions: Mapping[str, sparse.csr_matrix], row: int) -> dict[str, Any]:
        """Top features pushing each label up, as (feature, contribution) pairs."""
        names = self._feature_names()
        why: dict[str, Any] = {}
        for label in LABELS:
            batch = contributions[label]
            start, end = batch.indptr[row], batch.indptr[row + 1]
            values, columns = batch.data[start:end], batch.indices[start:end]
            top = (
                np.argpartition(-values, _TOP_FEATURES)[:_TOP_FEATURES]
                if len(values) > _TOP_FEATURES
                else None
            )
            order = top[np.argsort(-values[top])] if top is not None else np.argsort(-values)
            why[label] = [
                [_readable(str(names[columns[i]])), round(float(values[i]), 3)]
                for i in order
                if values[i] > 0
            ]
        return why


def _evidence(source: Doc | Mapping[str, Any], doc: Analysed, relevant: bool) -> list[dict[str, Any]]:
    """For a relevant item, the events stage's evidence first (who, with whom, what, when: the fields it
    filled, spans indexing title + newline + text as given), then this model's (parties, act, context;
    spans in the normalised text). An events-stage failure leaves only the model's evidence."""
    ours = evidence_of(doc)
    if not relevant:
        return ours
    original = Doc.of(source)
    try:
        event = extract_event(original.title, original.text)
    except Exception:  # the events stage is rule code over arbitrary text: never lose a prediction to it
        return ours
    theirs = [
        {
            "role": item.field,
            "text": item.text,
            "span": None if item.start is None else [item.start, item.end],
            "source": "events",
        }
        for item in event.evidence
    ]
    return theirs + ours


def _reasons(parties: Parties, gazetteer: Gazetteer, doc: Analysed) -> list[str]:
    """Short human-readable reasons: who with whom, and the exchange terms found."""
    reasons = []
    if parties.taiwan_party and parties.partner:
        pair = f"{parties.taiwan_party} ↔ {parties.partner}"
        if gazetteer.is_sister_pair(parties.taiwan_party, parties.partner):
            pair += " (known partner cities)"
        reasons.append(pair)
    elif parties.partner_country and parties.partner_country != "Taiwan":
        reasons.append(f"{parties.taiwan_party or 'Taiwan'} ↔ {parties.partner_country}")
    terms = dict.fromkeys(
        e.surface for e in doc.entities if e.kind in ("pact", "action", "tj_relation", "forum")
    )
    reasons.extend(list(terms)[:4])
    return reasons


def _coefficients(classifier: CalibratedClassifierCV) -> NDArray[np.float64]:
    estimator = classifier.calibrated_classifiers_[0].estimator
    coef: NDArray[np.float64] = estimator.coef_[0]
    return coef


def _readable(name: str) -> str:
    """'chars__tfidf__締盟' -> 'chars:締盟', 'evidence__japan_lead' -> 'evidence:japan_lead'."""
    prefix, _, rest = name.partition("__tfidf__")
    if rest:
        return f"{prefix}:{rest}"
    prefix, _, rest = name.partition("__")
    return f"{prefix}:{rest}" if rest else name


def _entities(doc: Analysed) -> list[dict[str, Any]]:
    seen: set[tuple[str, str]] = set()
    out = []
    for entity in doc.entities:
        key = (entity.kind, entity.name)
        if entity.kind in _ENTITY_KINDS_SHOWN and key not in seen:
            seen.add(key)
            out.append(entity.to_dict())
    return out


def label_of(example: Mapping[str, Any], label: str) -> bool:
    """An example's value for a label; ``relevant`` defaults to either of the two."""
    if label == "relevant" and "relevant" not in example:
        return bool(example.get("taiwan_japan")) or bool(example.get("city_diplomacy"))
    value = example.get(label)
    if value is None:
        raise ModelError(f"training example {example.get('id', '?')} has no '{label}' label")
    return bool(value)


def data_hash(examples: Sequence[Mapping[str, Any]]) -> str:
    """A stable hash of the training data (texts and labels), recorded in the model's metadata."""
    digest = hashlib.sha256()
    for example in examples:
        record = [example.get("title"), example.get("text"), *(label_of(example, label) for label in LABELS)]
        digest.update(json.dumps(record, ensure_ascii=False).encode())
    return digest.hexdigest()


def example_weight(example: Mapping[str, Any]) -> float:
    """How much one training example counts: our own template items (they carry a ``kind``) once, real
    labelled news (reviewers' labels, --data files) REAL_WEIGHT times: there are few of them, and they are
    the distribution the model meets."""
    return 1.0 if example.get("kind") else REAL_WEIGHT


def fit(
    examples: Sequence[Mapping[str, Any]],
) -> tuple[FeatureUnion, dict[str, CalibratedClassifierCV], dict[str, CalibratedClassifierCV]]:
    """Fit the feature union, then per label the stage-2 classifier (with embeddings) and the stage-1 one."""
    if len(examples) < 10:
        raise ModelError(f"need at least 10 training examples, got {len(examples)}")
    gazetteer = Gazetteer.load()
    analysed = [analyse(Doc.of(example), gazetteer) for example in examples]
    features = _features()
    matrix = sparse.csr_matrix(features.fit_transform(analysed))
    targets = {}
    for label in LABELS:
        y = np.array([label_of(example, label) for example in examples], dtype=int)
        positives = int(y.sum())
        if positives < 2 or positives > len(y) - 2:
            raise ModelError(f"label {label} needs at least 2 positive and 2 negative examples")
        targets[label] = y
    weights = np.array([example_weight(example) for example in examples])
    full = with_embeddings(matrix, analysed, [Doc.of(example) for example in examples], EVENT_WEIGHT)
    classifiers = {
        label: _classifier(len(y), int(y.sum())).fit(full, y, sample_weight=weights)
        for label, y in targets.items()
    }
    screen = {
        label: _classifier(len(y), int(y.sum())).fit(matrix, y, sample_weight=weights)
        for label, y in targets.items()
    }
    return features, classifiers, screen
