"""Any string in, an ExtractedPage out: the crawler must never stop on a page."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crawler.extract import MAX_HTML_CHARS, ExtractedPage, extract_page

ARTICLE = (
    "<html lang='en'><head><title>Statement</title></head><body><article><h1>Statement</h1>"
    "<p>“We will act,” the minister said on Monday, speaking to reporters at length.</p>"
    "<p>The second paragraph of the statement has more words to make it real text.</p>"
    "</article></body></html>"
)


def _check(page: ExtractedPage) -> None:
    assert isinstance(page, ExtractedPage)
    assert isinstance(page.text, str)
    for value in (page.published, page.modified):
        assert value is None or value.at.utcoffset() is not None


@given(st.text(), st.one_of(st.none(), st.text(max_size=40)))
@settings(max_examples=300, deadline=None)
def test_any_string_gives_a_page(html: str, url: str | None) -> None:
    _check(extract_page(html, url))


TAGS = st.sampled_from(
    [
        "html",
        "head",
        "body",
        "p",
        "div",
        "article",
        "h1",
        "time",
        "script",
        "style",
        "meta",
        "blockquote",
        "table",
        "td",
        "br",
        "a",
        "title",
        "svg",
        "template",
    ]
)
ATTRS = st.sampled_from(
    [
        "",
        ' class="twitter-tweet"',
        ' class="bluesky-embed" data-bluesky-uri="at://x/app.bsky.feed.post/3lbacd5c4kt2l"',
        ' datetime="2024-05-07T10:00:00Z"',
        ' type="application/ld+json"',
        ' property="article:published_time" content="2024-02-30"',
        ' rel="canonical" href="/x"',
        ' lang="tr"',
        ' href="https://x.com/a/status/99999999999999999999"',
    ]
)
FRAGMENTS = st.one_of(
    st.builds("<{}{}>".format, TAGS, ATTRS),
    st.builds("</{}>".format, TAGS),
    st.text(max_size=30),
    st.sampled_from(
        [
            "{",
            "}",
            '"@type":"NewsArticle"',
            "<!--",
            "-->",
            "<![CDATA[",
            "&mdash;",
            "&#0;",
            "\x00",
            "\ud800",
        ]
    ),
)


@given(st.lists(FRAGMENTS, max_size=60).map("".join))
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_tag_soup_gives_a_page(html: str) -> None:
    _check(extract_page(html, "https://a.example/news/1"))


def test_empty_and_blank_pages() -> None:
    for html in (
        "",
        "   \n\t",
        "<html></html>",
        "<html><body></body></html>",
        "<!-- only a comment -->",
    ):
        page = extract_page(html, "https://a.example/x?utm_source=y")
        assert page.text == ""
        assert page.url == "https://a.example/x"
        assert page.problems


def test_page_of_only_scripts_and_styles() -> None:
    html = (
        "<html><head><style>p{color:red}</style></head>"
        "<body><script>var a = '<p>not text</p>';</script></body></html>"
    )
    page = extract_page(html)
    assert page.text == ""
    assert "no main text" in page.problems


def test_huge_page_is_cut_and_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    # the real cap is 5 MB (about 7.5 s of work on dense markup); a small one tests the same code
    monkeypatch.setattr("crawler.extract.html.MAX_HTML_CHARS", 200_000)
    filler = "<div class='x'><a href='/x'>Another story about something else</a></div>\n"
    html = ARTICLE.replace("</body>", filler * (200_000 // len(filler) + 10) + "</body>")
    page = extract_page(html, "https://a.example/x")
    assert page.truncated is True
    assert page.problems == ["truncated at 200000 characters"]
    assert "“We will act,” the minister said" in page.text


def test_scripts_and_styles_do_not_count_towards_the_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("crawler.extract.html.MAX_HTML_CHARS", 200_000)
    bundle = "<script>var bundle = '" + "x" * 250_000 + "';</script><style>p{}</style>"
    html = ARTICLE.replace("<title>", bundle + "<title>")
    page = extract_page(html, "https://a.example/x")
    assert page.truncated is False
    assert page.title == "Statement"
    assert "“We will act,” the minister said" in page.text


def test_cap_default() -> None:
    assert MAX_HTML_CHARS == 5_000_000


def test_mojibake_text_passes_through_untouched() -> None:
    # UTF-8 read as cp1252 upstream: we do not guess, we keep what we were given
    mojibake = "â€œWe will act,â€\x9d the minister said, speaking to reporters at length today."
    html = ARTICLE.replace(
        "“We will act,” the minister said on Monday, speaking to reporters at length.", mojibake
    )
    page = extract_page(html)
    assert mojibake in page.text


def test_xml_declaration_and_control_characters() -> None:
    html = '<?xml version="1.0" encoding="windows-1251"?>' + ARTICLE.replace(
        "Monday", "Mon\x00day\x0b"
    )
    page = extract_page(html)
    assert "said on Monday" in page.text


def test_deeply_nested_markup() -> None:
    html = (
        "<html><body>"
        + "<div>" * 5000
        + "<p>Deep text of the statement, long enough.</p>"
        + "</div>" * 5000
        + "</body></html>"
    )
    _check(extract_page(html))


def test_not_a_string() -> None:
    _check(extract_page(None))  # type: ignore[arg-type]
    from_bytes = extract_page(ARTICLE.encode())  # type: ignore[arg-type]
    assert "“We will act,” the minister said" in from_bytes.text  # read as UTF-8


@pytest.mark.parametrize(
    "url", ["http://[::1", "http://[zz]/", "https://a.example:99999/x", "", "x"]
)
@pytest.mark.parametrize(
    "head", ["", '<base href="http://[bad">', '<link rel="canonical" href="http://[x">']
)
def test_malformed_urls(url: str, head: str) -> None:
    html = ARTICLE.replace("<title>", head + "<title>")
    page = extract_page(html, url)
    assert "“We will act,” the minister said" in page.text
    assert page.problems == []


@given(
    st.from_regex(r"https?://[\[\]a-z0-9.:@%-]{0,20}(/[^\s]{0,10})?", fullmatch=True),
    st.sampled_from(["", "/x", "../y", "http://[", "//host/z", "?q=1"]),
)
@settings(max_examples=200, deadline=None)
def test_url_soup(url: str, declared: str) -> None:
    html = ARTICLE.replace("<title>", f'<link rel="canonical" href="{declared}"><title>')
    _check(extract_page(html, url))


def test_an_unexpected_failure_is_a_problem_not_an_exception(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def broken(*args: object) -> None:
        raise RuntimeError("reader bug")

    monkeypatch.setattr("crawler.extract.page.gather_evidence", broken)
    page = extract_page(ARTICLE, "https://a.example/x?utm_source=y")
    assert page.url == "https://a.example/x"
    assert page.problems == ["extraction failed: RuntimeError: reader bug"]
