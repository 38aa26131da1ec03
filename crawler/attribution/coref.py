"""Pronouns and descriptions -> the person or organisation they stand for.

"he added" goes to the most recent compatible named person, preferring the
subject of each sentence (its first name) over later names: in "Caddell went on
to discuss polls showing Trump ahead. He said …", "he" is Caddell. Words inside
quotations are not mentions. A description ("the minister", "the ministry") goes
to the person named with that role, or the organisation with that head word.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from crawler.attribution import cues, mentions, tuning
from crawler.attribution.entities import Registry, name_words
from crawler.attribution.languages import Lexicon
from crawler.attribution.mentions import Mention
from crawler.attribution.tokens import Tok, tokenize
from store.text import fold

_SENTENCE_END = frozenset(".!?\u2026")


class Quotations:
    """Where the document's quotations are, to skip their words when looking for names."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.starts = [s for s, _ in spans]
        self.spans = spans

    def inside(self, at: int) -> bool:
        k = bisect_right(self.starts, at) - 1
        return k >= 0 and self.spans[k][0] <= at < self.spans[k][1]


_QUOTED_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019\u00bb]+\s*$")


def split_sentences(text: str, toks: list[Tok], lex: Lexicon) -> list[list[Tok]]:
    """Split tokens into sentences (and paragraphs): "(R-Ga.) said" does not end one."""
    out: list[list[Tok]] = []
    current: list[Tok] = []
    for k, tok in enumerate(toks):
        if current and (
            "\n" in text[current[-1].end : tok.start]
            or (
                tok.cap
                and _QUOTED_SENTENCE_END.search(
                    text, current[-1].end if current[-1].word else current[-1].start - 1, tok.start
                )
            )
        ):
            # (A quotation left out of the tokens may end its sentence: "… “… weekend.”
            # Weatherby apologized …".)
            out.append(current)
            current = []
        current.append(tok)
        if tok.text in _SENTENCE_END and k + 1 < len(toks):
            nxt = toks[k + 1]
            if (
                mentions.abbreviation_dot(toks, k, lex)
                or not (nxt.cap or not nxt.word)
                or nxt.text in ",;)"  # "Tulsa, Okla., police officer …", "(R-Ga.) said"
            ):
                continue
            out.append(current)
            current = []
    if current:
        out.append(current)
    return out


def resolve_pronoun(
    text: str,
    pronoun: Mention,
    lex: Lexicon,
    registry: Registry,
    quotations: Quotations,
    speakers: dict[str, str],
) -> tuple[str, str] | None:
    """(name, folded key) of the person ``pronoun`` refers to, or None.

    ``speakers`` maps the folded last word of each speaker named so far to the
    name, so that a person quoted before counts even if never named in full.
    In each sentence, from the nearest back, the subject of a reporting verb
    comes first, then the names in order, skipping those after a preposition.
    """
    gender = pronoun.gender
    if gender in ("n", "1", "p"):
        return None  # "it", "I", "they": an organisation, the author, a group
    start = max(0, pronoun.start - tuning.COREF_WINDOW_CHARS)
    toks = [t for t in tokenize(text, start, pronoun.start) if not quotations.inside(t.start)]
    sentences = split_sentences(text, toks, lex)
    if (
        sentences
        and pronoun.key not in lex.subject_pronouns
        and toks[-1].text not in _SENTENCE_END
        and "\n" not in text[toks[-1].end : pronoun.start]
    ):
        # "The Gazette quoted her": an object pronoun is not the subject of its own clause.
        sentences.pop()
    for sentence in reversed(sentences):
        candidates = _candidates(text, sentence, lex, registry, speakers, gender)
        if candidates is None:
            continue  # its subject is the same pronoun: the person is named further back
        if candidates is UNNAMED:
            return None  # "A woman who declined to give her name said …. “…,” she said."
        for name, key in candidates:
            known = registry.gender_of(name) or gender_of_name(name, lex)
            if gender in ("m", "f") and known is not None and known != gender:
                other = registry.namesake(key, gender)
                if other is not None:
                    return other, key  # "Clinton" for "she": Hillary, not Bill
                continue
            return name, key
        subject = cues.sentence_subject(text, sentence, lex)
        if subject is not None and subject.kind == mentions.ROLE:
            # "Le chancelier allemand s'est montré prudent. D'après lui, …": no name, a role.
            holder = registry.holder_of(subject.key, subject.start)
            return (holder or subject.text), subject.key
    return None


# The sentence's speaker is someone unnamed: a pronoun after it is that person.
UNNAMED: list[tuple[str, str]] = []


