"""Writing links: new ones added, better evidence replacing weaker, nothing else touched.

A link is rewritten only when the new evidence is of a stronger kind
(reports over covers) or the same kind with a higher score, so running the
job again on the same data writes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import Table, bindparam, select, update
from sqlalchemy.orm import Session

from scheduler.linking.batches import chunks
from scheduler.linking.evidence import KIND_RANK, Found
from store.bulk import insert_rows
from store.models import Link, utcnow

# Scores are rounded to 4 places; a difference below this is no improvement.
SCORE_EPSILON = 1e-6
LINK: Table = Link.__table__  # type: ignore[assignment]  # Core: executemany UPDATE


@dataclass
class SavedLinks:
    added: dict[str, int] = field(default_factory=lambda: {"reports": 0, "covers": 0})
    updated: int = 0


def best_per_pair(found: Iterable[Found]) -> dict[tuple[int, int], Found]:
    """One link per (quotation, article): the strongest evidence."""
    best: dict[tuple[int, int], Found] = {}
    for f in found:
        key = (f.quotation_id, f.document_id)
        if key not in best or f.better_than(best[key]):
            best[key] = f
    return best


def save_links(session: Session, found: Iterable[Found]) -> SavedLinks:
    """Add and upgrade links for ``found`` (in the caller's transaction)."""
    best = best_per_pair(found)
    saved = SavedLinks()
    if not best:
        return saved
    existing: dict[tuple[int, int], tuple[int, str, float]] = {}
    for batch in chunks(sorted({q for q, _ in best})):
        for link_id, qid, doc_id, kind, score in session.execute(
            select(Link.id, Link.quotation_id, Link.document_id, Link.kind, Link.score).where(
                Link.quotation_id.in_(batch)
            )
        ):
            existing[(qid, doc_id)] = (link_id, kind, score)
    now = utcnow()
    new_rows = []
    upgrades = []
    for key, f in best.items():
        old = existing.get(key)
        if old is None:
            new_rows.append(
                {
                    "quotation_id": f.quotation_id,
                    "document_id": f.document_id,
                    "kind": f.kind,
                    "score": f.score,
                    "reason": f.reason,
                    "created_at": now,
                }
            )
            saved.added[f.kind] = saved.added.get(f.kind, 0) + 1
            continue
        link_id, kind, score = old
        stronger = KIND_RANK[f.kind] > KIND_RANK.get(kind, 0)
        higher = f.kind == kind and f.score > score + SCORE_EPSILON
        if stronger or higher:
            upgrades.append({"link_id": link_id, "k": f.kind, "s": f.score, "r": f.reason})
    for rows in chunks(new_rows, 20000):
        insert_rows(session.connection(), Link, rows)
    if upgrades:
        session.execute(
            update(LINK)
            .where(LINK.c.id == bindparam("link_id"))
            .values(kind=bindparam("k"), score=bindparam("s"), reason=bindparam("r")),
            upgrades,
        )
    saved.updated = len(upgrades)
    return saved
