"""``newsmon feeds``: the feed health table, OPML import/export (the format every feed reader speaks), and
feed discovery.

The configured list in the config file is the source of truth (the database mirrors it), so ``import``
and ``discover --add`` append new feeds to the config file, after validating the result, rather than to
the database.
"""

from __future__ import annotations

import re
import unicodedata
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import click
import yaml

from service.cli.context import AppContext, fail
from service.config import DEFAULT_CONFIG, Settings, parse_settings
from service.errors import ConfigError
from service.reader.urls import outlet_name


@click.group(invoke_without_command=True)
@click.pass_context
def feeds(ctx: click.Context) -> None:
    """Feed health: name, status, last success, last error, error count, next check, items in the last 7
    days. Subcommands: ``import FILE.opml`` adds feeds to the config file, ``export`` writes OPML,
    ``discover URL`` finds the feeds a page offers.

    Example: newsmon feeds
    """
    if ctx.invoked_subcommand is None:
        ctx.invoke(status)


@feeds.command()
@click.pass_obj
def status(app: AppContext) -> None:
    """The feed health table (also what plain ``newsmon feeds`` prints).

    Example: newsmon feeds status
    """
    from service.jobs import sync_configured_feeds
    from service.storage.feeds import feed_statuses

    sync_configured_feeds(app.engine(), app.settings)
    with app.session() as session:
        rows = feed_statuses(session)
    now, _ = datetime.now(UTC), app.gettext
    table = [
        (
            _("name"),
            _("status"),
            _("last success"),
            _("errors"),
            _("next check"),
            _("items 7d"),
            _("last error / problem"),
        )
    ]
    for row in rows:
        table.append(
            (
                row.name,
                _(row.status),
                _ago(app, row.last_success_at, now),
                str(row.error_count),
                _until(app, row.next_check_at, now) if row.enabled else "-",
                str(row.items_7d),
                _short(row.last_error if row.error_count else row.last_problem),
            )
        )
    widths = [max(_width(line[col]) for line in table) for col in range(len(table[0]) - 1)]
    for line in table:
        cells = [_pad(cell, width) for cell, width in zip(line, widths, strict=False)]
        click.echo("  ".join([*cells, line[-1]]).rstrip())


@feeds.command("import")
@click.argument("opml_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--lang", default="zh-Hant", show_default=True, help="Language for feeds the OPML does not say."
)
@click.option("--dry-run", is_flag=True, help="Print the entries that would be added; change nothing.")
@click.pass_obj
def import_opml(app: AppContext, opml_file: Path, lang: str, dry_run: bool) -> None:
    """Add the feeds of an OPML file to the config file in use (feeds already listed, by URL, are skipped).
    The new config is validated before it is written.

    Example: newsmon --config my.yaml feeds import subscriptions.opml
    """
    outlines = read_opml(opml_file)
    _add_feeds(app, [(o.url, o.title, o.lang or lang) for o in outlines], dry_run)


@feeds.command()
@click.argument("url")
@click.option("--add", is_flag=True, help="Add the feeds found to the config file in use.")
@click.option("--lang", default="zh-Hant", show_default=True, help="Language of the feeds added.")
@click.pass_obj
def discover(app: AppContext, url: str, add: bool, lang: str) -> None:
    """Find the feeds a web page offers (its <link rel="alternate"> feeds, links that look like feeds, the
    usual paths), check each by fetching and parsing it, and list those that work; --add appends the new
    ones to the config file (validated first), as `feeds import` does.

    Example: newsmon feeds discover https://www.cna.com.tw/ --add
    """
    from service.errors import FetchError
    from service.reader.discover import discover as find_feeds
    from service.reader.fetcher import Fetcher

    try:
        with Fetcher(app.settings.fetch) as fetcher:
            found = find_feeds(fetcher, url)
    except FetchError as exc:
        fail(str(exc))
    _ = app.gettext
    if not found:
        fail(
            _("%(url)s: no working feed found on the page, in its links or at the usual paths") % {"url": url}
        )
    for feed in found:
        values = {
            "entries": f"{feed.entries:>4}",
            "newest": f"{feed.newest:%Y-%m-%d}" if feed.newest else _("no dates"),
        }
        problem = f"  ({feed.problem})" if feed.problem else ""
        counted = _("%(entries)s entries  newest %(newest)s") % values
        click.echo(f"{counted}  {feed.title or '-'}  {feed.url}{problem}")
    if add:
        _add_feeds(app, [(feed.url, feed.title, lang) for feed in found], dry_run=False)


def _add_feeds(app: AppContext, proposals: list[tuple[str, str | None, str]], dry_run: bool) -> None:
    """Append feeds (url, title, language) not yet configured to the config file, or print them."""
    settings, _ = app.settings, app.gettext
    known_urls = {feed.url for feed in settings.feeds}
    names = {feed.name for feed in settings.feeds}
    added: list[dict[str, str]] = []
    for url, title, lang in proposals:
        if url in known_urls:
            continue
        known_urls.add(url)
        name = _unique_name(title or outlet_name(url), names)
        names.add(name)
        entry = {"name": name, "url": url, "lang": lang}
        if title:
            entry["publisher"] = title
        added.append(entry)
    skipped = len(proposals) - len(added)
    lines = [_yaml_entry(entry) for entry in added]
    if dry_run or not added:
        for line in lines:
            click.echo(line)
        values = {"added": len(added), "skipped": skipped}
        if dry_run:
            click.echo(_("%(added)d feed(s) to add, %(skipped)d already configured (dry run)") % values)
        else:
            click.echo(_("%(added)d feed(s) to add, %(skipped)d already configured") % values)
        return
    config_path = Path(settings.source) if settings.source != "<defaults>" else DEFAULT_CONFIG
    _append_feeds(config_path, lines)
    done: dict[str, object] = {"added": len(added), "path": config_path, "skipped": skipped}
    click.echo(_("added %(added)d feed(s) to %(path)s, %(skipped)d already configured") % done)


