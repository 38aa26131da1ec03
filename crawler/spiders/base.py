"""What every source spider shares: its source, requests that report their
failures, pages handed on as items, and the recheck of recent documents.

A spider never stops for one bad page: every failure becomes a FailureItem
(recorded on the source, raw bytes kept) and the crawl goes on. A page that
answers 404 or 410 becomes a GoneItem: the document is marked deleted.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable
from datetime import datetime
from typing import Any

import scrapy
from scrapy import Request, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import (
    CannotResolveHostError,
    DontCloseSpider,
    DownloadConnectionRefusedError,
    DownloadTimeoutError,
    IgnoreRequest,
)
from scrapy.http import Response, TextResponse
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet.error import (
    ConnectionRefusedError,
    DNSLookupError,
    TCPTimedOutError,
    TimeoutError,
)
from twisted.python.failure import Failure

from crawler.encoding import decode_html
from crawler.extract import canonical_url
from crawler.items import Dated, FailureItem, GoneItem, PageItem
from crawler.sources import SourceConfig

GONE_STATUSES = (404, 410)
HTML_TYPES = ("text/html", "application/xhtml+xml", "text/plain")


class SourceSpider(scrapy.Spider):
    """Base of the per-kind spiders. Not used directly."""

    def __init__(
        self,
        source: SourceConfig,
        known: dict[str, datetime] | None = None,
        recheck: list[str] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(name=source.name, **kwargs)
        self.source = source
        self.known = known or {}  # canonical URL -> last seen, for incremental crawls
        self.recheck_urls = list(recheck or [])  # recent documents to refetch at the end
        self.requested: set[str] = set()
        self._rechecked = False

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> SourceSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        crawler.signals.connect(spider._idle, signal=signals.spider_idle)
        return spider  # type: ignore[return-value]

    # ---------------------------------------------------------------- requests

    def request(self, url: str, callback: Any, *, document: bool = False, **kwargs: Any) -> Request:
        """A request that turns any failure into an item; ``document`` marks a page we store."""
        meta = kwargs.pop("meta", {})
        meta["document"] = document
        if not self.source.robots:
            meta["dont_obey_robotstxt"] = True
        if document:
            self.requested.add(canonical_url(url))
        return Request(url, callback=callback, errback=self.failed, meta=meta, **kwargs)

    def page_request(
        self, url: str, *, published: Dated | None = None, title: str | None = None
    ) -> Request:
        """A request for a statement or article page."""
        return self.request(
            url, self.parse_page, document=True, cb_kwargs={"published": published, "title": title}
        )

    async def start(self) -> AsyncIterator[Any]:
        for request in self.start_requests_for_source():
            yield request

    def start_requests_for_source(self) -> Iterable[Request]:
        raise NotImplementedError

    # ------------------------------------------------------------------ pages

    @property
    def document_kind(self) -> str:
        return "statement" if self.source.role == "statements" else "article"

    def parse_page(
        self, response: Response, published: Dated | None = None, title: str | None = None
    ) -> Iterable[Any]:
        """A fetched page becomes a PageItem (or a FailureItem saying why not)."""
        max_bytes = self.settings.getint("ONRECORD_MAX_PARSE_BYTES")
        content_type = (response.headers.get(b"Content-Type") or b"").decode("latin-1")
        if len(response.body) > max_bytes:
            mb = len(response.body) / 1024 / 1024
            yield self.failure(
                response.url,
                f"too large to parse ({mb:.1f} MB > "
                f"{max_bytes / 1024 / 1024:.0f} MB): kept raw for retry",
                response.status,
                response.body,
            )
            return
        if not isinstance(response, TextResponse) or (
            content_type and not any(t in content_type for t in HTML_TYPES)
        ):
            yield self.failure(
                response.url,
                f"not an HTML page ({content_type or 'no type'}): kept raw",
                response.status,
                response.body,
            )
            return
        text, _encoding, note = decode_html(response.body, response.text, response.encoding)
        if note:
            self.logger.warning("%s: %s", response.url, note)
        yield PageItem(
            source=self.source.name,
            url=response.url,
            body=response.body,
            text=text,
            content_type=content_type or None,
            kind=self.document_kind,
            published=published,
            title=title,
        )

    # --------------------------------------------------------------- failures

    def failure(
        self, url: str, reason: str, status: int | None = None, body: bytes | None = None
    ) -> FailureItem:
        self.logger.warning("%s: %s", url, reason)
        return FailureItem(self.source.name, url, reason, status, body)

    def failed(self, failure: Failure) -> Iterable[Any]:
        """Errback: what went wrong, as an item (never an exception that stops the crawl)."""
        request: Request = failure.request  # type: ignore[attr-defined]
        if failure.check(HttpError):
            response: Response = failure.value.response
            if response.status in GONE_STATUSES and request.meta.get("document"):
                yield GoneItem(self.source.name, request.url, f"HTTP {response.status}")
                return
            yield self.failure(
                request.url, f"HTTP {response.status}", response.status, response.body or None
            )
            return
        yield self.failure(request.url, describe_failure(failure, self.settings))

    # ------------------------------------------------------------- rechecks

    def _idle(self) -> None:
        """When the main crawl is done, refetch recent documents not seen in it."""
        if self._rechecked:
            return
        self._rechecked = True
        pending = [url for url in self.recheck_urls if url not in self.requested]
        if not pending:
            return
        for url in pending:
            self.crawler.engine.crawl(self.page_request(url))
        raise DontCloseSpider


def describe_failure(failure: Failure, settings: Any) -> str:
    """One line a person can act on."""
    if failure.check(TimeoutError, TCPTimedOutError, DownloadTimeoutError):
        return f"timed out after {settings.getint('DOWNLOAD_TIMEOUT')} s"
    if failure.check(DNSLookupError, CannotResolveHostError):
        return "DNS lookup failed (no such host?)"
    if failure.check(ConnectionRefusedError, DownloadConnectionRefusedError):
        return "connection refused"
    if failure.check(IgnoreRequest):
        message = str(failure.value) or "request ignored"
        return "forbidden by robots.txt" if "robots" in message.lower() else message
    value = failure.value
    text = str(value).strip() or type(value).__name__
    return f"{type(value).__name__}: {text}"[:500]
