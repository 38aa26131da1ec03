"""Full-text search over quotations, one query language on both backends.

SQLite: an FTS5 table over ``quotation.normalized`` kept in step by triggers.
PostgreSQL: a generated ``tsvector`` column with a GIN index, and a trigram
index (pg_trgm) for fuzzy matching. Both index the folded words
(store.text.normalize_words) and queries are folded the same way, so case and
accents never matter and both backends agree on what matches.

Query language (what users type):
  words         all must appear             peace corridor
  "a phrase"    these words in this order   "Karabakh is Azerbaijan"
  -word         must not appear             peace -war   (also -"a phrase")
  pre*          a word starting with "pre"  negotiat*
  OR            either side                 ceasefire OR truce
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Float,
    FromClause,
    Integer,
    column,
    func,
    literal_column,
    table,
    text,
)

from store.errors import InvalidQuery
from store.models import Quotation
from store.text import normalize_words

FTS_TABLE = "quotation_fts"  # columns: normalized, speaker_id
FTS_VOCAB = "quotation_fts_vocab"
FTS_INSERT_TRIGGER = "quotation_fts_ai"
PG_VECTOR_COLUMN = "search_vector"
PG_VECTOR_INDEX = "ix_quotation_search_vector"
PG_WORD_TABLE = "search_word"  # every indexed word once, trigram-indexed for fuzzy search

# Ranking scores every match (bm25, ts_rank): a word in 30,000 quotations
# costs 30 ms on SQLite and well over 100 ms on PostgreSQL, whose heap is
# read for each. Beyond this many matches the newest this many are ranked and
# the total is given as "more than". Calibrated with bench/search.py at 1M
# quotations on 2 cores: 2,000 keeps the p95 of word queries under 50 ms on
# both backends.
RANK_WINDOW = 500

# Fuzzy fallback (both backends): a query word that no quotation holds is
# replaced by the nearest word that some quotation holds: fewest edits, at most
# FUZZY_MAX_EDITS (two catches a transposition), then the most similar.
FUZZY_MAX_EDITS = 2
# Words shorter than this are never "corrected": too many neighbours at two edits.
FUZZY_MIN_WORD = 4
# PostgreSQL: candidates are the vocabulary words at least this trigram-similar
# (pg_trgm); one typo in a 6-10 letter word scores 0.3-0.6.
PG_CANDIDATE_SIMILARITY = 0.25


def is_search_object(name: str | None, type_: str) -> bool:
    """True for the backend-specific search objects that the models do not declare."""
    if not name:
        return False
    return (
        name.startswith(FTS_TABLE)
        or name.startswith(PG_WORD_TABLE)
        or name in (PG_VECTOR_COLUMN, PG_VECTOR_INDEX, "ix_search_word_trgm")
        or (type_ == "table" and name.startswith("sqlite_"))
    )


# ------------------------------------------------------------------ query language


@dataclass(frozen=True)
class Term:
    """One item of a query: a word, a prefix or a phrase (several words in order)."""

    words: tuple[str, ...]
    prefix: bool = False
    negated: bool = False


@dataclass(frozen=True)
class ParsedQuery:
    """A disjunction (OR) of conjunctions (AND) of terms."""

    groups: tuple[tuple[Term, ...], ...] = field(default_factory=tuple)

    @property
    def words(self) -> list[str]:
        return [w for g in self.groups for t in g if not t.negated for w in t.words]


_OPEN_QUOTES = '"“”„«»「」'
_TOKEN = re.compile(
    r"""(?P<neg>-)?(?:[\"“„«「](?P<phrase>[^\"“”„«»「」]*)[\"”“»」]?|(?P<word>[^\s\"“”„«»「」]+))"""
)


def parse_query(query: str) -> ParsedQuery:
    """Parse the user's query; raise InvalidQuery when nothing is left to look for."""
    groups: list[list[Term]] = [[]]
    for match in _TOKEN.finditer(query):
        raw_word = match.group("word")
        if raw_word is not None and raw_word == "OR":
            if groups[-1]:
                groups.append([])
            continue
        negated = bool(match.group("neg"))
        if raw_word is not None:
            prefix = raw_word.endswith("*")
            folded = tuple(normalize_words(raw_word.rstrip("*")).split())
            if not folded:
                continue
            # "so-called" folds to two words: look for them as a phrase.
            groups[-1].append(Term(folded, prefix=prefix and len(folded) == 1, negated=negated))
        else:
            folded = tuple(normalize_words(match.group("phrase") or "").split())
            if folded:
                groups[-1].append(Term(folded, negated=negated))
    cleaned = tuple(tuple(g) for g in groups if any(not t.negated for t in g))
    if not cleaned:
        raise InvalidQuery(
            f"nothing to search for in {query!r}: give at least one word "
            '(words, "a phrase", -excluded, prefix*, OR)'
        )
    return ParsedQuery(cleaned)


def to_fts5(parsed: ParsedQuery, speaker_ids: list[int] | None = None) -> str:
    """The query as an SQLite FTS5 MATCH expression on the ``normalized`` column.

    With ``speaker_ids``, only quotations of those speakers (the index's
    ``speaker_id`` column) match.
    """

    def term(t: Term) -> str:
        body = '"' + " ".join(t.words) + '"'
        return body + " *" if t.prefix else body

    ors = []
    for group in parsed.groups:
        positive = " AND ".join(term(t) for t in group if not t.negated)
        negative = "".join(f" NOT {term(t)}" for t in group if t.negated)
        ors.append(f"({positive}{negative})")
    expression = "normalized : (" + " OR ".join(ors) + ")"
    if speaker_ids is not None:
        speakers = " OR ".join(f'"{i}"' for i in speaker_ids) or '"none"'
        expression += f" AND speaker_id : ({speakers})"
    return expression


def to_tsquery(parsed: ParsedQuery) -> str:
    """The query as a PostgreSQL tsquery (for ``to_tsquery('simple', ...)``)."""

    def term(t: Term) -> str:
        body = " <-> ".join(f"'{w}'" for w in t.words)
        if t.prefix:
            body += ":*"
        if len(t.words) > 1:
            body = f"({body})"
        return f"!{body}" if t.negated else body

    return " | ".join("(" + " & ".join(term(t) for t in group) + ")" for group in parsed.groups)


# ----------------------------------------------------------------- fuzzy fallbacks


def _nearest(word: str, candidates: list[str]) -> str | None:
    from rapidfuzz import process
    from rapidfuzz.distance import Levenshtein

    hits = process.extract(
        word, candidates, scorer=Levenshtein.distance, score_cutoff=FUZZY_MAX_EDITS, limit=None
    )
    if not hits:
        return None
    # fewest edits, then the candidate order (most frequent / most similar first)
    return min(hits, key=lambda h: (h[1], h[2]))[0]


def _sqlite_known(conn: Connection, word: str) -> bool:
    sql = f"SELECT 1 FROM {FTS_VOCAB} WHERE term = :w AND col = 'normalized'"
    return conn.execute(text(sql), {"w": word}).first() is not None


def _sqlite_candidates(conn: Connection, word: str) -> list[str]:
    # Same first letter: a bounded, ordered slice of the vocabulary, most quoted first.
    rows = conn.execute(
        text(
            f"SELECT term FROM {FTS_VOCAB} WHERE term >= :lo AND term < :hi "
            "AND col = 'normalized' ORDER BY doc DESC"
        ),
        {"lo": word[0], "hi": chr(ord(word[0]) + 1)},
    ).scalars()
    return list(rows)


def _postgresql_known(conn: Connection, word: str) -> bool:
    sql = f"SELECT 1 FROM {PG_WORD_TABLE} WHERE word = :w"
    return conn.execute(text(sql), {"w": word}).first() is not None


def _postgresql_candidates(conn: Connection, word: str) -> list[str]:
    conn.execute(text(f"SET LOCAL pg_trgm.similarity_threshold = {PG_CANDIDATE_SIMILARITY}"))
    rows = conn.execute(
        text(
            f"SELECT word FROM {PG_WORD_TABLE} WHERE word % :w "
            "ORDER BY similarity(word, :w) DESC LIMIT 200"
        ),
        {"w": word},
    ).scalars()
    return list(rows)


def fuzzy_rewrite(conn: Connection, parsed: ParsedQuery) -> ParsedQuery | None:
    """The query with each unknown word replaced by its nearest known word.

    None when no word changed (then a fuzzy search has nothing to add).
    """
    postgres = conn.dialect.name == "postgresql"
    known = _postgresql_known if postgres else _sqlite_known
    candidates = _postgresql_candidates if postgres else _sqlite_candidates
    changed = False

    def rewrite(t: Term) -> Term:
        nonlocal changed
        if t.negated or t.prefix:
            return t
        words = []
        for w in t.words:
            alt = None
            if len(w) >= FUZZY_MIN_WORD and not known(conn, w):
                alt = _nearest(w, candidates(conn, w))
            changed = changed or alt is not None
            words.append(alt or w)
        return Term(tuple(words))

    groups = tuple(tuple(rewrite(t) for t in group) for group in parsed.groups)
    return ParsedQuery(groups) if changed else None


# --------------------------------------------------------------- SQL per backend


@dataclass
class Match:
    """The quotations matching a query on one backend, as SQL pieces.

    ``id`` and ``score`` (higher is better) are columns of ``source``; when
    ``source`` is not the quotation table itself, filters on quotations need
    a join on ``id``.
    """

    source: FromClause
    id: ColumnElement[int]
    score: ColumnElement[float]
    condition: ColumnElement[bool]
    is_quotation_table: bool


def sqlite_match(parsed: ParsedQuery, speaker_ids: list[int] | None) -> Match:
    fts = table(FTS_TABLE, column("rowid", Integer))
    return Match(
        source=fts,
        id=fts.c.rowid,
        # bm25 is lower-is-better; the speaker column weighs nothing in the score.
        score=-literal_column(f"bm25({FTS_TABLE}, 1.0, 0.0)", Float),
        condition=literal_column(FTS_TABLE).op("MATCH")(to_fts5(parsed, speaker_ids)),
        is_quotation_table=False,
    )


def postgresql_match(parsed: ParsedQuery) -> Match:
    query = func.to_tsquery(literal_column("'simple'::regconfig"), to_tsquery(parsed))
    vector: ColumnElement[Any] = literal_column(f"quotation.{PG_VECTOR_COLUMN}")
    return Match(
        source=Quotation.__table__,  # type: ignore[arg-type]
        id=Quotation.__table__.c.id,
        score=func.ts_rank_cd(vector, query, 1, type_=Float),
        condition=vector.op("@@")(query),
        is_quotation_table=True,
    )
