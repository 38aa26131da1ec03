"""Embedded X and Bluesky posts: their own author, id, URL and time, out of the page text."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from crawler.extract import ExtractedPage, extract_page
from crawler.extract.embeds import bluesky_time_from_rkey, x_time_from_id

Page = Callable[[str], ExtractedPage]


def test_embedded_tweets(page: Page) -> None:
    article = page("embedded_tweet")
    first, second = article.embedded_posts
    assert first.platform == "x"
    assert first.post_id == "1787773289616265221"
    assert first.url == "https://x.com/vsorel/status/1787773289616265221"
    assert (first.author_name, first.author_handle) == ("Viktor Sorel", "vsorel")
    assert first.text == (
        "The crossings stay open. We will not shut the door on families who have done nothing "
        "wrong. pic.twitter.com/AbCdEf1234"
    )
    assert first.lang == "en"
    assert first.published is not None
    # the id's time, to the millisecond, rather than the link's "May 7, 2024"
    assert first.published.at == datetime(2024, 5, 7, 9, 15, 42, 123000, tzinfo=UTC)
    assert (first.published.precision, first.published.source) == ("second", "tweet-id")

    # x.com link, a name with parentheses, French link text
    assert second.url == "https://x.com/ministere_ex/status/1625556010791863506"
    assert second.author_name == "Ministère des Affaires étrangères (exemple)"
    assert second.author_handle == "ministere_ex"
    assert second.lang == "fr"
    assert second.published is not None
    assert second.published.at == datetime(2023, 2, 14, 18, 2, 9, tzinfo=UTC)


def test_embedded_post_text_is_not_page_text(page: Page) -> None:
    article = page("embedded_tweet")
    assert "We will not shut the door" not in article.text
    assert "libre circulation" not in article.text
    assert "In a post on X, Sorel wrote:" in article.text
    assert "“a slogan, not a policy”" in article.text
    # the page itself is still the reporter's
    assert article.authors == ["Jonah Pell"]


def test_embedded_bluesky_post(page: Page) -> None:
    article = page("embedded_bluesky")
    (post,) = article.embedded_posts
    assert post.platform == "bluesky"
    assert post.post_id == "at://did:plc:4kq2vfx7m3abcde5ghijklmn/app.bsky.feed.post/3lbacd5c4kt2l"
    assert (
        post.url == "https://bsky.app/profile/did:plc:4kq2vfx7m3abcde5ghijklmn/post/3lbacd5c4kt2l"
    )
    assert (post.author_name, post.author_handle) == ("Dana Whitcombe", "danawhitcombe.bsky.social")
    assert post.text == (
        "Hello Bluesky. First post, and a simple question for the minister: where is the plan?"
        "\n\nSlogans are not a border policy."
    )
    assert post.published is not None
    # from the record key (a TID), not the link's "5:04 PM" in the embedder's timezone
    assert post.published.at == datetime(2024, 11, 18, 16, 4, 27, 512345, tzinfo=UTC)
    assert post.published.source == "bluesky-tid"
    assert "Slogans are not a border policy" not in article.text
    assert article.title == "Opposition leader moves to Bluesky with a swipe at the government"
    # a short article keeps its paragraphs
    assert article.text.count("\n\n") == 1


def test_old_tweet_without_time_in_id_uses_the_link_date() -> None:
    html = (
        "<html><body><p>Intro paragraph of the article, long enough.</p>"
        '<blockquote class="twitter-tweet"><p lang="en">Just setting up my account</p>'
        '&mdash; Early Bird (@early) <a href="https://twitter.com/early/status/20">'
        "March 21, 2006</a></blockquote></body></html>"
    )
    (post,) = extract_page(html, "https://a.example/x").embedded_posts
    assert post.published is not None
    assert (post.published.at, post.published.precision, post.published.source) == (
        datetime(2006, 3, 21, tzinfo=UTC),
        "day",
        "link-text",
    )


def test_incomplete_embeds() -> None:
    html = (
        "<html><body><p>Article text, long enough to be kept as text by the extractor.</p>"
        '<blockquote class="twitter-tweet"><p>No link at all</p></blockquote>'
        '<blockquote class="twitter-tweet"><a href="https://x.com/someone/status/1787773289616265221">'
        "link only</a></blockquote>"
        '<blockquote class="bluesky-embed" data-bluesky-uri="not-an-at-uri"><p>x</p></blockquote>'
        '<blockquote class="bluesky-embed" data-bluesky-uri="at://did:plc:abc/app.bsky.feed.post/notatid">'
        "<p>Bluesky text</p></blockquote>"
        "</body></html>"
    )
    posts = extract_page(html, "https://a.example/x").embedded_posts
    assert [(p.platform, p.post_id) for p in posts] == [
        ("x", "1787773289616265221"),
        ("bluesky", "at://did:plc:abc/app.bsky.feed.post/notatid"),
    ]
    assert posts[0].author_handle == "someone" and posts[0].text == ""
    assert posts[1].published is None and posts[1].text == "Bluesky text"


def test_time_from_ids() -> None:
    assert x_time_from_id(20) is None  # 2006: sequential ids carry no time
    assert x_time_from_id(1787773289616265221) == datetime(
        2024, 5, 7, 9, 15, 42, 123000, tzinfo=UTC
    )
    assert bluesky_time_from_rkey("3lbacd5c4kt2l") == datetime(
        2024, 11, 18, 16, 4, 27, 512345, tzinfo=UTC
    )
    assert bluesky_time_from_rkey("self") is None
