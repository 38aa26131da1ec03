"""Dates: honest precision, UTC conversion, and the order of sources on a page."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from crawler.extract import extract_page
from crawler.extract.dates import date_from_url, parse_date


@pytest.mark.parametrize(
    ("raw", "at", "precision", "assumed_utc"),
    [
        ("2024", datetime(2024, 1, 1, tzinfo=UTC), "year", False),
        ("2024-05", datetime(2024, 5, 1, tzinfo=UTC), "month", False),
        ("2024-05-07", datetime(2024, 5, 7, tzinfo=UTC), "day", False),
        ("2024-05-07T10:30", datetime(2024, 5, 7, 10, 30, tzinfo=UTC), "minute", True),
        ("2024-05-07T10:30:00", datetime(2024, 5, 7, 10, 30, tzinfo=UTC), "second", True),
        ("2024-05-07T10:30:00+03:00", datetime(2024, 5, 7, 7, 30, tzinfo=UTC), "second", False),
        ("2024-05-07T10:30:00.000+0300", datetime(2024, 5, 7, 7, 30, tzinfo=UTC), "second", False),
        ("2024-05-07 10:30:15Z", datetime(2024, 5, 7, 10, 30, 15, tzinfo=UTC), "second", False),
        ("2024-05-07T01:30-05:00", datetime(2024, 5, 7, 6, 30, tzinfo=UTC), "minute", False),
        ("20240507T103000Z", datetime(2024, 5, 7, 10, 30, tzinfo=UTC), "second", False),
        (
            "Tue, 07 May 2024 10:30:00 +0300",
            datetime(2024, 5, 7, 7, 30, tzinfo=UTC),
            "second",
            False,
        ),
        ("Tue, 07 May 2024 10:30 GMT", datetime(2024, 5, 7, 10, 30, tzinfo=UTC), "minute", False),
        ("Tue, 07 May 2024 10:30:00", datetime(2024, 5, 7, 10, 30, tzinfo=UTC), "second", True),
    ],
)
def test_precision_is_what_the_string_states(
    raw: str, at: datetime, precision: str, assumed_utc: bool
) -> None:
    value = parse_date(raw, "meta")
    assert value is not None
    assert (value.at, value.precision, value.assumed_utc) == (at, precision, assumed_utc)
    assert value.at.tzinfo is UTC
    assert value.raw == raw.strip()


@pytest.mark.parametrize(
    "raw",
    [
        None,
        "",
        "not a date",
        "7 May 2024",  # human-language dates are htmldate's job
        "0001-01-01T00:00:00Z",  # placeholder
        "2999-01-01",  # implausible future
        "2024-02-30",
        "2024-05-07T25:00",
        "2024-05-07T10:30:00+99:00",
        "2024-05-07T10:30:00+03:00" * 5,
    ],
)
def test_unusable_strings_give_none(raw: str | None) -> None:
    assert parse_date(raw, "meta") is None


@pytest.mark.parametrize(
    ("url", "day"),
    [
        ("https://a.example/world/2024/05/07/story", datetime(2024, 5, 7, tzinfo=UTC)),
        (
            "https://a.example/economy/20240311/ipoteka-1928374.html",
            datetime(2024, 3, 11, tzinfo=UTC),
        ),
        ("https://a.example/news/2024-04-22-bridge", datetime(2024, 4, 22, tzinfo=UTC)),
    ],
)
def test_date_in_url_path_is_a_day(url: str, day: datetime) -> None:
    value = date_from_url(url)
    assert value is not None
    assert (value.at, value.precision, value.source) == (day, "day", "url")


@pytest.mark.parametrize(
    "url",
    [
        "https://a.example/news/417",
        "https://a.example/2024/13/45/x",
        "https://a.example/items/1234567890123",
        "https://a.example/x?date=2024/05/07",
    ],
)
def test_no_date_in_url(url: str) -> None:
    assert date_from_url(url) is None


def _page(head: str, body: str = "<p>Text of the statement, long enough to count.</p>") -> str:
    return f"<html><head>{head}</head><body><article><h1>T</h1>{body}</article></body></html>"


def test_jsonld_day_is_refined_by_an_agreeing_opengraph_time() -> None:
    html = _page(
        '<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2024-05-07"}'
        "</script>"
        '<meta property="article:published_time" content="2024-05-06T22:30:00-02:00">'
    )
    published = extract_page(html, "https://a.example/x").published
    assert published is not None
    assert published.at == datetime(2024, 5, 7, 0, 30, tzinfo=UTC)
    assert (published.precision, published.source) == ("second", "opengraph")


def test_a_disagreeing_finer_time_does_not_override_the_jsonld_day() -> None:
    html = _page(
        '<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2024-05-07"}'
        "</script>"
        '<meta property="article:published_time" content="2024-06-01T10:00:00Z">'
    )
    published = extract_page(html, "https://a.example/x").published
    assert published is not None
    assert (published.at, published.precision, published.source) == (
        datetime(2024, 5, 7, tzinfo=UTC),
        "day",
        "json-ld",
    )


def test_time_without_offset_is_flagged_and_refined_by_one_with_offset() -> None:
    html = _page(
        '<meta name="date" content="2024-05-07 10:30:00">'
        '<meta name="dc.date" content="ignored, date wins">',
        '<p><time class="published" datetime="2024-05-07T10:30:00+03:00">7 May</time></p>'
        "<p>Text of the statement, long enough to count.</p>",
    )
    published = extract_page(html, "https://a.example/x").published
    assert published is not None
    assert published.at == datetime(2024, 5, 7, 7, 30, tzinfo=UTC)
    assert (published.source, published.assumed_utc) == ("time-element", False)

    alone = extract_page(_page('<meta name="date" content="2024-05-07 10:30:00">'), None).published
    assert alone is not None
    assert (alone.at, alone.source, alone.assumed_utc) == (
        datetime(2024, 5, 7, 10, 30, tzinfo=UTC),
        "meta",
        True,
    )


def test_webpage_node_dates_when_there_is_no_article_node() -> None:
    html = _page(
        '<script type="application/ld+json">{"@graph":[{"@type":"WebPage",'
        '"datePublished":"2024-03-12T08:02:33+00:00","dateModified":"2024-03-13T09:00:00+00:00"}]}'
        "</script>"
    )
    page = extract_page(html, "https://a.example/x")
    assert page.published is not None and page.modified is not None
    assert page.published.at == datetime(2024, 3, 12, 8, 2, 33, tzinfo=UTC)
    assert page.modified.at == datetime(2024, 3, 13, 9, tzinfo=UTC)
    assert page.published.source == page.modified.source == "json-ld"


def test_meta_conventions() -> None:
    page = extract_page(
        _page(
            '<meta itemprop="datePublished" content="2024-01-02T03:04:05Z">'
            '<meta name="dcterms.modified" content="2024-01-03">'
        ),
        None,
    )
    assert page.published is not None and page.modified is not None
    assert (page.published.source, page.published.precision) == ("meta", "second")
    assert (page.modified.at, page.modified.precision) == (datetime(2024, 1, 3, tzinfo=UTC), "day")


def test_url_date_when_the_page_states_none() -> None:
    page = extract_page(_page(""), "https://a.example/news/2024/04/22/bridge-opens")
    assert page.published is not None
    assert (page.published.source, page.published.precision) == ("url", "day")


def test_htmldate_finds_a_visible_date_as_a_day() -> None:
    html = _page(
        "", '<p class="date">Published 7 May 2024</p><p>Body text that is long enough.</p>'
    )
    published = extract_page(html, "https://a.example/news/417").published
    assert published is not None
    assert (published.at, published.precision, published.source) == (
        datetime(2024, 5, 7, tzinfo=UTC),
        "day",
        "htmldate",
    )


def test_modified_is_never_guessed() -> None:
    page = extract_page(
        _page("", '<p class="date">7 May 2024</p>'), "https://a.example/2024/05/07/x"
    )
    assert page.modified is None


def test_sidebar_times_are_not_the_page_time() -> None:
    html = (
        "<html><body><aside><time datetime='2024-03-05T10:00:00Z'>5 Mar</time>"
        "<time datetime='2024-03-04T10:00:00Z'>4 Mar</time></aside>"
        "<div class='story'><h1>Headline</h1><p>Statement text long enough to count.</p></div>"
        "</body></html>"
    )
    # several times, none with the headline's article: not taken as the page's own time,
    # and hidden from htmldate, whose first guess would be one of them
    assert extract_page(html, "https://a.example/x").published is None
