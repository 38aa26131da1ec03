"""Sitemap, listing and page sources over the fixture server."""

from __future__ import annotations

from sqlalchemy import select

from store.db import Store
from store.models import Document
from store.queries import SearchParams, search_quotations

SITEMAP = """
[[source]]
name = "mfa-sitemap"
kind = "sitemap"
url = "{{BASE}}/mfa/sitemap.xml"
deny = ['/photo/']
"""

LISTING = """
[[source]]
name = "gov-press"
kind = "listing"
url = "{{BASE}}/gov/press/"
item = "div.press-item"
link = "h3 a::attr(href)"
date = "span.date"
title = "h3"
next = "a.next::attr(href)"
max_pages = %d
mode = "%s"
"""


def urls(store: Store) -> set[str]:
    with store.session() as s:
        return {d.url.split("/", 3)[-1] for d in s.scalars(select(Document))}


def test_sitemap_index_urlsets_and_news_sitemaps(crawl, store: Store, site) -> None:
    result = crawl(SITEMAP)
    assert result.source("mfa-sitemap")["new"] == 3
    assert urls(store) == {
        "mfa/en/statements/no-111",
        "mfa/en/statements/no-112",
        "mfa/en/statements/no-113",
    }  # the photo gallery was filtered out
    assert site.fetched("/mfa/en/photo/gallery-7") == 0
    with store.session() as s:
        docs = {d.url.rsplit("/", 1)[-1]: d for d in s.scalars(select(Document))}
        # news:publication_date, exact to the second, when the page has no date
        assert docs["no-113"].published_at.isoformat() == "2024-05-09T12:45:00+00:00"
        assert docs["no-113"].published_from == "sitemap"
        assert docs["no-111"].published_precision == "day"
        spokesperson = search_quotations(s, SearchParams("timetable exchange detainees")).items
        assert [i.speaker for i in spokesperson] == ["Aydan Huseynli"]


def test_sitemap_skips_pages_not_modified_since_the_last_crawl(crawl, site) -> None:
    crawl(SITEMAP)
    first = site.fetched("/mfa/en/statements/no-111")
    crawl(SITEMAP, settings=["ONRECORD_PROGRESS=false"])
    # lastmod 2024-05-04 is older than our copy: not fetched again (the recheck window
    # only covers documents first seen in the last days, which these are, so exactly once)
    assert site.fetched("/mfa/en/statements/no-111") == first + 1


def test_listing_backfill_follows_next_pages_up_to_the_limit(crawl, store: Store) -> None:
    result = crawl(LISTING % (2, "backfill"))
    assert result.source("gov-press")["new"] == 3  # pages 1 and 2, not page 3
    assert "gov/press/2024/energy-prices" not in urls(store)
    with store.session() as s:
        doc = s.scalars(select(Document).where(Document.url.endswith("budget-2025"))).one()
        assert (
            doc.published_at.date().isoformat() == "2024-05-02"
        )  # from the listing's "2 May 2024"
        assert (doc.published_precision, doc.published_from) == ("day", "listing")
        kovac = search_quotations(s, SearchParams("families first")).items
        assert [i.speaker for i in kovac] == ["Irina Kovac"]


def test_listing_incremental_stops_at_known_statements(crawl, store: Store, site) -> None:
    crawl(LISTING % (10, "backfill"))
    assert len(urls(store)) == 4
    pages_before = site.fetched("/gov/press/page-2")
    # a new statement appears at the top of the first page
    index = site._file_route("/gov/press/")
    assert index is not None
    site.set(
        "/gov/press/",
        index.body.replace(
            b'<div class="press-list">',
            b'<div class="press-list"><div class="press-item"><span class="date">10 May 2024</span>'
            b'<h3><a href="/gov/press/2024/new-statement">A new statement</a></h3></div>',
        ),
    )
    site.set(
        "/gov/press/2024/new-statement",
        '<html><body><article><h1>A new statement</h1><p>"Work on the northern railway '
        'starts in June," Transport Minister Ana Silva said.</p></article></body></html>',
    )
    result = crawl(LISTING % (10, "incremental"))
    assert result.source("gov-press")["new"] == 1
    # page 1 still had a new item, so page 2 was read, found all known, and paging stopped
    assert site.fetched("/gov/press/page-2") == pages_before + 1
    assert site.fetched("/gov/press/page-3") == 1


def test_listing_whose_layout_changed_is_a_failure_that_says_so(crawl, site) -> None:
    site.set(
        "/gov/press/",
        "<html><body><ul class='new-layout'><li>Nothing we know</li></ul></body></html>",
    )
    result = crawl(LISTING % (3, "incremental"))
    summary = result.source("gov-press")
    assert summary["failed"] == 1 and summary["new"] == 0
    assert "layout" in summary["last_failure"]


def test_page_sources_fetch_their_urls(crawl, store: Store) -> None:
    result = crawl("""
[[source]]
name = "pages"
kind = "page"
url = "{{BASE}}/parliament/news/2024-05-09-session"
urls = ["{{BASE}}/mfa/en/statements/no-111"]
""")
    assert result.source("pages")["new"] == 2
    with store.session() as s:
        ministry = search_quotations(s, SearchParams("provocations")).items
        assert ministry and ministry[0].speaker is not None
        assert "ministry" in ministry[0].speaker.lower()
