"""Feed sources end to end: RSS, Atom and RDF, into the store, nothing twice."""

from __future__ import annotations

from sqlalchemy import func, select

from store.db import Store
from store.models import Document, DocumentVersion, Occurrence, Quotation, Source
from store.queries import SearchParams, get_quotation, search_quotations

PRESIDENT = """
[[source]]
name = "president"
kind = "feed"
url = "{{BASE}}/president/en/rss.rss"
speaker = "Viktor Sorel"
role = "statements"
"""


def test_a_feed_crawl_stores_statements_with_their_quotations(crawl, store: Store) -> None:
    result = crawl(PRESIDENT)
    assert result.code == 0, result.stderr
    president = result.source("president")
    assert (president["new"], president["failed"]) == (3, 0)
    assert president["quotations"] >= 4
    with store.session() as s:
        docs = {d.url.rsplit("/", 1)[-1]: d for d in s.scalars(select(Document))}
        assert set(docs) == {"101", "102", "103"}  # tracking parameters dropped from the URL
        statement = docs["101"]
        assert statement.kind == "statement"
        # the page has no date of its own: the feed's, at second precision
        assert statement.published_from == "feed" and statement.published_precision == "second"
        assert statement.published_at.isoformat() == "2024-05-07T06:30:00+00:00"
        assert docs["102"].published_from == "opengraph"
        assert docs["103"].published_from == "json-ld"
        assert "northern corridor will reopen on Monday" in statement.text
        page = search_quotations(s, SearchParams('"northern corridor will reopen on monday"'))
        assert page.total == 1
        item = page.items[0]
        assert item.speaker == "Viktor Sorel"
        assert item.source == "president"
        assert item.context and "President Sorel said" in item.context
        lindqvist = search_quotations(s, SearchParams("winter alone")).items
        assert [i.speaker for i in lindqvist] == ["Anna Lindqvist"]


def test_the_same_statements_crawled_again_are_not_stored_twice(crawl, store: Store) -> None:
    crawl(PRESIDENT)
    with store.session() as s:
        before = (
            s.scalar(select(func.count()).select_from(Document)),
            s.scalar(select(func.count()).select_from(Occurrence)),
        )
    again = crawl(PRESIDENT).source("president")
    assert (again["new"], again["changed"], again["unchanged"]) == (0, 0, 3)
    with store.session() as s:
        after = (
            s.scalar(select(func.count()).select_from(Document)),
            s.scalar(select(func.count()).select_from(Occurrence)),
        )
    assert after == before


def test_an_edited_statement_becomes_a_new_version(crawl, store: Store, site) -> None:
    crawl(PRESIDENT)
    page = site._file_route("/president/en/articles/view/101")
    assert page is not None
    site.set(
        "/president/en/articles/view/101",
        page.body.replace(b"on Monday for civilian traffic", b"on Wednesday for civilian traffic"),
    )
    edited = crawl(PRESIDENT).source("president")
    assert (edited["changed"], edited["unchanged"]) == (1, 2)
    with store.session() as s:
        doc = s.scalars(select(Document).where(Document.url.endswith("/101"))).one()
        versions = s.scalars(
            select(DocumentVersion)
            .where(DocumentVersion.document_id == doc.id)
            .order_by(DocumentVersion.number)
        ).all()
        assert [v.number for v in versions] == [1, 2]
        assert "on Monday" in versions[0].text and "on Wednesday" in versions[1].text
        # both wordings are on record, each pointing at its own version
        monday = search_quotations(s, SearchParams('"reopen on monday"')).items
        wednesday = search_quotations(s, SearchParams('"reopen on wednesday"')).items
        assert len(monday) == 1 and len(wednesday) == 1
        detail = get_quotation(s, wednesday[0].id)
        assert [o.version for o in detail.occurrences] == [2]


def test_atom_and_rdf_feeds(crawl, store: Store) -> None:
    result = crawl("""
[[source]]
name = "mfa"
kind = "feed"
url = "{{BASE}}/mfa/en/feed.atom"

[[source]]
name = "parliament"
kind = "feed"
url = "{{BASE}}/parliament/rss.rdf"
""")
    assert result.source("mfa")["new"] == 2
    assert result.source("parliament")["new"] == 1
    with store.session() as s:
        varga = search_quotations(s, SearchParams("ratify corridor agreement")).items
        assert [i.speaker for i in varga] == ["Elena Varga"]
        assert varga[0].said_at == "2024-05-09T08:00:00+00:00"  # dc:date, +02:00 made UTC
        karimli = search_quotations(s, SearchParams("detainees mine clearance")).items
        assert [i.speaker for i in karimli] == ["Rauf Karimli"]


def test_a_malformed_feed_is_a_recorded_failure_and_the_other_sources_go_on(
    crawl, store: Store
) -> None:
    result = crawl(
        PRESIDENT
        + """
[[source]]
name = "broken"
kind = "feed"
url = "{{BASE}}/broken/rss.rss"
"""
    )
    assert result.code == 0
    assert result.source("president")["new"] == 3
    assert result.source("broken")["failed"] == 1
    with store.session() as s:
        broken = s.scalars(select(Source).where(Source.name == "broken")).one()
        assert broken.last_failure_reason and "malformed feed" in broken.last_failure_reason
        assert broken.last_success_at is None
        assert s.scalar(select(func.count()).select_from(Quotation)) > 0
