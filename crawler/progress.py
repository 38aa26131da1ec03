"""A progress line on the terminal while a crawl runs (nothing when not a terminal)."""

from __future__ import annotations

import sys
import time
from typing import Any

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured

REFRESH_SECONDS = 0.5


class Progress:
    """Writes "name: N pages fetched, M stored, K failed" to stderr, refreshed in place."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.last = 0.0

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Progress:
        if not crawler.settings.getbool("ONRECORD_PROGRESS", sys.stderr.isatty()):
            raise NotConfigured
        progress = cls(crawler)
        crawler.signals.connect(progress.update, signal=signals.item_scraped)
        crawler.signals.connect(progress.update, signal=signals.response_received)
        crawler.signals.connect(progress.done, signal=signals.spider_closed)
        return progress

    def line(self) -> str:
        stats = self.crawler.stats
        counts = stats.get_value("onrecord/counts") or {}
        name = self.crawler.spider.name if self.crawler.spider else "?"
        return (
            f"{name}: {stats.get_value('response_received_count', 0)} fetched, "
            f"{counts.get('new', 0)} new, {counts.get('changed', 0)} changed, "
            f"{counts.get('unchanged', 0)} unchanged, {counts.get('failed', 0)} failed, "
            f"{counts.get('quotations', 0)} quotations"
        )

    def update(self, *_: Any, **__: Any) -> None:
        now = time.monotonic()
        if now - self.last >= REFRESH_SECONDS:
            self.last = now
            sys.stderr.write("\r\033[K" + self.line())
            sys.stderr.flush()

    def done(self, *_: Any, **__: Any) -> None:
        sys.stderr.write("\r\033[K" + self.line() + "\n")
        sys.stderr.flush()
