"""A compact in-memory inverted index from 64-bit keys to document numbers.

Sorted numpy arrays (12 bytes per posting) plus a small dict of recent postings that is merged into the
arrays when it grows (an LSM tree with two levels). A Python dict of lists would cost ~100 bytes per
posting, which is the whole 2 KB-per-document budget at twenty postings.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

I32 = npt.NDArray[np.int32]
I64 = npt.NDArray[np.int64]

_MIN_PENDING = 50_000


class PostingIndex:
    """Keys to document numbers; documents below ``floor`` are forgotten at the next merge."""

    def __init__(self) -> None:
        self._keys: I64 = np.zeros(0, dtype=np.int64)
        self._docs: I32 = np.zeros(0, dtype=np.int32)
        self._pending: dict[int, list[int]] = {}
        self._pending_count = 0
        self.floor = 0

    def __len__(self) -> int:
        return int(self._keys.size) + self._pending_count

    def add(self, doc: int, keys: I64) -> None:
        for key in keys.tolist():
            self._pending.setdefault(key, []).append(doc)
        self._pending_count += int(keys.size)
        if self._pending_count > max(_MIN_PENDING, self._keys.size // 2):
            self.merge()

    def merge(self) -> None:
        """Move pending postings into the sorted arrays, dropping documents below ``floor``."""
        if self._pending:
            keys = np.fromiter(
                (key for key, docs in self._pending.items() for _ in docs), np.int64, self._pending_count
            )
            docs = np.fromiter(
                (doc for ds in self._pending.values() for doc in ds), np.int32, self._pending_count
            )
            all_keys = np.concatenate([self._keys, keys])
            all_docs = np.concatenate([self._docs, docs])
        else:
            all_keys, all_docs = self._keys, self._docs
        alive = all_docs >= self.floor
        all_keys, all_docs = all_keys[alive], all_docs[alive]
        order = np.argsort(all_keys, kind="stable")
        self._keys, self._docs = all_keys[order], all_docs[order]
        self._pending, self._pending_count = {}, 0

    def lookup(self, keys: I64, max_postings: int) -> list[int]:
        """Documents posted under any of ``keys`` (once per matching key). Keys with more than
        ``max_postings`` documents are boilerplate and skipped."""
        found: list[int] = []
        if self._keys.size:
            left = np.searchsorted(self._keys, keys, side="left")
            right = np.searchsorted(self._keys, keys, side="right")
            counts = right - left
            for index in np.flatnonzero((counts > 0) & (counts <= max_postings)).tolist():
                found.extend(self._docs[left[index] : right[index]].tolist())
        pending = self._pending
        if pending:
            for key in keys.tolist():
                docs = pending.get(key)
                if docs and len(docs) <= max_postings:
                    found.extend(docs)
        return found

    def nbytes(self) -> int:
        """Bytes held by the sorted arrays (pending postings are transient)."""
        return int(self._keys.nbytes + self._docs.nbytes)
