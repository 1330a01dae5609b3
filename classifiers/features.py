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


class _KeyTable:
    """The vocabulary's n-gram keys of one length in an open-addressing hash table (linear probing, at most
    1/8 full), looked up for a whole batch at once: each round gathers one slot per pending key, and a key
    stops at its own key or an empty slot. Most n-grams of a text are not in the vocabulary and stop in the
    first round. About 10x faster than ``searchsorted`` over the sorted keys, which was a fifth of the
    classifier's time (a mispredicted branch per comparison)."""

    _EMPTY = -1  # keys are at most 3 x 21 bits, so never negative
    _MULTIPLIER = np.uint64(0x9E3779B97F4A7C15)  # Fibonacci hashing: the top bits of key x 2^64/phi

    def __init__(self, pairs: Sequence[tuple[int, int]]) -> None:
        bits = max(10, (8 * len(pairs)).bit_length())
        self._shift = np.uint64(64 - bits)
        self._mask = (1 << bits) - 1
        self._keys = np.full(1 << bits, self._EMPTY, dtype=np.int64)
        self._columns = np.full(1 << bits, -1, dtype=np.int64)
        if pairs:
            keys = np.array([key for key, _ in pairs], dtype=np.int64)
            for key, column, slot in zip(
                keys.tolist(), (c for _, c in pairs), self._slots(keys).tolist(), strict=True
            ):
                while self._keys[slot] != self._EMPTY:
                    slot = (slot + 1) & self._mask
                self._keys[slot], self._columns[slot] = key, column

    def _slots(self, keys: NDArray[np.int64]) -> NDArray[np.int64]:
        hashed = (keys.astype(np.uint64) * self._MULTIPLIER) >> self._shift  # wraps modulo 2^64, as meant
        return hashed.astype(np.int64)

    def columns_of(self, keys: NDArray[np.int64]) -> NDArray[np.int64]:
        """The vocabulary column of each key, -1 where it is not in the vocabulary."""
        columns = np.full(len(keys), -1, dtype=np.int64)
        pending = np.arange(len(keys))
        slots = self._slots(keys)
        while len(pending):
            stored = self._keys[slots]
            hit = stored == keys[pending]
            columns[pending[hit]] = self._columns[slots[hit]]
            probe_on = (stored != self._EMPTY) & ~hit
            pending, slots = pending[probe_on], (slots[probe_on] + 1) & self._mask
        return columns


class CharTfidf(TfidfVectorizer):  # type: ignore[misc]
    """scikit-learn's character n-gram TF-IDF, with a vectorised ``transform``.

    Fitting is scikit-learn's own. ``transform`` gives the same matrix (a test checks) without a Python
    step per n-gram: each n-gram of a batch becomes one integer (its code points side by side), looked up
    in a hash table of the vocabulary's keys, and counted with ``np.unique``. The n-gram count
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
        for n, table in self._vocabulary_keys().items():
            if not low <= n <= high:
                continue
            starts = np.flatnonzero(left >= n)
            grams = points[starts]
            for offset in range(1, n):
                grams = (grams << _CODE_BITS) | points[starts + offset]
            found = table.columns_of(grams)
            known = found >= 0
            rows.append(row_of[starts[known]])
            columns.append(found[known])
        return np.concatenate(rows), np.concatenate(columns)

    def _vocabulary_keys(self) -> dict[int, _KeyTable]:
        """Per n-gram length, a hash table of the vocabulary's integer keys; built once."""
        cached: dict[int, _KeyTable] | None = getattr(self, "_keys", None)
        if cached is None:
            by_length: dict[int, list[tuple[int, int]]] = {}
            for term, column in self.vocabulary_.items():
                key = 0
                for char in term:
                    key = (key << _CODE_BITS) | ord(char)
                by_length.setdefault(len(term), []).append((key, column))
            cached = {n: _KeyTable(pairs) for n, pairs in by_length.items()}
            self._keys = cached
        return cached

    def __getstate__(self) -> dict[str, Any]:
        state: dict[str, Any] = super().__getstate__()
        state.pop("_keys", None)  # derived from the vocabulary; rebuilt on first use
        return state
