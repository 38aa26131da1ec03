"""How common each word is in the news: document frequencies for idf weights.

Counted over a sample of the news articles spread over the whole collection
(every k-th by id), kept in JobState "linking.vocabulary" and rebuilt when
the collection has grown or shrunk by a fifth, so that an incremental run
reads it instead of counting again.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from scheduler.linking import thresholds as T
from scheduler.linking.words import fold
from store.models import Document, JobState, Source

JOB_NAME = "linking.vocabulary"


@dataclass
class Vocabulary:
    """Document frequencies of words in ``articles`` sampled news articles."""

    articles: int
    df: dict[str, int]

    def ratio(self, word: str) -> float:
        """The share of articles that hold ``word``."""
        return self.df.get(word, 0) / self.articles if self.articles else 0.0

    def common_words(self) -> frozenset[str]:
        """Words in more than COMMON_WORD_DF_RATIO of the articles (and COMMON_WORD_MIN_DF)."""
        floor = max(T.COMMON_WORD_MIN_DF, T.COMMON_WORD_DF_RATIO * self.articles)
        return frozenset(w for w, n in self.df.items() if n > floor)

    def idf(self, word: str) -> float:
        """Inverse document frequency, smoothed: 0 for a word in every article."""
        return math.log((self.articles + 1) / (self.df.get(word, 0) + 1))


def count_news(session: Session) -> int:
    return (
        session.scalar(
            select(func.count())
            .select_from(Document)
            .join(Source, Document.source_id == Source.id)
            .where(Source.role == "news")
        )
        or 0
    )


def build_vocabulary(session: Session, collection: int) -> Vocabulary:
    """Count words over up to VOCABULARY_SAMPLE news articles, every k-th by id."""
    step = max(1, math.ceil(collection / T.VOCABULARY_SAMPLE))
    stmt = (
        select(Document.title, Document.text)
        .join(Source, Document.source_id == Source.id)
        .where(Source.role == "news")
        .order_by(Document.id)
        .limit(T.VOCABULARY_SAMPLE)
    )
    if step > 1:
        stmt = stmt.where(Document.id % step == 0)
    df: dict[str, int] = {}
    articles = 0
    for title, text in session.execute(stmt):
        articles += 1
        for word in set(fold(f"{title or ''} {text}").split()):
            df[word] = df.get(word, 0) + 1
    if articles >= 1000:  # words seen once say little and make the state large
        df = {w: n for w, n in df.items() if n > 1}
    return Vocabulary(articles, df)


def load_vocabulary(session: Session) -> Vocabulary:
    """The stored vocabulary, rebuilt first when the collection changed too much."""
    collection = count_news(session)
    job = session.get(JobState, JOB_NAME)
    if job is not None and job.state.get("collection"):
        stored = job.state["collection"]
        if abs(collection - stored) <= T.VOCABULARY_REBUILD_GROWTH * stored:
            return Vocabulary(job.state["articles"], job.state["df"])
    vocabulary = build_vocabulary(session, collection)
    state = {"collection": collection, "articles": vocabulary.articles, "df": vocabulary.df}
    if job is None:
        session.add(JobState(name=JOB_NAME, state=state))
    else:
        job.state = state
    session.flush()
    return vocabulary
