"""Which quotations are near duplicates of each other: candidates, verdicts, groups.

Pure: takes quotation rows, returns groups to merge (scheduler.linking.merging
applies them). Never all pairs: a quotation is compared only with those that
share enough of its word pairs (bigrams), looked up in an inverted index
keyed by speaker and word pair, so that the work grows with the number of
quotations, not its square. An exact shingle index fits better than
MinHash-LSH here: a fragment shares *all* its shingles with the full
sentence but few of the sentence's (low Jaccard, full containment), and
the index has no false negatives for pairs that share a rare shingle.

Rules (see scheduler.linking.compare for what "same" means):

- two speakers' words are never merged;
- an unattributed quotation joins a named one only when all its matches
  point to one group of one speaker, said within a year of it;
- a part joins the fuller quotation it is taken from when it is not older
  than it (else it is a statement of its own) and when it is a part of one
  group only (a set phrase found in two speeches stays on its own);
- the surviving quotation of a group is the speaker's own wording: the
  earliest one found in an official source (Source.role "statements"), else
  the fullest one reported; its id and text are kept, the others' occurrences
  move to it.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cached_property

from scheduler.linking import thresholds as T
from scheduler.linking.compare import Verdict, Wording, compare
from scheduler.linking.words import bigrams, name_words, trigrams

_NEVER = datetime.max.replace(tzinfo=UTC)


@dataclass
class QuoteRow:
    """What grouping needs of a quotation."""

    id: int
    speaker_id: int | None
    text: str
    normalized: str
    said_at: datetime | None
    official: bool = False  # has an occurrence in an official source

    @cached_property
    def words(self) -> tuple[str, ...]:
        return tuple(self.normalized.split())

    @cached_property
    def wording(self) -> Wording:
        return Wording(self.words, name_words(self.text))

    @cached_property
    def shingles(self) -> set[tuple[str, ...]]:
        """Word pairs: to find one speaker's near duplicates."""
        return set(bigrams(self.words)) if len(self.words) > 1 else {self.words}

    @cached_property
    def triples(self) -> set[tuple[str, ...]]:
        """Word triples: to find near duplicates across speakers (rarer than pairs)."""
        return set(trigrams(self.words)) if len(self.words) > 2 else {self.words}


@dataclass
class Match:
    """Two quotations judged the same: ``part`` is inside ``whole`` for parts."""

    a: QuoteRow
    b: QuoteRow
    verdict: Verdict

    @property
    def is_part(self) -> bool:
        return self.verdict.relation == "part"


@dataclass
class MergeGroup:
    """Quotations that are one: the survivor keeps its id, the others are merged into it."""

    survivor: QuoteRow
    merged: list[QuoteRow]
    reasons: list[str] = field(default_factory=list)


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[int, int] = {}

    def find(self, x: int) -> int:
        root = x
        while self.parent.get(root, root) != root:
            root = self.parent[root]
        while x != root:
            self.parent[x], x = root, self.parent.get(x, x)
        return root

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _key(*parts: object) -> int:
    # Hashes, not tuples, as keys: a third of the memory at 100k quotations;
    # a collision only adds a candidate that the comparison then rejects.
    return hash(parts)


def _enough(count: int, fewest: int) -> bool:
    return count >= max(1, math.ceil(T.GROUPING_MIN_SHARED_SHINGLES * fewest))


def candidate_pairs(
    touched: Sequence[QuoteRow], universe: Sequence[QuoteRow]
) -> Iterable[tuple[QuoteRow, QuoteRow]]:
    """Pairs (touched, other) that share enough shingles and may be one speaker's.

    ``touched`` are the quotations new or changed since the last run; each
    is compared with the quotations of ``universe`` (which holds them too):
    its speaker's, by word pairs (short postings: one speaker's quotations),
    and unattributed ones (or, for an unattributed one, everybody's) by word
    triples, whose postings stay short across speakers too.
    """
    by_speaker: dict[int, list[int]] = defaultdict(list)
    for i, row in enumerate(universe):
        if row.speaker_id is not None:
            for shingle in row.shingles:
                by_speaker[_key(row.speaker_id, shingle)].append(i)
    anybody = any(row.speaker_id is None for row in touched)
    across: dict[int, list[int]] = defaultdict(list)
    for i, row in enumerate(universe):
        if anybody or row.speaker_id is None:
            for triple in row.triples:
                across[_key(triple)].append(i)
    seen: set[tuple[int, int]] = set()
    for row in touched:
        pairs: Counter[int] = Counter()
        triples: Counter[int] = Counter()
        if row.speaker_id is not None:
            for shingle in row.shingles:
                posting = by_speaker.get(_key(row.speaker_id, shingle), ())
                if len(posting) <= T.GROUPING_MAX_POSTING:
                    pairs.update(posting)
        for triple in row.triples:
            posting = across.get(_key(triple), ())
            if len(posting) <= T.GROUPING_MAX_POSTING_ACROSS:
                triples.update(
                    i for i in posting if row.speaker_id is None or universe[i].speaker_id is None
                )
        for counts, shingles in ((pairs, "shingles"), (triples, "triples")):
            for i, count in counts.items():
                other = universe[i]
                pair = (min(row.id, other.id), max(row.id, other.id))
                if other.id == row.id or pair in seen:
                    continue
                fewest = min(len(getattr(row, shingles)), len(getattr(other, shingles)))
                if _enough(count, fewest):
                    seen.add(pair)
                    yield row, other


