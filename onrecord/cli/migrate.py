"""``onrecord migrate``: bring a database to this version's schema."""

from __future__ import annotations

import click

from onrecord.cli.common import CONTEXT_SETTINGS, db_option, db_url_from
from store.db import describe, open_store
from store.migrate import upgrade


@click.command("migrate", context_settings=CONTEXT_SETTINGS)
@db_option
@click.pass_context
def command(ctx: click.Context) -> None:
    """Create or upgrade the database schema (PostgreSQL needs this after an upgrade
    of onrecord; the embedded SQLite file is upgraded on its own)."""
    store = open_store(db_url_from(ctx), upgrade=True)
    try:
        before, after = upgrade(store.engine)
    finally:
        store.close()
    where = describe(store.url)
    if before == after:
        click.echo(f"{where}: schema is current ({after})")
    else:
        click.echo(f"{where}: schema upgraded from {before} to {after}")
