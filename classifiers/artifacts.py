"""Model artifacts on disk: ``model.joblib`` beside ``metadata.json`` in one directory per version.

Loading refuses paths outside the trusted directories (a joblib file is a pickle: loading one runs
code), artifacts whose checksum does not match their metadata, and artifacts written by another
scikit-learn/numpy minor version (pickled estimators are not portable across them).
"""

from __future__ import annotations

import hashlib
import json
import platform
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import joblib
import numpy
import sklearn

from classifiers.errors import IncompatibleModelError, ModelError
from classifiers.model import Model

FORMAT = 2  # 2: the two-stage cascade (screen + classifiers); 1 (gated, one stage) must be retrained
MODEL_FILE = "model.joblib"
METADATA_FILE = "metadata.json"
BUNDLED_DIR = Path(__file__).resolve().parent / "bundled"


def library_versions() -> dict[str, str]:
    return {"sklearn": sklearn.__version__, "numpy": numpy.__version__, "python": platform.python_version()}


def _minor(version: str) -> str:
    return ".".join(version.split(".")[:2])


def new_version(data_digest: str, now: datetime | None = None) -> str:
    """A sortable version name: UTC time plus the start of the training data's hash."""
    moment = now or datetime.now(UTC)
    return f"{moment:%Y%m%d-%H%M%S}-{data_digest[:8]}"


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def save_model(model: Model, directory: Path) -> Path:
    """Write the model into ``directory`` (created); returns the directory."""
    directory.mkdir(parents=True, exist_ok=True)
    artifact = directory / MODEL_FILE
    joblib.dump(
        {
            "features": model.features,
            "classifiers": model.classifiers,
            "screen": model.screen,
            "event_type": model.event_type,
        },
        artifact,
        compress=3,
    )
    metadata = {
        **model.metadata,
        "format": FORMAT,
        "libraries": library_versions(),
        "artifact_sha256": _sha256(artifact),
        "artifact_bytes": artifact.stat().st_size,
    }
    model.metadata = metadata
    (directory / METADATA_FILE).write_text(json.dumps(metadata, indent=2, ensure_ascii=False) + "\n", "utf-8")
    return directory


def _is_within(path: Path, folder: Path) -> bool:
    try:
        path.relative_to(folder.resolve())
    except ValueError:
        return False
    return True


def _check_trusted(directory: Path, trusted_dirs: Iterable[Path]) -> Path:
    resolved = directory.resolve()
    allowed = [BUNDLED_DIR, *trusted_dirs]
    if not any(_is_within(resolved, folder) for folder in allowed):
        places = ", ".join(str(folder) for folder in allowed)
        raise ModelError(
            f"refusing to load model from {resolved}: not inside a trusted model directory ({places})"
        )
    return resolved


def _read_metadata(directory: Path) -> dict[str, Any]:
    path = directory / METADATA_FILE
    try:
        metadata = json.loads(path.read_text("utf-8"))
    except FileNotFoundError as exc:
        raise ModelError(f"model metadata missing: {path}") from exc
    except (OSError, ValueError) as exc:
        raise ModelError(f"model metadata unreadable: {path}: {exc}") from exc
    if not isinstance(metadata, dict):
        raise ModelError(f"model metadata {path}: expected a JSON object")
    return metadata


def _check_compatible(metadata: dict[str, Any], directory: Path) -> None:
    if metadata.get("format") != FORMAT:
        raise IncompatibleModelError(
            f"model in {directory} has format {metadata.get('format')!r}, expected {FORMAT}: "
            f"retrain it (newsmon train)"
        )
    saved = metadata.get("libraries") or {}
    for name, installed in library_versions().items():
        if name == "python":
            continue
        if _minor(str(saved.get(name, "?"))) != _minor(installed):
            raise IncompatibleModelError(
                f"model in {directory} was saved with {name} {saved.get(name)}, installed is {installed}: "
                f"retrain it (newsmon train) with the installed libraries"
            )


# The model unpickled last, by its folder and its artifact's checksum, reused only while its metadata reads
# the same: the daemon loads the active model every cycle, and unpickling is most of that. Every check
# (trust, format, versions, checksum) still runs each time.
_LAST_LOADED: dict[tuple[str, str], Model] = {}


def load_model(path: Path | str | None = None, trusted_dirs: Iterable[Path | str] = ()) -> Model:
    """Load a model directory (or its model.joblib); None loads the bundled model.

    Raises :class:`ModelError` for untrusted paths, missing files, checksum or version mismatches.
    """
    trusted = [Path(folder).resolve() for folder in trusted_dirs]
    directory = BUNDLED_DIR if path is None else Path(path)
    if directory.name == MODEL_FILE:
        directory = directory.parent
    directory = _check_trusted(directory, trusted)
    metadata = _read_metadata(directory)
    _check_compatible(metadata, directory)
    artifact = directory / MODEL_FILE
    if not artifact.is_file():
        raise ModelError(f"model artifact missing: {artifact}")
    digest = _sha256(artifact)
    if digest != metadata.get("artifact_sha256"):
        raise ModelError(f"model artifact {artifact} does not match the checksum in its metadata")
    key = (str(directory), digest)
    cached = _LAST_LOADED.get(key)
    if cached is not None and cached.metadata == metadata:
        return cached
    try:
        parts = joblib.load(artifact)
        model = Model(
            parts["features"], parts["classifiers"], metadata, parts["screen"], parts.get("event_type")
        )
    except Exception as exc:  # a corrupt pickle can raise almost anything
        raise ModelError(f"model artifact {artifact} could not be loaded: {exc}") from exc
    _LAST_LOADED.clear()
    _LAST_LOADED[key] = model
    return model


def created_now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
