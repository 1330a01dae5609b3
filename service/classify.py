"""The classification stage: stored items in, classifications out, and training new model versions.

Wiring between ``classifiers`` (plain strings in, predictions out) and storage:

    load_active_model(session, settings)          the active model version, else the bundled model
    classify_items(session, model, settings, ids) classify stored items, record one row per item; for
                                                  relevant ones the events stage (event_stage) runs too
                                                  and its Event is stored with the classification
    classify_stage(model, settings)               the pipeline's per-item stage (session, item_id)
    reclassify(engine, settings, model)           a model over every stored item it has not classified
    train_model(engine, settings, extra)          bundled set + extra + reviewers' labels -> new version
    retrain_from_reviews(engine, settings)        the review UI's and the daemon's retrain entry point

Reviewers' labels are read, never written: a classification is the model's opinion, a review label the
person's, and the person's wins everywhere (training, digest, review UI).
"""

from __future__ import annotations

import hashlib
import json
import logging
import random
import shutil
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, tzinfo
from pathlib import Path
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.orm import Session

import classifiers
from classifiers.embeddings import set_cache_dir
from classifiers.events import (
    MIN_EXAMPLES,
    Choice,
    Event,
    EventTypeModel,
    apply_learned_type,
    choose_event_type_model,
    extract_event,
)
from service.alerts.stage import enqueue_item_alerts
from service.config import Settings
from service.errors import ModelError
from service.i18n import N_, Said, english
from service.storage import classifications as store
from service.storage import events as event_store
from service.storage.clusters import clusters_of
from service.storage.db import session_scope
from service.storage.labels import reviewer_labels

log = logging.getLogger(__name__)

BATCH = 256
HELDOUT_SHARE = 0.2
MIN_HELDOUT = 30  # items in a comparison, at the least
MIN_HELDOUT_EACH = 5  # relevant ones, and not relevant ones, at the least


@contextmanager
def model_errors() -> Iterator[None]:
    """Map the classifiers package's ModelError onto the service's error tree."""
    try:
        yield
    except classifiers.ModelError as exc:
        raise ModelError(str(exc)) from exc


def model_dir(settings: Settings) -> Path:
    return settings.model_path


def thresholds(settings: Settings) -> dict[str, float]:
    return {str(label): float(value) for label, value in settings.classify.thresholds.items()}


def use_data_dir_cache(settings: Settings) -> None:
    """The sentence encoder caches its token table under ``data_dir``, which the service can write wherever
    it runs (a systemd state folder, a Docker volume), rather than in the home folder."""
    set_cache_dir(settings.data_path / "cache")


def decision_boundary(settings: Settings) -> float:
    """The relevance score at which an item turns relevant under the configured thresholds (the lowest of
    them): the review queue's "most uncertain" is measured from here."""
    return min(thresholds(settings).values())


def load_model_at(path: str | Path | None, settings: Settings) -> classifiers.Model:
    """A model from a directory inside the configured model dir (None: the bundled model)."""
    use_data_dir_cache(settings)
    with model_errors():
        return classifiers.load_model(path, trusted_dirs=[model_dir(settings)])


def load_active_model(session: Session, settings: Settings) -> classifiers.Model:
    """The active model version recorded in the database, else the bundled model.

    An active version saved by another artifact format or library version (after an upgrade) cannot be
    loaded; rather than stop classifying, the bundled model stands in, with a warning to retrain. Any other
    failure (an untrusted path, a damaged file) still raises.
    """
    use_data_dir_cache(settings)
    record = store.active_model(session)
    if record is None:
        return load_model_at(None, settings)
    try:
        return classifiers.load_model(record.path, trusted_dirs=[model_dir(settings)])
    except classifiers.IncompatibleModelError as exc:
        log.warning(
            "active model %s cannot be used (%s); classifying with the bundled model", record.version, exc
        )
        return load_model_at(None, settings)
    except classifiers.ModelError as exc:
        raise ModelError(str(exc)) from exc


