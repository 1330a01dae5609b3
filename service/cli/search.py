"""``newsmon search``: the review UI's full-text search from the command line."""

from __future__ import annotations

import json

import click

from service.cli.context import AppContext


@click.command()
@click.argument("query", required=False, default="")
@click.option(
    "--label",
    type=click.Choice(["taiwan_japan", "city_diplomacy", "relevant"]),
    help="Only items with this label.",
)
@click.option("--party", help="Only items whose event names this Taiwanese party (臺/台 alike).")
@click.option("--partner", help="Only items whose event names this partner or partner country.")
@click.option("--limit", type=click.IntRange(1, 500), default=20, show_default=True, help="Hits to show.")
@click.option("--json", "as_json", is_flag=True, help="Write one JSON object per hit.")
@click.option("--rebuild", is_flag=True, help="Rebuild the search index from the stored items first.")
@click.pass_obj
def search(
    app: AppContext,
    query: str,
    label: str | None,
    party: str | None,
    partner: str | None,
    limit: int,
    as_json: bool,
    rebuild: bool,
) -> None:
    """Search stored titles and texts (Chinese and Japanese by character trigrams; every term must match;
    two-character terms such as 台日 work too), best first.

    Example: newsmon search "熊本 交流" --label relevant
    """
    from service.storage import search as index

    if rebuild:
        with app.engine().begin() as connection:
            indexed = {"count": index.rebuild(connection)}
            click.echo(app.gettext("indexed %(count)d items") % indexed, err=True)
    if not query:
        if not rebuild:
            raise click.UsageError("give a QUERY (or --rebuild)")
        return
    filters = index.SearchFilters(label=label, party=party, partner=partner)
    with app.session() as session:
        page = index.search_items(session, query, filters, limit=limit)
    for hit in page.results:
        if as_json:
            row = {
                "item_id": hit.item_id,
                "title": "".join(text for text, _ in hit.title),
                "snippet": "".join(text for text, _ in hit.snippet),
                "outlet": hit.outlet,
                "url": hit.url,
                "published_at": hit.published_at.isoformat(),
                "topics": list(hit.topics),
                "event": hit.event.to_dict() if hit.event else None,
            }
            click.echo(json.dumps(row, ensure_ascii=False))
        else:
            title = "".join(f"[{text}]" if hit_ else text for text, hit_ in hit.title)
            click.echo(f"{hit.item_id:>7}  {hit.published_at:%Y-%m-%d}  {hit.outlet or '-'}  {title}")
    if not as_json:
        values = {"total": f"{page.total}{'+' if page.capped else ''}", "shown": len(page.results)}
        click.echo(app.gettext("%(total)s match(es); %(shown)d shown") % values, err=True)


def commands() -> list[click.Command]:
    return [search]
