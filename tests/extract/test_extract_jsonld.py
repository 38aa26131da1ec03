"""JSON-LD as publishers write it: graphs, lists, references, and broken blocks."""

from __future__ import annotations

import pytest

from crawler.extract import extract_page
from crawler.extract.jsonld import loads_lenient


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('{"a": 1}', {"a": 1}),
        ('//<![CDATA[\n{"a": 1}\n//]]>', {"a": 1}),
        ('<!--\n{"a": 1}\n-->', {"a": 1}),
        ('{"a": [1, 2,], "b": {"c": 3,},}', {"a": [1, 2], "b": {"c": 3}}),
        ('{"a": "line one\nline two"}', {"a": "line one\nline two"}),
        ('{"a": 1}\n{"b": 2}', [{"a": 1}, {"b": 2}]),
        ('{"a": 1},{"b": 2};', [{"a": 1}, {"b": 2}]),
    ],
)
def test_repairs_common_faults(text: str, expected: object) -> None:
    assert loads_lenient(text) == expected


@pytest.mark.parametrize("text", ['{"a": [1,', "var x = {};", "{'a': 1}", "", "]]>"])
def test_gives_up_on_what_is_not_json(text: str) -> None:
    assert loads_lenient(text) is None


def _with_jsonld(*blocks: str, url: str = "https://news.example/a") -> object:
    scripts = "".join(f'<script type="application/ld+json">{block}</script>' for block in blocks)
    html = (
        f"<html><head>{scripts}</head><body><article><h1>Headline</h1>"
        "<p>Body text of the article, long enough to be kept as text.</p></article></body></html>"
    )
    return extract_page(html, url)


def test_article_nested_under_main_entity() -> None:
    page = _with_jsonld(
        '{"@type":"WebPage","mainEntity":{"@type":"NewsArticle","headline":"Nested",'
        '"datePublished":"2024-01-02T03:04:05Z","author":{"@type":"Person","name":"A. Writer"}}}'
    )
    assert page.title == "Nested"
    assert page.authors == ["A. Writer"]
    assert page.published is not None and page.published.source == "json-ld"


def test_list_of_objects_and_prefixed_types() -> None:
    page = _with_jsonld(
        '[{"@type":"BreadcrumbList"},{"@type":"schema:ReportageNewsArticle","headline":"Listed",'
        '"author":[{"name":"One Person"},{"name":"Two Person"}]}]'
    )
    assert page.title == "Listed"
    assert page.authors == ["One Person", "Two Person"]


def test_author_reference_resolved_in_graph() -> None:
    page = _with_jsonld(
        '{"@graph":[{"@type":"Article","headline":"Ref","author":{"@id":"#p1"}},'
        '{"@type":"Person","@id":"#p1","name":"Referenced Person"}]}'
    )
    assert page.authors == ["Referenced Person"]


def test_author_as_plain_string_and_html_entities() -> None:
    page = _with_jsonld(
        '{"@type":"NewsArticle","headline":"A &amp; B","author":"Jane O&#8217;Neill"}'
    )
    assert page.title == "A & B"
    assert page.authors == ["Jane O’Neill"]


def test_organisation_authors_are_flagged_and_give_way_to_people() -> None:
    only_org = _with_jsonld(
        '{"@type":"NewsArticle","author":{"@type":"NewsMediaOrganization","name":"Wire Agency"}}'
    )
    assert (only_org.authors, only_org.author_is_organisation) == (["Wire Agency"], True)
    mixed = _with_jsonld(
        '{"@type":"NewsArticle","author":[{"@type":"Organization","name":"Wire Agency"},'
        '{"@type":"Person","name":"Real Reporter"}]}'
    )
    assert (mixed.authors, mixed.author_is_organisation) == (["Real Reporter"], False)


def test_govuk_author_is_the_organisation_whatever_its_type() -> None:
    page = _with_jsonld(
        '{"@type":"Article","author":{"name":"Department for Examples"}}',
        url="https://www.gov.uk/government/news/example",
    )
    assert (page.authors, page.author_is_organisation) == (["Department for Examples"], True)


def test_broken_block_is_reported_and_the_others_still_read() -> None:
    page = _with_jsonld(
        '{"@type": "NewsArticle", "headline": ', '{"@type":"NewsArticle","headline":"Good"}'
    )
    assert page.title == "Good"
    assert page.problems == ["malformed JSON-LD blocks: 1"]


@pytest.mark.parametrize(
    "block",
    [
        "null",
        "42",
        '"a string"',
        "[]",
        '{"@type": null}',
        '{"@type": ["NewsArticle"], "headline": {"deep": [1]}, "author": 7, "datePublished": [3]}',
        '{"@graph": "not a list"}',
        '{"@type":"NewsArticle","author":[null, {}, {"@id": "#missing"}, ""]}',
        "[" * 50 + "]" * 50,
    ],
)
def test_odd_shapes_do_not_break_extraction(block: str) -> None:
    page = _with_jsonld(block)
    assert page.title == "Headline"
    assert page.authors == []
