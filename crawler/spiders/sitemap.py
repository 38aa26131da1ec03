"""Sitemap sources: sitemap indexes, URL sets and news sitemaps.

    [[source]]
    name = "mfa-tr"
    kind = "sitemap"
    url = "https://www.mfa.gov.tr/sitemap.xml"
    allow = ['/sc-\\d+']              # optional: regexes a URL must match (one is enough)
    deny = ['/en/photo']              # optional: regexes that exclude a URL
    max_urls = 500                    # optional: newest first, at most this many pages

`lastmod` or `news:publication_date` dates the page when it has no date of
its own. A URL already stored and not modified since (by `lastmod`) is not
fetched again.
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from lxml import etree
from scrapy import Request
from scrapy.http import Response

from crawler.items import Dated
from crawler.spiders.base import SourceSpider

_DATE_ONLY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def parse_w3c_date(value: str | None, source: str) -> Dated | None:
    """W3C datetime ("2024-05-07", "2024-05-07T10:30:00+03:00") -> Dated."""
    if not value:
        return None
    value = value.strip()
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    precision = "day" if _DATE_ONLY.match(value) else "second"
    return Dated(parsed.astimezone(UTC), precision, source)


def _local(tag: Any) -> str:
    return etree.QName(tag).localname if isinstance(tag, str) else ""


class SitemapSpider(SourceSpider):
    """sitemap index / urlset / news sitemap -> pages."""

    def start_requests_for_source(self) -> Iterable[Request]:
        self.allow = [re.compile(p) for p in self.source.option("allow", [])]
        self.deny = [re.compile(p) for p in self.source.option("deny", [])]
        self.max_urls = int(self.source.option("max_urls", 1000))
        self.queued = 0
        yield self.request(self.source.url, self.parse_sitemap)

    def wanted(self, url: str) -> bool:
        if self.allow and not any(p.search(url) for p in self.allow):
            return False
        return not any(p.search(url) for p in self.deny)

    def parse_sitemap(self, response: Response) -> Iterable[Any]:
        body = response.body
        if body[:2] == b"\x1f\x8b":
            try:
                body = gzip.decompress(body)
            except OSError as exc:
                yield self.failure(
                    response.url, f"bad gzip sitemap: {exc}", response.status, response.body
                )
                return
        try:
            root = etree.fromstring(
                body, parser=etree.XMLParser(recover=False, huge_tree=False, resolve_entities=False)
            )
        except etree.XMLSyntaxError as exc:
            yield self.failure(
                response.url, f"malformed sitemap: {exc}", response.status, response.body
            )
            return
        kind = _local(root.tag)
        if kind == "sitemapindex":
            for sitemap in root:
                loc = next((c.text for c in sitemap if _local(c.tag) == "loc"), None)
                if loc:
                    yield self.request(response.urljoin(loc.strip()), self.parse_sitemap)
            return
        if kind != "urlset":
            yield self.failure(
                response.url,
                f"not a sitemap (root element <{kind}>)",
                response.status,
                response.body,
            )
            return
        entries = []
        for url in root:
            fields = {}
            for child in url.iter():
                name = _local(child.tag)
                if name in ("loc", "lastmod", "publication_date", "title") and child.text:
                    fields[name] = child.text.strip()
            if fields.get("loc") and self.wanted(fields["loc"]):
                entries.append(fields)
        # Newest first, so that max_urls keeps the recent statements.
        entries.sort(
            key=lambda f: f.get("publication_date") or f.get("lastmod") or "", reverse=True
        )
        for fields in entries:
            if self.queued >= self.max_urls:
                break
            url = response.urljoin(fields["loc"])
            lastmod = parse_w3c_date(fields.get("lastmod"), "sitemap")
            seen = self.known.get(url)
            if seen is not None and (lastmod is None or lastmod.at <= seen):
                continue  # stored, and not modified since
            published = parse_w3c_date(fields.get("publication_date"), "sitemap") or lastmod
            self.queued += 1
            yield self.page_request(url, published=published, title=fields.get("title"))
