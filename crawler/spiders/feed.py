"""Feed sources (RSS 2.0, Atom, RDF): follow each item to its page.

    [[source]]
    name = "president-az"
    kind = "feed"
    url = "https://president.az/en/rss"

Each entry's link is fetched and extracted like any page; the entry's date
(and title) are used when the page has none. A malformed feed is recorded as
a failure on the source with its bytes kept; whatever entries could still be
read are crawled.
"""

from __future__ import annotations

import re
from calendar import timegm
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

import feedparser
from scrapy import Request
from scrapy.http import Response

from crawler.items import Dated
from crawler.spiders.base import SourceSpider

_HAS_TIME = re.compile(r"\d{1,2}:\d{2}")


def entry_date(entry: Any) -> Dated | None:
    """The entry's publication time, with the precision its text actually gives."""
    for key in ("published", "updated", "created"):
        parsed = entry.get(f"{key}_parsed")
        if parsed:
            at = datetime.fromtimestamp(timegm(parsed), UTC)
            precision = "second" if _HAS_TIME.search(entry.get(key) or "") else "day"
            return Dated(at, precision, "feed")
    return None


class FeedSpider(SourceSpider):
    """RSS/Atom/RDF feed -> item pages."""

    def start_requests_for_source(self) -> Iterable[Request]:
        yield self.request(self.source.url, self.parse_feed)

    def parse_feed(self, response: Response) -> Iterable[Any]:
        feed = feedparser.parse(
            response.body,
            response_headers={
                "content-type": (response.headers.get(b"Content-Type") or b"").decode("latin-1"),
                "content-location": response.url,
            },
        )
        if feed.bozo:
            problem = f"malformed feed: {feed.get('bozo_exception')}"
            if not feed.entries:
                yield self.failure(response.url, problem, response.status, response.body)
                return
            self.logger.warning(
                "%s: %s (read %d entries anyway)", response.url, problem, len(feed.entries)
            )
        for entry in feed.entries:
            link = entry.get("link")
            if not link:
                self.logger.warning(
                    "%s: an entry without a link (%r)", response.url, entry.get("title")
                )
                continue
            yield self.page_request(
                response.urljoin(link), published=entry_date(entry), title=entry.get("title")
            )
