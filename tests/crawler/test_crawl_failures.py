"""Bad input gets a clear reason and loses nothing; the crawl goes on."""

from __future__ import annotations

import time

from fixture_server import Route
from sqlalchemy import select

from store.db import Store
from store.documents import load_raw
from store.models import Document, FetchFailure, Source
from store.queries import SearchParams, search_quotations

PAGES = """
[[source]]
name = "pages"
kind = "page"
url = "{{BASE}}/parliament/news/2024-05-09-session"
urls = [%s]
"""


def pages(*paths: str) -> str:
    return PAGES % ", ".join(f'"{{{{BASE}}}}{p}"' for p in paths)


def failures(store: Store) -> dict[str, FetchFailure]:
    with store.session() as s:
        return {f.url.split("/", 3)[-1]: f for f in s.scalars(select(FetchFailure))}


def test_a_500_is_retried_then_recorded_and_the_rest_is_stored(crawl, store: Store, site) -> None:
    site.set("/down", "<h1>Internal error</h1>", status=500)
    result = crawl(pages("/down"))
    summary = result.source("pages")
    assert (summary["new"], summary["failed"]) == (1, 1)
    assert site.fetched("/down") == 4  # the first try and three retries
    failure = failures(store)["down"]
    assert failure.reason == "HTTP 500" and failure.http_status == 500
    with store.session() as s:
        assert load_raw(s, failure.raw_sha256 or "") == b"<h1>Internal error</h1>"  # kept


def test_a_passing_503_is_retried_into_success(crawl, store: Store, site) -> None:
    page = '<html><body><p>"Roads first, then schools," Mayor Ines Duarte said.</p></body></html>'
    site.routes["/flaky"] = Route(
        respond=lambda n: (
            Route(status=503)
            if n == 1
            else Route(body=page.encode(), headers={"Content-Type": "text/html"})
        )
    )
    result = crawl(pages("/flaky"))
    assert result.source("pages")["failed"] == 0
    assert site.fetched("/flaky") == 2
    with store.session() as s:
        assert search_quotations(s, SearchParams("roads schools")).items[0].speaker == "Ines Duarte"


def test_retry_after_is_honoured_and_a_long_one_is_given_up(crawl, store: Store, site) -> None:
    ok = Route(
        body=b"<html><body><p>Fine.</p></body></html>", headers={"Content-Type": "text/html"}
    )
    site.routes["/busy"] = Route(
        respond=lambda n: Route(status=429, headers={"Retry-After": "1"}) if n == 1 else ok
    )
    site.set("/closed", "", status=429, headers={"Retry-After": "3600"})
    started = time.monotonic()
    result = crawl(pages("/busy", "/closed"))
    elapsed = time.monotonic() - started
    assert site.fetched("/busy") == 2 and site.fetched("/closed") == 1
    assert elapsed >= 1.0  # it waited as asked (a bound on behaviour, not a speed test)
    assert result.source("pages")["failed"] == 1
    assert failures(store)["closed"].http_status == 429


def test_a_timeout_is_recorded_with_its_reason(crawl, store: Store, site) -> None:
    site.set("/slow", "<p>late</p>", delay=4)
    result = crawl(pages("/slow"), settings=["DOWNLOAD_TIMEOUT=1", "RETRY_TIMES=1"])
    assert result.source("pages")["new"] == 1
    assert failures(store)["slow"].reason == "timed out after 1 s"


def test_a_page_in_another_encoding_than_declared_is_read_right(crawl, store: Store, site) -> None:
    text = (
        "<html><head><title>Заявление</title></head><body><article><h1>Заявление</h1>"
        "<p>«Мы готовы к переговорам без предварительных условий», — сказал министр "
        "Сергей Волков.</p></article></body></html>"
    )
    site.set("/ru", text.encode("cp1251"), content_type="text/html; charset=utf-8")
    result = crawl(pages("/ru"))
    assert result.source("pages")["failed"] == 0
    with store.session() as s:
        doc = s.scalars(select(Document).where(Document.url.endswith("/ru"))).one()
        assert "переговорам" in doc.text and "\ufffd" not in doc.text
        hit = search_quotations(s, SearchParams("переговорам")).items
        assert hit and hit[0].speaker == "Сергей Волков"


def test_a_huge_page_is_kept_raw_for_retry_and_not_parsed(crawl, store: Store, site) -> None:
    huge = (
        b"<html><body>"
        + b"<p>"
        + b"filler text " * (20 * 1024 * 1024 // 12)
        + b"</p></body></html>"
    )
    site.set("/huge", huge)
    result = crawl(pages("/huge"))
    summary = result.source("pages")
    assert (summary["new"], summary["failed"]) == (1, 1)
    failure = failures(store)["huge"]
    assert failure.reason.startswith("too large to parse (20.0 MB")
    with store.session() as s:
        assert load_raw(s, failure.raw_sha256 or "") == huge


def test_a_statement_that_disappears_is_marked_deleted_and_keeps_its_text(
    crawl, store: Store, site
) -> None:
    crawl(pages("/mfa/en/statements/no-111"))
    site.set("/mfa/en/statements/no-111", "<h1>Not found</h1>", status=404)
    # the next crawl no longer lists it; the recheck of recent documents finds the 404
    result = crawl(PAGES % "")
    assert result.source("pages")["deleted"] == 1
    with store.session() as s:
        doc = s.scalars(select(Document).where(Document.url.endswith("no-111"))).one()
        assert doc.deleted_at is not None
        assert "provocations" in doc.text
        quote = search_quotations(s, SearchParams("provocations")).items[0]
        assert quote.url and quote.url.endswith("no-111")  # still findable, with provenance


def test_robots_txt_is_obeyed_unless_the_source_says_otherwise(crawl, store: Store, site) -> None:
    site.set("/robots.txt", "User-agent: *\nDisallow: /mfa/\n", content_type="text/plain")
    result = crawl(pages("/mfa/en/statements/no-112"))
    assert result.source("pages")["failed"] == 1
    assert failures(store)["mfa/en/statements/no-112"].reason == "forbidden by robots.txt"
    assert site.fetched("/mfa/en/statements/no-112") == 0
    allowed = crawl(
        pages("/mfa/en/statements/no-112").replace('kind = "page"', 'kind = "page"\nrobots = false')
    )
    assert allowed.source("pages")["failed"] == 0
    assert site.fetched("/mfa/en/statements/no-112") == 1
    with store.session() as s:  # the later success resolved the failure
        assert failures(store)["mfa/en/statements/no-112"].resolved_at is not None
        assert s.scalars(select(Source)).one().last_success_at is not None


def test_a_pdf_is_kept_raw_not_parsed(crawl, store: Store, site) -> None:
    site.set("/statement.pdf", b"%PDF-1.4 fake", content_type="application/pdf")
    result = crawl(pages("/statement.pdf"))
    assert result.source("pages")["failed"] == 1
    failure = failures(store)["statement.pdf"]
    assert "not an HTML page (application/pdf)" in failure.reason
    with store.session() as s:
        assert load_raw(s, failure.raw_sha256 or "") == b"%PDF-1.4 fake"


def test_an_unreachable_host_is_recorded(crawl, store: Store) -> None:
    result = crawl(
        """
[[source]]
name = "nowhere"
kind = "feed"
url = "http://127.0.0.1:9/feed.xml"
""",
        settings=["RETRY_TIMES=0"],
    )
    assert result.code == 1  # the only source failed: the command says so
    assert result.source("nowhere")["last_failure"].endswith("connection refused")
