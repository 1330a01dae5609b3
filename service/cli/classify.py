"""Classification commands: classify, evaluate, train, reclassify, models."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import click

from service.cli.context import AppContext, jsonl_in, jsonl_out

_MODEL_HELP = "Model directory inside classify.model_dir, or 'bundled' (default: the active model)."


def _model(app: AppContext, choice: str | None) -> Any:
    from service.classify import load_active_model, load_model_at

    if choice == "bundled":
        return load_model_at(None, app.settings)
    if choice:
        return load_model_at(choice, app.settings)
    with app.session() as session:
        return load_active_model(session, app.settings)


def _read(path: Path) -> list[dict[str, Any]]:
    import classifiers
    from service.classify import model_errors

    with model_errors():
        return classifiers.read_jsonl(path)


@click.command()
@jsonl_in("JSON lines, each an object with 'title' (may be null) and 'text'.")
@jsonl_out("Where to write the same objects with scores, labels, entities, partner and why.")
@click.option("--model", "model_choice", default=None, help=_MODEL_HELP)
@click.pass_obj
def classify(app: AppContext, in_path: Path, out_path: Path, model_choice: str | None) -> None:
    """Classify a JSON-lines file. Each output line is the input object plus ``scores``, ``labels``
    (taiwan_japan, city_diplomacy, relevant), ``entities``, ``taiwan_party``, ``partner``,
    ``partner_country`` and ``why``. Thresholds come from the ``classify`` settings. Relevant items also
    get ``event`` (the events stage: taiwan_party, partners, event_type, event_date, people,
    delegation_size, evidence; relative and ROC dates resolved against the object's ``published``, an ISO
    date or time, when given); others get ``event: null``.

    Example: newsmon classify --in items.jsonl --out classified.jsonl
    """
    from service.classify import event_fields, model_errors, thresholds

    records = _read(in_path)
    for number, record in enumerate(records, 1):
        if not isinstance(record.get("text"), str):
            raise click.UsageError(f"{in_path}: object {number} has no 'text' string")
    model = _model(app, model_choice)
    with model_errors():
        predictions = model.predict(records, thresholds=thresholds(app.settings))
    relevant = 0
    with out_path.open("w", encoding="utf-8") as out:
        for record, prediction in zip(records, predictions, strict=True):
            relevant += prediction.relevant
            event = event_fields(record, app.settings.tz) if prediction.relevant else {"event": None}
            out.write(json.dumps({**record, **prediction.to_dict(), **event}, ensure_ascii=False) + "\n")
    values = {"count": len(records), "version": model.version, "relevant": relevant, "path": out_path}
    click.echo(
        app.gettext("classified %(count)s items with %(version)s: %(relevant)s relevant -> %(path)s") % values
    )


_BASELINES = ("keyword", "tfidf")


def _table(figures: Mapping[str, Mapping[str, Mapping[str, Mapping[str, float]]]]) -> list[str]:
    """Rows per language and label: ours, then each baseline (P R F1), then our F1 over the best one's."""
    head = f"{'lang':<8}{'label':<16}" + "".join(
        f"   {name + ' P':>10}{'R':>7}{'F1':>7}" for name in ("ours", *_BASELINES)
    )
    lines = [head + "   F1 ratio"]
    for lang, labels in figures["ours"].items():
        for label, values in labels.items():
            cells = [values] + [figures[name][lang][label] for name in _BASELINES]
            best = max(cell["f1"] for cell in cells[1:])
            ratio = f"{values['f1'] / best:>7.2f}x" if best else "      -"
            lines.append(
                f"{lang:<8}{label:<16}"
                + "".join(f"   {c['precision']:>10.3f}{c['recall']:>7.3f}{c['f1']:>7.3f}" for c in cells)
                + f"   {ratio}"
            )
    return lines


def _cold(model: Any, examples: list[dict[str, Any]], limits: Mapping[str, float]) -> dict[str, Any]:
    """The model as it is, beside the keyword filter and a TF-IDF baseline fitted on the bundled set."""
    from classifiers import bundled_examples
    from classifiers import evaluation as ev

    return {
        "ours": ev.evaluate_by_language(model, examples, limits),
        "keyword": ev.evaluate_keywords_by_language(examples),
        "tfidf": ev.evaluate_tfidf_baseline(bundled_examples(), examples),
    }