def judge(a: QuoteRow, b: QuoteRow) -> Match | None:
    """The match between two quotations, or None when they are two quotations."""
    if a.speaker_id is not None and b.speaker_id is not None and a.speaker_id != b.speaker_id:
        return None
    if (
        (a.speaker_id is None) != (b.speaker_id is None)
        and a.said_at
        and b.said_at
        and abs(a.said_at - b.said_at) > T.UNATTRIBUTED_WINDOW
    ):
        return None  # unattributed words a year apart: no telling whose they are
    short, long_ = (a, b) if len(a.words) <= len(b.words) else (b, a)
    verdict = compare(short.wording, long_.wording)
    if not verdict.same:
        return None
    if (
        verdict.relation == "part"
        and short.said_at
        and long_.said_at
        and short.said_at < long_.said_at - T.PART_EARLY_SLACK
    ):
        return None  # said before the fuller wording: a statement of its own
    return Match(short, long_, verdict)


def _survivor_order(row: QuoteRow) -> tuple[object, ...]:
    """Named before unattributed; the earliest official wording; else the fullest."""
    if row.official:
        return (row.speaker_id is None, 0, row.said_at or _NEVER, -len(row.words), row.id)
    return (row.speaker_id is None, 1, -len(row.words), row.said_at or _NEVER, row.id)


def build_groups(rows: dict[int, QuoteRow], matches: list[Match]) -> list[MergeGroup]:
    """Merge groups from pairwise matches, keeping speakers apart and parts unambiguous."""
    sets = _UnionFind()
    named_links: dict[int, set[int]] = defaultdict(set)  # unattributed row -> named rows
    parts: dict[int, set[int]] = defaultdict(set)  # part row -> whole rows (same speaker)
    reasons: dict[int, str] = {}
    for m in matches:
        a, b = m.a, m.b
        if (a.speaker_id is None) != (b.speaker_id is None):
            unattributed, named = (a, b) if a.speaker_id is None else (b, a)
            if m.is_part and unattributed is b:
                continue  # a named fragment never pulls in an unattributed whole
            named_links[unattributed.id].add(named.id)
            reasons[unattributed.id] = m.verdict.reason
        elif m.is_part:
            parts[a.id].add(b.id)
            reasons[a.id] = m.verdict.reason
        else:
            sets.union(a.id, b.id)
            reasons[max(a.id, b.id)] = m.verdict.reason
    # Longest parts first, so that a part of a part finds one whole.
    for part_id in sorted(parts, key=lambda i: -len(rows[i].words)):
        wholes = {sets.find(w) for w in parts[part_id]} - {sets.find(part_id)}
        if len(wholes) == 1:
            sets.union(part_id, wholes.pop())
    # An unattributed group joins the one named group that all its matches point to.
    by_root: dict[int, set[int]] = defaultdict(set)
    for unattributed_id, named_ids in named_links.items():
        by_root[sets.find(unattributed_id)].update(sets.find(n) for n in named_ids)
    for root, named_roots in by_root.items():
        if len(named_roots) == 1:
            sets.union(root, named_roots.pop())
    members: dict[int, list[QuoteRow]] = defaultdict(list)
    for row_id in rows:
        members[sets.find(row_id)].append(rows[row_id])
    groups = []
    for group in members.values():
        if len(group) < 2:
            continue
        speakers = {r.speaker_id for r in group if r.speaker_id is not None}
        assert len(speakers) <= 1, f"grouping crossed speakers: {sorted(r.id for r in group)}"
        group.sort(key=_survivor_order)
        groups.append(MergeGroup(group[0], group[1:], [reasons.get(r.id, "") for r in group[1:]]))
    return groups


def find_matches(touched: Sequence[QuoteRow], universe: Sequence[QuoteRow]) -> list[Match]:
    """Every near-duplicate pair that a touched quotation is part of."""
    return [m for a, b in candidate_pairs(touched, universe) if (m := judge(a, b))]
