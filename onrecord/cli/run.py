"""``onrecord run``: the long-running service (scheduled crawls and linking)."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import click

from onrecord.cli.common import CONTEXT_SETTINGS, db_option, db_url_from
from onrecord.errors import UserError


def _seconds(value: str) -> int:
    from crawler.sources import parse_every

    try:
        return parse_every(value)
    except ValueError as exc:
        raise UserError(str(exc)) from exc


@click.command("run", context_settings=CONTEXT_SETTINGS)
@click.option(
    "--sources",
    "sources_file",
    metavar="FILE",
    default="sources.toml",
    show_default=True,
    help="The sources file; edits are picked up while running.",
)
@click.option(
    "--link-every",
    default="15m",
    show_default=True,
    metavar="INTERVAL",
    help="Run the linking job this often (also soon after a crawl brings news).",
)
@click.option(
    "--leader-retry",
    default="10s",
    show_default=True,
    metavar="INTERVAL",
    help="On standby, try to become the leader this often.",
)
@db_option
@click.pass_context
def command(ctx: click.Context, sources_file: str, link_every: str, leader_retry: str) -> None:
    """Crawl every source at its `every` interval and link, until SIGTERM.

    Jobs are kept in the database and survive a restart. Several `onrecord run`
    on one database elect one leader; the others stand by and take over.
    """
    from crawler.sources import SourcesError, load_sources
    from scheduler.service import ServiceConfig, run_service

    if not Path(sources_file).exists():
        raise UserError(
            f"no sources file at {sources_file!r}: give --sources FILE "
            "(copy sources.example.toml to start)"
        )
    try:
        load_sources(sources_file)
    except SourcesError as exc:
        raise UserError(str(exc)) from exc
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s: %(message)s"
    )
    logging.getLogger("apscheduler").setLevel(logging.WARNING)
    logging.getLogger("alembic").setLevel(logging.WARNING)
    config = ServiceConfig(
        db_url=db_url_from(ctx),
        sources_file=str(Path(sources_file).resolve()),
        link_every=_seconds(link_every),
        leader_retry=float(_seconds(leader_retry)),
        crawl_timeout=float(os.environ.get("ONRECORD_CRAWL_TIMEOUT", "3600")),
    )
    run_service(config)
