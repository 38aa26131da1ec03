"""Fixture pages for the extraction tests: tests/fixtures/pages/*.html, written for
these tests in the shapes of real sites (no real page is copied)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from crawler.extract import ExtractedPage, extract_page

PAGES = Path(__file__).resolve().parent.parent / "fixtures" / "pages"

# The address each page is fetched from in the tests, as a spider would see it.
FETCHED_URLS = {
    "news_jsonld_graph": "https://www.caspianledger.example/world/2024/05/07/sorel-border-crossings-open?utm_source=rss&utm_medium=feed",
    "news_opengraph_only": "https://harbourgazette.example/business/port-strike-ends-4471?fbclid=IwAR0abc",
    "wordpress_press_release": "https://coastal.gov.example/?p=2231",
    "govuk_speech": "https://www.gov.uk/government/speeches/prime-ministers-statement-on-flood-recovery-15-january-2024",
    "kremlin_transcript": "http://en.kremlin.ru/events/president/transcripts/73901#comments",
    "presidency_tr": "https://www.cumhurbaskanligi.example.tr/haberler/410/150123/bolgemizde-kalici-baris-icin-calismaya-devam-edecegiz",
    "presidency_az": "https://prezident.example.az/az/news/2024/04/22/gence-korpu-acilisi",
    "russian_news": "https://vesti-primera.example.ru/economy/20240311/ipoteka-1928374.html",
    "embedded_tweet": "https://frontiertimes.example/politics/minister-doubles-down-border-pledge",
    "embedded_bluesky": "https://frontiertimes.example/politics/whitcombe-bluesky",
    "no_dates": "https://ministry-of-examples.example/about",
    "malformed_jsonld": "https://valleycourier.example/news/court-rejects-pipeline-appeal?ref=homepage",
    "time_element_only": "https://kreisblatt.example/lokales/landrat-buslinie",
    "broken": "https://ministry.example/statements/417",
}


def read_page(name: str) -> str:
    """A fixture page as the spider hands it over: decoded text."""
    return (PAGES / f"{name}.html").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def page() -> Callable[[str], ExtractedPage]:
    """``page(name)``: the fixture page extracted from its fetched URL (cached)."""
    cache: dict[str, ExtractedPage] = {}

    def extract(name: str) -> ExtractedPage:
        if name not in cache:
            cache[name] = extract_page(read_page(name), FETCHED_URLS[name])
        return cache[name]

    return extract
