"""Mastodon sources end to end over recorded API responses from a fake instance."""

from __future__ import annotations

import json
from typing import Any

from fixture_server import SITES, Asked, FixtureServer, Route, json_route
from sqlalchemy import select

from store.db import Store
from store.models import Document, DocumentVersion, FetchFailure
from store.queries import SearchParams, search_quotations
from store.speakers import speaker_by_handle

FIXTURES = SITES / "mastodon"
ACCOUNT_ID = "109000000000000001"
STATUSES = f"/api/v1/accounts/{ACCOUNT_ID}/statuses"
NEXT_MAX_ID = "112399000000000003"
VARGA, THANKS = "112390000000000002", "112380000000000001"

SOREL_MASTODON = """
[[source]]
name = "sorel-mastodon"
kind = "mastodon"
account = "vsorel"
url = "{{BASE}}"
speaker = "Viktor Sorel"
"""


def recorded(site: FixtureServer, name: str) -> Any:
    return json.loads((FIXTURES / name).read_bytes().replace(b"{{BASE}}", site.url.encode()))


def serve_mastodon(
    site: FixtureServer,
    *,
    edited: dict[str, str] | None = None,
    gone: set[str] | None = None,
) -> None:
    """A fake instance: lookup, two pages linked by ``Link``, statuses by id.

    ``edited`` maps status ids to new content (with ``edited_at`` set);
    ``gone`` ids answer 404 as deleted statuses do.
    """
    first, second = recorded(site, "statuses-page-1.json"), recorded(site, "statuses-page-2.json")
    statuses = {s["id"]: s for s in first + second}
    for status_id, content in (edited or {}).items():
        statuses[status_id] = {
            **statuses[status_id],
            "content": content,
            "edited_at": "2024-05-10T10:00:00.000Z",
        }
    deleted = gone or set()

    def page(asked: Asked) -> Route:
        if asked.param("max_id") == NEXT_MAX_ID:
            return json_route([statuses[s["id"]] for s in second if s["id"] not in deleted])
        base = f"{site.url}{STATUSES}?limit=40&exclude_replies=true&exclude_reblogs=false"
        link = (
            f'<{base}&max_id={NEXT_MAX_ID}>; rel="next", '
            f'<{base}&min_id=112400000000000005>; rel="prev"'
        )
        body = [statuses[s["id"]] for s in first if s["id"] not in deleted]
        return json_route(body, headers={"Link": link})

    def status(asked: Asked) -> Route:
        status_id = asked.path.rsplit("/", 1)[-1]
        if status_id in deleted or status_id not in statuses:
            return json_route({"error": "Record not found"}, 404)
        return json_route(statuses[status_id])

    site.routes["/api/v1/accounts/lookup"] = json_route(recorded(site, "account-vsorel.json"))
    site.routes[STATUSES] = Route(serve=page)
    for status_id in statuses:
        site.routes[f"/api/v1/statuses/{status_id}"] = Route(serve=status)


def by_id(store: Store) -> dict[str, Document]:
    with store.session() as s:
        return {d.url.rsplit("/", 1)[-1]: d for d in s.scalars(select(Document))}


