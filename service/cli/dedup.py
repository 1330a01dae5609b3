"""``newsmon dedup``: story clusters for a JSON-lines file, without the database."""

from __future__ import annotations

import json
from collections import Counter
from datetime import timedelta
from pathlib import Path

import click

from service.cli.context import AppContext, jsonl_in, jsonl_out


@click.command()
@jsonl_in("JSON lines in arrival order: id, url, title, text, published.")
@jsonl_out("Where to write.")
@click.pass_obj
def dedup(app: AppContext, in_path: Path, out_path: Path) -> None:
    """Assign story clusters to items of a JSON-lines file (arrival order). Each output line is the input
    record plus ``cluster`` (id of the cluster's first item), ``relation`` (original | duplicate |
    version), ``similarity``, ``matched`` and ``reason``. Uses the ``dedup`` settings of the config.

    Example: newsmon dedup --in items.jsonl --out clustered.jsonl
    """
    from service.dedup.batch import dedup_records, read_records
    from service.dedup.core import Deduper
    from service.dedup.sqlindex import thresholds_from

    settings = app.settings
    with in_path.open(encoding="utf-8") as lines:
        records = read_records(lines, str(in_path), settings.tz)
    deduper = Deduper(
        thresholds_from(settings.dedup), timedelta(days=settings.dedup.window_days), settings.tz
    )
    relations: Counter[str] = Counter()
    with out_path.open("w", encoding="utf-8") as out:
        for row in dedup_records(records, deduper):
            relations[row["relation"]] += 1
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    values = {
        "items": len(records),
        "stories": relations["original"],
        "duplicates": relations["duplicate"],
        "versions": relations["version"],
        "path": out_path,
    }
    _ = app.gettext
    message = _(
        "%(items)d items -> %(stories)d stories (%(duplicates)d duplicates, %(versions)d versions);"
        " wrote %(path)s"
    )
    click.echo(message % values, err=True)


def commands() -> list[click.Command]:
    return [dedup]