@feeds.command()
@click.option(
    "--out", "out_path", type=click.Path(dir_okay=False, path_type=Path), help="File (default: stdout)."
)
@click.pass_obj
def export(app: AppContext, out_path: Path | None) -> None:
    """Write the configured feeds as OPML 2.0 (to stdout, or to --out).

    Example: newsmon feeds export --out newsmon.opml
    """
    document = opml_document(app.settings)
    if out_path is None:
        click.echo(document, nl=False)
    else:
        out_path.write_text(document, encoding="utf-8")
        written = {"count": len(app.settings.feeds), "path": out_path}
        click.echo(app.gettext("wrote %(count)d feed(s) to %(path)s") % written)


# ------------------------------------------------------------------------------------------------- OPML


@dataclass(frozen=True)
class Outline:
    url: str
    title: str | None
    lang: str | None


def read_opml(path: Path) -> list[Outline]:
    """Every outline with an ``xmlUrl`` (categories may nest). Raises ConfigError naming the file."""
    raw = path.read_bytes()
    if b"<!ENTITY" in raw.upper():  # entity expansion (billion laughs) has no place in a subscription list
        raise ConfigError(f"{path}: OPML with entity declarations is refused")
    try:
        root = ET.fromstring(raw)
    except ET.ParseError as exc:
        raise ConfigError(f"{path}: not valid OPML/XML: {exc}") from None
    if root.tag.lower() != "opml":
        raise ConfigError(f"{path}: the root element is <{root.tag}>, expected <opml>")
    outlines = []
    for node in root.iter("outline"):
        url = (node.get("xmlUrl") or node.get("xmlurl") or "").strip()
        if not url:
            continue
        if not re.match(r"^https?://", url, re.I):
            raise ConfigError(f"{path}: outline {node.get('text')!r}: xmlUrl {url!r} is not an http(s) URL")
        title = (node.get("title") or node.get("text") or "").strip() or None
        outlines.append(Outline(url=url, title=title, lang=(node.get("language") or "").strip() or None))
    return outlines


def opml_document(settings: Settings) -> str:
    root = ET.Element("opml", version="2.0")
    head = ET.SubElement(root, "head")
    ET.SubElement(head, "title").text = "newsmon feeds"
    ET.SubElement(head, "dateCreated").text = datetime.now(UTC).strftime("%a, %d %b %Y %H:%M:%S GMT")
    body = ET.SubElement(root, "body")
    for feed in settings.feeds:
        attributes = {
            "type": "rss",
            "text": feed.name,
            "title": feed.publisher or feed.name,
            "xmlUrl": feed.url,
        }
        attributes["language"] = feed.lang
        if not feed.enabled:
            attributes["newsmonEnabled"] = "false"
        ET.SubElement(body, "outline", attributes)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


# ---------------------------------------------------------------------------------------- config writing


def _append_feeds(config_path: Path, lines: list[str]) -> None:
    """Append entries to the ``feeds:`` list, which must be the file's last top-level key."""
    text = config_path.read_text(encoding="utf-8")
    top_level = re.findall(r"^([A-Za-z_][\w-]*)\s*:", text, re.M)
    if not top_level or top_level[-1] != "feeds":
        fail(
            f"{config_path}: `feeds:` is not the last section, so entries cannot be appended safely; "
            "add these lines to it yourself:\n" + "\n".join(lines)
        )
    new_text = text.rstrip("\n") + "\n" + "\n".join(lines) + "\n"
    parse_settings(yaml.safe_load(new_text), str(config_path))  # raises ConfigError: nothing is written
    config_path.write_text(new_text, encoding="utf-8")


def _yaml_entry(entry: dict[str, str]) -> str:
    flow = yaml.safe_dump(entry, allow_unicode=True, default_flow_style=True, sort_keys=False, width=10_000)
    return "  - " + flow.strip()


def _unique_name(title: str, taken: set[str]) -> str:
    base = re.sub(r"[^\w]+", "-", title.strip().lower()).strip("-")[:60] or "feed"
    name, counter = base, 2
    while name in taken:
        name, counter = f"{base}-{counter}", counter + 1
    return name


# ---------------------------------------------------------------------------------------------- display


def _ago(app: AppContext, when: datetime | None, now: datetime) -> str:
    _ = app.gettext
    return _("never") if when is None else _("%(span)s ago") % {"span": _span(now - when)}


def _until(app: AppContext, when: datetime, now: datetime) -> str:
    _ = app.gettext
    return _("due") if when <= now else _("in %(span)s") % {"span": _span(when - now)}


def _span(delta: timedelta) -> str:
    seconds = int(delta.total_seconds())
    if seconds < 90:
        return f"{seconds}s"
    if seconds < 90 * 60:
        return f"{seconds // 60}m"
    if seconds < 48 * 3600:
        return f"{seconds // 3600}h{(seconds % 3600) // 60:02d}m"
    return f"{seconds // 86400}d"


def _short(text: str | None, limit: int = 80) -> str:
    if not text:
        return ""
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def _width(text: str) -> int:
    """Display width: CJK characters take two columns."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def commands() -> list[click.Command]:
    return [feeds]
