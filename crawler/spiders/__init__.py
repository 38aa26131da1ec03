"""One spider module per source kind; each spider's docstring is its user documentation.

`SPIDERS` maps the `kind` of the sources file to the spider class.
"""

from __future__ import annotations

from crawler.spiders.bluesky import BlueskySpider
from crawler.spiders.feed import FeedSpider
from crawler.spiders.listing import ListingSpider
from crawler.spiders.mastodon import MastodonSpider
from crawler.spiders.page import PageSpider
from crawler.spiders.sitemap import SitemapSpider
from crawler.spiders.telegram import TelegramSpider
from crawler.spiders.x import XSpider

SPIDERS = {
    "feed": FeedSpider,
    "sitemap": SitemapSpider,
    "listing": ListingSpider,
    "page": PageSpider,
    "x": XSpider,
    "bluesky": BlueskySpider,
    "mastodon": MastodonSpider,
    "telegram": TelegramSpider,
}
