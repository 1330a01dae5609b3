"""``newsmon demo``: the whole pipeline offline on the bundled demo site."""

from __future__ import annotations

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
    if summary.reset:
        click.echo(summary.reset)
    for number, cycle in enumerate(summary.cycles, 1):
        feeds = cycle.feeds

        def count(status: str) -> int:
            return sum(f.status == status for f in feeds)  # noqa: B023 - used at once, inside the loop

        click.echo(
            f"cycle {number}: {len(feeds)} feeds polled ({count('ok')} changed, {count('not_modified')} "
            f"unchanged, {count('error')} failing, "
            f"{sum(bool(f.problem) for f in feeds)} malformed but used), "
            f"{sum(f.new_items for f in feeds)} new items, {sum(f.updated_items for f in feeds)} updated"
        )
        for feed in feeds:
            if feed.problem or feed.error:
                click.echo(f"  {feed.feed}: {feed.problem or feed.error}")
    counts = summary.counts
    click.echo(
        f"items: {counts.items} stored as {counts.stories} stories ({counts.repeats} repeats folded), "
        f"{counts.relevant} relevant, {counts.summary_only} kept with the feed summary (page unavailable)"
    )
    if summary.digest_html:
        click.echo(f"digest: {summary.digest_subject}")
        click.echo(f"  preview: {summary.digest_html} (and {summary.digest_html.with_suffix('.txt').name})")
    click.echo(f"database: {summary.database}")
    click.echo(f"explore:  newsmon --config {summary.config_path} items --json")


def commands() -> list[click.Command]:
    return [demo]
