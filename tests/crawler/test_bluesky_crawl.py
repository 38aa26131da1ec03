"""Bluesky sources end to end over recorded getAuthorFeed / getPosts responses."""

from __future__ import annotations

import json

from fixture_server import SITES, Asked, FixtureServer, Route, json_route
from sqlalchemy import func, select

from store.db import Store
from store.models import Document, FetchFailure, Occurrence
from store.queries import SearchParams, search_quotations
from store.speakers import speaker_by_handle

FIXTURES = SITES / "bluesky"
FEED = "/xrpc/app.bsky.feed.getAuthorFeed"
GET_POSTS = "/xrpc/app.bsky.feed.getPosts"
SOREL = "did:plc:vsorelq2n4hkx7ajwmdc3t5b"
ANNA = "did:plc:alindq6z3rfyk2xe5uoj7wpm"
CURSOR = "2024-05-09T12:00:03.000Z"
VARGA_POST = f"at://{SOREL}/app.bsky.feed.post/3krxtitf4222b"

SOREL_BSKY = """
[[source]]
name = "sorel-bsky"
kind = "bluesky"
account = "vsorel.bsky.social"
url = "{{BASE}}"
speaker = "Viktor Sorel"
"""


def serve_bluesky(site: FixtureServer, *, gone: set[str] | None = None) -> None:
    """The public AppView of the fixtures: feeds by actor and cursor, posts by uri."""
    pages = {
        None: (FIXTURES / "feed-page-1.json").read_bytes(),
        CURSOR: (FIXTURES / "feed-page-2.json").read_bytes(),
    }
    posts = {
        entry["post"]["uri"]: entry["post"]
        for page in pages.values()
        for entry in json.loads(page)["feed"]
    }

    def feed(asked: Asked) -> Route:
        if asked.param("actor") != "vsorel.bsky.social":
            return json_route({"error": "InvalidRequest", "message": "Profile not found"}, 400)
        return json_route(pages.get(asked.param("cursor"), b'{"feed": []}'))

    def get_posts(asked: Asked) -> Route:
        uris = asked.query.get("uris", [])
        found = [posts[u] for u in uris if u in posts and u not in (gone or set())]
        return json_route({"posts": found})

    site.routes[FEED] = Route(serve=feed)
    site.routes[GET_POSTS] = Route(serve=get_posts)


def by_rkey(store: Store) -> dict[str, Document]:
    with store.session() as s:
        return {d.url.rsplit("/", 1)[-1]: d for d in s.scalars(select(Document))}


def test_the_author_feed_is_paged_and_a_repost_belongs_to_its_author(
    crawl, store: Store, site
) -> None:
    serve_bluesky(site)
    result = crawl(SOREL_BSKY).source("sorel-bsky")
    assert (result["new"], result["failed"]) == (5, 0)
    feeds = [a for a in site.requests if a.path == FEED]
    assert [a.param("cursor") for a in feeds] == [None, CURSOR]
    assert feeds[0].param("actor") == "vsorel.bsky.social"
    assert feeds[0].param("filter") == "posts_no_replies"
    assert feeds[0].param("limit") == "100"

    docs = by_rkey(store)
    reopen = docs["3ks4okw5uc22b"]
    assert reopen.url == f"https://bsky.app/profile/{SOREL}/post/3ks4okw5uc22b"
    assert reopen.external_id == f"bluesky:at://{SOREL}/app.bsky.feed.post/3ks4okw5uc22b"
    assert reopen.published_at.isoformat() == "2024-05-10T08:15:00+00:00"  # createdAt, earlier
    # a post whose app clock said June: Bluesky saw it on 9 May
    assert docs["3ks2kof7h622b"].published_at.isoformat() == "2024-05-09T12:00:03+00:00"
    repost = docs["3ks2y3i7k222b"]
    assert repost.url == f"https://bsky.app/profile/{ANNA}/post/3ks2y3i7k222b"
    with store.session() as s:
        own = search_quotations(s, SearchParams("northern corridor reopens")).items
        assert [q.speaker for q in own] == ["Viktor Sorel"]
        assert speaker_by_handle(s, "bluesky", "vsorel.bsky.social").name == "Viktor Sorel"
        reposted = search_quotations(s, SearchParams("winter alone")).items
        assert [q.speaker for q in reposted] == ["Anna Lindqvist"]
        anna = speaker_by_handle(s, "bluesky", "alindqvist.bsky.social")
        assert anna is not None and anna.id == reposted[0].speaker_id
        # a quote post is its author's own words: the quoted post is not taken in
        assert search_quotations(s, SearchParams("reconstruction money")).total == 0
        # quotation marks inside a post are attributed by the parser
        varga = search_quotations(s, SearchParams('"ratified this month"')).items
        assert "Elena Varga" in [q.speaker for q in varga]


