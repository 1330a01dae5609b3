"""``newsmon demo``: the whole pipeline offline on the bundled demo site."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

import click

from service.cli.context import AppContext


@click.command()
@click.option(
    "--dir",
    "directory",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("demo-output"),
    show_default=True,
    help="Folder for the demo's SQLite database, configuration and digest preview (its database, with any"
    " reviewers' labels, is reset at each run and the command says what it removed).",
)
@click.pass_obj
def demo(app: AppContext, directory: Path) -> None:
    """Run the main job offline: serve the bundled demo feeds on 127.0.0.1, poll them twice into a SQLite
    file, extract, dedupe and classify every item, write the digest preview, and report what happened.

    Example: newsmon demo --dir /tmp/newsmon-demo
    """
    from service.demo.run import run_demo

    summary = run_demo(directory)
    _ = app.gettext
    if summary.reset:
        click.echo(summary.reset)
    for number, cycle in enumerate(summary.cycles, 1):
        feeds = cycle.feeds

        def count(status: str) -> int:
            return sum(f.status == status for f in feeds)  # noqa: B023 - used at once, inside the loop

        values = {
            "number": number,
            "feeds": len(feeds),
            "changed": count("ok"),
            "unchanged": count("not_modified"),
            "failing": count("error"),
            "malformed": sum(bool(f.problem) for f in feeds),
            "new": sum(f.new_items for f in feeds),
            "updated": sum(f.updated_items for f in feeds),
        }
        click.echo(
            _(
                "cycle %(number)d: %(feeds)d feeds polled (%(changed)d changed, %(unchanged)d"
                " unchanged, %(failing)d failing, %(malformed)d malformed but used), %(new)d new items,"
                " %(updated)d updated"
            )
            % values
        )
        for feed in feeds:
            if feed.problem or feed.error:
                click.echo(f"  {feed.feed}: {feed.problem or feed.error}")
    counts = summary.counts
    click.echo(
        _(
            "items: %(items)d stored as %(stories)d stories (%(repeats)d repeats folded),"
            " %(relevant)d relevant, %(summary_only)d kept with the feed summary (page unavailable)"
        )
        % asdict(counts)
    )
    if summary.digest_html:
        click.echo(_("digest: %(subject)s") % {"subject": summary.digest_subject})
        paths = {"html": summary.digest_html, "text": summary.digest_html.with_suffix(".txt").name}
        click.echo(_("  preview: %(html)s (and %(text)s)") % paths)
    click.echo(_("database: %(path)s") % {"path": summary.database})
    click.echo(_("explore:  newsmon --config %(path)s items --json") % {"path": summary.config_path})


def commands() -> list[click.Command]:
    return [demo]
