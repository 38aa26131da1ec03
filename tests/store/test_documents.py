"""Documents on both backends: round-trips, dedup by URL and content, versions on edit."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy import func, select

from store.db import Store
from store.documents import DocumentInput, load_raw, mark_deleted, save_document
from store.models import Document, DocumentVersion, RawBlob, Source

URL = "https://president.example/en/news/2024/05/07/statement-on-the-corridor"
TEXT_V1 = 'President Viktor Sorel said: "The corridor will open on Monday."'
TEXT_V2 = 'President Viktor Sorel said: "The corridor will open on Tuesday."'
RAW_V1 = f"<html><body><p>{TEXT_V1}</p></body></html>".encode()


def item(text: str = TEXT_V1, raw: bytes = RAW_V1, **extra) -> DocumentInput:
    fields = {
        "url": URL,
        "text": text,
        "kind": "statement",
        "title": "Statement on the corridor",
        "lang": "en",
        "published_at": datetime(2024, 5, 7, 10, 30, tzinfo=timezone(timedelta(hours=3))),
        "published_precision": "second",
        "published_from": "json-ld",
        "raw": raw,
        "content_type": "text/html; charset=utf-8",
    }
    fields.update(extra)
    return DocumentInput(**fields)


def test_a_document_round_trips_with_its_time_precision_and_provenance(store: Store) -> None:
    with store.session() as s:
        source = Source(name="president", kind="feed", url="https://president.example/rss")
        s.add(source)
        s.flush()
        result = save_document(s, item(source_id=source.id, author="Press Office"))
        assert result.status == "new"
        doc_id = result.document.id
    with store.session() as s:
        doc = s.get(Document, doc_id)
        assert doc is not None
        assert doc.text == TEXT_V1
        assert doc.source is not None and doc.source.name == "president"
        # 10:30 at UTC+3 is 07:30 UTC, given back aware on both backends
        assert doc.published_at == datetime(2024, 5, 7, 7, 30, tzinfo=UTC)
        assert doc.published_at.tzinfo is not None
        assert (doc.published_precision, doc.published_from) == ("second", "json-ld")
        assert [v.number for v in doc.versions] == [1]
        assert load_raw(s, doc.versions[0].raw_sha256 or "") == RAW_V1


def test_the_same_content_fetched_again_is_one_document_one_version(store: Store) -> None:
    with store.session() as s:
        save_document(s, item())
    with store.session() as s:
        # The page's markup changed (a new CSRF token) but not its words.
        again = save_document(s, item(raw=RAW_V1 + b"<!-- token 8f2a -->"))
        assert again.status == "unchanged"
        assert again.version.number == 1
    with store.session() as s:
        assert s.scalar(select(func.count()).select_from(Document)) == 1
        assert s.scalar(select(func.count()).select_from(DocumentVersion)) == 1


def test_an_edit_is_a_new_version_and_the_old_words_stay(store: Store) -> None:
    with store.session() as s:
        first = save_document(s, item())
        doc_id = first.document.id
    with store.session() as s:
        edited = save_document(s, item(text=TEXT_V2, raw=RAW_V1.replace(b"Monday", b"Tuesday")))
        assert edited.status == "changed"
        assert edited.version.number == 2
    with store.session() as s:
        doc = s.get(Document, doc_id)
        assert doc is not None
        assert doc.text == TEXT_V2  # the document shows the current words
        assert [v.text for v in doc.versions] == [TEXT_V1, TEXT_V2]  # history kept
        assert load_raw(s, doc.versions[0].raw_sha256 or "") == RAW_V1
        # Editing back is a third version, not a rewind.
    with store.session() as s:
        assert save_document(s, item()).version.number == 3


def test_whitespace_only_changes_are_not_edits(store: Store) -> None:
    with store.session() as s:
        save_document(s, item())
    with store.session() as s:
        assert save_document(s, item(text=TEXT_V1.replace(" ", "  ") + "\n")).status == "unchanged"


def test_identical_raw_bytes_are_stored_once(store: Store) -> None:
    with store.session() as s:
        save_document(s, item())
        save_document(s, item(url=URL + "?print=1"))
    with store.session() as s:
        assert s.scalar(select(func.count()).select_from(RawBlob)) == 1
        blob = s.scalars(select(RawBlob)).one()
        assert blob.size == len(RAW_V1) and blob.compression == "zlib"


def test_a_post_is_found_again_by_its_platform_id_under_another_url(store: Store) -> None:
    with store.session() as s:
        save_document(
            s, item(url="https://twitter.com/vsorel/status/1", external_id="x:1", kind="post")
        )
    with store.session() as s:
        again = save_document(
            s, item(url="https://x.com/vsorel/status/1", external_id="x:1", kind="post")
        )
        assert again.status == "unchanged"


def test_a_deleted_post_keeps_its_text(store: Store) -> None:
    with store.session() as s:
        doc_id = save_document(s, item(kind="post")).document.id
    with store.session() as s:
        doc = s.get(Document, doc_id)
        assert doc is not None
        mark_deleted(s, doc, datetime(2024, 5, 8, tzinfo=UTC))
    with store.session() as s:
        doc = s.get(Document, doc_id)
        assert doc is not None
        assert doc.deleted_at == datetime(2024, 5, 8, tzinfo=UTC)
        assert doc.text == TEXT_V1


def test_a_more_precise_publication_time_replaces_a_vaguer_one(store: Store) -> None:
    with store.session() as s:
        save_document(
            s,
            item(
                published_at=datetime(2024, 5, 7, tzinfo=UTC),
                published_precision="day",
                published_from="feed",
            ),
        )
    with store.session() as s:
        save_document(s, item(text=TEXT_V2))
    with store.session() as s:
        doc = s.scalars(select(Document)).one()
        assert (doc.published_precision, doc.published_from) == ("second", "json-ld")
    with store.session() as s:  # ... and never the other way round
        save_document(
            s,
            item(
                text=TEXT_V1,
                published_at=datetime(2024, 5, 1, tzinfo=UTC),
                published_precision="day",
            ),
        )
    with store.session() as s:
        assert s.scalars(select(Document)).one().published_precision == "second"


def test_naive_datetimes_are_refused(store: Store) -> None:
    with pytest.raises(Exception, match="naive datetime"), store.session() as s:
        save_document(s, item(published_at=datetime(2024, 5, 7, 10, 30)))
