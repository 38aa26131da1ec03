"""Recording quotations: each appearance is an Occurrence of one Quotation.

Occurrences with the same normalised words and the same speaker share one
Quotation (exact grouping; near matches are the linking job's work). A
quotation's ``first_said_at`` is its earliest occurrence.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from types import SimpleNamespace
from typing import Any

from sqlalchemy import Table, bindparam, func, insert, or_, select, tuple_, update
from sqlalchemy.orm import Session

from store.bulk import insert_rows
from store.models import DocumentVersion, Occurrence, OccurrenceCoSpeaker, Quotation, Speaker
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
    co_speaker_ids: tuple[int, ...] = ()  # the others of a joint statement


def norm_hash(normalized: str) -> str:
    return hashlib.sha1(normalized.encode("utf-8")).hexdigest()


QUOTATION: Table = Quotation.__table__  # type: ignore[assignment]
_ROW_COLUMNS = (
    Quotation.id,
    Quotation.norm_hash,
    Quotation.speaker_id,
    Quotation.text,
    Quotation.first_said_at,
    Quotation.first_said_precision,
)


def _row(values: Any) -> SimpleNamespace:
    id_, digest, speaker_id, text, said, precision = values
    return SimpleNamespace(
        id=id_,
        norm_hash=digest,
        speaker_id=speaker_id,
        text=text,
        first_said_at=said,
        first_said_precision=precision,
        changed=False,
    )


class _SameWords:
    """Existing quotations with the words of a document's quotations, for choosing.

    Only what a choice needs is loaded, as plain rows: each speaker's own
    quotation of those words, and for unattributed words how many quotations
    share them (a slogan chanted by a thousand people must not load a
    thousand rows).
    """

    def __init__(self, session: Session, keyed: list[tuple[int | None, str]]) -> None:
        self.by_speaker: dict[tuple[str, int], SimpleNamespace] = {}
        self.count: dict[str, int] = {}  # quotations per words (unattributed words only)
        self.only: dict[str, SimpleNamespace] = {}  # the one quotation of those words, if one
        self.nobody: dict[str, SimpleNamespace] = {}  # the speaker-less quotation of those words
        attributed = {(h, s) for s, h in keyed if s is not None}
        if attributed:
            pairs = tuple_(Quotation.norm_hash, Quotation.speaker_id)
            for values in session.execute(select(*_ROW_COLUMNS).where(pairs.in_(attributed))):
                row = _row(values)
                self.by_speaker[(row.norm_hash, row.speaker_id)] = row
        unattributed = {h for s, h in keyed if s is None}
        if unattributed:
            firsts = {}
            for digest, count, first in session.execute(
                select(Quotation.norm_hash, func.count(), func.min(Quotation.id))
                .where(Quotation.norm_hash.in_(unattributed))
                .group_by(Quotation.norm_hash)
            ).all():
                self.count[digest] = count
                firsts[first] = digest
            wanted = or_(
                Quotation.id.in_([i for i, d in firsts.items() if self.count[d] == 1]),
                (Quotation.norm_hash.in_(unattributed) & Quotation.speaker_id.is_(None)),
            )
            for values in session.execute(select(*_ROW_COLUMNS).where(wanted)):
                row = _row(values)
                if self.count.get(row.norm_hash) == 1:
                    self.only[row.norm_hash] = row
                if row.speaker_id is None:
                    self.nobody[row.norm_hash] = row

    def choose(self, digest: str, speaker_id: int | None) -> SimpleNamespace | None:
        """The quotation these words of this speaker join, or None for a new one.

        Unattributed words join the only quotation of those words (whoever
        said them), else the existing unattributed one: never a guess between
        two speakers.
        """
        if speaker_id is not None:
            return self.by_speaker.get((digest, speaker_id))
        if self.count.get(digest, 0) == 1:
            return self.only[digest]
        return self.nobody.get(digest)

    def add(self, quotation: SimpleNamespace) -> None:
        digest = quotation.norm_hash
        if quotation.speaker_id is not None:
            self.by_speaker[(digest, quotation.speaker_id)] = quotation
        else:
            self.nobody[digest] = quotation
        self.count[digest] = self.count.get(digest, 0) + 1
        if self.count[digest] == 1:
            self.only[digest] = quotation


def add_occurrences(
    session: Session,
    version: DocumentVersion,
    items: list[tuple[OccurrenceInput, int | None]],
) -> list[Occurrence | OccurrenceRef]:
    """Record ``items`` (each with its speaker's id, or None) in ``version``."""
    return record_occurrences(session, [(version, item, speaker) for item, speaker in items])


@dataclass
class OccurrenceRef:
    """An occurrence written in bulk: what callers read of it."""

    id: int
    quotation_id: int


_QUOTATION_FIELDS = (
    "text",
    "normalized",
    "norm_hash",
    "speaker_id",
    "lang",
    "first_said_at",
    "first_said_precision",
)


def record_occurrences(
    session: Session,
    entries: list[tuple[Any, OccurrenceInput, int | None]],
) -> list[Occurrence | OccurrenceRef]:
    """Record quotations found in versions, each with its speaker's id (or None).

    ``entries``: (version, occurrence, speaker id); a version is anything with
    ``id`` and ``document_id`` (a DocumentVersion or a VersionRef). A few
    queries and Core inserts for any number of entries, so that a crawl stores
    a batch of documents at once. The same span recorded twice is the same
    occurrence; the same words of the same speaker, here or in any earlier
    document, are the same quotation.
    """
    if not entries:
        return []
    session.flush()
    existing: dict[tuple[int, int], Occurrence | OccurrenceRef] = {
        (o.version_id, o.start): o
        for o in session.scalars(
            select(Occurrence).where(
                Occurrence.version_id.in_({version.id for version, _, _ in entries})
            )
        )
    }
    keyed = [
        (version, item, speaker_id, normalize_words(item.text))
        for version, item, speaker_id in entries
        if (version.id, item.start) not in existing
    ]
    same_words = _SameWords(session, [(s, norm_hash(n)) for _, _, s, n in keyed])
    new_quotations: list[Any] = []
    chosen: list[tuple[Any, OccurrenceInput, int | None, Any]] = []
    for version, item, speaker_id, normalized in keyed:
        digest = norm_hash(normalized)
        quotation = same_words.choose(digest, speaker_id)
        if quotation is None:
            quotation = SimpleNamespace(
                id=None,
                text=item.text,
                normalized=normalized,
                norm_hash=digest,
                speaker_id=speaker_id,
                lang=item.lang,
                first_said_at=item.said_at,
                first_said_precision=item.said_precision,
            )
            new_quotations.append(quotation)
            same_words.add(quotation)
        elif item.said_at is not None and (
            quotation.first_said_at is None or item.said_at < quotation.first_said_at
        ):
            quotation.first_said_at = item.said_at
            quotation.first_said_precision = item.said_precision
            quotation.text = item.text
            quotation.changed = quotation.id is not None  # a stored one: update it below
        chosen.append((version, item, speaker_id, quotation))
    connection = session.connection()
    earlier = {id(q): q for _, _, _, q in chosen if getattr(q, "changed", False)}
    if earlier:
        connection.execute(
            update(QUOTATION)
            .where(QUOTATION.c.id == bindparam("qid"))
            .values(
                first_said_at=bindparam("said"),
                first_said_precision=bindparam("precision"),
                text=bindparam("words"),
            ),
            [
                {
                    "qid": q.id,
                    "said": q.first_said_at,
                    "precision": q.first_said_precision,
                    "words": q.text,
                }
                for q in earlier.values()
            ],
        )
    ids = insert_rows(
        connection,
        Quotation,
        [{k: getattr(q, k) for k in _QUOTATION_FIELDS} for q in new_quotations],
        fts_in_one_statement=False,  # a crawl's batch is small: the per-row trigger is right
    )
    for quotation, quotation_id in zip(new_quotations, ids, strict=True):
        quotation.id = quotation_id
    rows = []
    for version, item, speaker_id, quotation in chosen:
        key = (version.id, item.start)
        if key in existing:  # the same span twice in one call
            continue
        row = {
            "quotation_id": quotation.id,
            "document_id": version.document_id,
            "version_id": version.id,
            "start": item.start,
            "end": item.end,
            "text": item.text,
            "speaker_id": speaker_id,
            "speaker_mention": item.speaker_mention,
            "cue": item.cue,
            "confidence": item.confidence,
            "context": item.context,
            "said_at": item.said_at,
            "said_precision": item.said_precision,
            "kind": item.kind,
        }
        rows.append(row)
        existing[key] = OccurrenceRef(0, quotation.id)
    for row, occurrence_id in zip(rows, insert_rows(connection, Occurrence, rows), strict=True):
        existing[(row["version_id"], row["start"])] = OccurrenceRef(
            occurrence_id, row["quotation_id"]
        )
    joint = {
        (existing[(version.id, item.start)].id, other)
        for version, item, speaker_id, _ in chosen
        for other in item.co_speaker_ids
        if other != speaker_id and existing[(version.id, item.start)].id
    }
    if joint:
        connection.execute(
            insert(OccurrenceCoSpeaker),
            [{"occurrence_id": o, "speaker_id": s} for o, s in sorted(joint)],
        )
    return [existing[(version.id, item.start)] for version, item, _ in entries]


def add_occurrence(
    session: Session,
    version: DocumentVersion,
    item: OccurrenceInput,
    speaker: Speaker | None,
) -> Occurrence:
    """Record one ``item`` in ``version`` (see add_occurrences)."""
    return add_occurrences(session, version, [(item, speaker.id if speaker else None)])[0]  # type: ignore[return-value]
