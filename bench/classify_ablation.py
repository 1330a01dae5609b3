"""Ablation of the relevance model's parts: which views earn their place, cold and warm, per language.

    nice -n 10 .venv/bin/python bench/classify_ablation.py [--configs chars,chars+gates,...]

Cold: trained on the bundled set only, scored on ../shared/data/labelled/dev.jsonl (never used to build it).
Warm: 5-fold cross-validation on dev grouped by story (dup_of chains joined), the bundled set added to each
training fold. Baseline: a plain character 1-3-gram TF-IDF + logistic regression trained on the dev folds
alone (warm) or on the bundled set (cold). Thresholds 0.5 throughout. Embeddings are cached in /tmp.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np
from scipy import sparse
from sklearn.model_selection import GroupKFold
from sklearn.pipeline import FeatureUnion

from classifiers import bundled_examples, read_jsonl
from classifiers.analysis import Analysed, Doc, analyse
from classifiers.evaluation import by_language, story_groups, tfidf_baseline
from classifiers.evidence import EvidenceFeatures
from classifiers.gates import GATED_SCORE_CAP, failed_gates
from classifiers.gazetteer import Gazetteer
from classifiers.model import LABELS, _classifier, _features, label_of

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
DEV = SHARED / "labelled" / "dev.jsonl"
CACHE = Path("/tmp/newsmon-embeddings.npz")


def embeddings_for(docs: Sequence[Analysed]) -> np.ndarray:
    from classifiers.embeddings import EMBED_CHARS, embed

    keys = [hashlib.sha1(f"{EMBED_CHARS}:{doc.body}".encode()).hexdigest() for doc in docs]
    cache: dict[str, np.ndarray] = dict(np.load(CACHE)) if CACHE.exists() else {}
    missing = [i for i, key in enumerate(keys) if key not in cache]
    if missing:
        vectors = embed([docs[i].body for i in missing])
        for i, vector in zip(missing, vectors, strict=True):
            cache[keys[i]] = vector
        np.savez(CACHE, **cache)
    return np.vstack([cache[key] for key in keys])


class Variant:
    def __init__(self, name: str) -> None:
        weights = dict([*part.split("@"), "1"][:2] for part in name.split("+"))
        self.name = name
        self.gates = "gates" in weights
        self.evidence = "ev" in weights
        self.embed = "emb" in weights
        self.ev_weight = float(weights.get("ev", 0.3))
        self.emb_weight = float(weights.get("emb", 1.0))

    def matrix(self, features: Any, docs: Sequence[Analysed], fit: bool) -> sparse.csr_matrix:
        blocks = [features.fit_transform(docs) if fit else features.transform(docs)]
        if self.evidence:
            blocks.append(EvidenceFeatures(self.ev_weight).transform(docs))
        if self.embed:
            blocks.append(sparse.csr_matrix(embeddings_for(docs) * self.emb_weight))
        return sparse.csr_matrix(sparse.hstack(blocks))

    def fit_predict(
        self, train: Sequence[Mapping[str, Any]], train_docs: list[Analysed], test_docs: list[Analysed]
    ) -> list[dict[str, bool]]:
        features = FeatureUnion([_features().transformer_list[0]])  # the character n-grams alone
        x = self.matrix(features, train_docs, fit=True)
        xt = self.matrix(features, test_docs, fit=False)
        probs = {}
        for label in LABELS:
            y = np.array([label_of(e, label) for e in train], dtype=int)
            probs[label] = _classifier(len(y), int(y.sum())).fit(x, y).predict_proba(xt)[:, 1]
        out = []
        for row, doc in enumerate(test_docs):
            gates = failed_gates(doc) if self.gates else {}
            labels = {
                label: min(float(probs[label][row]), GATED_SCORE_CAP if label in gates else 1.0) >= 0.5
                for label in LABELS
            }
            labels["relevant"] = labels["taiwan_japan"] or labels["city_diplomacy"]
            out.append(labels)
        return out


def run(configs: list[str]) -> None:
    gazetteer = Gazetteer.load()
    dev, bundled = read_jsonl(DEV), bundled_examples()
    dev_docs = [analyse(Doc.of(e), gazetteer) for e in dev]
    bundled_docs = [analyse(Doc.of(e), gazetteer) for e in bundled]
    folds = list(GroupKFold(n_splits=5).split(dev, groups=story_groups(dev)))
    rows = []
    for name in configs:
        if name == "baseline":
            cold = tfidf_baseline(bundled).predict_labels(dev)
            warm: list[dict[str, bool] | None] = [None] * len(dev)
            for tr, te in folds:
                model = tfidf_baseline([dev[i] for i in tr])
                for i, labels in zip(te, model.predict_labels([dev[i] for i in te]), strict=True):
                    warm[i] = labels
        else:
            variant = Variant(name)
            cold = variant.fit_predict(bundled, bundled_docs, dev_docs)
            warm = [None] * len(dev)
            for tr, te in folds:
                labels_te = variant.fit_predict(
                    bundled + [dev[i] for i in tr],
                    bundled_docs + [dev_docs[i] for i in tr],
                    [dev_docs[i] for i in te],
                )
                for i, labels in zip(te, labels_te, strict=True):
                    warm[i] = labels
        for setting, predicted in (("cold", cold), ("warm", warm)):
            report = by_language(dev, [p for p in predicted if p is not None])
            rows.append((name, setting, report))
            cells = "  ".join(
                f"{lang} " + "/".join(f"{r['relevant'][m]:.3f}" for m in ("precision", "recall", "f1"))
                for lang, r in report.items()
            )
            print(f"{name:22} {setting}  {cells}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--configs", default="baseline,chars,chars+gates,chars+ev,chars+emb,chars+ev+emb")
    args = parser.parse_args()
    run(args.configs.split(","))


if __name__ == "__main__":
    main()
