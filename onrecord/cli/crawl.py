"""``onrecord crawl``: one pass over the configured sources."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from onrecord.cli.common import CONTEXT_SETTINGS, db_option, db_url_from, echo_json, json_option
from onrecord.errors import UserError

DEFAULT_SOURCES = "sources.toml"


def parse_overrides(values: tuple[str, ...]) -> dict[str, Any]:
    """``-s KEY=VALUE`` Scrapy settings; values are JSON when they parse as JSON."""
    overrides: dict[str, Any] = {}
    for value in values:
        key, sep, raw = value.partition("=")
        if not sep or not key.strip():
            raise UserError(f"bad setting {value!r}: use -s KEY=VALUE (e.g. -s DOWNLOAD_DELAY=2)")
        try:
            overrides[key.strip()] = json.loads(raw)
        except ValueError:
            overrides[key.strip()] = raw
    return overrides


@click.command("crawl", context_settings=CONTEXT_SETTINGS)
@click.argument("names", nargs=-1, metavar="[NAME]...")
@click.option(
    "--sources",
    "sources_file",
    metavar="FILE",
    default=DEFAULT_SOURCES,
    show_default=True,
    help="The sources file (TOML; see sources.example.toml).",
)
@click.option(
    "-s",
    "--set",
    "settings",
    multiple=True,
    metavar="KEY=VALUE",
    help="Override a Scrapy setting (repeatable), e.g. -s AUTOTHROTTLE_ENABLED=false.",
)
@json_option
@db_option
@click.pass_context
def command(
    ctx: click.Context,
    names: tuple[str, ...],
    sources_file: str,
    settings: tuple[str, ...],
    as_json: bool,
) -> None:
    """Fetch, extract, attribute and store: all sources, or those NAMEd.

    Ends with a summary: documents new / changed / unchanged / failed and
    quotations found, per source.
    """
    from crawler.run import run_crawl
    from crawler.sources import SourcesError, load_sources, select_sources

    if not Path(sources_file).exists():
        hint = " (copy sources.example.toml to start)" if sources_file == DEFAULT_SOURCES else ""
        raise UserError(f"no sources file at {sources_file!r}: give --sources FILE{hint}")
    try:
        configs = select_sources(load_sources(sources_file), list(names))
    except SourcesError as exc:
        raise UserError(str(exc)) from exc
    try:
        summary = run_crawl(db_url_from(ctx), configs, parse_overrides(settings))
    except ValueError as exc:  # a bad setting (ONRECORD_SCRAPY_SETTINGS)
        raise UserError(str(exc)) from exc
    if as_json:
        echo_json(summary.to_json())
    else:
        for s in summary.sources:
            line = (
                f"{s.name:<24} {s.new:>5} new {s.changed:>5} changed {s.unchanged:>5} "
                f"unchanged {s.failed:>4} failed {s.deleted:>4} deleted "
                f"{s.quotations:>6} quotations"
            )
            click.echo(line)
            if s.last_failure:
                click.echo(f"{'':<24} last failure: {s.last_failure}")
        t = summary.totals
        click.echo(
            f"{'total':<24} {t['new']:>5} new {t['changed']:>5} changed "
            f"{t['unchanged']:>5} unchanged {t['failed']:>4} failed {t['deleted']:>4} "
            f"deleted {t['quotations']:>6} quotations"
        )
    dead = [
        s
        for s in summary.sources
        if s.failed and not (s.new or s.changed or s.unchanged or s.deleted)
    ]
    if dead and len(dead) == len(summary.sources):
        raise UserError("every source failed: see the reasons above (`onrecord sources` too)")
