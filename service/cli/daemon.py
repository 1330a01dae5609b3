"""Daemon commands: run (the long-running service) and status (one screen on how it is doing)."""

from __future__ import annotations

import logging
import sys
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import click

from service.cli.context import AppContext
from service.config import Settings


@click.command()
@click.option(
    "--port", type=click.IntRange(0, 65535), help="HTTP port (default: web.port; 0: any free port)."
)
@click.pass_obj
def run(app: AppContext, port: int | None) -> None:
    """Run newsmon as a service: poll feeds every daemon.poll_tick_seconds, send the daily digest, run the
    nightly maintenance, and serve the review UI with /healthz and /metrics (web.host:web.port).

    Stops cleanly on SIGTERM or Ctrl-C within daemon.shutdown_timeout_seconds. On SQLite one daemon per
    database (a second one refuses to start); on PostgreSQL start as many as you like.

    Example: newsmon --config /etc/newsmon/config.yaml run
    """
    from service.daemon import WorkerPresence, run_daemon
    from service.logs import configure_logging

    settings = app.settings
    verbose = logging.getLogger().level == logging.DEBUG
    configure_logging(settings.logging, verbose=verbose)
    presence = WorkerPresence(settings.database_url)
    presence.acquire_file_lock()  # before migrating: a second daemon must not touch the database
    try:
        engine = app.engine()
    except BaseException:
        presence.release()
        raise
    sys.exit(run_daemon(settings, presence, engine, port=port))


@dataclass(frozen=True)
class StatusLine:
    label: str
    value: str
    problem: bool = False


def next_digest_time(settings: Settings, now: datetime, done_today: bool) -> datetime:
    local_now = now.astimezone(settings.tz)
    today = datetime.combine(local_now.date(), settings.digest.time, tzinfo=settings.tz)
    return today if (today > local_now and not done_today) else today + timedelta(days=1)


def _daemon_line(app: AppContext) -> StatusLine:
    from service.daemon import WORKERS_LOCK, daemon_holding, sqlite_path
    from service.storage.locks import holders

    database = sqlite_path(app.settings.database_url)
    if database is not None:
        pid = daemon_holding(database)
        return StatusLine("daemon", f"running (pid {pid})" if pid else "not running", problem=pid is None)
    workers = holders(app.engine(), WORKERS_LOCK)
    return StatusLine("daemon", f"{workers} worker(s) running" if workers else "not running", not workers)


def status_lines(app: AppContext) -> tuple[list[StatusLine], list[tuple[str, str, str]]]:
    """The summary lines and the feeds in trouble: (``failing`` or ``silent``, name, error or since when)."""
    from service.storage import alerts as alert_store
    from service.storage import feeds as feed_store
    from service.storage import overview

    settings = app.settings
    now = datetime.now(UTC)
    local_midnight = datetime.combine(now.astimezone(settings.tz).date(), datetime.min.time(), settings.tz)
    with app.session() as session:
        feeds = feed_store.feed_statuses(session)
        counts = overview.item_counts(session, local_midnight)
        last = overview.last_digest(session)
        today = now.astimezone(settings.tz).date().isoformat()
        done_today = overview.digest_done(session, today)
        model = overview.active_model_version(session)
        silent_since = now - timedelta(days=settings.polling.silent_days)
        silent = alert_store.silent_feeds(session, silent_since)
    by_status: dict[str, int] = {}
    for feed in feeds:
        by_status[feed.status] = by_status.get(feed.status, 0) + 1
    # Configured feeds count from the start: those `newsmon feeds` or the daemon have not stored yet are
    # "not polled yet" (or disabled), not missing.
    stored = {feed.name for feed in feeds}
    for configured in settings.feeds:
        if configured.name not in stored:
            key = "new" if configured.enabled else "disabled"
            by_status[key] = by_status.get(key, 0) + 1
    tz = settings.tz
    failing = [("failing", feed.name, feed.last_error or "") for feed in feeds if feed.status == "failing"]
    failing += [
        ("silent", trouble.name, f"no new entry since {trouble.since.astimezone(tz):%Y-%m-%d %H:%M}")
        for trouble in silent
    ]
    last_text = "none yet"
    if last is not None:
        sent = f" at {last.sent_at.astimezone(tz):%Y-%m-%d %H:%M}" if last.sent_at else ""
        error = f": {last.error}" if last.error and last.status == "failed" else ""
        last_text = f"{last.digest_date} {last.status}, {last.story_count} stories{sent}{error}"
    upcoming = next_digest_time(settings, now, done_today)
    recipients = len(settings.digest.recipients)
    lines = [
        _daemon_line(app),
        StatusLine(
            "feeds",
            f"{by_status.get('ok', 0)} ok, {by_status.get('failing', 0)} failing,"
            f" {by_status.get('new', 0)} not polled yet, {by_status.get('disabled', 0)} disabled;"
            f" {len(silent)} silent (no new entry in {settings.polling.silent_days:g} days);"
            f" {len(settings.feeds)} configured",
            problem=bool(failing),
        ),
        StatusLine("items today", f"{counts.seen} new, {counts.relevant} relevant"),
        StatusLine(
            "pipeline", f"{counts.pending} waiting, {counts.failed} failed", problem=counts.failed > 0
        ),
        StatusLine("last digest", last_text, problem=last is not None and last.status == "failed"),
        StatusLine(
            "next digest",
            f"{upcoming:%Y-%m-%d %H:%M} {settings.timezone} to {recipients} recipient(s)"
            + ("" if recipients else " (none configured: nothing is sent)"),
        ),
        StatusLine("model", model or "bundled model (no trained version yet)"),
    ]
    return lines, failing


@click.command()
@click.pass_obj
def status(app: AppContext) -> None:
    """One screen on how newsmon is doing: daemon, configured feeds ok, failing, silent (no new entry in
    polling.silent_days) and not polled yet, items and relevant items today, last and next digest, model
    version.

    Example: newsmon status
    """
    lines, failing = status_lines(app)
    if sys.stdout.isatty():
        _print_rich(lines, failing)
        return
    width = max(len(line.label) for line in lines)
    for line in lines:
        click.echo(f"{line.label:<{width}}  {line.value}")
    for kind, name, error in failing:
        click.echo(f"  {kind:<7}  {name}: {error}")


def _print_rich(lines: list[StatusLine], failing: list[tuple[str, str, str]]) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    console = Console()
    table = Table(title="newsmon status", show_header=False, box=None, padding=(0, 2))
    table.add_column(style="bold")
    table.add_column()
    for line in lines:
        table.add_row(line.label, Text(line.value, style="red" if line.problem else ""))
    console.print(table)
    if failing:
        errors = Table(title="failing and silent feeds", show_header=True, header_style="bold")
        errors.add_column("feed")
        errors.add_column("state")
        errors.add_column("last error", overflow="fold")
        for kind, name, error in failing:
            errors.add_row(Text(name), Text(kind), Text(error))
        console.print(errors)


def commands() -> list[click.Command]:
    return [run, status]
