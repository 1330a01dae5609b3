"""``newsmon digest``: preview or send the daily digest; ``newsmon report``: a period's stories."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from service.cli.context import AppContext


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
    "--test-send",
    "test_address",
    metavar="ADDRESS",
    help="Mail exactly what --preview shows to this one address; nothing is recorded.",
)
@click.option(
    "--date",
    "date_text",
    metavar="YYYY-MM-DD",
    help="Local date of the digest. Default: --send the newest due one; --preview the next one, so far. "
    "--send --date sends a day early when asked (its window then ends now).",
)
@click.pass_obj
def digest(
    app: AppContext, preview_path: Path | None, send: bool, test_address: str | None, date_text: str | None
) -> None:
    """Preview, try or send the daily digest of relevant stories since the previous one.

    A day is sent once: a second --send for the same date says it was already done. After missed days
    the next digest covers them all. A failed send is recorded and retried by the next --send. Sending
    with no digest.recipients (and no digest.bcc) is an error. Windows are shown in local time.

    Examples: newsmon digest --preview digest.html --date 2026-11-21;  newsmon digest --test-send
    me@example.tw;  newsmon digest --send
    """
    if sum((preview_path is not None, send, test_address is not None)) != 1:
        raise click.UsageError("give exactly one of --preview FILE.html, --test-send ADDRESS or --send")
    digest_date = _parse_date(date_text)
    from service.digest.fit import wire_sizes
    from service.digest.job import preview_digest, run_digest, send_trial
    from service.errors import DigestError
    from service.i18n import gettext_for, local_window

    language = app.settings.ui.language
    _ = gettext_for(language)
    engine = app.engine()
    if preview_path is not None:
        built, rendered = preview_digest(engine, app.settings, digest_date)
        preview_path.parent.mkdir(parents=True, exist_ok=True)
        preview_path.write_text(rendered.html, encoding="utf-8")
        text_path = preview_path.with_suffix(".txt")
        text_path.write_text(rendered.text, encoding="utf-8")
        html_size, text_size = wire_sizes(rendered)  # as sent: the 100 KB limit counts these
        values = {
            "html": preview_path,
            "text": text_path,
            "window": local_window(built.window_start, built.window_end, language, app.settings.tz),
            "html_kb": f"{html_size / 1000:.1f}",
            "text_kb": f"{text_size / 1000:.1f}",
        }
        click.echo(rendered.subject)
        click.echo(
            _("Wrote %(html)s (%(html_kb)s KB) and %(text)s (%(text_kb)s KB); window %(window)s.") % values
        )
        return
    if test_address is not None:
        try:
            trial = send_trial(engine, app.settings, test_address, digest_date)
        except DigestError as exc:
            click.echo(
                _("Test send to %(address)s failed: %(detail)s. Check digest.smtp in the config file.")
                % {"address": test_address, "detail": exc},
                err=True,
            )
            raise SystemExit(1) from None
        click.echo(trial.describe(language))
        return
    outcome = run_digest(engine, app.settings, digest_date=digest_date, early=digest_date is not None)
    message = outcome.describe(app.settings.tz, language)
    if outcome.status in ("failed", "no_recipients"):
        click.echo(message, err=True)
        raise SystemExit(1)
    click.echo(message)


@click.command()
@click.option("--from", "first_text", required=True, metavar="YYYY-MM-DD", help="First local date, included.")
@click.option("--to", "last_text", required=True, metavar="YYYY-MM-DD", help="Last local date, included.")
@click.option(
    "--party",
    metavar="NAME",
    help="Write the 國際事務 chapter of this Taiwanese party (高雄市, 臺南市, 北市 ...): "
    "its events by section, with totals, ROC dates and footnoted sources. "
    "Without it: every relevant story of the period.",
)
@click.option(
    "--heading",
    default=None,
    metavar="TEXT",
    help="The chapter's top heading, with its number in the report "
    "(default 貳拾陸、國際事務). Needs --party.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["md", "docx", "csv"]),
    help="Markdown, Word (chapter only) or CSV. Default: from the --out suffix, else md.",
)
@click.option(
    "--out",
    "out_path",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="Write to this file instead of standard output (a DOCX needs --out).",
)
@click.pass_obj
def report(
    app: AppContext,
    first_text: str,
    last_text: str,
    party: str | None,
    heading: str | None,
    fmt: str | None,
    out_path: Path | None,
) -> None:
    """A period's news as a chapter draft or a reading list.

    With --party: a draft of the 國際事務 chapter of that party's policy report, in Traditional Chinese:
    sections by event type (visitors received, sister-city exchanges, agreements, forums, donations and
    programmes), totals, the principal visitors, one entry per event (different write-ups, in any
    language, join one entry) with ROC dates and every source as a footnote, and a 【本處補充】 place in
    each section for the office's own additions. Reviewers' corrections win; items a reviewer marked not
    relevant never appear.

    Without --party: every relevant story of the period, chosen and grouped as in the digest (topic, then
    partner; one entry per story with the outlets that also reported it).

    Examples: newsmon report --party 高雄市 --from 2026-07-01 --to 2026-12-31 --out chapter.docx;
    newsmon report --from 2026-05-01 --to 2026-10-31 --out stories.md
    """
    first = _parse_date(first_text, "--from")
    last = _parse_date(last_text, "--to")
    if first is None or last is None or last < first:
        raise click.BadParameter(f"--to {last_text} is before --from {first_text}", param_hint="--to")
    chosen = fmt or (out_path.suffix.lstrip(".").lower() if out_path is not None else "md")
    if chosen not in ("md", "csv", "docx"):
        raise click.BadParameter(f"cannot tell the format from {out_path}: give --format md, docx or csv")
    if party is None:
        if chosen == "docx" or heading is not None:
            raise click.UsageError("--format docx and --heading write a chapter: give --party as well")
        _reading_list(app, first, last, chosen, out_path)
        return
    if chosen == "docx" and out_path is None:
        raise click.UsageError("a DOCX is a binary file: give --out FILE.docx")
    from service.chapter.compose import DEFAULT_HEADING
    from service.chapter.load import load_chapter
    from service.chapter.render import render_chapter

    chapter = load_chapter(app.engine(), app.settings, party, first, last, heading or DEFAULT_HEADING)
    body = render_chapter(chapter, chosen)
    _ = app.gettext
    values = {
        "party": chapter.party,
        "first": first,
        "last": last,
        "events": chapter.totals.events,
        "sources": chapter.totals.sources,
    }
    if not chapter.totals.events:
        nothing = _(
            "no event of %(party)s from %(first)s to %(last)s (is the party named as the review UI shows it?)"
        )
        click.echo(f"newsmon: {nothing % values}", err=True)
    summary = _("%(party)s: %(events)d events from %(sources)d articles, %(first)s to %(last)s") % values
    _write(app, body, out_path, summary)


def _reading_list(app: AppContext, first: date, last: date, chosen: str, out_path: Path | None) -> None:
    from service.digest.report import load_report, to_csv, to_markdown

    built = load_report(app.engine(), app.settings, first, last)
    language = app.settings.ui.language
    text = to_csv(built) if chosen == "csv" else to_markdown(built, first, last, language)
    from service.digest.render import summary_line
    from service.i18n import local_date

    period = f"{local_date(first, language)} – {local_date(last, language)}"
    _write(app, text.encode("utf-8"), out_path, f"{summary_line(built, language)} ({period})")


def _write(app: AppContext, body: bytes, out_path: Path | None, summary: str) -> None:
    if out_path is None:
        click.echo(body.decode("utf-8"), nl=False)
        return
    out_path.parent.mkdir(parents=True, exist_ok=True)
    out_path.write_bytes(body)
    click.echo(app.gettext("wrote %(path)s: %(summary)s") % {"path": out_path, "summary": summary}, err=True)


def commands() -> list[click.Command]:
    return [digest, report]