def verdict_of(
    prediction: classifiers.Prediction, model_version: str, event: Event | str | None = None
) -> store.Verdict:
    """Storage's view of a prediction; the explanation keeps reasons, entities, terms and features.
    ``event``: the events stage's answer (relevant items), or the reason it failed (kept as
    ``explanation["event_error"]``)."""
    why = dict(prediction.why)
    explanation = {
        "model_version": model_version,
        "reasons": why.pop("reasons", []),
        "terms": why.pop("terms", []),
        "entities": [{"name": e["name"], "kind": e["kind"]} for e in prediction.entities],
        "features": why,
        "taiwan_party": prediction.taiwan_party,
        "partner": prediction.partner,
        "partner_country": prediction.partner_country,
    }
    if isinstance(event, str):
        explanation["event_error"] = event
    return store.Verdict(
        scores=prediction.scores,
        labels=prediction.labels,
        taiwan_party=prediction.taiwan_party,
        partner=prediction.partner,
        partner_country=prediction.partner_country,
        explanation=explanation,
        event=event.to_dict() if isinstance(event, Event) else None,
    )


def event_stage(
    item: store.ItemText,
    tz: tzinfo,
    learned: EventTypeModel | None = None,
    homes: Mapping[str, str] | None = None,
) -> Event | str:
    """The events stage for one relevant item, dates resolved against its local publication date, its feed's
    configured home beside its address (``homes``: ``Settings.feed_homes``); the event type learnt from
    reviewers' corrections (``learned``, the active model's) where there is one. Never raises: a failure is
    returned as its reason, so one bad item never stops a cycle."""
    published = item.published_at.astimezone(tz).date() if item.published_at else None
    home = (homes or {}).get(item.feed or "")
    try:
        event = extract_event(item.title, item.text, published=published, source=item.url, home=home)
        return apply_learned_type(event, learned, item.title, item.text)
    except Exception as exc:  # the extractor is pure code over arbitrary text: contain any failure
        log.warning("item %s: events stage failed", item.id, exc_info=True)
        return f"{exc.__class__.__name__}: {exc}"[:500]


def event_fields(record: Mapping[str, Any], tz: tzinfo) -> dict[str, Any]:
    """The events stage for one JSON record (``newsmon classify``): ``{"event": ...}``, plus
    ``event_error`` when it failed. ``published`` (an ISO date or time; local ``tz`` when naive) resolves
    relative dates; an unreadable one is ignored."""
    published: datetime | None = None
    value = record.get("published")
    if isinstance(value, str):
        try:
            published = datetime.fromisoformat(value.strip())
        except ValueError:
            published = None
        if published is not None and published.tzinfo is None:
            published = published.replace(tzinfo=tz)
    title, url = record.get("title"), record.get("url")
    item = store.ItemText(
        0,
        title if isinstance(title, str) else None,
        str(record.get("text") or ""),
        published,
        url if isinstance(url, str) else None,
    )
    event = event_stage(item, tz)
    if isinstance(event, str):
        return {"event": None, "event_error": event}
    return {"event": event.to_dict()}


def classify_items(
    session: Session, model: classifiers.Model, settings: Settings, item_ids: Sequence[int]
) -> dict[int, bool]:
    """Classify stored items and record the results; returns item id -> relevant."""
    results: dict[int, bool] = {}
    items = store.item_texts(session, item_ids)
    homes = settings.feed_homes
    for start in range(0, len(items), BATCH):
        batch = items[start : start + BATCH]
        with model_errors():
            predictions = model.predict(
                [{"title": item.title, "text": item.text} for item in batch], thresholds=thresholds(settings)
            )
        for item, prediction in zip(batch, predictions, strict=True):
            event = event_stage(item, settings.tz, model.event_type, homes) if prediction.relevant else None
            store.record_classification(
                session, item.id, model.version, verdict_of(prediction, model.version, event)
            )
            results[item.id] = prediction.relevant
    # Alerts go to the outbox in this transaction: an alert exists exactly when its classification does.
    enqueue_item_alerts(session, settings, list(results))
    return results


