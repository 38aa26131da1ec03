"""``onrecord link``: run the linking job once (group near duplicates, link articles)."""

from __future__ import annotations

import click

from onrecord.cli.common import CONTEXT_SETTINGS, db_option, echo_json, json_option, session_for
from scheduler.linking.job import LinkingReport, run_linking


def summary(report: LinkingReport) -> str:
    """The report in a few lines for people."""
    if report.nothing_new:
        return f"Nothing new since the last run ({report.seconds:.1f} s)."
    added = report.links_added
    total = sum(added.values())
    lines = [
        f"{'Full run' if report.full else 'Linked what is new'}: "
        f"{report.quotations_linked:,} quotations against {report.articles_examined:,} "
        f"articles in {report.seconds:.1f} s.",
        f"Grouping: {report.quotations_examined:,} quotations examined, "
        f"{report.quotations_merged:,} near duplicates merged into {report.groups:,}.",
        f"Links: {total:,} added ({added.get('reports', 0):,} reports, "
        f"{added.get('covers', 0):,} covers), {report.links_updated:,} upgraded.",
    ]
    if not report.full:
        lines.append(f"New or edited articles: {report.new_articles:,}.")
    return "\n".join(lines)


@click.command("link", context_settings=CONTEXT_SETTINGS)
@json_option
@db_option
@click.pass_context
def command(ctx: click.Context, as_json: bool) -> None:
    """Group near-duplicate quotations and link quotations to the news articles that
    report or cover them; handles only what is new since the last run."""
    with session_for(ctx) as session:
        report = run_linking(session)
    if as_json:
        echo_json(report.to_json())
    else:
        click.echo(summary(report))
