"""Classification commands: classify, evaluate, train, reclassify, models."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import click

from service.cli import AppContext, jsonl_in, jsonl_out

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
    click.echo(f"classified {len(records)} items with {model.version}: {relevant} relevant -> {out_path}")


def _table(ours: Mapping[str, Mapping[str, float]], baseline: Mapping[str, Mapping[str, float]]) -> list[str]:
    lines = [f"{'label':<16}{'':>3}{'P':>8}{'R':>8}{'F1':>8}   {'keyword P':>9}{'R':>8}{'F1':>8}   F1 ratio"]
    for label, values in ours.items():
        base = baseline[label]
        ratio = values["f1"] / base["f1"] if base["f1"] else float("inf")
        lines.append(
            f"{label:<16}{'':>3}{values['precision']:>8.3f}{values['recall']:>8.3f}{values['f1']:>8.3f}   "
            f"{base['precision']:>9.3f}{base['recall']:>8.3f}{base['f1']:>8.3f}   {ratio:>7.2f}x"
        )
    return lines


@click.command()
@click.option(
    "--data",
    "data_path",
    required=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Labelled JSON lines: title, text, taiwan_japan, city_diplomacy (relevant optional).",
)
@click.option("--model", "model_choice", default=None, help=_MODEL_HELP)
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.pass_obj
def evaluate(app: AppContext, data_path: Path, model_choice: str | None, as_json: bool) -> None:
    """Precision, recall and F1 per label and for relevant, ours beside a keyword-filter baseline measured
    in the same run on the same data.

    Example: newsmon evaluate --data labelled.jsonl
    """
    import classifiers
    from service.classify import model_errors, thresholds

    examples = _read(data_path)
    model = _model(app, model_choice)
    with model_errors():
        ours = classifiers.evaluate(model, examples, thresholds(app.settings))
        baseline = classifiers.evaluate_keywords(examples)
    if as_json:
        click.echo(json.dumps({"model": model.version, "ours": ours, "keyword": baseline}, indent=2))
        return
    click.echo(f"{len(examples)} examples from {data_path}; model {model.version}")
    for line in _table(ours, baseline):
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
    click.echo(report.message)
    if report.heldout_examples:
        click.echo(f"held-out ({report.heldout_examples} items): before {report.before} after {report.after}")
    if report.path:
        click.echo(f"saved in {report.path}")


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
        click.echo("no trained model versions: the bundled model is in use")
    for record in records:
        heldout = record.metrics.get("heldout") or {}
        compared = (
            f"compared on {heldout.get('examples')} held-out items"
            if heldout.get("examples")
            else f"not compared ({heldout.get('shortfall') or 'no held-out items'})"
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
    click.echo(f"activated {version}")


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
    click.echo(f"reclassified {count} items with {model.version}")
    if events:
        click.echo(f"events stage run again on {refresh_events(app.engine(), app.settings)} relevant items")


def commands() -> list[click.Command]:
    return [classify, evaluate, train, reclassify, models]
