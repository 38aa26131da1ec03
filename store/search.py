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

from sqlalchemy import Connection, text

from store.errors import InvalidQuery
from store.text import normalize_words

FTS_TABLE = "quotation_fts"
FTS_VOCAB = "quotation_fts_vocab"
PG_VECTOR_COLUMN = "search_vector"
PG_VECTOR_INDEX = "ix_quotation_search_vector"
PG_TRIGRAM_INDEX = "ix_quotation_normalized_trgm"

# Similarity floor for fuzzy matches. Calibrated by hand on the test corpus:
# one typo in a 6-10 letter word scores 0.55-0.75 with pg_trgm's
# word_similarity, unrelated words stay below 0.35.
PG_FUZZY_THRESHOLD = 0.5
# SQLite's fuzzy fallback: query words missing from the index are replaced by
# indexed words at most this many edits away (two catches transpositions).
SQLITE_FUZZY_MAX_EDITS = 2
# Words shorter than this are never "corrected": too many neighbours at two edits.
FUZZY_MIN_WORD = 4


def is_search_object(name: str | None, type_: str) -> bool:
    """True for the backend-specific search objects that the models do not declare."""
    if not name:
        return False
    return (
        name.startswith(FTS_TABLE)
        or name in (PG_VECTOR_COLUMN, PG_VECTOR_INDEX, PG_TRIGRAM_INDEX)
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


def to_fts5(parsed: ParsedQuery) -> str:
    """The query as an SQLite FTS5 MATCH expression."""

    def term(t: Term) -> str:
        body = '"' + " ".join(t.words) + '"'
        return body + " *" if t.prefix else body

    ors = []
    for group in parsed.groups:
        positive = " AND ".join(term(t) for t in group if not t.negated)
        negative = "".join(f" NOT {term(t)}" for t in group if t.negated)
        ors.append(f"({positive}{negative})")
    return " OR ".join(ors)


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


def sqlite_fuzzy_rewrite(conn: Connection, parsed: ParsedQuery) -> ParsedQuery | None:
    """Replace each word the index does not hold by the nearest indexed word.

    Nearest = fewest edits (at most SQLITE_FUZZY_MAX_EDITS), then the most
    quotations. Returns None when no word changed (fuzzy has nothing to add).
    """
    from rapidfuzz import process
    from rapidfuzz.distance import Levenshtein

    def known(word: str) -> bool:
        sql = f"SELECT 1 FROM {FTS_VOCAB} WHERE term = :w"
        return conn.execute(text(sql), {"w": word}).first() is not None

    def nearest(word: str) -> str | None:
        # Candidates share the first letter: a bounded, ordered slice of the vocabulary.
        rows = conn.execute(
            text(f"SELECT term, doc FROM {FTS_VOCAB} WHERE term >= :lo AND term < :hi"),
            {"lo": word[0], "hi": chr(ord(word[0]) + 1)},
        ).all()
        docs = dict(rows)
        hits = process.extract(
            word,
            list(docs),
            scorer=Levenshtein.distance,
            score_cutoff=SQLITE_FUZZY_MAX_EDITS,
            limit=None,
        )
        if not hits:
            return None
        return min(hits, key=lambda h: (h[1], -docs[h[0]]))[0]

    changed = False

    def rewrite(t: Term) -> Term:
        nonlocal changed
        if t.negated or t.prefix:
            return t
        words = []
        for w in t.words:
            alt = None if len(w) < FUZZY_MIN_WORD or known(w) else nearest(w)
            changed = changed or alt is not None
            words.append(alt or w)
        return Term(tuple(words))

    groups = tuple(tuple(rewrite(t) for t in group) for group in parsed.groups)
    return ParsedQuery(groups) if changed else None
