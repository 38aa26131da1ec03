"""``onrecord sources``: every source's health, counts, and the stale ones."""

from __future__ import annotations

import click

from onrecord.cli.common import CONTEXT_SETTINGS, db_option, echo_json, json_option, session_for
from onrecord.cli.render import when
from store.queries import list_sources


@click.command("sources", context_settings=CONTEXT_SETTINGS)
@click.option(
    "--stale-days",
    default=14,
    show_default=True,
    type=click.IntRange(1),
    help="Flag a source with nothing new for this many days.",
)
@json_option
@db_option
@click.pass_context
def command(ctx: click.Context, stale_days: int, as_json: bool) -> None:
    """Sources with last success, last failure (and why), counts; STALE when nothing new.

    Official sites change their layout without warning: a source that stops
    bringing anything new is flagged.
    """
    with session_for(ctx) as session:
        items = list_sources(session, stale_days)
    if as_json:
        echo_json([i.to_json() for i in items])
        return
    if not items:
        click.echo("No sources yet: run `onrecord crawl --sources FILE` first.")
        return
    for i in items:
        flag = "  STALE" if i.stale else ""
        click.echo(f"{i.name} ({i.kind}, {i.role}){flag}  {i.url}")
        click.echo(
            f"    {i.documents} documents ({i.deleted} deleted), {i.quotations} quotations, "
            f"{i.open_failures} open failures"
        )
        click.echo(f"    last success {when(i.last_success_at)}, last new {when(i.last_new_at)}")
        if i.last_failure_at:
            click.echo(f"    last failure {when(i.last_failure_at)}: {i.last_failure_reason}")
