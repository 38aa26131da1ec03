"""Listing sources: an HTML list of statements, read with CSS selectors.

Most official sites need this: their feeds are broken or missing.

    [[source]]
    name = "president-tr"
    kind = "listing"
    url = "https://www.tccb.gov.tr/en/news/542/"
    item = "div.news-list > article"      # optional: one element per statement
    link = "a::attr(href)"                # the statement's link (inside `item` when given)
    date = "span.date"                    # optional: its date, any language ("7 Mayıs 2024")
    title = "h3"                          # optional
    next = "a.next::attr(href)"           # optional: the next (older) listing page
    mode = "incremental"                  # incremental (default) | backfill
    max_pages = 10                        # listing pages to read at most

Incremental mode stops paging at the first listing page whose statements are
all stored already; backfill reads up to `max_pages` pages regardless.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import UTC
from typing import Any

import dateparser
from scrapy import Request
from scrapy.http import Response

from crawler.extract import canonical_url
from crawler.items import Dated
from crawler.spiders.base import SourceSpider

_HAS_TIME = re.compile(r"\d{1,2}[:.]\d{2}(?![.\d])")
_DATEPARSER_SETTINGS = {
    "RETURN_AS_TIMEZONE_AWARE": True,
    "TIMEZONE": "UTC",
    "TO_TIMEZONE": "UTC",
    "PREFER_DAY_OF_MONTH": "first",
    "PREFER_DATES_FROM": "past",
}


def listing_date(text: str | None) -> Dated | None:
    """A date as a listing shows it, in any language dateparser knows."""
    if not text or not text.strip():
        return None
    parsed = dateparser.parse(text.strip(), settings=_DATEPARSER_SETTINGS)  # type: ignore[arg-type]
    if parsed is None:
        return None
    precision = "minute" if _HAS_TIME.search(text) else "day"
    return Dated(parsed.astimezone(UTC), precision, "listing")


def _first(selection: Any, selector: str | None) -> str | None:
    """The first match of ``selector`` in a response, selector or selector list, as text."""
    if not selector:
        return None
    found = selection.css(selector)
    if not found:
        return None
    node = found[0]
    if "::" in selector:
        value = node.get()
    else:  # an element: its datetime attribute, or its text
        value = node.attrib.get("datetime") or " ".join(node.css("::text").getall())
    return " ".join(value.split()) if value else None


class ListingSpider(SourceSpider):
    """HTML listing pages -> statement pages, page after page."""

    def start_requests_for_source(self) -> Iterable[Request]:
        yield self.request(self.source.url, self.parse_listing, cb_kwargs={"page": 1})

    def links(self, scope: Any) -> list[str]:
        selector = self.source.option("link", "a::attr(href)")
        found = scope.css(selector)
        if "::" in selector:
            return [v for v in found.getall() if v and v.strip()]
        return [node.attrib["href"] for node in found if node.attrib.get("href")]

    def parse_listing(self, response: Response, page: int) -> Iterable[Any]:
        item_selector = self.source.option("item")
        scopes = response.css(item_selector) if item_selector else [response]
        entries = []
        for scope in scopes:
            hrefs = self.links(scope)
            if not hrefs:
                continue
            date = listing_date(_first(scope, self.source.option("date")))
            title = _first(scope, self.source.option("title"))
            for href in hrefs if not item_selector else hrefs[:1]:
                entries.append((response.urljoin(href.strip()), date, title))
        if not entries:
            yield self.failure(
                response.url,
                "no statement links on the listing page: has the "
                "site's layout changed? (check the `link`/`item` selectors)",
                response.status,
                response.body,
            )
            return
        new = [e for e in entries if canonical_url(e[0]) not in self.known]
        for url, date, title in new:
            yield self.page_request(url, published=date, title=title)
        mode = self.source.option("mode", "incremental")
        max_pages = int(self.source.option("max_pages", 10))
        if mode == "incremental" and not new:
            return  # everything here is stored: older pages are too
        next_selector = self.source.option("next")
        if not next_selector or page >= max_pages:
            return
        next_href = (
            _first(response, next_selector)
            if "::" in next_selector
            else (response.css(next_selector).attrib.get("href"))
        )
        if next_href:
            yield self.request(
                response.urljoin(next_href), self.parse_listing, cb_kwargs={"page": page + 1}
            )
