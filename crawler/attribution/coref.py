"""Pronouns and descriptions -> the person or organisation they stand for.

"he added" goes to the most recent compatible named person, preferring the
subject of each sentence (its first name) over later names: in "Caddell went on
to discuss polls showing Trump ahead. He said …", "he" is Caddell. Words inside
quotations are not mentions. A description ("the minister", "the ministry") goes
to the person named with that role, or the organisation with that head word.
"""

from __future__ import annotations

from bisect import bisect_right

from crawler.attribution import mentions, tuning
from crawler.attribution.entities import Registry, name_words
from crawler.attribution.languages import Lexicon
from crawler.attribution.mentions import Mention
from crawler.attribution.tokens import Tok, tokenize

_SENTENCE_END = frozenset(".!?\u2026")


class Quotations:
    """Where the document's quotations are, to skip their words when looking for names."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.starts = [s for s, _ in spans]
        self.spans = spans

    def inside(self, at: int) -> bool:
        k = bisect_right(self.starts, at) - 1
        return k >= 0 and self.spans[k][0] <= at < self.spans[k][1]


def _sentences(text: str, toks: list[Tok], lex: Lexicon) -> list[list[Tok]]:
    out: list[list[Tok]] = []
    current: list[Tok] = []
    for k, tok in enumerate(toks):
        if current and "\n" in text[current[-1].end : tok.start]:
            out.append(current)
            current = []
        current.append(tok)
        if tok.text in _SENTENCE_END and k > 0:
            before = toks[k - 1]
            if before.key in lex.abbreviations or (len(before.text) == 1 and before.text.isupper()):
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
    """
    gender = pronoun.gender
    if gender in ("n", "1"):
        return None
    start = max(0, pronoun.start - tuning.COREF_WINDOW_CHARS)
    toks = [t for t in tokenize(text, start, pronoun.start) if not quotations.inside(t.start)]
    for sentence in reversed(_sentences(text, toks, lex)):
        for k, tok in enumerate(sentence):
            if not tok.cap or tok.base in lex.function_words or lex.is_title(tok.base):
                continue
            if (
                k + 1 < len(sentence)
                and sentence[k + 1].cap
                and sentence[k + 1].base in (registry.people)
            ):
                continue  # a first name: the last word of the name decides
            name = None
            if tok.base in registry.people:
                name = registry.fullest(
                    tok.text[: len(tok.base)] if tok.base != tok.key else tok.text, tok.start
                )
            elif tok.base in speakers:
                name = speakers[tok.base]
            if name is None:
                continue
            known = registry.gender_of(name)
            if gender == "p":
                return None  # "they": a group, never one named person
            if gender in ("m", "f") and known is not None and known != gender:
                continue
            return name, tok.base
    return None


def resolve_description(registry: Registry, mention: Mention) -> str | None:
    """ "the minister" -> the minister named in the document; "the ministry" -> its name."""
    if mention.kind == mentions.ROLE:
        return registry.holder_of(mention.key, mention.start)
    if mention.kind == mentions.ORG:
        return registry.org(mention.key, mention.start)
    return None


def gender_of_name(name: str, lex: Lexicon) -> str | None:
    """Gender from a known given name, when the language data lists it."""
    words = name_words(name)
    if len(words) < 2:
        return None
    return lex.given_names.get(words[0])
