"""X sources end to end: the API v2 timeline (recorded responses) and archive import.

The fake API below answers the way X does (tests/fixtures/sites/x/*.json
are responses in X's shapes): by path and query parameter, 401 without the
right bearer token, and "resource-not-found" errors for posts that are gone.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from pathlib import Path

import pytest
from fixture_server import SITES, Asked, FixtureServer, Route, json_route
from sqlalchemy import func, select

from store.db import Store
from store.models import Document, DocumentVersion, FetchFailure, Occurrence, Source
from store.queries import SearchParams, get_quotation, search_quotations
from store.speakers import speaker_by_handle

FIXTURES = SITES / "x"
TOKEN = "test-token"
USER_ID = "1500000001"
NEXT_TOKEN = "7140dibdnow9c7btw3z2vwioavpvutgzrzm9icis4ndkv"
NEWEST_RUN_1 = "1788845177041850369"  # the newest post of the first run ("frank.")
RETWEET = "1788624976081850369"
ORIGINAL = "1788599810257850369"  # Anna Lindqvist's post that was retweeted
LONG_POST = "1788539412280250369"

SOREL_X = """
[[source]]
name = "sorel-x"
kind = "x"
account = "vsorel"
url = "{{BASE}}"
speaker = "Viktor Sorel"
recheck_days = 100000   # the recorded posts are from 2024: all are "recent" here
"""


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def serve_x(
    site: FixtureServer,
    *,
    since: str = "timeline-since.json",
    gone: Iterable[str] = (),
    timeline: Route | None = None,
) -> None:
    """Route the X API of the fixtures onto ``site``."""
    gone = set(gone)

    def guarded(answer):  # type: ignore[no-untyped-def]
        def serve(asked: Asked) -> Route:
            if asked.headers.get("authorization") != f"Bearer {TOKEN}":
                return json_route(
                    {
                        "title": "Unauthorized",
                        "type": "about:blank",
                        "status": 401,
                        "detail": "Unauthorized",
                    },
                    401,
                )
            return answer(asked)

        return Route(serve=serve)

    def user(asked: Asked) -> Route:
        return json_route(fixture("user-vsorel.json"))

    def tweets(asked: Asked) -> Route:
        if timeline is not None:
            return timeline.respond(asked.count) if timeline.respond else timeline
        if asked.param("since_id"):
            return json_route(fixture(since))
        if asked.param("pagination_token") == NEXT_TOKEN:
            return json_route(fixture("timeline-page-2.json"))
        return json_route(fixture("timeline-page-1.json"))

    def lookup(asked: Asked) -> Route:
        ids = (asked.param("ids") or "").split(",")
        return json_route(
            {
                "data": [
                    {"id": i, "text": "…", "edit_history_tweet_ids": [i]}
                    for i in ids
                    if i not in gone
                ],
                "errors": [
                    {
                        "value": i,
                        "detail": f"Could not find tweet with ids: [{i}].",
                        "title": "Not Found Error",
                        "resource_type": "tweet",
                        "parameter": "ids",
                        "resource_id": i,
                        "type": "https://api.twitter.com/2/problems/resource-not-found",
                    }
                    for i in ids
                    if i in gone
                ],
            }
        )

    site.routes["/2/users/by/username/vsorel"] = guarded(user)
    site.routes[f"/2/users/{USER_ID}/tweets"] = guarded(tweets)
    site.routes["/2/tweets"] = guarded(lookup)


def asked(site: FixtureServer, path: str) -> list[Asked]:
    return [a for a in site.requests if a.path == path]


@pytest.fixture
def token(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ONRECORD_X_BEARER_TOKEN", TOKEN)


def docs(store: Store) -> dict[str, Document]:
    with store.session() as s:
        return {d.url.rsplit("/", 1)[-1]: d for d in s.scalars(select(Document))}


# -------------------------------------------------------------------- timeline


def test_the_timeline_is_read_page_by_page_with_the_token(crawl, store: Store, site, token) -> None:
    serve_x(site)
    result = crawl(SOREL_X)
    summary = result.source("sorel-x")
    assert (summary["new"], summary["failed"]) == (5, 0), result.stderr
    pages = asked(site, f"/2/users/{USER_ID}/tweets")
    assert [p.param("pagination_token") for p in pages] == [None, NEXT_TOKEN]
    first = pages[0]
    assert first.param("max_results") == "100"
    assert "note_tweet" in (first.param("tweet.fields") or "")
    assert "referenced_tweets.id" in (first.param("expansions") or "")
    assert all(a.headers["authorization"] == f"Bearer {TOKEN}" for a in site.requests)

    stored = docs(store)
    long_post = stored[LONG_POST]
    assert long_post.url == f"https://x.com/vsorel/status/{LONG_POST}"
    assert long_post.external_id == f"x:{LONG_POST}"
    assert long_post.kind == "post"
    assert long_post.text.endswith("and a public report on every contract.")  # the note, whole
    assert long_post.published_at.isoformat() == "2024-05-09T12:00:00+00:00"
    assert (long_post.published_precision, long_post.published_from) == ("second", "api")
    plain = stored["1787731589329850369"]
    assert plain.text == (
        "Roads & bridges first, then schools. "
        "The full statement: https://president.example/en/articles/view/101"
    )
    with store.session() as s:
        own = search_quotations(s, SearchParams("reconstruction decree")).items
        assert [q.speaker for q in own] == ["Viktor Sorel"]
        assert speaker_by_handle(s, "x", "vsorel").name == "Viktor Sorel"
        # a quotation inside a post is attributed by the parser like any text
        checkpoint = search_quotations(s, SearchParams('"stopped at a checkpoint again"')).items
        assert "Elena Varga" in [q.speaker for q in checkpoint]


def test_a_retweet_belongs_to_the_original_author(crawl, store: Store, site, token) -> None:
    serve_x(site)
    crawl(SOREL_X)
    stored = docs(store)
    assert RETWEET not in stored  # the retweet is stored as the post it passes on
    original = stored[ORIGINAL]
    assert original.url == f"https://x.com/alindqvist/status/{ORIGINAL}"
    assert original.text.startswith("Europe will not leave Karabakh")  # not "RT @..."
    assert original.published_at.isoformat() == "2024-05-09T16:00:00+00:00"  # when she said it
    with store.session() as s:
        hits = search_quotations(s, SearchParams("winter alone")).items
        assert [q.speaker for q in hits] == ["Anna Lindqvist"]
        detail = get_quotation(s, hits[0].id)
        assert detail.url == original.url
        anna = speaker_by_handle(s, "x", "alindqvist")
        assert anna is not None and anna.name == "Anna Lindqvist"
        assert anna.id == hits[0].speaker_id


def test_the_next_run_asks_only_for_newer_posts_and_stores_an_edit_as_a_version(
    crawl, store: Store, site, token
) -> None:
    serve_x(site)
    crawl(SOREL_X)
    with store.session() as s:
        state = s.scalars(select(Source)).one().state
        assert state["since_id"] == NEWEST_RUN_1
        occurrences = s.scalar(select(func.count()).select_from(Occurrence))
    site.requests.clear()

    again = crawl(SOREL_X).source("sorel-x")
    assert (again["new"], again["changed"], again["failed"]) == (1, 1, 0)
    assert asked(site, "/2/users/by/username/vsorel") == []  # the id was kept
    (timeline,) = asked(site, f"/2/users/{USER_ID}/tweets")
    assert timeline.param("since_id") == NEWEST_RUN_1
    with store.session() as s:
        assert s.scalar(select(func.count()).select_from(Document)) == 6
        edited = s.scalars(
            select(Document).where(Document.external_id == f"x:{NEWEST_RUN_1}")
        ).one()
        assert edited.url.endswith(NEWEST_RUN_1)  # the first id stays the document's
        assert edited.text == "Talks with Foreign Minister Elena Varga were frank and useful."
        versions = s.scalars(
            select(DocumentVersion.text)
            .where(DocumentVersion.document_id == edited.id)
            .order_by(DocumentVersion.number)
        ).all()
        assert versions == [
            "Talks with Foreign Minister Elena Varga were frank.",
            "Talks with Foreign Minister Elena Varga were frank and useful.",
        ]
        # both wordings are on record, nothing else was stored twice
        assert s.scalar(select(func.count()).select_from(Occurrence)) == occurrences + 2
        assert s.scalars(select(Source)).one().state["since_id"] == "1788853985080250369"


def test_a_deleted_post_is_marked_deleted_and_keeps_its_text(
    crawl, store: Store, site, token
) -> None:
    serve_x(site)
    crawl(SOREL_X)
    serve_x(site, since="timeline-empty.json", gone=[LONG_POST])
    site.requests.clear()
    result = crawl(SOREL_X).source("sorel-x")
    assert (result["deleted"], result["failed"]) == (1, 0)
    (lookup,) = asked(site, "/2/tweets")
    ids = set((lookup.param("ids") or "").split(","))
    assert LONG_POST in ids and ORIGINAL in ids and RETWEET not in ids
    assert len(ids) == 5  # every recent post, in one call
    stored = docs(store)
    assert stored[LONG_POST].deleted_at is not None
    assert "reconstruction decree" in stored[LONG_POST].text
    assert all(d.deleted_at is None for k, d in stored.items() if k != LONG_POST)
    with store.session() as s:
        assert search_quotations(s, SearchParams("reconstruction decree")).items  # still found
    site.requests.clear()
    crawl(SOREL_X)
    assert asked(site, "/2/tweets") == []  # X bills lookups: the next recheck is hours later


def test_a_rate_limit_is_waited_for_until_its_reset(crawl, store: Store, site, token) -> None:
    reset_at: list[float] = []
    asked_at: list[float] = []

    def limited(n: int) -> Route:
        asked_at.append(time.time())
        if n == 1:
            reset_at.append(int(time.time()) + 1)
            return json_route(
                {"title": "Too Many Requests", "detail": "Too Many Requests", "status": 429},
                429,
                {"x-rate-limit-remaining": "0", "x-rate-limit-reset": str(int(reset_at[0]))},
            )
        return json_route(fixture("timeline-page-2.json"))

    serve_x(site, timeline=Route(respond=limited))
    result = crawl(SOREL_X).source("sorel-x")
    assert (result["new"], result["failed"]) == (2, 0)
    assert len(asked_at) == 2
    assert asked_at[1] >= reset_at[0] - 0.05  # asked again only once the window was reset


# ------------------------------------------------------------------- failures


def test_without_a_token_the_source_says_what_to_set_and_the_others_go_on(
    crawl, store: Store, site, monkeypatch
) -> None:
    monkeypatch.delenv("ONRECORD_X_BEARER_TOKEN", raising=False)
    serve_x(site)
    result = crawl(
        SOREL_X
        + """
