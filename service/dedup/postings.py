"""A compact in-memory inverted index from 64-bit keys to document numbers.

Sorted numpy arrays (12 bytes per posting) plus a dict of recent postings that is merged into the arrays
when it grows (an LSM tree with two levels). A Python dict of lists would cost ~100 bytes per posting,
the whole 2 KB-per-document budget at twenty postings. Recent postings are kept as key -> document (C-speed
``dict.update``); the rare key posted by several recent documents moves to a side dict of lists.
"""

from __future__ import annotations

from itertools import repeat

import numpy as np
import numpy.typing as npt

I32 = npt.NDArray[np.int32]
I64 = npt.NDArray[np.int64]

_MIN_PENDING = 100_000


class PostingIndex:
    """Keys to document numbers; documents below ``floor`` are forgotten at the next merge."""

    def __init__(self) -> None:
        self._keys: I64 = np.zeros(0, dtype=np.int64)
        self._docs: I32 = np.zeros(0, dtype=np.int32)
        self._pending: dict[int, int] = {}
        self._shared: dict[int, list[int]] = {}  # recent keys posted by more than one document
        self.floor = 0

    def __len__(self) -> int:
        return int(self._keys.size) + len(self._pending) + sum(len(d) for d in self._shared.values())

    def add(self, doc: int, keys: I64) -> None:
        new = keys.tolist()
        pending, shared = self._pending, self._shared
        for key in pending.keys() & new:  # posted by an earlier recent document too (rare)
            shared[key] = [pending[key]]
        repeated = shared.keys() & new
        for key in repeated:
            shared[key].append(doc)
        pending.update(zip(new, repeat(doc)))
        for key in repeated:
            del pending[key]
        if len(pending) > max(_MIN_PENDING, self._keys.size // 2):
            self.merge()

    def merge(self) -> None:
        """Move recent postings into the sorted arrays, dropping documents below ``floor``."""
        count = len(self._pending)
        shared = [(key, doc) for key, docs in self._shared.items() for doc in docs]
        all_keys = np.concatenate([
            self._keys,
            np.fromiter(self._pending.keys(), np.int64, count),
            np.array([key for key, _ in shared], dtype=np.int64),
        ])  # fmt: skip
        all_docs = np.concatenate([
            self._docs,
            np.fromiter(self._pending.values(), np.int32, count),
            np.array([doc for _, doc in shared], dtype=np.int32),
        ])  # fmt: skip
        alive = all_docs >= self.floor
        all_keys, all_docs = all_keys[alive], all_docs[alive]
        order = np.argsort(all_keys, kind="stable")
        self._keys, self._docs = all_keys[order], all_docs[order]
        self._pending, self._shared = {}, {}

    def lookup(self, keys: I64, newest: int) -> tuple[I64, I64]:
        """Postings of ``keys`` as two parallel arrays: the position in ``keys`` and the document. A key
        contributes at most its ``newest`` documents: boilerplate costs nothing, and a story copied by
        many outlets is still found through its latest copies (all in one cluster)."""
        positions, docs = self._lookup_sorted(keys, newest)
        key_list = keys.tolist()
        extra_positions: list[int] = []
        extra_docs: list[int] = []
        for key in self._pending.keys() & key_list:  # C-speed; usually a handful of keys or none
            extra_positions.append(key_list.index(key))
            extra_docs.append(self._pending[key])
        for key in self._shared.keys() & key_list:
            recent = self._shared[key][-newest:]
            extra_positions.extend(repeat(key_list.index(key), len(recent)))
            extra_docs.extend(recent)
        if extra_docs:
            positions = np.concatenate([positions, np.array(extra_positions, dtype=np.int64)])
            docs = np.concatenate([docs, np.array(extra_docs, dtype=np.int64)])
        return positions, docs

    def _lookup_sorted(self, keys: I64, newest: int) -> tuple[I64, I64]:
        if not self._keys.size:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
        # One search for both ends: the right end of key k is the left end of k + 1 (keys near the int64
        # maximum wrap around and are simply not found, one chance in 2**50).
        bounds = np.searchsorted(self._keys, np.concatenate([keys, keys + 1]))
        left, right = bounds[: keys.size], bounds[keys.size :]
        hits = np.flatnonzero(right > left)
        if not hits.size:
            return hits.astype(np.int64), hits.astype(np.int64)
        right = right[hits]
        starts = np.maximum(left[hits], right - newest)  # postings of one key are in insertion order
        counts = right - starts
        # Indices start..right-1 of every hit key, without a Python loop.
        within = np.arange(int(counts.sum())) - np.repeat(np.cumsum(counts) - counts, counts)
        docs = self._docs[np.repeat(starts, counts) + within].astype(np.int64)
        return np.repeat(hits, counts).astype(np.int64), docs

    def nbytes(self) -> int:
        """Bytes held by the sorted arrays (recent postings are transient)."""
        return int(self._keys.nbytes + self._docs.nbytes)
