"""Feature extractors over analysed documents (the only scikit-learn transformers we define).

One view: character n-grams of the normalised text (TF-IDF; robust for Chinese and Japanese without
word segmentation). The gazetteer works beside the model, not inside it: it gates labels (gates.py),
names the parties (parties.py) and explains decisions. A dense block of gazetteer features (counts and
co-occurrences of places, acts and terms) used to sit beside the n-grams; it was dropped on 2026-11-21:
on the bundled set, written from templates, those few features separate the classes almost perfectly, so
the model leaned on them and generalised worse to real articles (warm relevant F1 on dev 0.957 with them,
0.979 without, same folds and data).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import numpy as np
from numpy.typing import NDArray
from scipy import sparse
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize as normalize_rows

from classifiers.analysis import Analysed


class BodyText(BaseEstimator, TransformerMixin):  # type: ignore[misc]
    """Selects the normalised text of analysed documents, for the TF-IDF vectoriser."""

    def fit(self, docs: Sequence[Analysed], y: Any = None) -> BodyText:
        return self

    def transform(self, docs: Sequence[Analysed]) -> list[str]:
        return [doc.body for doc in docs]

    def get_feature_names_out(self, input_features: Any = None) -> NDArray[np.str_]:
        return np.array(["body"])


_WHITE_SPACES = re.compile(r"\s\s+")


_CODE_BITS = 21  # a Unicode code point fits in 21 bits, so an n-gram of up to 3 fits in one int64 key


class CharTfidf(TfidfVectorizer):  # type: ignore[misc]
    """scikit-learn's character n-gram TF-IDF, with a vectorised ``transform``.

    Fitting is scikit-learn's own. ``transform`` gives the same matrix (a test checks) without a Python
    step per n-gram: each n-gram of a batch becomes one integer (its code points side by side), looked up
    in the vocabulary's sorted keys with ``searchsorted``, and counted with ``np.unique``. The n-gram count
    was most of the classifier's time per item (dictionary lookups of millions of short strings).
    """

    def transform(self, raw_documents: Sequence[str]) -> sparse.csr_matrix:
        n_columns = len(self.vocabulary_)
        if not raw_documents:
            return sparse.csr_matrix((0, n_columns), dtype=self.dtype)
        texts = [_WHITE_SPACES.sub(" ", document) for document in raw_documents]
        rows, columns = self._ngram_columns(texts)
        if len(rows):
            cells, counts = np.unique(rows * n_columns + columns, return_counts=True)
        else:
            cells, counts = np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
        matrix = sparse.csr_matrix(
            (counts.astype(self.dtype), (cells // n_columns, cells % n_columns)),
            shape=(len(texts), n_columns),
        )
        matrix.sort_indices()
        if self.sublinear_tf:
            np.log(matrix.data, matrix.data)
            matrix.data += 1
        matrix = sparse.csr_matrix(matrix.multiply(self.idf_.astype(self.dtype)), dtype=self.dtype)
        return sparse.csr_matrix(normalize_rows(matrix, norm=self.norm, copy=False))

    def _ngram_columns(self, texts: Sequence[str]) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
        """(document row, vocabulary column) of every n-gram occurrence found in the vocabulary."""
        lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
        total = int(lengths.sum())
        if not total:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
        points = np.frombuffer("".join(texts).encode("utf-32-le", "surrogatepass"), dtype="<u4")
        points = points.astype(np.int64)
        row_of = np.repeat(np.arange(len(texts), dtype=np.int64), lengths)
        ends = np.cumsum(lengths)
        left = ends[row_of] - np.arange(total, dtype=np.int64)  # characters from here to the text's end
        low, high = self.ngram_range
        rows, columns = [], []
        for n, (keys, key_columns) in self._vocabulary_keys().items():
            if not low <= n <= high:
                continue
            starts = np.flatnonzero(left >= n)
            grams = points[starts]
            for offset in range(1, n):
                grams = (grams << _CODE_BITS) | points[starts + offset]
            found = np.minimum(np.searchsorted(keys, grams), len(keys) - 1)
            known = keys[found] == grams
            rows.append(row_of[starts[known]])
            columns.append(key_columns[found[known]])
        return np.concatenate(rows), np.concatenate(columns)

    def _vocabulary_keys(self) -> dict[int, tuple[NDArray[np.int64], NDArray[np.int64]]]:
        """Per n-gram length, the vocabulary's integer keys (sorted) and their columns; built once."""
        cached: dict[int, tuple[NDArray[np.int64], NDArray[np.int64]]] | None = getattr(self, "_keys", None)
        if cached is None:
            by_length: dict[int, list[tuple[int, int]]] = {}
            for term, column in self.vocabulary_.items():
                key = 0
                for char in term:
                    key = (key << _CODE_BITS) | ord(char)
                by_length.setdefault(len(term), []).append((key, column))
            cached = {}
            for n, pairs in by_length.items():
                pairs.sort()
                cached[n] = (
                    np.array([key for key, _ in pairs], dtype=np.int64),
                    np.array([column for _, column in pairs], dtype=np.int64),
                )
            self._keys = cached
        return cached

    def __getstate__(self) -> dict[str, Any]:
        state: dict[str, Any] = super().__getstate__()
        state.pop("_keys", None)  # derived from the vocabulary; rebuilt on first use
        return state