def _warm(
    examples: list[dict[str, Any]], folds: int, limits: Mapping[str, float], with_bundled: bool
) -> dict[str, Any]:
    """Grouped K-fold on the data: ours is trained on the bundled set (unless left out) plus the other
    folds, the TF-IDF baseline on the other folds alone; every item is scored once, by models that never
    saw its story."""
    import classifiers
    from classifiers import evaluation as ev

    groups = ev.story_groups(examples)
    fold_of = {group: index % folds for index, group in enumerate(sorted(set(groups)))}
    ours: list[dict[str, bool]] = [{} for _ in examples]
    plain: list[dict[str, bool]] = [{} for _ in examples]
    bundled = classifiers.bundled_examples() if with_bundled else []
    for fold in range(folds):
        test = [i for i, group in enumerate(groups) if fold_of[group] == fold]
        train = [examples[i] for i, group in enumerate(groups) if fold_of[group] != fold]
        held = [examples[i] for i in test]
        predictions = classifiers.train([*bundled, *train]).predict(held, limits, explain=False)
        for i, prediction in zip(test, predictions, strict=True):
            ours[i] = prediction.labels
        for i, labels in zip(test, ev.tfidf_baseline(train).predict_labels(held), strict=True):
            plain[i] = labels
    return {
        "ours": ev.by_language(examples, ours),
        "keyword": ev.evaluate_keywords_by_language(examples),
        "tfidf": ev.by_language(examples, plain),
    }


@click.command()
@click.option(
    "--data",
    "data_path",
    required=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Labelled JSON lines: title, text, taiwan_japan, city_diplomacy; relevant, lang, story_id optional.",
)
@click.option("--model", "model_choice", default=None, help=_MODEL_HELP)
@click.option(
    "--folds",
    type=click.IntRange(2, 20),
    default=None,
    help="Instead of the model as it is: grouped K-fold on the data (bundled set + the other folds).",
)
@click.option("--no-bundled", is_flag=True, help="With --folds: train ours on the other folds alone.")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.pass_obj
def evaluate(
    app: AppContext,
    data_path: Path,
    model_choice: str | None,
    folds: int | None,
    no_bundled: bool,
    as_json: bool,
) -> None:
    """Precision, recall and F1 per label and per language (all, zh-Hant, zh-Hans, ja, en), ours beside two
    baselines measured in the same run on the same data: a keyword filter, and a plain character 1-3-gram
    TF-IDF with logistic regression (fitted on the bundled training set, or with --folds on the other
    folds). Without --folds the figures are cold when the data never went into the model.

    Example: newsmon evaluate --data labelled.jsonl --folds 5
    """
    from service.classify import model_errors, thresholds

    examples = _read(data_path)
    limits = thresholds(app.settings)
    with model_errors():
        if folds:
            figures = _warm(examples, folds, limits, with_bundled=not no_bundled)
            version = f"{folds}-fold ({'other folds' if no_bundled else 'bundled + other folds'})"
        else:
            model = _model(app, model_choice)
            figures, version = _cold(model, examples, limits), model.version
    if as_json:
        click.echo(json.dumps({"model": version, **figures}, indent=2))
        return
    values = {"count": len(examples), "path": data_path, "version": version}
    click.echo(app.gettext("%(count)s examples from %(path)s; model %(version)s") % values)
    for line in _table(figures):
        click.echo(line)