def classify_stage(model: classifiers.Model, settings: Settings) -> Callable[[Session, int], object]:
    """The pipeline's classify stage: one item, inside the orchestrator's transaction."""

    def stage(session: Session, item_id: int) -> object:
        return classify_items(session, model, settings, [item_id]).get(item_id)

    return stage


def reclassify(engine: Engine, settings: Settings, model: classifiers.Model | None = None) -> int:
    """Run a model (default: the active one) over every stored item it has not classified yet.

    Each batch commits on its own, so an interrupted run resumes where it stopped. Review labels are not
    touched. Returns the number of items classified.
    """
    if model is None:
        with session_scope(engine) as session:
            model = load_active_model(session, settings)
    total, after = 0, 0
    while True:
        with session_scope(engine) as session:
            ids = store.items_to_classify(session, model.version, limit=BATCH, after_id=after)
            if not ids:
                return total
            classify_items(session, model, settings, ids)
        total += len(ids)
        after = ids[-1]


def refresh_events(engine: Engine, settings: Settings) -> int:
    """Run the events stage again on every relevant item's current classification (items classified
    before the stage existed, or after the extractor improved). Each batch commits on its own; reviewers'
    corrections are kept apart and still win. Returns the number of items."""
    with session_scope(engine) as session:
        learned = load_active_model(session, settings).event_type
    homes = settings.feed_homes
    total, after = 0, 0
    while True:
        with session_scope(engine) as session:
            ids = event_store.relevant_item_ids(session, after_id=after, limit=BATCH)
            if not ids:
                return total
            for item in store.item_texts(session, ids):
                event = event_stage(item, settings.tz, learned, homes)
                if isinstance(event, str):
                    event_store.record_event(session, item.id, None, event)
                else:
                    event_store.record_event(session, item.id, event)
        total += len(ids)
        after = ids[-1]


# --- training --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TrainReport:
    """What a training run did; the review UI shows it (``service.web.retrain.RetrainResult``)."""

    previous_version: str | None
    new_version: str | None
    activated: bool
    before: dict[str, float] = field(default_factory=dict)  # active model on the held-out examples
    after: dict[str, float] = field(default_factory=dict)  # new model on the same examples
    train_examples: int = 0
    heldout_examples: int = 0
    message: str = ""  # English (logs, the JSON API); ``said`` words it in the interface language
    path: str | None = None
    said: Said | None = None

    def as_dict(self) -> dict[str, Any]:
        return {key: value for key, value in asdict(self).items() if key != "said"}

    def text(self, gettext: Callable[[str], str] = english) -> str:
        """What happened, in the language of ``gettext``."""
        return self.said.text(gettext) if self.said is not None else self.message


def _text_key(example: Mapping[str, Any]) -> str:
    return f"{example.get('title') or ''}\n{example.get('text') or ''}".strip()


def merge_examples(
    bundled: Sequence[Mapping[str, Any]],
    extra: Sequence[Mapping[str, Any]],
    reviewed: Sequence[Mapping[str, Any]],
) -> list[dict[str, Any]]:
    """One training set; for the same title+text, a reviewer's labels beat --data, which beats bundled."""
    merged: dict[str, dict[str, Any]] = {}
    for source in (bundled, extra, reviewed):
        for example in source:
            if (example.get("text") or "").strip():
                merged[_text_key(example)] = dict(example)
    return list(merged.values())


@dataclass(frozen=True)
class Heldout:
    """The examples set aside to compare the active model and a candidate, and how they were chosen."""

    fit: list[dict[str, Any]]
    heldout: list[dict[str, Any]]
    how: str  # "fresh": labelled after the active model was trained; "stories": a seeded share of stories
    shortfall: Said | None = None  # why there is no comparison (None when ``heldout`` meets the minimum)


def _story_of(example: Mapping[str, Any]) -> str:
    """The story an example belongs to: copies and write-ups of one story are held out together, or a
    near-copy in training would make the comparison look better than it is."""
    story = example.get("story_id")
    return f"story:{story}" if story not in (None, "") else f"text:{_text_key(example)}"


