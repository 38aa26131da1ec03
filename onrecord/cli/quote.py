"""``onrecord quote ID``: one quotation, every occurrence, every linked article."""

from __future__ import annotations

import click

from onrecord.cli.common import CONTEXT_SETTINGS, db_option, echo_json, json_option, session_for
from onrecord.cli.render import quote_detail
from store.queries import get_quotation


@click.command("quote", context_settings=CONTEXT_SETTINGS)
@click.argument("quotation_id", metavar="ID", type=int)
@json_option
@db_option
@click.pass_context
def command(ctx: click.Context, quotation_id: int, as_json: bool) -> None:
    """Quotation ID: speaker, time, context, occurrences (earliest first) and links."""
    with session_for(ctx) as session:
        detail = get_quotation(session, quotation_id)
    if as_json:
        echo_json(detail.to_json())
    else:
        click.echo(quote_detail(detail))
