"""A compact in-memory inverted index from 64-bit keys to document numbers.

Sorted numpy arrays (12 bytes per posting) plus a dict of recent postings that is merged into the arrays
when it reaches ``PENDING_LIMIT`` (an LSM tree with two levels). A Python dict of lists would cost ~100
bytes per posting, the whole 2 KB-per-document budget at twenty postings. Recent postings are kept as
key -> document (C-speed ``dict.update``); the rare key posted by several recent documents moves to a
side dict of lists.
"""

from __future__ import annotations

from itertools import repeat

import numpy as np
import numpy.typing as npt

I32 = npt.NDArray[np.int32]
I64 = npt.NDArray[np.int64]

# Recent postings kept in the dict before a merge: bounds its memory (~25 MB) whatever the index size;
# a merge is linear in the index (0.15 s at 6.7 million postings), so merges cost ~20 us per document.
PENDING_LIMIT = 250_000


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
        if len(pending) > PENDING_LIMIT:
            self.merge()

    def merge(self) -> None:
        """Move recent postings into the sorted arrays (a linear merge: the arrays are already sorted),
        dropping documents below ``floor``."""
        shared = [(key, doc) for key, docs in self._shared.items() for doc in docs]
        count = len(self._pending)
        keys = np.concatenate([
            np.fromiter(self._pending.keys(), np.int64, count),
            np.array([key for key, _ in shared], dtype=np.int64),
        ])  # fmt: skip
        docs = np.concatenate([
            np.fromiter(self._pending.values(), np.int32, count),
            np.array([doc for _, doc in shared], dtype=np.int32),
        ])  # fmt: skip
        order = np.argsort(keys, kind="stable")  # a key's documents stay in arrival order
        keys, docs = keys[order], docs[order]
        # New postings go after the old ones of the same key, so each key's postings stay oldest first.
        slots = np.searchsorted(self._keys, keys, side="right") + np.arange(keys.size)
        merged_keys = np.empty(self._keys.size + keys.size, dtype=np.int64)
        merged_docs = np.empty(merged_keys.size, dtype=np.int32)
        old = np.ones(merged_keys.size, dtype=bool)
        old[slots] = False
        merged_keys[slots], merged_docs[slots] = keys, docs
        merged_keys[old], merged_docs[old] = self._keys, self._docs
        if self.floor:
            alive = merged_docs >= self.floor
            merged_keys, merged_docs = merged_keys[alive], merged_docs[alive]
        self._keys, self._docs = merged_keys, merged_docs
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
