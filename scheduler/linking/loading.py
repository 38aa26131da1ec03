"""Reading what linking needs from the store: quotation profiles and news articles.

Articles are read in batches by id, never all at once, and only those
published in the time windows that can matter; ids are found through the
``published_at`` and ``source_id`` indexes, so that an incremental run does
not read the text of the whole collection.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator, Sequence
from datetime import datetime

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from scheduler.linking import thresholds as T
from scheduler.linking.batches import chunks
from scheduler.linking.evidence import Article, QuoteProfile, topic_terms
from scheduler.linking.names import NameFinder, load_names
from scheduler.linking.vocabulary import Vocabulary
from scheduler.linking.words import content_words, fold
from store.models import Document, DocumentVersion, Occurrence, Quotation, Source

ARTICLE_BATCH = 1000


def news_source_ids(session: Session) -> set[int]:
    return set(session.scalars(select(Source.id).where(Source.role == "news")))


def article_ids(
    session: Session, intervals: Sequence[tuple[datetime, datetime]] | None
) -> list[int]:
    """News articles published (or, undated, first seen) in ``intervals`` (None: all)."""
    news = news_source_ids(session)
    if not news:
        return []
    if intervals is None:
        return sorted(
            session.scalars(select(Document.id).where(Document.source_id.in_(sorted(news))))
        )
    found: set[int] = set()
    for lo, hi in intervals:
        dated = select(Document.id, Document.source_id).where(
            Document.published_at >= lo, Document.published_at <= hi
        )
        undated = select(Document.id, Document.source_id).where(
            Document.published_at.is_(None),
            Document.first_seen_at >= lo,
            Document.first_seen_at <= hi,
        )
        for stmt in (dated, undated):
            found.update(doc_id for doc_id, source_id in session.execute(stmt) if source_id in news)
    return sorted(found)


def changed_article_ids(session: Session, version_watermark: int) -> list[int]:
    """News articles with a version newer than the watermark: new or edited since."""
    news = news_source_ids(session)
    changed = set(
        session.scalars(
            select(DocumentVersion.document_id)
            .where(DocumentVersion.id > version_watermark)
            .distinct()
        )
    )
    found = []
    for batch in chunks(sorted(changed)):
        found += [
            doc_id
            for doc_id, source_id in session.execute(
                select(Document.id, Document.source_id).where(Document.id.in_(batch))
            )
            if source_id in news
        ]
    return sorted(found)


def read_articles(session: Session, ids: Sequence[int]) -> Iterator[Article]:
    """The articles ``ids``, read ARTICLE_BATCH at a time."""
    for batch in chunks(ids, ARTICLE_BATCH):
        rows = session.execute(
            select(
                Document.id,
                Document.published_at,
                Document.first_seen_at,
                Document.title,
                Document.text,
            ).where(Document.id.in_(batch))
        )
        for doc_id, published, seen, title, text in rows:
            yield Article(doc_id, published or seen, title, text or "")


def article_times(session: Session, ids: Sequence[int]) -> list[datetime]:
    times = []
    for batch in chunks(ids):
        for published, seen in session.execute(
            select(Document.published_at, Document.first_seen_at).where(Document.id.in_(batch))
        ):
            times.append(published or seen)
    return times


# ------------------------------------------------------------------ quotations


def _quotation_rows(
    session: Session,
    ids: Collection[int] | None,
    intervals: Sequence[tuple[datetime, datetime]] | None,
) -> list[tuple[int, int | None, str, str, datetime | None]]:
    columns = (
        Quotation.id,
        Quotation.speaker_id,
        Quotation.text,
        Quotation.normalized,
        Quotation.first_said_at,
    )
    if ids is not None:
        return [
            tuple(row)  # type: ignore[misc]
            for batch in chunks(sorted(ids))
            for row in session.execute(select(*columns).where(Quotation.id.in_(batch)))
        ]
    if intervals is None:
        return [tuple(row) for row in session.execute(select(*columns))]  # type: ignore[misc]
    found: dict[int, tuple[int, int | None, str, str, datetime | None]] = {}
    for lo, hi in intervals:
        for row in session.execute(
            select(*columns).where(Quotation.first_said_at >= lo, Quotation.first_said_at <= hi)
        ):
            found[row[0]] = tuple(row)  # type: ignore[assignment]
    return list(found.values())


_WORD = re.compile(r"[^\W_]+")


def as_written(terms: dict[str, float], text: str) -> dict[str, str]:
    """Each folded term as the text first writes it, for reasons people read ("Tellin")."""
    written: dict[str, str] = {}
    for word in _WORD.findall(text):
        folded = word.lower() if word.isascii() else fold(word)
        if folded in terms and folded not in written:
            written[folded] = word
    return written


def _first_contexts(
    session: Session, ids: Collection[int] | None
) -> dict[int, tuple[str, datetime | None]]:
    """quotation id -> (title and context of its first occurrence, earliest document time)."""
    official_first = case((Source.role == "statements", 0), else_=1)
    stmt = (
        select(
            Occurrence.quotation_id,
            Occurrence.context,
            Document.title,
            Document.published_at,
            Document.first_seen_at,
        )
        .join(Document, Occurrence.document_id == Document.id)
        .outerjoin(Source, Document.source_id == Source.id)
        .order_by(
            Occurrence.quotation_id,
            Occurrence.said_at.asc().nulls_last(),
            official_first,
            Occurrence.id,
        )
    )
    batches = [None] if ids is None else list(chunks(sorted(ids)))
    found: dict[int, tuple[str, datetime | None]] = {}
    for batch in batches:
        query = stmt if batch is None else stmt.where(Occurrence.quotation_id.in_(batch))
        for qid, context, title, published, seen in session.execute(query):
            doc_time = published or seen
            if qid not in found:
                found[qid] = (f"{title or ''}\n{context or ''}", doc_time)
                continue
            first_context, earliest = found[qid]
            if doc_time and (earliest is None or doc_time < earliest):
                found[qid] = (first_context, doc_time)
    return found


def load_profiles(
    session: Session,
    vocabulary: Vocabulary,
    *,
    ids: Collection[int] | None = None,
    intervals: Sequence[tuple[datetime, datetime]] | None = None,
    exclude: Collection[int] = (),
) -> tuple[list[QuoteProfile], NameFinder]:
    """Profiles of the quotations ``ids``, or said in ``intervals``, or (neither) all,
    with the names of their speakers.

    A quotation with no time of its own takes its earliest document's.
    """
    rows = [r for r in _quotation_rows(session, ids, intervals) if r[0] not in exclude]
    everything = ids is None and intervals is None and not exclude
    contexts = _first_contexts(session, None if everything else [r[0] for r in rows])
    names = load_names(session, {r[1] for r in rows if r[1] is not None}, vocabulary)
    idf: dict[str, float] = {}
    profiles = []
    for qid, speaker_id, text, normalized, said in rows:
        context, doc_time = contexts.get(qid, ("", None))
        words = tuple(normalized.split())
        speaker = names.speakers.get(speaker_id) if speaker_id is not None else None
        context_words = content_words(fold(context).split())
        quote_words = content_words(words)
        for w in (*quote_words, *context_words):
            if w not in idf:
                common = vocabulary.df.get(w, 0) > max(
                    T.TOPIC_MIN_DF, T.TOPIC_MAX_DF_RATIO * vocabulary.articles
                )
                idf[w] = 0.0 if common else vocabulary.idf(w)
        topic = topic_terms(quote_words, context_words, idf, speaker.words if speaker else set())
        written = as_written(topic, f"{text} {context}")
        profiles.append(QuoteProfile(qid, speaker_id, words, said or doc_time, topic, written))
    return profiles, names


def occurrence_pairs(
    session: Session,
    *,
    quotation_ids: Collection[int] | None = None,
    document_ids: Collection[int] | None = None,
) -> list[tuple[int, int, str, datetime]]:
    """(quotation, news document, occurrence text, document time) of occurrences in news."""
    stmt = (
        select(
            Occurrence.quotation_id,
            Occurrence.document_id,
            Occurrence.text,
            func.coalesce(Document.published_at, Document.first_seen_at),
        )
        .join(Document, Occurrence.document_id == Document.id)
        .join(Source, Document.source_id == Source.id)
        .where(Source.role == "news")
    )
    if quotation_ids is None and document_ids is None:
        return [tuple(r) for r in session.execute(stmt)]  # type: ignore[misc]
    column, ids = (
        (Occurrence.quotation_id, quotation_ids)
        if quotation_ids is not None
        else (Occurrence.document_id, document_ids)
    )
    return [
        tuple(r)  # type: ignore[misc]
        for batch in chunks(sorted(ids or ()))
        for r in session.execute(stmt.where(column.in_(batch)))
    ]
