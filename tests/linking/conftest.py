"""A newsroom to write small worlds in: speakers, official statements, news articles.

Each call commits, as the crawler would, so that the linking job (which runs
in a session of its own) sees it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from store.db import Store
from store.documents import DocumentInput, save_document
from store.models import Link, Occurrence, Quotation, Source
from store.quotations import OccurrenceInput, add_occurrence
from store.speakers import add_alias, get_or_create_speaker

SOURCES = {
    "president": "statements",
    "ministry": "statements",
    "wire": "news",
    "herald": "news",
}


def at(text: str) -> datetime:
    """``2024-03-04 09:00`` -> an aware UTC datetime."""
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


@dataclass
class Posted:
    document_id: int
    quotation_ids: list[int]


class Newsroom:
    """Writes documents into ``store`` the way the crawler does."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.count = 0
        with store.session() as session:
            for name, role in SOURCES.items():
                session.add(
                    Source(name=name, kind="feed", url=f"https://{name}.example", role=role)
                )

    def speaker(self, name: str, *aliases: str, kind: str = "person") -> int:
        with self.store.session() as session:
            speaker = get_or_create_speaker(session, name, kind=kind)
            for alias in aliases:
                add_alias(session, speaker, alias)
            return speaker.id

    def post(
        self,
        source: str,
        when: str,
        text: str,
        quotes: list[tuple[str, str | None]] = (),  # type: ignore[assignment]
        title: str | None = None,
        url: str | None = None,
    ) -> Posted:
        """Store a document; ``quotes`` are (words, speaker name or None) the parser found."""
        self.count += 1
        with self.store.session() as session:
            source_id = session.scalar(select(Source.id).where(Source.name == source))
            result = save_document(
                session,
                DocumentInput(
                    url=url or f"https://{source}.example/{self.count}",
                    text=text,
                    kind="statement" if SOURCES[source] == "statements" else "article",
                    title=title or text[:60],
                    lang="en",
                    published_at=at(when),
                    published_precision="minute",
                    source_id=source_id,
                ),
            )
            ids = []
            for words, speaker_name in quotes:
                speaker = get_or_create_speaker(session, speaker_name) if speaker_name else None
                start = text.index(words)
                occurrence = add_occurrence(
                    session,
                    result.version,
                    OccurrenceInput(
                        start=start,
                        end=start + len(words),
                        text=words,
                        context=text,
                        said_at=at(when),
                        said_precision="minute",
                        lang="en",
                    ),
                    speaker,
                )
                ids.append(occurrence.quotation_id)
            return Posted(result.document.id, ids)

    # ------------------------------------------------------------ reading back

    def quotation_of(self, posted: Posted, n: int = 0) -> int:
        """The quotation that the ``n``-th quote of ``posted`` belongs to now."""
        with self.store.session() as session:
            return session.scalars(
                select(Occurrence.quotation_id)
                .where(Occurrence.document_id == posted.document_id)
                .order_by(Occurrence.start)
            ).all()[n]

    def quotations(self) -> list[tuple[int, str, int | None]]:
        with self.store.session() as session:
            return [
                tuple(r)  # type: ignore[misc]
                for r in session.execute(
                    select(Quotation.id, Quotation.text, Quotation.speaker_id).order_by(
                        Quotation.id
                    )
                )
            ]

    def links(self) -> dict[tuple[int, int], tuple[str, float, str]]:
        """(quotation, document) -> (kind, score, reason)."""
        with self.store.session() as session:
            return {
                (q, d): (kind, score, reason)
                for q, d, kind, score, reason in session.execute(
                    select(Link.quotation_id, Link.document_id, Link.kind, Link.score, Link.reason)
                )
            }


@pytest.fixture
def newsroom(store: Store) -> Newsroom:
    return Newsroom(store)


@pytest.fixture
def link(store: Store) -> Callable[[], object]:
    """Run the linking job once, as ``onrecord link`` does."""
    from scheduler.linking.job import run_linking

    return lambda: run_linking(store)
