"""Retraining from the review UI, and the reviewers' labels out, behind these functions.

``retrain(engine, settings)`` trains a new model on every reviewed label (plus the bundled set), evaluates
the active model and the new one on the same held-out reviewed items, and activates the new one only if
it is not worse. The work is the classification stage's (:func:`service.classify.retrain_from_reviews`);
this module is the one place the UI reaches it.

:func:`run_retrain` and :func:`labels_export` serve the page and the API alike. They take what they need
as a :class:`Retraining` (``service.web.state.WebState`` is one) rather than a request, so this module
imports nothing of the web package and ``state`` can import its types without a cycle.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from typing import Any, Protocol

from sqlalchemy import Engine
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.responses import Response, StreamingResponse

from service.classify import TrainReport, retrain_from_reviews
from service.config import Settings
from service.storage import labels as label_store
from service.storage.db import session_scope

# What a retraining did: versions, the two evaluations on the same held-out items, the decision.
RetrainResult = TrainReport

Trainer = Callable[[Engine, Settings], RetrainResult]
KEPT_RESULTS = 10


class Retraining(Protocol):
    """What retraining and the export need of the UI's state."""

    @property
    def settings(self) -> Settings: ...
    @property
    def engine(self) -> Engine: ...
    @property
    def trainer(self) -> Trainer: ...
    @property
    def retrain_lock(self) -> threading.Lock: ...
    @property
    def retrain_results(self) -> list[RetrainResult]: ...


def retrain(engine: Engine, settings: Settings) -> RetrainResult:
    """Train on all labels, compare on held-out reviewed items, activate the new model if not worse.
    Raises ModelError when training is impossible (too few examples of a label, unreadable model)."""
    return retrain_from_reviews(engine, settings)


async def run_retrain(state: Retraining, _: Callable[[str], str]) -> RetrainResult:
    """One retraining at a time; a second request while one runs is refused (409, said with ``_``: the
    page's language, or the API's English)."""
    if not state.retrain_lock.acquire(blocking=False):
        raise HTTPException(409, _("a retraining is already running"))
    try:
        result = await run_in_threadpool(state.trainer, state.engine, state.settings)
    finally:
        state.retrain_lock.release()
    state.retrain_results.append(result)
    del state.retrain_results[:-KEPT_RESULTS]
    return result


async def labels_export(state: Retraining) -> Response:
    """Every reviewer decision as JSON lines (the training export), as a download."""

    def read() -> list[dict[str, Any]]:
        with session_scope(state.engine) as session:
            return list(label_store.export_labels(session))

    rows = await run_in_threadpool(read)
    return StreamingResponse(
        _jsonl(rows),
        media_type="application/x-ndjson; charset=utf-8",
        headers={"content-disposition": 'attachment; filename="newsmon-labels.jsonl"'},
    )


def _jsonl(rows: list[dict[str, Any]]) -> Iterator[str]:
    for row in rows:
        yield json.dumps(row, ensure_ascii=False) + "\n"
