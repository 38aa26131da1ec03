"""Search semantics, identical on SQLite (FTS5) and PostgreSQL (tsvector, pg_trgm)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from seed import Corpus

from store.db import Store
from store.errors import InvalidQuery
from store.queries import SearchParams, get_quotation, search_quotations


def ids(store: Store, query: str, **filters) -> list[int]:
    with store.session() as s:
        return [i.id for i in search_quotations(s, SearchParams(query, **filters)).items]


def test_words_match_in_any_order_and_all_must_appear(store: Store, corpus: Corpus) -> None:
    q = corpus.quotations
    assert set(ids(store, "karabakh")) == {q["karabakh"], q["ours"]}
    assert ids(store, "azerbaijan karabakh") == [q["karabakh"]]
    assert ids(store, "karabakh geneva", fuzzy=False) == []


def test_a_phrase_matches_only_those_words_in_that_order(store: Store, corpus: Corpus) -> None:
    assert ids(store, '"Karabakh is Azerbaijan"') == [corpus.quotations["karabakh"]]
    assert ids(store, '"Azerbaijan is Karabakh"', fuzzy=False) == []
    # curly quotation marks work as phrase delimiters too
    assert ids(store, "“karabakh is ours”") == [corpus.quotations["ours"]]


def test_case_and_accents_never_matter(store: Store, corpus: Corpus) -> None:
    baris = corpus.quotations["baris"]
    assert ids(store, "baris icin") == [baris]
    assert ids(store, "BARIŞ İÇİN") == [baris]
    assert ids(store, "переговорам") == [corpus.quotations["volkov"]]
    assert ids(store, "ПЕРЕГОВОРАМ") == [corpus.quotations["volkov"]]


def test_exclusion_prefix_and_or(store: Store, corpus: Corpus) -> None:
    q = corpus.quotations
    assert ids(store, "karabakh -azerbaijan") == [q["ours"]]
    assert ids(store, 'karabakh -"is azerbaijan"') == [q["ours"]]
    assert ids(store, "rebui*") == [q["rebuild"]]
    assert set(ids(store, "geneva OR villages OR village")) == {q["delegation"], q["rebuild"]}


def test_speaker_filter_accepts_any_alias_or_handle(store: Store, corpus: Corpus) -> None:
    q = corpus.quotations
    erdogan_quotes = {q["karabakh"], q["brothers"], q["baris"]}
    for name in [
        "Erdogan",
        "Recep Tayyip Erdoğan",
        "ERDOĞAN",
        "Cumhurbaşkanı Erdoğan",
        "RTErdogan",
        str(corpus.speakers["erdogan"]),
    ]:
        found = set(ids(store, "karabakh OR brothers OR baris", speaker=name))
        assert found == erdogan_quotes, name
    assert ids(store, "karabakh", speaker="Aliyev") == [q["ours"]]


def test_unknown_speaker_gives_nothing_and_says_why(store: Store, corpus: Corpus) -> None:
    with store.session() as s:
        page = search_quotations(s, SearchParams("karabakh", speaker="Nobody Known"))
    assert page.items == [] and page.total == 0
    assert page.note is not None and "Nobody Known" in page.note


def test_date_range_filters_on_when_it_was_first_said(store: Store, corpus: Corpus) -> None:
    q = corpus.quotations
    since = datetime(2021, 1, 1, tzinfo=UTC)
    assert ids(store, "karabakh", since=since) == [q["karabakh"]]
    assert ids(store, "karabakh", until=since) == [q["ours"]]
    assert ids(
        store,
        "karabakh",
        since=datetime(2021, 9, 27, 7, tzinfo=UTC),
        until=datetime(2021, 9, 27, 7, tzinfo=UTC),
    ) == [q["karabakh"]]


def test_source_kind_and_language_filters(store: Store, corpus: Corpus) -> None:
    q = corpus.quotations
    assert ids(store, "karabakh", sources=["president-az"]) == [q["ours"]]
    # Erdoğan's words were also carried by daily-news: the source filter finds them there
    assert ids(store, "karabakh", sources=["daily-news"]) == [q["karabakh"]]
    assert set(ids(store, "karabakh", sources=["daily-news", "president-az"])) == {
        q["karabakh"],
        q["ours"],
    }
    assert ids(store, "peace", kind="post") == [q["peace-post"]]
    assert ids(store, "peace", kind="statement", fuzzy=False) == []
    assert ids(store, "baris OR karabakh", lang="tr") == [q["baris"]]


def test_ranking_puts_the_most_relevant_first(store: Store, corpus: Corpus) -> None:
    q = corpus.quotations
    # "Peace, peace and only peace" (short, three times) before a long sentence with it once
    assert ids(store, "peace") == [q["peace-post"], q["delegation"]]


def test_paging_and_total(store: Store, corpus: Corpus) -> None:
    with store.session() as s:
        first = search_quotations(s, SearchParams("karabakh", limit=1))
        second = search_quotations(s, SearchParams("karabakh", limit=1, offset=1))
    assert first.total == second.total == 2
    assert len(first.items) == len(second.items) == 1
    assert first.items[0].id != second.items[0].id


def test_a_misspelt_word_falls_back_to_near_matches(store: Store, corpus: Corpus) -> None:
    with store.session() as s:
        page = search_quotations(s, SearchParams("Azerbajan"))
        strict = search_quotations(s, SearchParams("Azerbajan", fuzzy=False))
    assert page.match == "fuzzy"
    assert corpus.quotations["karabakh"] in [i.id for i in page.items]
    assert strict.total == 0


def test_items_carry_the_first_occurrence_official_source_winning_a_tie(
    store: Store, corpus: Corpus
) -> None:
    with store.session() as s:
        item = search_quotations(s, SearchParams('"karabakh is azerbaijan"')).items[0]
    assert item.speaker == "Recep Tayyip Erdoğan"
    assert item.said_at == "2021-09-27T07:00:00+00:00"
    # the news report of the same minute loses the tie to the presidency's statement
    assert item.source == "president-tr"
    assert item.url == "https://www.tccb.gov.tr/en/news/542/130000/karabakh"
    assert item.occurrences == 3
    assert item.kind == "statement"


def test_quote_detail_lists_occurrences_earliest_first(store: Store, corpus: Corpus) -> None:
    with store.session() as s:
        detail = get_quotation(s, corpus.quotations["karabakh"])
    assert [o.source for o in detail.occurrences] == ["president-tr", "daily-news", "daily-news"]
    assert detail.occurrences[0].said_at == "2021-09-27T07:00:00+00:00"
    assert detail.occurrences[2].url.endswith("/2021/09/28/reactions")
    assert detail.context and "Karabakh is Azerbaijan" in detail.context


@pytest.mark.parametrize("query", ["", "   ", "-war", '""', "OR", "!!!"])
def test_a_query_with_nothing_to_look_for_is_refused(store: Store, query: str) -> None:
    with pytest.raises(InvalidQuery, match="nothing to search for"), store.session() as s:
        search_quotations(s, SearchParams(query))


def test_limits_are_checked(store: Store) -> None:
    with pytest.raises(InvalidQuery, match="limit"), store.session() as s:
        search_quotations(s, SearchParams("peace", limit=0))
    with pytest.raises(InvalidQuery, match="since"), store.session() as s:
        search_quotations(
            s,
            SearchParams(
                "peace",
                since=datetime(2024, 2, 1, tzinfo=UTC),
                until=datetime(2024, 1, 1, tzinfo=UTC),
            ),
        )


def test_fts_operators_typed_by_users_are_words_not_syntax(store: Store, corpus: Corpus) -> None:
    # NEAR, AND, column filters and stray quotes must not break the backend's parser
    for query in [
        "karabakh AND",
        "NEAR(karabakh",
        "normalized:karabakh",
        'karabakh"',
        "'karabakh'",
        "karabakh & | ! <->",
        "karabakh:*",
    ]:
        with store.session() as s:
            search_quotations(s, SearchParams(query, fuzzy=False))


def test_beyond_the_rank_window_the_newest_are_ranked_and_the_total_says_more(
    store: Store, corpus: Corpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    from store import queries

    monkeypatch.setattr(queries, "RANK_WINDOW", 3)
    q = corpus.quotations
    matching = {
        q["karabakh"],
        q["ours"],
        q["peace-post"],
        q["delegation"],
        q["rebuild"],
        q["brothers"],
    }
    with store.session() as s:
        page = search_quotations(s, SearchParams("karabakh OR peace OR rebuild OR brothers"))
    assert page.total == 4 and page.total_exact is False  # "more than 3"
    assert {i.id for i in page.items} == set(sorted(matching)[-3:])