def _candidates(
    text: str,
    sentence: list[Tok],
    lex: Lexicon,
    registry: Registry,
    speakers: dict[str, str],
    gender: str | None,
) -> list[tuple[str, str]] | None:
    """People a sentence names, the subject of its reporting verb first.

    None when that subject is a pronoun of the same gender: the sentence continues
    a chain ("She says … Alicia Machado …. She tweeted") whose person is earlier.
    """
    found: list[tuple[str, str]] = []
    later: list[tuple[str, str]] = []
    for k in range(1, len(sentence)):
        if cues.verb_end(sentence, k, lex) >= 0:
            subject = cues.subject_before(text, sentence, k, lex)
            known = subject is not None and (
                " " in subject.text or subject.key in registry.people or subject.key in speakers
            )
            if subject is not None and subject.kind == mentions.NAME and known:
                # (A lone unknown capitalised word, "Delegates questioned", is no one yet.)
                found.append((registry.fullest(subject.text, subject.start), subject.key))
            elif subject is not None and subject.kind == mentions.ANONYMOUS:
                return UNNAMED
            elif (
                subject is not None
                and subject.kind == mentions.PRONOUN
                and (subject.gender == gender)
                and not _named_before(sentence, subject.start, lex, registry, speakers)
            ):
                return None
            break
    k = 0
    n = len(sentence)
    while k < n:
        if not sentence[k].cap:
            k += 1
            continue
        first = k  # a run of capitalised words: its last word names the person
        while k + 1 < n and (
            sentence[k + 1].cap or mentions.abbreviation_dot(sentence, k + 1, lex)
        ):
            k += 1
        tok = sentence[k]
        before = sentence[first - 1] if first > 0 else None
        k += 1
        if tok.base in lex.function_words or lex.is_title(tok.base):
            continue
        if k < n and not sentence[k].cap and lex.is_title(sentence[k].base):
            continue  # "Rovers coach Ben Achterberg": a team, a firm, before a title
        # "in South Asia", "with Trending Today USA": after a preposition, not a subject;
        # a person named there ("with Hillary Clinton — who's … — lambasting …") comes
        # after the sentence's other people, before anyone in an earlier sentence.
        held = before is not None and before.key in lex.np_prepositions and not before.cap
        target = later if held else found
        if tok.base in registry.people:
            target.append((registry.fullest(bare(tok), tok.start), tok.base))
        elif tok.base in speakers:
            target.append((speakers[tok.base], tok.base))
    return found + later


def _named_before(
    sentence: list[Tok], at: int, lex: Lexicon, registry: Registry, speakers: dict[str, str]
) -> bool:
    """A known person is named in the sentence before ``at``: "House Speaker Paul Ryan,
    despite admitting …, he does believe …" (the pronoun is that person, no chain)."""
    for tok in sentence:
        if tok.start >= at:
            return False
        if (
            tok.cap
            and (tok.base in registry.people or tok.base in speakers)
            and tok.base not in lex.function_words
            and not lex.is_title(tok.base)
        ):
            return True
    return False


def bare(tok: Tok) -> str:
    """The word without a possessive or case suffix: "Trump's" -> "Trump"."""
    if tok.base != tok.key:
        for k, ch in enumerate(tok.text):
            if ch in "'\u2019":
                return tok.text[:k]
    return tok.text


def statement_issuer(
    text: str, mention: Mention, lex: Lexicon, quotations: Quotations
) -> Mention | None:
    """Who issued "the statement" (the letter, the report) that is said to speak.

    The subject of the nearest sentence before that names such a statement: "The
    Ministry of Foreign Affairs issued a statement on Tuesday. “…,” the statement
    said." Only a definite description ("the statement", "its statement") refers back.
    """
    words = mention.text.split()
    if len(words) < 2 or mention.key not in lex.nouns or fold(words[0]) not in lex.determiners:
        return None
    if fold(words[0]) in lex.indefinite:
        return None  # "a statement said": some statement, no one we know
    start = max(0, mention.start - tuning.COREF_WINDOW_CHARS)
    toks = [t for t in tokenize(text, start, mention.start) if not quotations.inside(t.start)]
    for sentence in reversed(split_sentences(text, toks, lex)):
        if not any(t.base == mention.key for t in sentence):
            continue
        author = _written_by(text, sentence, mention.key, lex)
        if author is not None:
            return author  # "The memo, written by the chief strategist, Nathan Corliss, …"
        subject = cues.sentence_subject(text, sentence, lex)
        if subject is not None and subject.kind in (mentions.NAME, mentions.ORG, mentions.ROLE):
            return subject
        if subject is not None and subject.key == mention.key:
            continue  # "The memo, titled “…,” said …": the memo again; who wrote it is earlier
        return None
    return None


def _written_by(text: str, sentence: list[Tok], noun: str, lex: Lexicon) -> Mention | None:
    """The agent after the statement noun: "the memo, written by … Nathan Corliss"."""
    at = next((k for k, t in enumerate(sentence) if t.base == noun), -1)
    for k in range(at + 1, min(len(sentence), at + 14)):
        if sentence[k].key not in lex.agent_markers or sentence[k].cap:
            continue
        span = mentions.phrase_after(sentence, k + 1, lex, after_verb=True)
        if span is None:
            return None
        found = cues.described_name(text, sentence, span, lex)
        return found if found is not None and found.kind in (mentions.NAME, mentions.ORG) else None
    return None


def resolve_description(registry: Registry, mention: Mention) -> str | None:
    """ "the minister" -> the minister named in the document; "the ministry" -> its name."""
    if mention.kind == mentions.ROLE:
        holder = registry.holder_of_office(mention.key, mention.roles, mention.start)
        # "President Sorel" holds the role; the document's fullest name is "Viktor Sorel".
        return registry.fullest(holder, mention.start) if holder is not None else None
    if mention.kind == mentions.ORG:
        return registry.org(mention.key, mention.start)
    return None


def gender_of_name(name: str, lex: Lexicon) -> str | None:
    """Gender from a known given name, when the language data lists it."""
    words = name_words(name)
    if len(words) < 2:
        return None
    return lex.given_names.get(words[0])
