"""One crawl pass over the configured sources, in this process.

A Twisted reactor cannot be restarted: call `run_crawl` once per process
(the CLI does; `onrecord run` starts each crawl in a subprocess).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, or_, select

from crawler.ingest import sync_sources
from crawler.logs import setup_crawl_logging
from crawler.settings import crawl_settings
from crawler.sources import SourceConfig
from store.db import open_store
from store.models import Document, Source, utcnow

PLATFORM_KINDS = ("x", "bluesky", "mastodon", "telegram")
COUNT_KEYS = ("new", "changed", "unchanged", "failed", "deleted", "quotations")


@dataclass
class SourceSummary:
    name: str
    kind: str
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    failed: int = 0
    deleted: int = 0
    quotations: int = 0
    fetched: int = 0
    elapsed_seconds: float = 0.0
    finish_reason: str | None = None
    last_failure: str | None = None


@dataclass
class CrawlSummary:
    sources: list[SourceSummary] = field(default_factory=list)

    @property
    def totals(self) -> dict[str, int]:
        return {k: sum(getattr(s, k) for s in self.sources) for k in (*COUNT_KEYS, "fetched")}

    def to_json(self) -> dict[str, Any]:
        return {"sources": [asdict(s) for s in self.sources], "totals": self.totals}


def spider_class(kind: str) -> type:
    from crawler.spiders import SPIDERS

    try:
        return SPIDERS[kind]  # type: ignore[no-any-return]
    except KeyError:
        raise ValueError(f"no spider for source kind {kind!r} yet") from None


def _crawl_inputs(db_url: str | None, configs: list[SourceConfig]) -> dict[str, dict[str, Any]]:
    """Per source: known URLs (for incremental crawls), recent URLs to recheck, saved state."""
    store = open_store(db_url)
    inputs: dict[str, dict[str, Any]] = {}
    try:
        with store.session() as session:
            sources = sync_sources(session, configs)
            now = utcnow()
            for config in configs:
                source = sources[config.name]
                known: dict[str, datetime] = dict(
                    session.execute(
                        select(Document.url, Document.last_seen_at).where(
                            Document.source_id == source.id
                        )
                    ).all()
                )
                since = now - timedelta(days=config.recheck_days)
                if config.kind in PLATFORM_KINDS:
                    # A platform spider rechecks its posts through the API, those young by
                    # their own time (a first crawl stores years of posts at once).
                    which = Document.kind == "post"
                    young = or_(
                        Document.published_at >= since,
                        and_(Document.published_at.is_(None), Document.first_seen_at >= since),
                    )
                else:  # pages are refetched; posts embedded in them are not pages
                    which, young = Document.kind != "post", Document.first_seen_at >= since
                recheck = list(
                    session.scalars(
                        select(Document.url).where(
                            Document.source_id == source.id,
                            which,
                            Document.deleted_at.is_(None),
                            young,
                        )
                    )
                )
                inputs[config.name] = {
                    "known": known,
                    "recheck": recheck,
                    "state": dict(source.state or {}),
                }
    finally:
        store.close()
    return inputs


def run_crawl(
    db_url: str | None,
    configs: list[SourceConfig],
    overrides: dict[str, Any] | None = None,
) -> CrawlSummary:
    """Crawl ``configs`` once into ``db_url``; returns what each source brought."""
    from scrapy.crawler import CrawlerProcess

    inputs = _crawl_inputs(db_url, configs)
    settings = crawl_settings(db_url, overrides)
    setup_crawl_logging(str(settings.get("LOG_LEVEL", "WARNING")))
    process = CrawlerProcess(settings=settings)
    crawlers = []
    for config in configs:
        crawler = process.create_crawler(spider_class(config.kind))
        crawlers.append((config, crawler))
        spider_inputs = inputs[config.name]
        kwargs: dict[str, Any] = {
            "source": config,
            "known": spider_inputs["known"],
            "recheck": spider_inputs["recheck"],
        }
        if config.kind in PLATFORM_KINDS:
            kwargs["state"] = spider_inputs["state"]
        process.crawl(crawler, **kwargs)
    process.start()
    summary = CrawlSummary()
    store = open_store(db_url)
    try:
        with store.session() as session:
            failures = dict(session.execute(select(Source.name, Source.last_failure_reason)).all())
    finally:
        store.close()
    for config, crawler in crawlers:
        stats = crawler.stats
        counts = (stats.get_value("onrecord/counts") if stats else None) or {}
        item = SourceSummary(
            name=config.name,
            kind=config.kind,
            fetched=(stats.get_value("response_received_count", 0) if stats else 0),
            elapsed_seconds=float(stats.get_value("elapsed_time_seconds", 0.0) if stats else 0.0),
            finish_reason=stats.get_value("finish_reason") if stats else None,
            last_failure=failures.get(config.name) if counts.get("failed") else None,
            **{k: int(counts.get(k, 0)) for k in COUNT_KEYS},
        )
        summary.sources.append(item)
    return summary
