"""Bulk loading: rows inserted in one go are stored exactly and searchable at once."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select

from store.bulk import insert_rows, insert_speakers
from store.db import Store
from store.models import Quotation, Source
from store.queries import SearchParams, search_quotations
from store.text import normalize_words


def test_bulk_rows_round_trip_and_are_searchable(store: Store) -> None:
    said = datetime(2023, 4, 5, 6, 7, 8, 123456, tzinfo=UTC)
    with store.engine.begin() as conn:
        (speaker_id,) = insert_speakers(conn, ["Amina Haddad"])
        insert_rows(conn, Source, [{"name": "bulk", "kind": "feed", "url": "file:///x"}])
        texts = ["The corridor opens on Monday.", "Roads first, then schools.", "Ça va être dur."]
        ids = insert_rows(
            conn,
            Quotation,
            [
                {
                    "text": t,
                    "normalized": normalize_words(t),
                    "norm_hash": str(i),
                    "speaker_id": speaker_id,
                    "first_said_at": said,
                }
                for i, t in enumerate(texts)
            ],
        )
        # ids are handed out after those already used, in order
        assert ids == sorted(ids) and len(set(ids)) == 3
        more = insert_rows(
            conn,
            Quotation,
            [{"text": "x", "normalized": "x", "norm_hash": "x", "first_said_at": said}],
        )
        assert more[0] > ids[-1]
    with store.session() as s:
        q = s.get(Quotation, ids[2])
        assert q is not None and q.text == "Ça va être dur." and q.first_said_at == said
        assert q.created_at.tzinfo is not None  # the model's default was applied
        source = s.scalars(select(Source)).one()
        assert source.config == {} and source.role == "statements"
        page = search_quotations(s, SearchParams("corridor", speaker="Haddad"))
        assert [i.id for i in page.items] == [ids[0]]
        assert [i.id for i in search_quotations(s, SearchParams("ca va etre")).items] == [ids[2]]


def test_quotations_added_one_by_one_after_a_bulk_load_are_searchable(store: Store) -> None:
    with store.engine.begin() as conn:
        insert_rows(
            conn, Quotation, [{"text": "Bulk words.", "normalized": "bulk words", "norm_hash": "b"}]
        )
    with store.session() as s:  # the per-row index trigger is back in place
        s.add(Quotation(text="Single words.", normalized="single words", norm_hash="s"))
    with store.session() as s:
        assert search_quotations(s, SearchParams("single")).total == 1
        assert search_quotations(s, SearchParams("bulk")).total == 1
