"""The demo's run: serve the sample site, crawl it, link, and answer a fact-checker."""

from __future__ import annotations

import tempfile
import textwrap
from collections.abc import Callable
from pathlib import Path

from onrecord.cli.render import when
from onrecord.demo.site_server import DemoSite
from store.queries import QuoteDetail

SOURCES = """
[[source]]
name = "veloria-president"
kind = "feed"
url = "{base}/president/en/rss.xml"
speaker = "Viktor Sorel"
recheck_days = 0

[[source]]
name = "veloria-mfa"
kind = "listing"
url = "{base}/mfa/en/press/"
item = "div.press-item"
link = "h3 a::attr(href)"
date = "span.date"
title = "h3"
next = "a.next::attr(href)"
mode = "backfill"
max_pages = 3
speaker = "Ministry of Foreign Affairs of Veloria"
recheck_days = 0

[[source]]
name = "sorel-mastodon"
kind = "mastodon"
url = "{base}/mastodon"
account = "vsorel"
speaker = "Viktor Sorel"
recheck_days = 0

[[source]]
name = "veloria-mfa-telegram"
kind = "telegram"
url = "{base}/telegram"
account = "mfa_veloria"
speaker = "Ministry of Foreign Affairs of Veloria"
recheck_days = 0

[[source]]
name = "veloria-ledger"
kind = "feed"
url = "{base}/ledger/rss.xml"
role = "news"
recheck_days = 0
"""
# Our own loopback server: no politeness delays needed, nothing to retry for long.
FAST = {"AUTOTHROTTLE_ENABLED": False, "DOWNLOAD_DELAY": 0, "ONRECORD_RETRY_BACKOFF": 0.1}


def describe(detail: QuoteDetail) -> str:
    """What a fact-checker asks of one quotation: who, when, first where, who reported it."""
    lines = [textwrap.fill(f"“{detail.text}”", 96)]
    lines.append(f"  who:    {detail.speaker or '(unknown)'}")
    first = detail.occurrences[0] if detail.occurrences else None
    if first is not None:
        where = f"{first.source or '-'} ({first.kind})"
        lines.append(f"  first:  {when(first.said_at, first.said_precision)}, {where}  {first.url}")
        for other in detail.occurrences[1:]:
            lines.append(
                f"  again:  {when(other.said_at, other.said_precision)}, "
                f"{other.source or '-'} ({other.kind})  {other.url}"
            )
    if detail.links:
        lines.append("  articles about it:")
        for link in detail.links:
            lines.append(f"    {link.kind:<8} “{link.title}”  {link.url}")
            lines.append(f"             why: {link.reason}")
    else:
        lines.append("  articles about it: none")
    return "\n".join(lines)


def run_demo(db_url: str | None, say: Callable[[str], None]) -> list[int]:
    """Crawl the sample site into ``db_url``, link, and describe the most repeated quotations."""
    from crawler.run import run_crawl
    from crawler.sources import parse_sources
    from scheduler.linking.job import run_linking
    from store.db import describe as describe_db
    from store.db import open_store
    from store.queries import get_quotation, most_repeated

    with DemoSite() as site, tempfile.TemporaryDirectory(prefix="onrecord-demo-") as tmp:
        text = SOURCES.format(base=site.url)
        (Path(tmp) / "sources.toml").write_text(text, encoding="utf-8")
        configs = parse_sources(text, "demo sources")
        say(f"Serving the sample site at {site.url} and crawling {len(configs)} sources ...")
        summary = run_crawl(db_url, configs, FAST)
    totals = summary.totals
    say(
        f"Crawled: {totals['new']} new, {totals['changed']} changed, {totals['unchanged']} "
        f"unchanged, {totals['failed']} failed documents; {totals['quotations']} quotations."
    )
    store = open_store(db_url)
    try:
        report = run_linking(store)
        added = report.links_added
        say(
            f"Linked: {report.quotations_merged} near duplicates grouped, "
            f"{added.get('reports', 0)} 'reports' and {added.get('covers', 0)} 'covers' links."
        )
        say(f"Database: {describe_db(store.url)}\n")
        with store.session() as session:
            ids = most_repeated(session, 3)
            for quotation_id in ids:
                say(describe(get_quotation(session, quotation_id)) + "\n")
    finally:
        store.close()
    if ids:
        say(
            "Now ask it yourself:\n"
            '  onrecord search "lasting peace"\n'
            f"  onrecord quote {ids[0]}\n"
            "  onrecord speakers\n"
            "  onrecord sources"
        )
    return ids
