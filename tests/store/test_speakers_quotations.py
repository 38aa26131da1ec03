"""Speakers by any name, and quotations grouped from their occurrences."""

from __future__ import annotations

from seed import Corpus
from sqlalchemy import func, select

from store.db import Store
from store.models import Occurrence, Quotation, Speaker
from store.speakers import find_speakers, get_or_create_speaker, speaker_by_handle


def test_folded_names_are_one_speaker(store: Store) -> None:
    with store.session() as s:
        first = get_or_create_speaker(s, "Recep Tayyip Erdoğan")
        assert get_or_create_speaker(s, "RECEP TAYYIP ERDOGAN").id == first.id
        assert get_or_create_speaker(s, "recep tayyip erdoğan").id == first.id
        assert s.scalar(select(func.count()).select_from(Speaker)) == 1


def test_a_fuller_name_renames_the_speaker_and_keeps_the_short_one(store: Store) -> None:
    with store.session() as s:
        short = get_or_create_speaker(s, "Tayyip Erdoğan")
        full = get_or_create_speaker(s, "Recep Tayyip Erdoğan")
        assert full.id == short.id
        assert full.name == "Recep Tayyip Erdoğan"
        assert {a.alias for a in full.aliases} == {"Tayyip Erdoğan", "Recep Tayyip Erdoğan"}


def test_a_surname_alone_never_merges_two_people(store: Store) -> None:
    with store.session() as s:
        bill = get_or_create_speaker(s, "Bill Clinton")
        hillary = get_or_create_speaker(s, "Hillary Clinton")
        assert bill.id != hillary.id
        clinton = get_or_create_speaker(s, "Clinton")
        assert clinton.id not in (bill.id, hillary.id)


def test_find_speakers_by_part_of_a_name_alias_handle_or_id(store: Store, corpus: Corpus) -> None:
    erdogan = corpus.speakers["erdogan"]
    with store.session() as s:
        assert [sp.id for sp in find_speakers(s, "Erdogan")] == [erdogan]
        assert [sp.id for sp in find_speakers(s, "cumhurbaskani erdogan")] == [erdogan]
        assert [sp.id for sp in find_speakers(s, "@RTErdogan")] == [erdogan]
        assert [sp.id for sp in find_speakers(s, str(erdogan))] == [erdogan]
        # İlham Əliyev: the dotted İ and the schwa fold to the usual Latin spelling
        assert [sp.id for sp in find_speakers(s, "Ilham Aliyev")] == [corpus.speakers["aliyev"]]
        assert [sp.id for sp in find_speakers(s, "ilham")] == [corpus.speakers["aliyev"]]
        assert find_speakers(s, "Nobody Atall") == []
        handle_owner = speaker_by_handle(s, "x", "VSOREL")
        assert handle_owner is not None and handle_owner.id == corpus.speakers["sorel"]


def test_the_same_words_of_one_speaker_are_one_quotation(store: Store, corpus: Corpus) -> None:
    with store.session() as s:
        karabakh = s.get(Quotation, corpus.quotations["karabakh"])
        assert karabakh is not None
        # the statement, the same-minute report and the next day's report
        occurrences = s.scalar(
            select(func.count())
            .select_from(Occurrence)
            .where(Occurrence.quotation_id == karabakh.id)
        )
        assert occurrences == 3
        assert karabakh.normalized == "karabakh is azerbaijan"
        # Aliyev's "Karabakh is ours" is another quotation
        assert (
            s.scalar(
                select(func.count())
                .select_from(Quotation)
                .where(Quotation.speaker_id == corpus.speakers["aliyev"])
            )
            == 2
        )


def test_re_recording_an_occurrence_changes_nothing(store: Store, corpus: Corpus) -> None:
    from store.quotations import OccurrenceInput, add_occurrence

    with store.session() as s:
        before = s.scalar(select(func.count()).select_from(Occurrence))
        occurrence = s.scalars(select(Occurrence).order_by(Occurrence.id)).first()
        assert occurrence is not None
        again = add_occurrence(
            s,
            occurrence.version,
            OccurrenceInput(start=occurrence.start, end=occurrence.end, text=occurrence.text),
            occurrence.speaker,
        )
        assert again.id == occurrence.id
        assert s.scalar(select(func.count()).select_from(Occurrence)) == before


def test_unattributed_words_join_the_only_speaker_who_said_them(
    store: Store, corpus: Corpus
) -> None:
    from store.documents import DocumentInput, save_document
    from store.quotations import OccurrenceInput, add_occurrence

    with store.session() as s:
        version = save_document(
            s,
            DocumentInput(
                url="https://blog.example/karabakh",
                text='Crowds chanted "Karabakh is Azerbaijan".',
            ),
        ).version
        occurrence = add_occurrence(
            s,
            version,
            OccurrenceInput(start=16, end=38, text="Karabakh is Azerbaijan"),
            None,
        )
        assert occurrence.quotation_id == corpus.quotations["karabakh"]