def _by_story(examples: Sequence[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    stories: dict[str, list[dict[str, Any]]] = {}
    for example in examples:
        stories.setdefault(_story_of(example), []).append(example)
    return stories


def _shortfall(heldout: Sequence[Mapping[str, Any]]) -> Said | None:
    """Why ``heldout`` is too small to compare two models on (None when it is big enough)."""
    relevant = sum(1 for example in heldout if _is_relevant(example))
    if (
        len(heldout) < MIN_HELDOUT
        or relevant < MIN_HELDOUT_EACH
        or len(heldout) - relevant < MIN_HELDOUT_EACH
    ):
        values = {
            "count": len(heldout),
            "relevant": relevant,
            "minimum": MIN_HELDOUT,
            "each": MIN_HELDOUT_EACH,
        }
        return Said(
            N_(
                "only %(count)d held-out item(s), %(relevant)d relevant (a comparison needs at least"
                " %(minimum)d, with %(each)d relevant and %(each)d not)"
            ),
            values,
        )
    return None


def _is_relevant(example: Mapping[str, Any]) -> bool:
    if "relevant" in example:
        return bool(example["relevant"])
    return bool(example.get("taiwan_japan")) or bool(example.get("city_diplomacy"))


def split_heldout(
    external: Sequence[dict[str, Any]], active_since: datetime | None, seed: int = 7
) -> Heldout:
    """Hold out whole stories to compare the active model and a candidate on.

    Labels recorded after the active model was trained are held out when they meet the minimum: the active
    model has never seen them, so the comparison is fair. Otherwise a seeded share (HELDOUT_SHARE) of the
    stories. When neither meets the minimum (MIN_HELDOUT items, MIN_HELDOUT_EACH of each class), nothing is
    held out and ``shortfall`` says why.
    """
    stories = _by_story(external)
    if active_since is not None:
        fresh = {
            key for key, group in stories.items() if any(_reviewed_after(e, active_since) for e in group)
        }
        heldout = [e for key in fresh for e in stories[key]]
        if heldout and not _shortfall(heldout):
            return Heldout([e for key in stories if key not in fresh for e in stories[key]], heldout, "fresh")
    keys = sorted(stories)
    random.Random(seed).shuffle(keys)
    chosen: list[str] = []
    count = 0
    for key in keys:
        if count >= max(MIN_HELDOUT, len(external) * HELDOUT_SHARE):
            break
        chosen.append(key)
        count += len(stories[key])
    heldout = [e for key in chosen for e in stories[key]]
    shortfall = _shortfall(heldout)
    if shortfall or len(chosen) == len(keys):
        return Heldout(
            list(external), [], "stories", shortfall or Said(N_("every labelled item would be held out"))
        )
    picked = set(chosen)
    return Heldout([e for key in keys if key not in picked for e in stories[key]], heldout, "stories")


def _reviewed_after(example: Mapping[str, Any], moment: datetime) -> bool:
    stamp = example.get("reviewed_at")
    if not stamp:
        return False
    when = datetime.fromisoformat(str(stamp))
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when > moment


def _summary(report: Mapping[str, Mapping[str, float]]) -> dict[str, float]:
    return {f"{label}_f1": float(values["f1"]) for label, values in report.items()}


def _with_stories(session: Session, reviewed: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Reviewers' examples tagged with their dedup cluster as ``story_id`` (copies are held out together)."""
    ids = {
        int(str(e["id"]).removeprefix("newsmon-")): e
        for e in reviewed
        if str(e.get("id", "")).startswith("newsmon-")
    }
    clusters = clusters_of(session, ids)
    return [
        {**example, "story_id": f"cluster-{clusters[item]}"} if item in clusters else example
        for item, example in ids.items()
    ] + [e for e in reviewed if not str(e.get("id", "")).startswith("newsmon-")]


def _decide(held: Heldout, before: Mapping[str, float], after: Mapping[str, float]) -> tuple[bool, Said]:
    """The one rule for activating a newly trained model, and the sentence that says what happened.

    Activated only when it was compared with the active model on held-out stories and is not worse there
    (relevant F1). Without a comparison it is saved but not activated, whatever else is true: a claim
    that it is "not worse" would be untested.
    """
    if not held.heldout:
        why = held.shortfall or Said(N_("no held-out items"))
        return False, Said(
            N_("not compared: %(why)s; saved, not activated (newsmon models activate VERSION)"), {"why": why}
        )
    values = {"after": after["relevant_f1"], "before": before["relevant_f1"], "count": len(held.heldout)}
    fresh = held.how == "fresh"
    if after["relevant_f1"] >= before["relevant_f1"]:
        if fresh:
            return True, Said(
                N_(
                    "activated: relevant F1 %(after).3f against %(before).3f on %(count)d held-out item(s)"
                    " labelled since the active model"
                ),
                values,
            )
        return True, Said(
            N_("activated: relevant F1 %(after).3f against %(before).3f on %(count)d held-out item(s)"),
            values,
        )
    if fresh:
        return False, Said(
            N_(
                "kept the active model: the new one scored relevant F1 %(after).3f against %(before).3f on"
                " %(count)d held-out item(s) labelled since the active model"
            ),
            values,
        )
    return False, Said(
        N_(
            "kept the active model: the new one scored relevant F1 %(after).3f against %(before).3f on"
            " %(count)d held-out item(s)"
        ),
        values,
    )


def _trained_on(
    examples: Sequence[Mapping[str, Any]],
    typed: Sequence[Mapping[str, Any]],
    active: classifiers.Model,
    recorded: Sequence[store.ModelRecord],
) -> str | None:
    """The version (active first, else any recorded one) already trained on exactly these examples and
    these reviewed event types."""
    digest, types = classifiers.data_hash(examples), _types_digest(typed)

    def same(metadata: Mapping[str, Any]) -> bool:
        learnt = metadata.get("event_type") or {}
        return metadata.get("data_sha256") == digest and learnt.get("data_sha256", _types_digest([])) == types

    if same(active.metadata):
        return active.version
    return next((r.version for r in recorded if same(r.metrics)), None)


def _types_digest(typed: Sequence[Mapping[str, Any]]) -> str:
    """SHA-256 of the reviewed event types (title, text, type), in their stored order."""
    digest = hashlib.sha256()
    for example in typed:
        row = [example.get("title") or "", example.get("text") or "", str(example["event_type"])]
        digest.update((json.dumps(row, ensure_ascii=False) + "\n").encode())
    return digest.hexdigest()


def _event_type_model(model: classifiers.Model, typed: Sequence[Mapping[str, Any]]) -> Said:
    """Learn the event type from reviewers' corrections when it beats the rules on held-out examples
    (classifiers.events.choose_event_type_model); record the choice in the model's metadata and say it."""
    choice: Choice = choose_event_type_model([(e["title"], e["text"], e["event_type"]) for e in typed])
    model.event_type = choice.model
    model.metadata["event_type"] = {
        "chosen": "learned" if choice.model else "rules",
        "examples": choice.examples,
        "learned_accuracy": choice.learned_accuracy,
        "rules_accuracy": choice.rules_accuracy,
        "reason": choice.reason,
        "data_sha256": _types_digest(typed),
    }
    values = {"count": choice.examples, "learned": choice.learned_accuracy, "rules": choice.rules_accuracy}
    if choice.model is not None:
        return Said(
            N_(
                "event type learnt from %(count)d reviewed item(s) (held-out accuracy %(learned).3f against"
                " the rules' %(rules).3f)"
            ),
            values,
        )
    if choice.learned_accuracy is None:
        return Said(
            N_("event type by the rules: %(count)d reviewed item(s), a learned model needs %(minimum)d"),
            {**values, "minimum": MIN_EXAMPLES},
        )
    return Said(
        N_("event type by the rules: held-out accuracy %(rules).3f against a learned model's %(learned).3f"),
        values,
    )


def train_model(
    engine: Engine,
    settings: Settings,
    extra: Sequence[Mapping[str, Any]] = (),
    *,
    include_bundled: bool = True,
    force_activate: bool = False,
) -> TrainReport:
    """Train a new model version on the bundled set, ``extra`` examples and every reviewer label.

    Nothing is trained when the data are those the active model was trained on. Otherwise whole stories
    are held out (:func:`split_heldout`) to compare the active model and a candidate fitted on the rest;
    :func:`_decide` says whether the new model becomes active. The saved model is refitted on everything,
    and model versions beyond ``classify.keep_models`` inactive ones are deleted.
    """
    with session_scope(engine) as session:
        reviewed = _with_stories(session, reviewer_labels(session))
        typed = event_store.event_type_examples(session)
        active = load_active_model(session, settings)
        active_record = store.active_model(session)
        recorded = store.model_versions(session)
    with model_errors():
        bundled = classifiers.bundled_examples() if include_bundled else []
        examples = merge_examples(bundled, extra, reviewed)
        same = _trained_on(examples, typed, active, recorded)
        if same is not None:
            said = Said(
                N_("nothing trained: the %(count)d examples are those %(version)s was trained on"),
                {"count": len(examples), "version": same},
            )
            return TrainReport(
                previous_version=active.version,
                new_version=None,
                activated=False,
                train_examples=len(examples),
                message=said.text(),
                said=said,
            )
        held = split_heldout(
            merge_examples([], extra, reviewed), active_record.created_at if active_record else None
        )
        before: dict[str, float] = {}
        after: dict[str, float] = {}
        if held.heldout:
            candidate = classifiers.train(merge_examples(bundled, held.fit, []))
            before = _summary(classifiers.evaluate(active, held.heldout, thresholds(settings)))
            after = _summary(classifiers.evaluate(candidate, held.heldout, thresholds(settings)))
        activate, verdict = _decide(held, before, after)
        if force_activate and not activate:
            activate, verdict = True, Said(N_("activated on request, although: %(why)s"), {"why": verdict})
        sources = {"bundled": len(bundled), "data": len(extra), "reviews": len(reviewed)}
        model = classifiers.train(examples, sources=sources)
        event_type = _event_type_model(model, typed)
        model.metadata["heldout"] = {
            "examples": len(held.heldout),
            "how": held.how if held.heldout else None,
            "shortfall": held.shortfall.text() if held.shortfall else None,
            "shortfall_said": held.shortfall.as_dict() if held.shortfall else None,
            "before": before,
            "after": after,
        }
        directory = model_dir(settings) / model.version
        classifiers.save_model(model, directory)
    with session_scope(engine) as session:
        store.record_model_version(session, model.version, str(directory), model.metadata, active=activate)
        forgotten = store.prune_model_versions(session, settings.classify.keep_models)
    _delete_model_folders(forgotten, model_dir(settings))
    said = Said(
        N_("trained %(version)s on %(count)d examples; %(verdict)s; %(event_type)s"),
        {"version": model.version, "count": len(examples), "verdict": verdict, "event_type": event_type},
    )
    return TrainReport(
        previous_version=active.version,
        new_version=model.version,
        activated=activate,
        before=before,
        after=after,
        train_examples=len(examples),
        heldout_examples=len(held.heldout),
        message=said.text(),
        path=str(directory),
        said=said,
    )


def _delete_model_folders(paths: Sequence[str], root: Path) -> None:
    """Delete forgotten versions' folders, only inside the model folder (a row never points us elsewhere)."""
    for path in paths:
        folder = Path(path).resolve()
        if folder.is_dir() and folder.is_relative_to(root.resolve()):
            shutil.rmtree(folder, ignore_errors=True)
            log.info("deleted model folder %s (classify.keep_models)", folder)


def retrain_from_reviews(engine: Engine, settings: Settings) -> TrainReport:
    """Retrain on the bundled set plus every reviewer label (the review UI's button, the daemon's job)."""
    return train_model(engine, settings)