[[source]]
name = "president"
kind = "feed"
url = "{{BASE}}/president/en/rss.rss"
"""
    )
    assert result.code == 0
    assert result.source("president")["new"] == 3
    x = result.source("sorel-x")
    assert (x["new"], x["failed"]) == (0, 1)
    assert "set the environment variable ONRECORD_X_BEARER_TOKEN" in x["last_failure"]
    assert not [a for a in site.requests if a.path.startswith("/2/")]


def test_a_refused_token_is_a_failure_that_says_so(crawl, store: Store, site, monkeypatch) -> None:
    monkeypatch.setenv("ONRECORD_X_BEARER_TOKEN", "revoked-token")
    serve_x(site)
    result = crawl(SOREL_X)
    x = result.source("sorel-x")
    assert (x["new"], x["failed"]) == (0, 1)
    assert "HTTP 401" in x["last_failure"] and "ONRECORD_X_BEARER_TOKEN" in x["last_failure"]
    assert "revoked-token" not in result.stderr  # a secret is never logged


def test_malformed_json_is_a_recorded_failure_and_the_pages_before_stay(
    crawl, store: Store, site, token
) -> None:
    def broken_second_page(n: int) -> Route:
        if n == 1:
            return json_route(fixture("timeline-page-1.json"))
        return json_route(b'{"data": [{"id": "17877315', 200)

    serve_x(site, timeline=Route(respond=broken_second_page))
    result = crawl(SOREL_X).source("sorel-x")
    assert (result["new"], result["failed"]) == (3, 1)
    with store.session() as s:
        failure = s.scalars(select(FetchFailure)).one()
        assert failure.reason.startswith("malformed JSON from the x API")
        assert failure.raw_sha256  # the bytes are kept
        # the timeline was not read through: the next run starts from the old place
        assert "since_id" not in s.scalars(select(Source)).one().state


# -------------------------------------------------------------------- archive


ARCHIVE = """
[[source]]
name = "sorel-archive"
kind = "x"
account = "vsorel"
url = "{{BASE}}"
archive = "%s"
max_pages = 0
"""


def test_an_archive_export_is_imported_without_the_api(
    crawl, store: Store, site, monkeypatch
) -> None:
    monkeypatch.delenv("ONRECORD_X_BEARER_TOKEN", raising=False)
    tweets_js = FIXTURES / "archive" / "data" / "tweets.js"
    result = crawl(ARCHIVE % tweets_js)
    summary = result.source("sorel-archive")
    # six entries: a reply to someone else is left out, the two versions of an edit are one
    assert (summary["new"], summary["failed"]) == (4, 0), result.stderr
    assert site.requests == []  # no API call, no token needed
    stored = docs(store)
    water = stored["1626922775081914369"]
    assert water.text.startswith("Water & power are back")  # entities unescaped
    assert water.published_at.isoformat() == "2023-02-18T12:33:11+00:00"
    assert water.url == "https://x.com/vsorel/status/1626922775081914369"
    horadiz = stored["1631217780126650369"]  # the first id of the edited post
    assert horadiz.text == "The border crossing at Horadiz opens on Tuesday."  # the latest
    assert "1631220296709050369" not in stored
    assert "1632440839173050369" in stored  # the account's own thread is kept
    assert "1626931159495610369" not in stored  # a reply to someone else is not
    with store.session() as s:
        # no `speaker` in the source: account.js names the account
        own = search_quotations(s, SearchParams("crews worked through the night")).items
        assert [q.speaker for q in own] == ["Viktor Sorel"]
        retweeted = search_quotations(s, SearchParams("every village before december")).items
        assert [q.speaker for q in retweeted] == ["Anna Lindqvist"]
        assert speaker_by_handle(s, "x", "alindqvist").name == "Anna Lindqvist"

    again = crawl(ARCHIVE % tweets_js).source("sorel-archive")
    assert (again["new"], again["changed"], again["unchanged"]) == (0, 0, 0)  # not reread


def test_a_missing_archive_is_a_failure_naming_the_file(crawl, store: Store, tmp_path: Path):
    missing = tmp_path / "nowhere" / "tweets.js"
    result = crawl(ARCHIVE % missing).source("sorel-archive")
    assert result["failed"] == 1
    assert f"cannot read the X archive {missing}" in result["last_failure"]
