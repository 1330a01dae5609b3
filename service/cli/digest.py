"""``newsmon digest``: preview or send the daily digest."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from service.cli import AppContext


def _parse_date(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)", param_hint="--date") from None


@click.command()
@click.option(
    "--preview",
    "preview_path",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="Write the digest as HTML to this file (and the plain-text part beside it, .txt); nothing is sent.",
)
@click.option("--send", "send", is_flag=True, help="Send the digest now, unless that day's digest was sent.")
@click.option(
    "--date",
    "date_text",
    metavar="YYYY-MM-DD",
    help="Local date of the digest. Default: --send the newest due one; --preview the next one, so far.",
)
@click.pass_obj
def digest(app: AppContext, preview_path: Path | None, send: bool, date_text: str | None) -> None:
    """Preview or send the daily digest of relevant stories since the previous one.

    A day is sent once: a second --send for the same date says it was already done. After missed days
    the next digest covers them all. A failed send is recorded and retried by the next --send.

    Examples: newsmon digest --preview digest.html --date 2026-11-21;  newsmon digest --send
    """
    if bool(preview_path) == send:
        raise click.UsageError("give exactly one of --preview FILE.html or --send")
    digest_date = _parse_date(date_text)
    from service.digest.job import preview_digest, run_digest

    engine = app.engine()
    if preview_path is not None:
        built, rendered = preview_digest(engine, app.settings, digest_date)
        preview_path.parent.mkdir(parents=True, exist_ok=True)
        preview_path.write_text(rendered.html, encoding="utf-8")
        text_path = preview_path.with_suffix(".txt")
        text_path.write_text(rendered.text, encoding="utf-8")
        click.echo(f"{rendered.subject}\nwrote {preview_path} and {text_path} ({built.window_label})")
        return
    outcome = run_digest(engine, app.settings, digest_date=digest_date)
    click.echo(outcome.describe())
    if outcome.status == "failed":
        raise SystemExit(1)


def commands() -> list[click.Command]:
    return [digest]
