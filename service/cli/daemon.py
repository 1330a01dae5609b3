"""Daemon commands: run (the long-running service) and status (one screen on how it is doing)."""

from __future__ import annotations

import logging
import sys
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import click

from service.cli.context import AppContext
from service.config import Settings
from service.states import FeedHealthStatus


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

    _ = app.gettext
    database = sqlite_path(app.settings.database_url)
    if database is not None:
        pid = daemon_holding(database)
        running = _("running (pid %(pid)s)") % {"pid": pid} if pid else _("not running")
        return StatusLine(_("daemon"), running, problem=pid is None)
    workers = holders(app.engine(), WORKERS_LOCK)
    running = _("%(workers)d worker(s) running") % {"workers": workers} if workers else _("not running")
    return StatusLine(_("daemon"), running, not workers)


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
    by_status: dict[FeedHealthStatus, int] = {}
    for feed in feeds:
        by_status[feed.status] = by_status.get(feed.status, 0) + 1
    # Configured feeds count from the start: those `newsmon feeds` or the daemon have not stored yet are
    # "not polled yet" (or disabled), not missing.
    stored = {feed.name for feed in feeds}
    for configured in settings.feeds:
        if configured.name not in stored:
            key = FeedHealthStatus.NEVER_POLLED if configured.enabled else FeedHealthStatus.DISABLED
            by_status[key] = by_status.get(key, 0) + 1
    tz, _ = settings.tz, app.gettext
    failing = [
        (_("failing"), feed.name, feed.last_error or "")
        for feed in feeds
        if feed.status == FeedHealthStatus.FAILING
    ]
    failing += [
        (
            _("silent"),
            trouble.name,
            _("no new entry since %(when)s") % {"when": f"{trouble.since.astimezone(tz):%Y-%m-%d %H:%M}"},
        )
        for trouble in silent
    ]
    last_text = _("none yet")
    if last is not None:
        values = {"date": last.digest_date, "status": _(last.status), "stories": last.story_count}
        last_text = _("%(date)s %(status)s, %(stories)d stories") % values
        if last.sent_at:
            last_text += _(" at %(when)s") % {"when": f"{last.sent_at.astimezone(tz):%Y-%m-%d %H:%M}"}
        if last.error and last.status == "failed":
            last_text += _(": ") + last.error
    upcoming = next_digest_time(settings, now, done_today)
    recipients = len(settings.digest.recipients)
    feed_values = {
        # a malformed feed was polled and its items kept: ok here, named on `newsmon feeds` and the feeds page
        "ok": by_status.get(FeedHealthStatus.OK, 0) + by_status.get(FeedHealthStatus.MALFORMED, 0),
        "failing": by_status.get(FeedHealthStatus.FAILING, 0),
        "new": by_status.get(FeedHealthStatus.NEVER_POLLED, 0),
        "disabled": by_status.get(FeedHealthStatus.DISABLED, 0),
        "silent": len(silent),
        "days": f"{settings.polling.silent_days:g}",
        "configured": len(settings.feeds),
    }
    next_values = {"when": f"{upcoming:%Y-%m-%d %H:%M}", "zone": settings.timezone, "recipients": recipients}
    lines = [
        _daemon_line(app),
        StatusLine(
            _("feeds"),
            _(
                "%(ok)d ok, %(failing)d failing, %(new)d not polled yet, %(disabled)d disabled;"
                " %(silent)d silent (no new entry in %(days)s days); %(configured)d configured"
            )
            % feed_values,
            problem=bool(failing),
        ),
        StatusLine(
            _("items today"),
            _("%(seen)d new, %(relevant)d relevant") % {"seen": counts.seen, "relevant": counts.relevant},
        ),
        StatusLine(
            _("pipeline"),
            _("%(pending)d waiting, %(failed)d failed")
            % {"pending": counts.pending, "failed": counts.failed},
            problem=counts.failed > 0,
        ),
        StatusLine(_("last digest"), last_text, problem=last is not None and last.status == "failed"),
        StatusLine(
            _("next digest"),
            (
                _("%(when)s %(zone)s to %(recipients)d recipient(s)")
                if recipients
                else _("%(when)s %(zone)s to %(recipients)d recipient(s) (none configured: nothing is sent)")
            )
            % next_values,
        ),
        StatusLine(_("model"), model or _("bundled model (no trained version yet)")),
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
        _print_rich(app, lines, failing)
        return
    width = max(_width(line.label) for line in lines)
    kinds = max((_width(kind) for kind, _name, _error in failing), default=0)
    for line in lines:
        click.echo(f"{_pad(line.label, width)}  {line.value}")
    for kind, name, error in failing:
        click.echo(f"  {_pad(kind, max(kinds, 7))}  {name}: {error}")


def _width(text: str) -> int:
    """Columns a terminal gives ``text``: CJK characters take two."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def _print_rich(app: AppContext, lines: list[StatusLine], failing: list[tuple[str, str, str]]) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    _ = app.gettext
    console = Console()
    table = Table(title=_("newsmon status"), show_header=False, box=None, padding=(0, 2))
    table.add_column(style="bold")
    table.add_column()
    for line in lines:
        table.add_row(line.label, Text(line.value, style="red" if line.problem else ""))
    console.print(table)
    if failing:
        errors = Table(title=_("failing and silent feeds"), show_header=True, header_style="bold")
        errors.add_column(_("feed"))
        errors.add_column(_("state"))
        errors.add_column(_("last error"), overflow="fold")
        for kind, name, error in failing:
            errors.add_row(Text(name), Text(kind), Text(error))
        console.print(errors)


def commands() -> list[click.Command]:
    return [run, status]
