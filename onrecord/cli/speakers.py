"""``onrecord speakers``: who is on record, under which names, how often."""

from __future__ import annotations

import click

from onrecord.cli.common import CONTEXT_SETTINGS, db_option, echo_json, json_option, session_for
from onrecord.cli.render import echo_blocks, speaker_item
from store.queries import list_speakers


@click.command("speakers", context_settings=CONTEXT_SETTINGS)
@click.argument("query", required=False)
@click.option("--limit", default=100, show_default=True, type=click.IntRange(1))
@json_option
@db_option
@click.pass_context
def command(ctx: click.Context, query: str | None, limit: int, as_json: bool) -> None:
    """Speakers with their aliases, handles and counts (those matching QUERY, if given)."""
    with session_for(ctx) as session:
        items = list_speakers(session, query, limit)
    if as_json:
        echo_json([item.to_json() for item in items])
    elif items:
        echo_blocks([speaker_item(item) for item in items])
    else:
        click.echo("No speakers found." if query else "No speakers yet: run a crawl first.")
