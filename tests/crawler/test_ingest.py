"""Ingest without Scrapy: what a post says is its author's, inside quotation marks too."""

from __future__ import annotations

from datetime import UTC, datetime

from crawler.ingest import SourceContext, ingest_document
from crawler.items import Dated, DocumentDraft
from crawler.prepare import attribute
from store.db import Store
from store.queries import SearchParams, get_quotation, search_quotations


def post(text: str, **extra) -> DocumentDraft:
    fields = {
        "source": "sorel-mastodon",
        "url": "https://social.example/@vsorel/1",
        "text": text,
        "kind": "post",
        "platform": "mastodon",
        "post_author": "Viktor Sorel",
        "post_handle": "vsorel",
        "external_id": "mastodon:https://social.example/users/vsorel/statuses/1",
        "published": Dated(datetime(2024, 5, 9, 16, 5, tzinfo=UTC), "second", "api"),
    }
    fields.update(extra)
    return DocumentDraft(**fields)


def test_a_post_and_the_first_person_quotation_in_it_are_its_authors(store: Store) -> None:
    draft = attribute(
        post("I told the governors: “Work on the northern railway starts in June.”"), None
    )
    with store.session() as s:
        result = ingest_document(s, draft, SourceContext())
        assert (result.status, result.quotations) == ("new", 2)
    with store.session() as s:
        whole = search_quotations(s, SearchParams("told governors")).items
        inner = search_quotations(s, SearchParams('"northern railway starts in june"')).items
    assert [i.speaker for i in whole] == ["Viktor Sorel"]
    assert {i.speaker for i in inner} == {"Viktor Sorel"}
    assert inner[0].said_at == "2024-05-09T16:05:00+00:00"


def test_a_repost_is_the_original_authors(store: Store) -> None:
    draft = attribute(
        post(
            "Schools reopen in Dovrin next week.",
            post_author="Anna Lindqvist",
            post_handle="alindqvist@eu.example",
            reposted_by="vsorel",
        ),
        None,
    )
    with store.session() as s:
        ingest_document(
            s, draft, SourceContext(account="vsorel", default_speaker_name="Viktor Sorel")
        )
    with store.session() as s:
        items = search_quotations(s, SearchParams("schools reopen dovrin")).items
    assert [i.speaker for i in items] == ["Anna Lindqvist"]


def test_a_joint_statement_is_found_under_every_speaker(store: Store) -> None:
    draft = attribute(
        DocumentDraft(
            source="harbour-news",
            url="https://news.example/bridge",
            text=(
                "Bridge to open in April\n\n"
                "Governor Alma Reyes and Mayor Ron Tully met the contractors on Monday.\n\n"
                "“We owe it to every commuter who sat in those queues,” Reyes and Tully "
                "said in a joint statement."
            ),
            kind="article",
            published=Dated(datetime(2024, 6, 3, 9, 0, tzinfo=UTC), "second", "meta"),
        ),
        None,
    )
    with store.session() as s:
        ingest_document(s, draft, SourceContext())
    with store.session() as s:
        by_first = search_quotations(s, SearchParams("commuter", speaker="Reyes")).items
        by_other = search_quotations(s, SearchParams("commuter", speaker="Ron Tully")).items
        by_neither = search_quotations(s, SearchParams("commuter", speaker="Reyes Tully")).items
        detail = get_quotation(s, by_first[0].id)
    assert [i.speaker for i in by_first] == ["Alma Reyes"]
    assert [i.id for i in by_other] == [i.id for i in by_first]
    assert by_neither == []
    assert detail.occurrences[0].co_speakers == ["Ron Tully"]
