"""``onrecord demo``: the whole loop in a minute, on a bundled sample site."""

from __future__ import annotations

import click

from onrecord.cli.common import CONTEXT_SETTINGS, db_option, db_url_from


@click.command("demo", context_settings=CONTEXT_SETTINGS)
@db_option
@click.pass_context
def command(ctx: click.Context) -> None:
    """Serve a sample site on loopback, crawl it, link, and show who said what first.

    Statements of a presidency (feed) and a ministry (listing pages), posts of
    officials (Mastodon, Telegram) and news articles, all invented, in the real
    shapes of those sources. No internet, no set-up; the database is left
    behind for `onrecord search` and `onrecord quote`. Running it again stores
    nothing twice.
    """
    from onrecord.demo.tour import run_demo

    run_demo(db_url_from(ctx), click.echo)
