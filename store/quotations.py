"""Recording quotations: each appearance is an Occurrence of one Quotation.

Occurrences with the same normalised words and the same speaker share one
Quotation (exact grouping; near matches are the linking job's work). A
quotation's ``first_said_at`` is its earliest occurrence.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from store.models import DocumentVersion, Occurrence, Quotation, Speaker
from store.text import normalize_words


@dataclass
class OccurrenceInput:
    """One quotation found in one version of a document (by the parser)."""

    start: int
    end: int
    text: str
    context: str | None = None
    speaker_mention: str | None = None
    cue: str | None = None
    confidence: float = 1.0
    said_at: datetime | None = None
    said_precision: str | None = None
    kind: str | None = None
    lang: str | None = None


def norm_hash(normalized: str) -> str:
    return hashlib.sha1(normalized.encode("utf-8")).hexdigest()


def find_quotation(session: Session, normalized: str, speaker: Speaker | None) -> Quotation | None:
    """The quotation these words belong to.

    With a speaker: that speaker's quotation of these words. Without one
    (an unattributed report), the words' quotation when only one speaker said
    them; never a guess between two.
    """
    stmt = select(Quotation).where(Quotation.norm_hash == norm_hash(normalized))
    if speaker is not None:
        return session.scalar(stmt.where(Quotation.speaker_id == speaker.id).limit(1))
    found = session.scalars(stmt.limit(2)).all()
    return found[0] if len(found) == 1 else None


def add_occurrence(
    session: Session,
    version: DocumentVersion,
    item: OccurrenceInput,
    speaker: Speaker | None,
) -> Occurrence:
    """Record ``item`` in ``version`` (once: the same span twice is the same occurrence)."""
    existing = session.scalar(
        select(Occurrence).where(
            Occurrence.version_id == version.id, Occurrence.start == item.start
        )
    )
    if existing is not None:
        return existing
    normalized = normalize_words(item.text)
    quotation = find_quotation(session, normalized, speaker)
    if quotation is None:
        quotation = Quotation(
            text=item.text,
            normalized=normalized,
            norm_hash=norm_hash(normalized),
            speaker=speaker,
            lang=item.lang,
            first_said_at=item.said_at,
            first_said_precision=item.said_precision,
        )
        session.add(quotation)
    elif item.said_at is not None and (
        quotation.first_said_at is None or item.said_at < quotation.first_said_at
    ):
        quotation.first_said_at = item.said_at
        quotation.first_said_precision = item.said_precision
        quotation.text = item.text
    occurrence = Occurrence(
        quotation=quotation,
        document_id=version.document_id,
        version=version,
        start=item.start,
        end=item.end,
        text=item.text,
        speaker=speaker,
        speaker_mention=item.speaker_mention,
        cue=item.cue,
        confidence=item.confidence,
        context=item.context,
        said_at=item.said_at,
        said_precision=item.said_precision,
        kind=item.kind,
    )
    session.add(occurrence)
    session.flush()
    return occurrence
