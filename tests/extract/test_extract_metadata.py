"""URL, title, authors and site name: which source wins, and the safety rules."""

from __future__ import annotations

import pytest

from crawler.extract import extract_page
from crawler.extract.metadata import clean_title, split_names

BODY = (
    "<body><article><h1>{h1}</h1><p>Text of the page, long enough to be kept.</p></article></body>"
)


def _page(head: str, h1: str = "Headline") -> str:
    return f"<html><head>{head}</head>{BODY.format(h1=h1)}</html>"


def test_canonical_link_beats_og_url_beats_fetched_url() -> None:
    both = _page(
        '<link rel="canonical" href="https://site.example/a">'
        '<meta property="og:url" content="https://site.example/b">'
    )
    assert extract_page(both, "https://site.example/c").url == "https://site.example/a"
    og_only = _page('<meta property="og:url" content="https://site.example/b?utm_source=x">')
    assert extract_page(og_only, "https://site.example/c").url == "https://site.example/b"
    assert extract_page(_page(""), "https://site.example/c#x").url == "https://site.example/c"
    assert extract_page(_page(""), None).url is None


def test_relative_canonical_is_resolved_against_base_and_page() -> None:
    relative = _page('<link rel="canonical" href="../news/17">')
    assert (
        extract_page(relative, "https://site.example/a/b/c").url == "https://site.example/a/news/17"
    )
    with_base = _page('<base href="https://cdn.example/x/"><link rel="canonical" href="news/17">')
    assert extract_page(with_base, "https://site.example/a").url == "https://cdn.example/x/news/17"
    # nothing to resolve against: the relative link is unusable
    assert extract_page(relative, None).url is None


@pytest.mark.parametrize(
    "declared",
    ["https://site.example/", "https://site.example", "/", "javascript:void(0)", "mailto:a@b.c"],
)
def test_declared_urls_that_would_merge_pages_are_ignored(declared: str) -> None:
    html = _page(f'<link rel="canonical" href="{declared}">')
    assert extract_page(html, "https://site.example/news/17").url == "https://site.example/news/17"


def test_root_canonical_is_fine_for_the_root_page() -> None:
    html = _page('<link rel="canonical" href="https://site.example/">')
    assert extract_page(html, "https://site.example/?utm_source=x").url == "https://site.example/"


def test_cross_site_canonical_is_followed() -> None:
    # syndicated copy pointing at the original: one document, the original's key
    html = _page('<link rel="canonical" href="https://original.example/story/9">')
    assert extract_page(html, "https://copy.example/s/9").url == "https://original.example/story/9"


@pytest.mark.parametrize(
    ("title", "site", "url", "h1", "expected"),
    [
        ("Story | The Ledger", "The Ledger", None, None, "Story"),
        ("The Ledger | Story", "The Ledger", None, None, "Story"),
        ("Story - GOV.UK", None, "https://www.gov.uk/x", None, "Story"),
        ("Story • President of Russia", "President of Russia", None, None, "Story"),
        ("Story – Frontier Times", None, "https://frontiertimes.example/x", None, "Story"),
        ("Story :: Whatever", None, None, "Story", "Story"),
        # not safe to cut: the part is neither the site nor the h1's complement
        (
            "Sorel - the interview",
            "The Ledger",
            "https://ledger.example/x",
            None,
            "Sorel - the interview",
        ),
        ("Minister: yes | no", None, None, None, "Minister: yes | no"),
        ("| The Ledger", "The Ledger", None, None, "| The Ledger"),
        ("— | Something", None, None, None, "— | Something"),
    ],
)
def test_clean_title(
    title: str, site: str | None, url: str | None, h1: str | None, expected: str
) -> None:
    assert clean_title(title, site, url, h1) == expected


def test_title_order() -> None:
    jsonld = (
        '<script type="application/ld+json">{"@type":"NewsArticle","headline":"From JSON-LD"}'
        "</script>"
    )
    og = '<meta property="og:title" content="From OG">'
    title = "<title>From title | Site</title>"
    assert extract_page(_page(jsonld + og + title)).title == "From JSON-LD"
    assert extract_page(_page(og + title)).title == "From OG"
    assert extract_page(_page(title, h1="From title")).title == "From title"
    assert extract_page(_page("", h1="From h1")).title == "From h1"


@pytest.mark.parametrize(
    ("byline", "names"),
    [
        ("By Jane Roe and John Doe", ["Jane Roe", "John Doe"]),
        ("by Jane Roe, John Doe & Ann Smith", ["Jane Roe", "John Doe", "Ann Smith"]),
        ("Von Erika Mustermann und Max Muster", ["Erika Mustermann", "Max Muster"]),
        ("Автор: Анна Соколова", ["Анна Соколова"]),
        ("Jane Roe | 7 May 2024 | 3 min read", ["Jane Roe"]),
        ("https://facebook.com/janeroe", []),
        ("", []),
    ],
)
def test_split_names(byline: str, names: list[str]) -> None:
    assert split_names(byline) == names


def test_author_order_meta_then_byline() -> None:
    meta = '<meta name="author" content="Meta Person">'
    byline = (
        '<body><p class="byline">By Byline Person</p><p>Text long enough to be the text.</p></body>'
    )
    assert extract_page(f"<html><head>{meta}</head>{byline}</html>").authors == ["Meta Person"]
    assert extract_page(f"<html><head></head>{byline}</html>").authors == ["Byline Person"]
    profile_url = '<meta property="article:author" content="https://facebook.com/someone">'
    assert extract_page(f"<html><head>{profile_url}</head>{byline}</html>").authors == [
        "Byline Person"
    ]


@pytest.mark.parametrize(
    "name", ["Press Office", "Newsroom", "Пресс-служба", "admin", "The Ledger"]
)
def test_office_accounts_and_the_publisher_are_not_people(name: str) -> None:
    html = _page(
        f'<meta name="author" content="{name}"><meta property="og:site_name" content="The Ledger">'
    )
    page = extract_page(html)
    assert (page.authors, page.author_is_organisation) == ([name], True)


def test_site_name_and_description_order() -> None:
    jsonld = (
        '<script type="application/ld+json">{"@type":"NewsArticle","description":"From JSON-LD",'
        '"publisher":{"@type":"Organization","name":"Publisher Org"}}</script>'
    )
    page = extract_page(_page(jsonld))
    assert (page.site_name, page.description) == ("Publisher Org", "From JSON-LD")
    metas = (
        '<meta property="og:site_name" content="OG Site"><meta name="description" content="Meta">'
    )
    page = extract_page(_page(jsonld + metas))
    assert (page.site_name, page.description) == ("OG Site", "Meta")