def test_statuses_are_paged_by_link_header_and_a_boost_belongs_to_its_author(
    crawl, store: Store, site
) -> None:
    serve_mastodon(site)
    result = crawl(SOREL_MASTODON).source("sorel-mastodon")
    assert (result["new"], result["failed"]) == (5, 0)
    (lookup,) = [a for a in site.requests if a.path == "/api/v1/accounts/lookup"]
    assert lookup.param("acct") == "vsorel"
    pages = [a for a in site.requests if a.path == STATUSES]
    assert [a.param("max_id") for a in pages] == [None, NEXT_MAX_ID]
    assert pages[0].param("exclude_reblogs") == "false"
    assert pages[0].param("exclude_replies") == "true"

    docs = by_id(store)
    reopen = docs["112400000000000005"]
    assert reopen.url == f"{site.url}/@vsorel/112400000000000005"
    assert reopen.external_id == f"mastodon:{site.url}/users/vsorel/statuses/112400000000000005"
    assert reopen.text == (
        "The northern corridor reopens on Monday for civilian traffic.\n\n"
        "Details at noon:\npress briefing in Aghdam."
    )
    assert reopen.published_at.isoformat() == "2024-05-10T08:15:00+00:00"
    # a link is spelled out in full; a content warning comes first
    assert docs[NEXT_MAX_ID].text == (
        "Long read\n\nToday I signed the reconstruction decree. "
        "The full statement: https://president.example/en/articles/view/101"
    )
    assert docs[THANKS].text == "@alindqvist Thank you for the convoys & the generators."
    boosted = docs["112399000000000001"]
    assert boosted.url == "https://eu.social/@alindqvist/112399000000000001"
    assert "112400000000000004" not in docs  # the boost itself is not a document
    with store.session() as s:
        own = search_quotations(s, SearchParams("northern corridor reopens")).items
        assert [q.speaker for q in own] == ["Viktor Sorel"]
        assert speaker_by_handle(s, "mastodon", "vsorel").name == "Viktor Sorel"
        winter = search_quotations(s, SearchParams("winter alone")).items
        assert [q.speaker for q in winter] == ["Anna Lindqvist"]
        anna = speaker_by_handle(s, "mastodon", "alindqvist@eu.social")
        assert anna is not None and anna.id == winter[0].speaker_id


def test_the_recheck_stores_an_edit_as_a_version_and_marks_a_deletion(
    crawl, store: Store, site
) -> None:
    source = SOREL_MASTODON + "recheck_days = 100000  # the recorded statuses are from 2024\n"
    serve_mastodon(site)
    crawl(source)
    new_words = (
        "<p>Foreign Minister Elena Varga told me: \u201cWe will ratify it next week.\u201d</p>"
    )
    serve_mastodon(site, edited={VARGA: new_words}, gone={THANKS})
    site.requests.clear()
    result = crawl(source).source("sorel-mastodon")
    assert (result["new"], result["changed"], result["deleted"]) == (0, 1, 1)
    # page 1 showed stored statuses: page 2 was not read; its statuses were rechecked by id
    assert [a.param("max_id") for a in site.requests if a.path == STATUSES] == [None]
    rechecked = sorted(a.path for a in site.requests if a.path.startswith("/api/v1/statuses/"))
    assert rechecked == [f"/api/v1/statuses/{THANKS}", f"/api/v1/statuses/{VARGA}"]
    docs = by_id(store)
    assert docs[THANKS].deleted_at is not None and "convoys" in docs[THANKS].text
    with store.session() as s:
        versions = s.scalars(
            select(DocumentVersion.text)
            .where(DocumentVersion.document_id == docs[VARGA].id)
            .order_by(DocumentVersion.number)
        ).all()
        assert len(versions) == 2 and "next week" in versions[1]
        assert docs[VARGA].modified_at.isoformat() == "2024-05-10T10:00:00+00:00"


def test_an_instance_that_requires_a_token_is_a_failure_that_says_so(
    crawl, store: Store, site
) -> None:
    site.routes["/api/v1/accounts/lookup"] = json_route(
        {"error": "This API requires an authenticated user"}, 401
    )
    result = crawl(SOREL_MASTODON).source("sorel-mastodon")
    assert (result["new"], result["failed"]) == (0, 1)
    assert "HTTP 401: This API requires an authenticated user" in result["last_failure"]
    assert "logged-in users" in result["last_failure"]


def test_a_page_that_keeps_failing_is_recorded_and_the_first_page_stays(
    crawl, store: Store, site
) -> None:
    serve_mastodon(site)
    first = site.routes[STATUSES].serve
    assert first is not None

    def failing_second_page(asked: Asked) -> Route:
        if asked.param("max_id"):
            return json_route({"error": "Internal Server Error"}, 500)
        return first(asked)

    site.routes[STATUSES] = Route(serve=failing_second_page)
    result = crawl(SOREL_MASTODON, settings=["RETRY_TIMES=1"]).source("sorel-mastodon")
    assert (result["new"], result["failed"]) == (3, 1)
    assert len([a for a in site.requests if a.param("max_id")]) == 2  # tried, retried
    with store.session() as s:
        failure = s.scalars(select(FetchFailure)).one()
        assert failure.http_status == 500 and "max_id" in failure.url
