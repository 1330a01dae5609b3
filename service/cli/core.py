"""Foundation commands: init, check, migrate, items, poll."""

from __future__ import annotations

import json
import sys
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING

import click

from service.cli.context import AppContext
from service.config import Settings

if TYPE_CHECKING:
    from service.pipeline import CycleReport


def _summary(settings: Settings) -> list[str]:
    enabled = [feed for feed in settings.feeds if feed.enabled]
    langs: dict[str, int] = {}
    for feed in enabled:
        langs[feed.lang] = langs.get(feed.lang, 0) + 1
    from sqlalchemy.engine import make_url

    database = make_url(settings.database_url).render_as_string(hide_password=True)
    digest = settings.digest
    return [
        f"config:    {settings.source}",
        f"feeds:     {len(enabled)} enabled of {len(settings.feeds)} ("
        + ", ".join(f"{lang} {count}" for lang, count in sorted(langs.items()))
        + ")",
        f"database:  {database}",
        f"digest:    {digest.time:%H:%M} {settings.timezone} to {len(digest.recipients)} recipient(s)"
        f" via {digest.smtp.host}:{digest.smtp.port} ({digest.smtp.security})",
        f"web UI:    http://{settings.web.host}:{settings.web.port}/"
        + (" (login required)" if settings.web.require_login or settings.web.host != "127.0.0.1" else ""),
        f"fetch:     loopback {'allowed' if settings.fetch.allow_loopback else 'refused'},"
        f" max {settings.fetch.max_bytes:,} bytes, {settings.fetch.total_concurrency} concurrent",
    ]


@click.command()
@click.argument("directory", default=".", type=click.Path(file_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Replace an existing config.yaml.")
def init(directory: Path, force: bool) -> None:
    """Write a starter config.yaml into DIRECTORY (default: the current one): the shipped defaults, every
    key commented. Its data_dir (newsmon-data) is then taken from that folder.

    Example: newsmon init ~/newsmon && newsmon --config ~/newsmon/config.yaml check
    """
    from service.config import write_starter_config

    written = write_starter_config(directory, force)
    click.echo(f"wrote {written}")
    click.echo(f"next: edit the feeds and the digest's recipients, then: newsmon --config {written} check")


@click.command()
@click.pass_obj
def check(app: AppContext) -> None:
    """Validate the configuration and print a summary. Exit status 2 names the file and key at fault.

    Example: newsmon --config my.yaml check
    """
    settings = app.settings
    click.echo("configuration OK")
    for line in _summary(settings):
        click.echo("  " + line)


@click.command()
@click.pass_obj
def migrate(app: AppContext) -> None:
    """Create or upgrade the database schema to the newest version (also done at every start).

    Example: newsmon migrate
    """
    from service.storage.db import current_revision

    engine = app.engine()
    click.echo(f"database at revision {current_revision(engine)}")


def _parse_since(value: str | None) -> datetime | None:
    if value is None:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(
            f"{value!r} is not a date (YYYY-MM-DD) or ISO time", param_hint="--since"
        ) from None
    if isinstance(parsed, date) and not isinstance(parsed, datetime):  # pragma: no cover
        parsed = datetime.combine(parsed, time())
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


@click.command()
@click.option("--json", "as_json", is_flag=True, required=True, help="Write JSON lines (the only format).")
@click.option("--since", help="Only items published on or after this date (YYYY-MM-DD or ISO time).")
@click.option("--relevant", is_flag=True, help="Only items the current model marks relevant.")
@click.pass_obj
def items(app: AppContext, as_json: bool, since: str | None, relevant: bool) -> None:
    """Export stored items with their labels, human labels and cluster ids, one JSON object per line.

    Example: newsmon items --json --since 2026-11-01 --relevant > relevant.jsonl
    """
    from service.storage.items import export_rows

    start = _parse_since(since)
    with app.session() as session:
        for row in export_rows(session, since=start, relevant_only=relevant):
            sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")


def print_cycle(report: CycleReport) -> None:
    failing = [feed for feed in report.feeds if feed.status == "error"]
    malformed = [feed for feed in report.feeds if feed.problem]
    click.echo(
        f"polled {len(report.feeds)} feed(s): {sum(f.new_items for f in report.feeds)} new item(s), "
        f"{sum(f.updated_items for f in report.feeds)} updated, "
        f"{sum(f.status == 'not_modified' for f in report.feeds)} unchanged, {len(failing)} failing, "
        f"{len(malformed)} malformed"
    )
    for feed in failing:
        click.echo(f"  error    {feed.feed}: {feed.error}")
    for feed in malformed:
        click.echo(f"  problem  {feed.feed}: {feed.problem}")
    if report.items:
        click.echo(
            "items: " + ", ".join(f"{count} {outcome}" for outcome, count in sorted(report.items.items()))
        )


@click.command()
@click.option(
    "--once", is_flag=True, required=True, help="Run one cycle and exit (the daemon is `newsmon run`)."
)
@click.pass_obj
def poll(app: AppContext, once: bool) -> None:
    """Run one polling cycle: due feeds, new entries, article pages, extraction, dedup, classification.

    Example: newsmon poll --once
    """
    from service.jobs import poll_once

    print_cycle(poll_once(app.engine(), app.settings))


def commands() -> list[click.Command]:
    return [init, check, migrate, items, poll]
