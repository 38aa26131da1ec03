"""A small corpus stored the way the crawler stores it: statements, a post, news reports."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy.orm import Session

from store.documents import DocumentInput, save_document
from store.models import Source, Speaker
from store.quotations import OccurrenceInput, add_occurrence
from store.speakers import add_alias, get_or_create_speaker


@dataclass
class Corpus:
    """Ids of what ``seed_corpus`` stored, for tests to refer to."""

    speakers: dict[str, int]
    sources: dict[str, int]
    documents: dict[str, int]
    quotations: dict[str, int]


def _utc(text_time: str) -> datetime:
    return datetime.fromisoformat(text_time).astimezone(UTC)


def seed_corpus(session: Session) -> Corpus:
    """Official statements, a post and news reports, stored the way the crawler stores them.

    Real people speak only words they are on record for ("Karabakh is
    Azerbaijan"); every other speaker and quotation here is invented.
    """
    erdogan = get_or_create_speaker(session, "Recep Tayyip Erdoğan", handles={"x": "RTErdogan"})
    add_alias(session, erdogan, "Cumhurbaşkanı Erdoğan")
    aliyev = get_or_create_speaker(session, "İlham Əliyev")
    sorel = get_or_create_speaker(session, "Viktor Sorel", handles={"x": "vsorel"})
    volkov = get_or_create_speaker(session, "Sergey Volkov")
    ministry = get_or_create_speaker(session, "Ministry of Foreign Affairs", kind="organisation")
    sources = {
        name: Source(name=name, kind=kind, url=url, role=role)
        for name, kind, url, role in [
            ("president-tr", "listing", "https://www.tccb.gov.tr/en/news/", "statements"),
            ("president-az", "feed", "https://president.az/en/rss", "statements"),
            ("sorel-x", "x", "https://api.x.com", "statements"),
            ("daily-news", "feed", "https://news.example.org/rss", "news"),
        ]
    }
    session.add_all(sources.values())
    session.flush()

    documents: dict[str, int] = {}
    quotations: dict[str, int] = {}

    def document(
        key: str,
        source: str,
        kind: str,
        url: str,
        published: str,
        text_: str,
        precision: str = "second",
        lang: str = "en",
        title: str | None = None,
    ):
        result = save_document(
            session,
            DocumentInput(
                url=url,
                text=text_,
                kind=kind,
                title=title or key,
                lang=lang,
                published_at=_utc(published),
                published_precision=precision,
                published_from="json-ld",
                source_id=sources[source].id,
                raw=f"<html><body>{text_}</body></html>".encode(),
            ),
        )
        documents[key] = result.document.id
        return result.version

    def quote(
        key: str | None,
        version,
        words: str,
        speaker: Speaker | None,
        said: str,
        precision: str = "second",
        lang: str = "en",
        cue: str = "said",
    ):
        start = version.text.index(words)
        occurrence = add_occurrence(
            session,
            version,
            OccurrenceInput(
                start=start,
                end=start + len(words),
                text=words,
                context=version.text,
                speaker_mention=speaker.name if speaker else None,
                cue=cue,
                confidence=0.9,
                said_at=_utc(said),
                said_precision=precision,
                lang=lang,
            ),
            speaker,
        )
        if key:
            quotations[key] = occurrence.quotation_id
        return occurrence

    v = document(
        "tr-statement",
        "president-tr",
        "statement",
        "https://www.tccb.gov.tr/en/news/542/130000/karabakh",
        "2021-09-27T10:00:00+03:00",
        'President Recep Tayyip Erdoğan said: "Karabakh is Azerbaijan." He added: '
        '"We will always stand with our Azerbaijani brothers and sisters."',
    )
    quote("karabakh", v, "Karabakh is Azerbaijan.", erdogan, "2021-09-27T10:00:00+03:00")
    quote(
        "brothers",
        v,
        "We will always stand with our Azerbaijani brothers and sisters.",
        erdogan,
        "2021-09-27T10:00:00+03:00",
        cue="added",
    )
    # A news report at the very same minute (a tie: the official statement wins) ...
    v = document(
        "news-same-time",
        "daily-news",
        "article",
        "https://news.example.org/2021/09/27/erdogan-karabakh",
        "2021-09-27T10:00:00+03:00",
        'Turkish President Recep Tayyip Erdoğan told reporters "Karabakh is Azerbaijan".',
    )
    quote(None, v, "Karabakh is Azerbaijan", erdogan, "2021-09-27T10:00:00+03:00", cue="told")
    # ... and one a day later.
    v = document(
        "news-next-day",
        "daily-news",
        "article",
        "https://news.example.org/2021/09/28/reactions",
        "2021-09-28T08:30:00+00:00",
        'Erdoğan\'s words, "Karabakh is Azerbaijan!", drew reactions in Yerevan.',
    )
    quote(None, v, "Karabakh is Azerbaijan!", erdogan, "2021-09-27T10:00:00+03:00")
    v = document(
        "az-statement",
        "president-az",
        "statement",
        "https://president.az/en/articles/view/49000",
        "2020-11-10T00:00:00+00:00",
        'Ilham Aliyev addressed the nation: "The war is over. Karabakh is ours." '
        'He promised: "We will rebuild every village in the liberated territories."',
        precision="day",
    )
    quote(
        "ours",
        v,
        "The war is over. Karabakh is ours.",
        aliyev,
        "2020-11-10T00:00:00+00:00",
        precision="day",
        cue="addressed the nation",
    )
    quote(
        "rebuild",
        v,
        "We will rebuild every village in the liberated territories.",
        aliyev,
        "2020-11-10T00:00:00+00:00",
        precision="day",
        cue="promised",
    )
    v = document(
        "tr-statement-tr",
        "president-tr",
        "statement",
        "https://www.tccb.gov.tr/haberler/410/150000/baris",
        "2024-05-07T14:00:00+03:00",
        'Cumhurbaşkanı Erdoğan: "Barış için çalışmaya devam edeceğiz."',
        lang="tr",
    )
    quote(
        "baris",
        v,
        "Barış için çalışmaya devam edeceğiz.",
        erdogan,
        "2024-05-07T14:00:00+03:00",
        lang="tr",
        cue=":",
    )
    v = document(
        "sorel-post",
        "sorel-x",
        "post",
        "https://x.com/vsorel/status/1765000000000000000",
        "2024-03-05T08:15:00+00:00",
        "Peace, peace and only peace: the corridor talks resume on Monday.",
    )
    quote(
        "peace-post",
        v,
        "Peace, peace and only peace: the corridor talks resume on Monday.",
        sorel,
        "2024-03-05T08:15:00+00:00",
        cue="posted",
    )
    v = document(
        "news-long",
        "daily-news",
        "article",
        "https://news.example.org/2024/03/06/corridor",
        "2024-03-06T09:00:00+00:00",
        'The foreign ministry said in a statement that "the delegation will travel to Geneva '
        "next week to discuss the reopening of roads, the exchange of detainees, the return of "
        'displaced families and, eventually, a lasting peace in the region".',
    )
    quote(
        "delegation",
        v,
        "the delegation will travel to Geneva next week to discuss the reopening of roads, "
        "the exchange of detainees, the return of displaced families and, eventually, a "
        "lasting peace in the region",
        ministry,
        "2024-03-06T09:00:00+00:00",
        cue="said in a statement",
    )
    v = document(
        "ru-statement",
        "daily-news",
        "article",
        "https://news.example.org/ru/2024/04/01/volkov",
        "2024-04-01T12:00:00+03:00",
        "«Мы готовы к переговорам без предварительных условий», — сказал Волков.",
        lang="ru",
    )
    quote(
        "volkov",
        v,
        "Мы готовы к переговорам без предварительных условий",
        volkov,
        "2024-04-01T12:00:00+03:00",
        lang="ru",
        cue="сказал",
    )
    v = document(
        "anonymous",
        "daily-news",
        "article",
        "https://news.example.org/2024/04/02/sources",
        "2024-04-02T07:00:00+00:00",
        'A senior official, speaking on condition of anonymity, said "the talks are stalled".',
    )
    quote("anonymous", v, "the talks are stalled", None, "2024-04-02T07:00:00+00:00")
    session.flush()
    return Corpus(
        speakers={
            "erdogan": erdogan.id,
            "aliyev": aliyev.id,
            "sorel": sorel.id,
            "volkov": volkov.id,
            "ministry": ministry.id,
        },
        sources={name: s.id for name, s in sources.items()},
        documents=documents,
        quotations=quotations,
    )
