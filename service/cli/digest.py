"""``newsmon digest``: preview or send the daily digest; ``newsmon report``: a period's stories."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from service.cli import AppContext


def _parse_date(value: str | None, option: str = "--date") -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)", param_hint=option) from None


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


@click.command()
@click.option("--from", "first_text", required=True, metavar="YYYY-MM-DD", help="First local date, included.")
@click.option("--to", "last_text", required=True, metavar="YYYY-MM-DD", help="Last local date, included.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["md", "csv"]),
    help="Markdown or CSV. Default: from the --out suffix, else md.",
)
@click.option(
    "--out",
    "out_path",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="Write to this file instead of standard output.",
)
@click.pass_obj
def report(app: AppContext, first_text: str, last_text: str, fmt: str | None, out_path: Path | None) -> None:
    """Every relevant story of a period, chosen and grouped as in the digest (topic, then partner; one entry
    per story with the outlets that also reported it; reviewers' labels win over the model).

    Example: newsmon report --from 2026-05-01 --to 2026-10-31 --out international-affairs.md
    """
    first = _parse_date(first_text, "--from")
    last = _parse_date(last_text, "--to")
    if first is None or last is None or last < first:
        raise click.BadParameter(f"--to {last_text} is before --from {first_text}", param_hint="--to")
    chosen = fmt or (out_path.suffix.lstrip(".").lower() if out_path is not None else "md")
    if chosen not in ("md", "csv"):
        raise click.BadParameter(f"cannot tell the format from {out_path}: give --format md or csv")
    from service.digest.report import load_report, to_csv, to_markdown

    built = load_report(app.engine(), app.settings, first, last)
    text = to_csv(built) if chosen == "csv" else to_markdown(built, first, last)
    if out_path is None:
        click.echo(text, nl=False)
        return
    out_path.parent.mkdir(parents=True, exist_ok=True)
    out_path.write_text(text, encoding="utf-8")
    click.echo(f"wrote {out_path}: {built.story_count} stories, {first} to {last}", err=True)


def commands() -> list[click.Command]:
    return [digest, report]