@click.command()
@click.option(
    "--data",
    "data_paths",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Extra labelled JSON lines (repeatable); reviewers' labels in the database still win.",
)
@click.option("--no-bundled", is_flag=True, help="Leave out the bundled training set.")
@click.option(
    "--activate", is_flag=True, help="Activate the new model even when it was not compared or was worse."
)
@click.pass_obj
def train(app: AppContext, data_paths: tuple[Path, ...], no_bundled: bool, activate: bool) -> None:
    """Train a new model version from the bundled set, --data files and every reviewer label (which win
    over the other sources for the same text). It is saved in classify.model_dir and recorded in the
    database. It becomes active only when it was compared with the active model on held-out stories (at
    least 30 labelled items from --data and reviews, 5 of each class) and is not worse there; otherwise it
    is kept inactive and the output says why (--activate overrides). Nothing is trained when the data are
    those the active model was trained on.

    Example: newsmon train --data extra-labels.jsonl
    """
    from service.classify import train_model

    extra = [example for path in data_paths for example in _read(path)]
    report = train_model(
        app.engine(), app.settings, extra, include_bundled=not no_bundled, force_activate=activate
    )
    _ = app.gettext
    click.echo(report.text(_))
    if report.heldout_examples:
        values = {"count": report.heldout_examples, "before": report.before, "after": report.after}
        click.echo(_("held-out (%(count)s items): before %(before)s after %(after)s") % values)
    if report.path:
        click.echo(_("saved in %(path)s") % {"path": report.path})


@click.group()
def models() -> None:
    """Trained model versions: list them, activate one.

    Example: newsmon models list
    """


@models.command("list")
@click.pass_obj
def list_models(app: AppContext) -> None:
    """Every recorded model version, newest first, with its held-out comparison.

    Example: newsmon models list
    """
    from service.storage.classifications import model_versions

    with app.session() as session:
        records = model_versions(session)
    if not records:
        click.echo(app.gettext("no trained model versions: the bundled model is in use"))
    for record in records:
        heldout = record.metrics.get("heldout") or {}
        compared = (
            app.gettext("compared on %(count)s held-out items") % {"count": heldout.get("examples")}
            if heldout.get("examples")
            else app.gettext("not compared (%(why)s)") % {"why": _shortfall_text(heldout, app.gettext)}
        )
        mark = "*" if record.active else " "
        click.echo(f"{mark} {record.version}  {record.created_at:%Y-%m-%d %H:%M}  {compared}")


@models.command("activate")
@click.argument("version")
@click.pass_obj
def activate_model(app: AppContext, version: str) -> None:
    """Make VERSION the active model (the next cycle classifies with it).

    Example: newsmon models activate 20261206-101500-1a2b3c4d
    """
    from service.storage.classifications import activate_model_version

    with app.session() as session:
        found = activate_model_version(session, version)
    if not found:
        raise click.ClickException(f"no model version {version!r} (see: newsmon models list)")
    click.echo(app.gettext("activated %(version)s") % {"version": version})


@click.command()
@click.option("--model", "model_choice", default=None, help=_MODEL_HELP)
@click.option(
    "--events",
    "events",
    is_flag=True,
    help="Then run the events stage again on every relevant item (after an extractor update, or for "
    "items classified before it existed); reviewers' event corrections still win.",
)
@click.pass_obj
def reclassify(app: AppContext, model_choice: str | None, events: bool) -> None:
    """Classify every stored item that the model (default: the active one) has not classified yet. Each
    item's current classification becomes the new one; reviewers' labels are never touched.

    Example: newsmon reclassify --events
    """
    from service.classify import reclassify as run
    from service.classify import refresh_events

    model = _model(app, model_choice)
    count = run(app.engine(), app.settings, model)
    _ = app.gettext
    click.echo(
        _("reclassified %(count)s items with %(version)s") % {"count": count, "version": model.version}
    )
    if events:
        refreshed = refresh_events(app.engine(), app.settings)
        click.echo(_("events stage run again on %(count)s relevant items") % {"count": refreshed})


def commands() -> list[click.Command]:
    return [classify, evaluate, train, reclassify, models]


def _shortfall_text(heldout: Mapping[str, Any], gettext: Callable[[str], str]) -> str:
    """Why a version was not compared, in the interface language (versions saved before the reason was
    kept as a msgid show the English they stored)."""
    from service.i18n import Said

    if heldout.get("shortfall_said"):
        return Said.of(heldout["shortfall_said"]).text(gettext)
    return str(heldout.get("shortfall") or gettext("no held-out items"))