def test_the_next_run_stops_at_stored_posts_and_stores_nothing_twice(
    crawl, store: Store, site
) -> None:
    serve_bluesky(site)
    crawl(SOREL_BSKY)
    with store.session() as s:
        before = s.scalar(select(func.count()).select_from(Occurrence))
    site.requests.clear()
    again = crawl(SOREL_BSKY).source("sorel-bsky")
    assert (again["new"], again["changed"], again["unchanged"]) == (0, 0, 3)
    assert [a.param("cursor") for a in site.requests if a.path == FEED] == [None]
    with store.session() as s:
        assert s.scalar(select(func.count()).select_from(Document)) == 5
        assert s.scalar(select(func.count()).select_from(Occurrence)) == before


def test_a_deleted_post_is_marked_deleted_and_keeps_its_text(crawl, store: Store, site) -> None:
    source = SOREL_BSKY + "recheck_days = 100000  # the recorded posts are from 2024\n"
    serve_bluesky(site)
    crawl(source)
    serve_bluesky(site, gone={VARGA_POST})
    site.requests.clear()
    result = crawl(source).source("sorel-bsky")
    assert (result["deleted"], result["failed"]) == (1, 0)
    # the posts this run did not see (those of page 2) were asked for, in one call
    (recheck,) = [a for a in site.requests if a.path == GET_POSTS]
    assert set(recheck.query["uris"]) == {
        VARGA_POST,
        f"at://{SOREL}/app.bsky.feed.post/3kruxcfmuk22b",
    }
    docs = by_rkey(store)
    assert docs["3krxtitf4222b"].deleted_at is not None
    assert "ratified this month" in docs["3krxtitf4222b"].text
    assert [k for k, d in docs.items() if d.deleted_at] == ["3krxtitf4222b"]


def test_an_unknown_account_and_malformed_answers_are_failures_the_crawl_goes_on(
    crawl, store: Store, site
) -> None:
    serve_bluesky(site)
    site.set("/broken" + FEED, '{"feed": [', content_type="application/json")
    page = json.loads((FIXTURES / "feed-page-2.json").read_bytes())
    page["feed"][0]["post"]["record"] = "not a record"  # one post the spider cannot read
    readable = page["feed"][1]["post"]
    readable["uri"] = readable["uri"].replace("3kruxcfmuk22b", "3kruxcfmuk23b")  # its own post
    site.routes["/odd" + FEED] = json_route(page)
    result = crawl(
        SOREL_BSKY
        + """
[[source]]
name = "nobody"
kind = "bluesky"
account = "nobody.bsky.social"
url = "{{BASE}}"

[[source]]
name = "broken"
kind = "bluesky"
account = "vsorel.bsky.social"
url = "{{BASE}}/broken"

[[source]]
name = "odd"
kind = "bluesky"
account = "vsorel.bsky.social"
url = "{{BASE}}/odd"
"""
    )
    assert result.code == 0
    assert result.source("sorel-bsky")["new"] == 5
    nobody, broken = result.source("nobody"), result.source("broken")
    assert (nobody["failed"], broken["failed"]) == (1, 1)
    assert nobody["last_failure"].endswith("HTTP 400: InvalidRequest: Profile not found")
    assert "malformed JSON from the bluesky API" in broken["last_failure"]
    with store.session() as s:
        kept = s.scalars(select(FetchFailure).where(FetchFailure.url.contains("/broken/"))).one()
        assert kept.raw_sha256  # the bytes that did not parse are kept
    odd = result.source("odd")  # the post that could be read was stored
    assert (odd["failed"], odd["new"]) == (1, 1)
    assert "skipped a post in a shape not understood" in odd["last_failure"]
