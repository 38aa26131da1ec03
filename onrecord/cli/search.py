"""``onrecord search``: quotations matching words or a phrase."""

from __future__ import annotations

import click

from onrecord.cli.common import CONTEXT_SETTINGS, db_option, echo_json, json_option, session_for
from onrecord.cli.render import echo_blocks, quote_item
from onrecord.dates import parse_user_date
from store.queries import SearchParams, search_quotations


@click.command("search", context_settings=CONTEXT_SETTINGS)
@click.argument("query")
@click.option("--speaker", help="Only this speaker (any name or alias; words may be part of it).")
@click.option("--since", metavar="DATE", help="Said on or after DATE (YYYY-MM-DD, ...).")
@click.option("--until", metavar="DATE", help="Said on or before DATE (inclusive).")
@click.option(
    "--source", "sources", multiple=True, metavar="NAME", help="Only from this source (repeatable)."
)
@click.option(
    "--kind",
    type=click.Choice(["statement", "post", "article", "page"]),
    help="Only quotations found in documents of this kind.",
)
@click.option("--lang", metavar="CODE", help="Only quotations in this language (en, tr, ...).")
@click.option("--limit", default=20, show_default=True, type=click.IntRange(1, 1000))
@click.option("--offset", default=0, show_default=True, type=click.IntRange(0))
@click.option(
    "--no-fuzzy", is_flag=True, help="Do not fall back to near matches when nothing matches."
)
@json_option
@db_option
@click.pass_context
def command(
    ctx: click.Context,
    query: str,
    speaker: str | None,
    since: str | None,
    until: str | None,
    sources: tuple[str, ...],
    kind: str | None,
    lang: str | None,
    limit: int,
    offset: int,
    no_fuzzy: bool,
    as_json: bool,
) -> None:
    """Quotations matching QUERY, best first.

    QUERY: words (all must appear), "a phrase", -excluded, prefix*, OR.
    Case and accents never matter: Erdogan finds Erdoğan.
    """
    params = SearchParams(
        query=query,
        speaker=speaker,
        since=parse_user_date(since) if since else None,
        until=parse_user_date(until, end=True) if until else None,
        sources=list(sources),
        kind=kind,
        lang=lang,
        limit=limit,
        offset=offset,
        fuzzy=not no_fuzzy,
    )
    with session_for(ctx) as session:
        page = search_quotations(session, params)
    if page.note:
        click.echo(f"onrecord: note: {page.note}", err=True)
    if page.match == "fuzzy":
        click.echo("onrecord: note: no exact match; showing near matches", err=True)
    if as_json:
        echo_json([item.to_json() for item in page.items])
        return
    if not page.items:
        click.echo("No quotations found.")
        return
    echo_blocks([quote_item(item) for item in page.items])
    shown = f"{offset + 1}-{offset + len(page.items)}"
    total = (
        f"{page.total:,}" if page.total_exact else f"more than {page.total - 1:,} (newest ranked)"
    )
    near = " (near matches)" if page.match == "fuzzy" else ""
    click.echo(f"\n{shown} of {total}{near}")
