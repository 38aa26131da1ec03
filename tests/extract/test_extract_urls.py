"""canonical_url: two spellings of one address give one key; different addresses stay apart."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crawler.extract.urls import canonical_url


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        # case of scheme and host, default port, fragment
        ("HTTPS://WWW.Example.COM:443/News/Item#comments", "https://www.example.com/News/Item"),
        ("http://example.com:80", "http://example.com/"),
        ("http://example.com:8080/a", "http://example.com:8080/a"),
        ("https://example.com./a", "https://example.com/a"),
        # tracking parameters dropped, the rest sorted, spelling of kept pairs kept
        (
            "https://example.com/a?utm_source=rss&utm_medium=feed&id=7&fbclid=x&lang=en",
            "https://example.com/a?id=7&lang=en",
        ),
        (
            "https://example.com/a?gclid=1&mc_cid=2&mc_eid=3&igshid=4&ref=home",
            "https://example.com/a",
        ),
        ("https://example.com/a?UTM_Campaign=x&q=a+b", "https://example.com/a?q=a+b"),
        ("https://example.com/a?print", "https://example.com/a?print"),
        ("https://example.com/a?b=2&a=1&a=0", "https://example.com/a?a=0&a=1&b=2"),
        # percent-escapes: unreserved decoded, others upper-cased
        ("https://example.com/%7euser/a%2fb", "https://example.com/~user/a%2Fb"),
        # kept as they are: path case, trailing slash, index.html, www, http
        ("https://example.com/News/", "https://example.com/News/"),
        ("https://example.com/press/index.html", "https://example.com/press/index.html"),
        ("http://www.example.com/a", "http://www.example.com/a"),
    ],
)
def test_normalises_spelling(url: str, expected: str) -> None:
    assert canonical_url(url) == expected


@pytest.mark.parametrize(
    "url",
    [
        "https://twitter.com/VSorel/status/1787773289616265221?ref_src=twsrc%5Etfw",
        "https://mobile.twitter.com/vsorel/status/1787773289616265221",
        "https://x.com/vsorel/status/1787773289616265221/photo/1",
        "http://www.twitter.com/vsorel/statuses/1787773289616265221?s=20&t=abc",
        "https://x.com/VSOREL/status/1787773289616265221#m",
    ],
)
def test_x_status_links_become_one_address(url: str) -> None:
    assert canonical_url(url) == "https://x.com/vsorel/status/1787773289616265221"


def test_x_links_that_are_not_statuses_are_only_normalised() -> None:
    assert (
        canonical_url("https://Twitter.com/vsorel?lang=en") == "https://twitter.com/vsorel?lang=en"
    )
    assert canonical_url("https://x.com/i/web/status/12345") == "https://x.com/i/status/12345"


def test_same_statement_from_feed_and_sitemap_gets_one_key() -> None:
    from_feed = "https://Gov.Example/press/2024/05/statement-17?utm_source=rss&utm_medium=rss#top"
    from_sitemap = "https://gov.example:443/press/2024/05/statement-17"
    assert canonical_url(from_feed) == canonical_url(from_sitemap)


def test_different_statements_keep_different_keys() -> None:
    assert canonical_url("https://gov.example/press?id=17") != canonical_url(
        "https://gov.example/press?id=18"
    )


@pytest.mark.parametrize(
    "url", ["", "   ", "not a url", "/relative/path", "mailto:press@gov.example", "https://:80/"]
)
def test_non_http_input_comes_back_stripped(url: str) -> None:
    assert canonical_url(url) == url.strip()


@given(st.text())
def test_never_raises_and_is_idempotent(url: str) -> None:
    once = canonical_url(url)
    assert canonical_url(once) == once


@given(
    st.builds(
        "{}://{}{}/{}?{}#{}".format,
        st.sampled_from(["http", "https", "HTTP"]),
        st.from_regex(r"[A-Za-z0-9]{1,10}\.(com|org|example)", fullmatch=True),
        st.sampled_from(["", ":80", ":443", ":8080"]),
        st.from_regex(r"[A-Za-z0-9/%._~-]{0,20}", fullmatch=True),
        st.from_regex(r"([a-z_]{1,8}=[A-Za-z0-9%+]{0,5}&?){0,4}", fullmatch=True),
        st.text(max_size=5),
    )
)
def test_idempotent_on_urls(url: str) -> None:
    once = canonical_url(url)
    assert canonical_url(once) == once
