"""Extraction commands: ``extract`` (saved pages to JSON lines) and ``reprocess`` (stored pages again)."""

from __future__ import annotations

import json
from pathlib import Path

import click

from service.cli.context import AppContext
from service.extraction.extract import extract_article
from service.models import Article
from service.reader.charset import decode_bytes


def article_record(path: str, article: Article) -> dict[str, object]:
    return {
        "path": path,
        "title": article.title,
        "text": article.text,
        "byline": article.byline,
        "published": article.published.isoformat() if article.published else None,
        "lang": article.lang,
        "canonical_url": article.canonical_url,
        "error": article.error,
    }


@click.command()
@click.argument(
    "files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@click.option("--url", help="The page's URL (canonical URL resolution, per-site rules); same for every FILE.")
@click.pass_obj
def extract(app: AppContext, files: tuple[Path, ...], url: str | None) -> None:
    """Extract the article from saved HTML pages: one JSON line per file, in the order given, with path,
    title, text, byline, published, lang, canonical_url and error. Bytes are decoded by newsmon's own
    charset detection (Big5, GBK and Shift_JIS pages included).

    Example: newsmon extract page.html --url https://news.example.tw/story/1
    """
    settings = app.settings.extract
    for path in files:
        try:
            body = path.read_bytes()
        except OSError as exc:
            record: dict[str, object] = {
                "path": str(path),
                "error": f"cannot read file: {exc.strerror or exc}",
            }
        else:
            html, _codec = decode_bytes(body)
            record = article_record(str(path), extract_article(html, url=url, settings=settings))
        click.echo(json.dumps(record, ensure_ascii=False))


@click.command()
@click.option(
    "--since", help="Only pages fetched on or after this date (YYYY-MM-DD or ISO time, UTC if no offset)."
)
@click.option("--item", "item_ids", type=int, multiple=True, help="Only this item id (repeatable).")
@click.option("--limit", type=click.IntRange(min=1), help="At most this many pages.")
@click.option("--dry-run", is_flag=True, help="Extract and count, but write nothing.")
@click.pass_obj
def reprocess(
    app: AppContext, since: str | None, item_ids: tuple[int, ...], limit: int | None, dry_run: bool
) -> None:
    """Re-extract stored raw pages (no download) after an extraction improvement. Items whose text changes
    are updated and go back to the extracted stage, so the next cycle dedupes and classifies them again.

    Example: newsmon reprocess --since 2025-01-01
    """
    from service.cli.core import _parse_since
    from service.progress import progress
    from service.reprocess import reprocess_pages, select_pages

    engine = app.engine()
    ids = select_pages(engine, fetched_since=_parse_since(since), item_ids=item_ids, limit=limit)
    with progress("reprocess", total=len(ids)) as bar:
        report = reprocess_pages(engine, app.settings, ids, dry_run=dry_run, on_page=bar.advance)
    _ = app.gettext
    values = {
        "pages": report.pages,
        "changed": report.changed,
        "unchanged": report.unchanged,
        "short": report.fell_short,
        "missing": report.missing,
    }
    message = (
        _(
            "re-extracted %(pages)d stored page(s): would change %(changed)d, unchanged %(unchanged)d,"
            " fell short %(short)d (feed summary kept), missing %(missing)d"
        )
        if dry_run
        else _(
            "re-extracted %(pages)d stored page(s): changed %(changed)d, unchanged %(unchanged)d,"
            " fell short %(short)d (feed summary kept), missing %(missing)d"
        )
    )
    click.echo(message % values)


def commands() -> list[click.Command]:
    return [extract, reprocess]
