"""Near-duplicate grouping in the database: load quotations, find groups, merge them.

Merging moves the occurrences of the merged quotations to the survivor,
deletes the merged quotations and their links (the job links the survivor
again in the same run; the search indexes follow through their triggers and
generated columns) and sets the survivor's first said time to its earliest
occurrence. Works in the caller's
transaction, with Core statements: callers holding ORM objects of these
rows should expire them (run_linking does).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import Table, bindparam, case, delete, insert, select, update
from sqlalchemy.orm import Session

from scheduler.linking import thresholds as T
from scheduler.linking.batches import chunks
from scheduler.linking.evidence import merge_intervals
from scheduler.linking.grouping import MergeGroup, QuoteRow, build_groups, find_matches
from store.models import Document, Link, MergedQuotation, Occurrence, Quotation, Source

# Core tables: executemany UPDATEs keyed by other columns than the primary key.
OCCURRENCE: Table = Occurrence.__table__  # type: ignore[assignment]
QUOTATION: Table = Quotation.__table__  # type: ignore[assignment]
MERGED: Table = MergedQuotation.__table__  # type: ignore[assignment]


@dataclass
class GroupingResult:
    """What grouping did: the groups merged and which quotations survive."""

    groups: list[MergeGroup] = field(default_factory=list)
    examined: int = 0

    @property
    def merged_ids(self) -> set[int]:
        return {r.id for g in self.groups for r in g.merged}

    @property
    def survivor_ids(self) -> set[int]:
        return {g.survivor.id for g in self.groups}


def _rows(session: Session, *conditions: object) -> list[QuoteRow]:
    stmt = select(
        Quotation.id,
        Quotation.speaker_id,
        Quotation.text,
        Quotation.normalized,
        Quotation.first_said_at,
    ).order_by(Quotation.id)
    if conditions:
        stmt = stmt.where(*conditions)  # type: ignore[arg-type]
    return [QuoteRow(*row) for row in session.execute(stmt)]


def load_quotations(
    session: Session, ids: Collection[int] | None
) -> tuple[list[QuoteRow], list[QuoteRow]]:
    """(touched, universe): the quotations ``ids`` (None: all) and those they may join.

    A named quotation may join its speaker's quotations and unattributed
    ones; an unattributed one anybody's said within UNATTRIBUTED_WINDOW of it.
    """
    if ids is None:
        rows = _rows(session)
        return rows, rows
    touched = [r for batch in chunks(sorted(ids)) for r in _rows(session, Quotation.id.in_(batch))]
    if not touched:
        return [], []
    speakers = sorted({r.speaker_id for r in touched if r.speaker_id is not None})
    universe = [
        r for batch in chunks(speakers) for r in _rows(session, Quotation.speaker_id.in_(batch))
    ]
    universe += _rows(session, Quotation.speaker_id.is_(None))
    unattributed = [r for r in touched if r.speaker_id is None]
    if any(r.said_at is None for r in unattributed):
        universe = _rows(session)
    else:
        windows = merge_intervals(
            (r.said_at - T.UNATTRIBUTED_WINDOW, r.said_at + T.UNATTRIBUTED_WINDOW)
            for r in unattributed
            if r.said_at is not None
        )
        for lo, hi in windows:
            universe += _rows(
                session,
                Quotation.speaker_id.is_not(None),
                Quotation.first_said_at >= lo,
                Quotation.first_said_at <= hi,
            )
    by_id = {r.id: r for r in universe}
    return [by_id[r.id] for r in touched], list(by_id.values())


def mark_official(session: Session, rows: Iterable[QuoteRow]) -> None:
    """Set ``official`` on rows that have an occurrence in an official source."""
    by_id = {r.id: r for r in rows}
    for batch in chunks(sorted(by_id)):
        official = session.scalars(
            select(Occurrence.quotation_id)
            .join(Document, Occurrence.document_id == Document.id)
            .join(Source, Document.source_id == Source.id)
            .where(Occurrence.quotation_id.in_(batch), Source.role == "statements")
            .distinct()
        )
        for quotation_id in official:
            by_id[quotation_id].official = True


def _drop_links(session: Session, groups: list[MergeGroup]) -> None:
    """Links of the merged quotations go: their reasons speak of other words (a
    fragment "quoted in full"). The survivor is linked again in the same run,
    with its own words, against every article the merged ones had."""
    merged = sorted(r.id for g in groups for r in g.merged)
    for batch in chunks(merged):
        session.execute(delete(Link).where(Link.quotation_id.in_(batch)))


def refresh_first_said(session: Session, quotation_ids: Iterable[int]) -> None:
    """Set first_said_at/precision from the earliest occurrence (an official one wins a tie)."""
    official_first = case((Source.role == "statements", 0), else_=1)
    earliest: dict[int, tuple[datetime | None, str | None]] = {}
    for batch in chunks(sorted(set(quotation_ids))):
        rows = session.execute(
            select(Occurrence.quotation_id, Occurrence.said_at, Occurrence.said_precision)
            .join(Document, Occurrence.document_id == Document.id)
            .outerjoin(Source, Document.source_id == Source.id)
            .where(Occurrence.quotation_id.in_(batch))
            .order_by(
                Occurrence.quotation_id,
                Occurrence.said_at.asc().nulls_last(),
                official_first,
                Occurrence.id,
            )
        )
        for quotation_id, said_at, precision in rows:
            earliest.setdefault(quotation_id, (said_at, precision))
    updates = [
        {"qid": qid, "said": said, "precision": precision}
        for qid, (said, precision) in earliest.items()
        if said is not None
    ]
    if updates:
        session.execute(
            update(QUOTATION)
            .where(QUOTATION.c.id == bindparam("qid"))
            .values(first_said_at=bindparam("said"), first_said_precision=bindparam("precision")),
            updates,
        )


def apply_merges(session: Session, groups: list[MergeGroup]) -> None:
    """Merge each group into its survivor."""
    if not groups:
        return
    _drop_links(session, groups)
    moves = [{"drop": r.id, "keep": g.survivor.id} for g in groups for r in g.merged]
    session.execute(
        update(OCCURRENCE)
        .where(OCCURRENCE.c.quotation_id == bindparam("drop"))
        .values(quotation_id=bindparam("keep")),
        moves,
    )
    # Old ids keep leading to the words (a fact-checker's bookmark, a link in an
    # article): earlier redirects to a merged quotation follow it to the survivor.
    session.execute(
        update(MERGED)
        .where(MERGED.c.into_id == bindparam("drop"))
        .values(into_id=bindparam("keep")),
        moves,
    )
    session.execute(insert(MERGED), [{"id": m["drop"], "into_id": m["keep"]} for m in moves])
    for batch in chunks(sorted(m["drop"] for m in moves)):
        session.execute(delete(Quotation).where(Quotation.id.in_(batch)))
    refresh_first_said(session, (g.survivor.id for g in groups))


def group_quotations(session: Session, touched_ids: Collection[int] | None) -> GroupingResult:
    """Find and merge the near duplicates among ``touched_ids`` (None: all quotations)."""
    touched, universe = load_quotations(session, touched_ids)
    result = GroupingResult(examined=len(touched))
    if not touched:
        return result
    matches = find_matches(touched, universe)
    rows = {r.id: r for m in matches for r in (m.a, m.b)}
    mark_official(session, rows.values())
    result.groups = build_groups(rows, matches)
    apply_merges(session, result.groups)
    return result


def touched_since(session: Session, quotation_id: int, occurrence_id: int) -> set[int]:
    """Quotations created, or given an occurrence, after the watermarks."""
    return set(session.scalars(select(Quotation.id).where(Quotation.id > quotation_id))) | set(
        session.scalars(
            select(Occurrence.quotation_id).where(Occurrence.id > occurrence_id).distinct()
        )
    )
