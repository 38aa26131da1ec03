"""Page sources: one or more URLs fetched as they are.

[[source]]
name = "mfa-statement-archive"
kind = "page"
url = "https://mfa.example/statements/2024/05/07"
urls = ["https://mfa.example/statements/2024/05/08"]   # optional, more pages
"""

from __future__ import annotations

from collections.abc import Iterable

from scrapy import Request

from crawler.spiders.base import SourceSpider


class PageSpider(SourceSpider):
    """Fetch the configured URL(s)."""

    def start_requests_for_source(self) -> Iterable[Request]:
        urls = [self.source.url, *self.source.option("urls", [])]
        for url in dict.fromkeys(urls):
            yield self.page_request(url)
