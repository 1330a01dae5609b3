"""Foundation commands: init, check, migrate, items, poll."""

from __future__ import annotations

import json
import sys
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING

import click

from service.cli.context import AppContext

if TYPE_CHECKING:
    from service.pipeline import CycleReport


def _summary(app: AppContext) -> list[str]:
    settings, _ = app.settings, app.gettext
    enabled = [feed for feed in settings.feeds if feed.enabled]
    langs: dict[str, int] = {}
    for feed in enabled:
        langs[feed.lang] = langs.get(feed.lang, 0) + 1
    from sqlalchemy.engine import make_url

    database = make_url(settings.database_url).render_as_string(hide_password=True)
    digest = settings.digest
    login = settings.web.require_login or settings.web.host != "127.0.0.1"
    values = {
        "enabled": len(enabled),
        "total": len(settings.feeds),
        "langs": ", ".join(f"{lang} {count}" for lang, count in sorted(langs.items())),
        "time": f"{digest.time:%H:%M}",
        "zone": settings.timezone,
        "recipients": len(digest.recipients),
        "smtp": f"{digest.smtp.host}:{digest.smtp.port} ({digest.smtp.security})",
        "url": f"http://{settings.web.host}:{settings.web.port}/",
        "bytes": f"{settings.fetch.max_bytes:,}",
        "concurrent": settings.fetch.total_concurrency,
    }
    return [
        _("config:    %(path)s") % {"path": settings.source},
        _("feeds:     %(enabled)d enabled of %(total)d (%(langs)s)") % values,
        _("database:  %(database)s") % {"database": database},
        _("digest:    %(time)s %(zone)s to %(recipients)d recipient(s) via %(smtp)s") % values,
        (_("web UI:    %(url)s (login required)") if login else _("web UI:    %(url)s")) % values,
        (
            _("fetch:     loopback allowed, max %(bytes)s bytes, %(concurrent)d concurrent")
            if settings.fetch.allow_loopback
            else _("fetch:     loopback refused, max %(bytes)s bytes, %(concurrent)d concurrent")
        )
        % values,
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
    from service.i18n import DEFAULT_LANGUAGE, gettext_for

    written = write_starter_config(directory, force)
    _ = gettext_for(DEFAULT_LANGUAGE)  # no config to read ui.language from yet: the starter's own default
    click.echo(_("wrote %(path)s") % {"path": written})
    click.echo(
        _("next: edit the feeds and the digest's recipients, then: newsmon --config %(path)s check")
        % {"path": written}
    )


@click.command()
@click.pass_obj
def check(app: AppContext) -> None:
    """Validate the configuration and print a summary. Exit status 2 names the file and key at fault.

    Example: newsmon --config my.yaml check
    """
    click.echo(app.gettext("configuration OK"))
    for line in _summary(app):
        click.echo("  " + line)


@click.command()
@click.pass_obj
def migrate(app: AppContext) -> None:
    """Create or upgrade the database schema to the newest version (also done at every start).

    Example: newsmon migrate
    """
    from service.storage.db import current_revision

    engine = app.engine()
    click.echo(app.gettext("database at revision %(revision)s") % {"revision": current_revision(engine)})


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


def print_cycle(app: AppContext, report: CycleReport) -> None:
    """The cycle in one line, then a line per failing or malformed feed, how the items' turns ended and what
    the stages made of them (relevant, irrelevant, duplicate, kept summary)."""
    _, ngettext = app.gettext, app.ngettext
    failing = [feed for feed in report.feeds if feed.status == "error"]
    malformed = [feed for feed in report.feeds if feed.problem]
    polled = ngettext("polled %(num)d feed", "polled %(num)d feeds", len(report.feeds))
    counts = _(
        "%(new)d new item(s), %(updated)d updated, %(unchanged)d unchanged, %(failing)d failing,"
        " %(malformed)d malformed"
    )
    values = {
        "num": len(report.feeds),
        "new": sum(f.new_items for f in report.feeds),
        "updated": sum(f.updated_items for f in report.feeds),
        "unchanged": sum(f.status == "not_modified" for f in report.feeds),
        "failing": len(failing),
        "malformed": len(malformed),
    }
    click.echo(polled % values + _(": ") + counts % values)
    for feed in failing:
        click.echo(_("  error    %(feed)s: %(error)s") % {"feed": feed.feed, "error": feed.error})
    for feed in malformed:
        click.echo(_("  problem  %(feed)s: %(problem)s") % {"feed": feed.feed, "problem": feed.problem})

    def counted(counts: dict[str, int]) -> str:
        return _(", ").join(f"{count} {_(name)}" for name, count in sorted(counts.items()))

    if report.items:
        click.echo(_("items: %(outcomes)s") % {"outcomes": counted(report.items)})
    if report.outcomes:
        click.echo(_("outcomes: %(outcomes)s") % {"outcomes": counted(report.outcomes)})


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

    print_cycle(app, poll_once(app.engine(), app.settings))


def commands() -> list[click.Command]:
    return [init, check, migrate, items, poll]
