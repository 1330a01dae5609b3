"""The reviewed items most like a given one: what a reviewer decided on similar news is part of an
explanation a person can read ("the nearest reviewed items").

Character 1-2-gram TF-IDF of the normalised title and lead, cosine similarity; fitted per call on the
candidates, so it needs no model and follows the reviewers' labels as they are added.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import TypeVar

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from classifiers.normalize import normalize

Key = TypeVar("Key", bound=Hashable)
LEAD_CHARS = 400  # titles and leads carry what a story is about; the rest adds noise and time


def _text(title: str | None, text: str) -> str:
    return normalize(f"{title or ''}\n{text[:LEAD_CHARS]}")


def nearest(
    title: str | None, text: str, candidates: Sequence[tuple[Key, str | None, str]], k: int = 5
) -> list[tuple[Key, float]]:
    """The ``k`` candidates (key, title, text) most similar to the given item, best first, with their
    cosine similarity (0..1); candidates sharing nothing with it are left out."""
    if not candidates or not (title or text):
        return []
    vectorizer = TfidfVectorizer(analyzer="char", ngram_range=(1, 2), sublinear_tf=True, lowercase=False)
    matrix = vectorizer.fit_transform([_text(title, text), *(_text(t, body) for _, t, body in candidates)])
    similarity = (matrix[1:] @ matrix[0].T).toarray().ravel()
    order = np.argsort(-similarity)[:k]
    return [(candidates[i][0], round(float(similarity[i]), 3)) for i in order if similarity[i] > 0]
