"""Is a quoted span a quotation at all? Titles, terms and scare quotes are not.

Decided from the cue, the length and the position of the span (thresholds in
``tuning``): a title is title-case words after a possessive, a title noun or
"on" (CNN's “State of the Union”, the book “…”, on “Face the Nation”); a term
is a short span heading a noun phrase with no reporting verb tying it to anyone
(a “peace corridor”, the so-called “reform package”); a nickname sits inside a
name (Robert C. “Bobby” Scott); markup values (author="…") and stage directions
("(CROSSTALK.)") are neither. Headline quotations are kept: titles quote by
fragments.
"""

from __future__ import annotations

import re

from crawler.attribution import tuning
from crawler.attribution.languages import Lexicon
from crawler.attribution.marks import Quoted
from crawler.attribution.tokens import Tok, tokenize
from store.text import fold

# Cue types that tie a quotation to a speaker through a verb or a layout.
_NO_CUE = "none"
_WEAK_CUES = frozenset({"none", "subject"})
# Ways of finding a speaker that involve no reporting verb next to the quotation.
_LAYOUT_CUES = frozenset(
    {"none", "subject", "same-paragraph", "same-sentence", "previous", "next-sentence"}
)


def is_quotation(
    text: str,
    q: Quoted,
    cue_type: str,
    sentence: list[Tok],
    lex: Lexicon,
    in_headline: bool,
) -> bool:
    """False for titles, terms, scare quotes, nicknames, markup values and stage directions."""
    inner = text[q.start : q.end]
    if not any(ch.isalnum() for ch in inner):
        return False  # marks and punctuation only: nothing was said
    if q.open_at > 0 and text[q.open_at - 1] == "=":
        return False  # an attribute value in markup: author="…"
    if inner[0] in "([" and inner.rstrip(".")[-1:] in ")]":
        return False  # a stage direction: "(CROSSTALK.)"
    if _WEB_ADDRESS.fullmatch(inner.strip()):
        return False  # laut „news.bbc.co.uk“: a source's address, not its words
    words = inner.split()
    # Scripts written without spaces (「すべての村を再建する」) count about two characters a word.
    n_words = max(len(words), sum(1 for ch in inner if ord(ch) >= 0x3000) // 2)
    title = _title_case(words)
    prev = sentence[-1] if sentence else None
    if (
        title
        and n_words <= tuning.NICKNAME_MAX_WORDS
        and prev is not None
        and prev.cap
        and prev.base not in lex.function_words
        and _next_is_capitalised(text, q)
    ):
        return False  # Rep. Robert C. "Bobby" Scott
    if in_headline:
        return True
    if n_words <= tuning.TERM_MAX_WORDS and _parenthesised(text, q, sentence):
        return False  # Kreuzungen („Hybride“), (kurz: „IG Bau“), (“carried interest”)
    if title and _title_context(sentence, lex):
        return False
    if title and n_words <= tuning.TERM_MAX_WORDS and _named_as(sentence, lex):
        return False  # a program the company calls “Project Keystone”, known as “Tillie Tock”
    if _titled_apposition(text, q, sentence, lex):
        return False  # Our report, “Four libraries to shut as council seeks savings,” drew …
    if n_words <= tuning.TERM_MAX_WORDS and prev is not None and prev.key in lex.term_nouns:
        return False  # the phrase “murder capital”
    if (
        lex.capitalised_nouns
        and cue_type in _LAYOUT_CUES
        and prev is not None
        and prev.word
        and (prev.cap or prev.key in lex.determiners)
        and not inner[0].islower()
    ):
        # German: die Mission „Antica Babilonia“, die „Partij voor de Vrijheid“: after a
        # noun or an article, tied to no reporting verb and capitalised like a name, a
        # quoted span names a thing (die „unter Druck stehenden Soldaten“ stays).
        return False
    if (
        prev is not None
        and prev.text == ":"
        and inner[:1].isupper()
        and inner.rstrip()[-1:] in ".!?\u2026"
    ):
        return True  # a sentence introduced by a colon: „Darin heißt es: „Wir ermitteln.““
    if n_words <= tuning.TERM_MAX_WORDS:
        if prev is not None and prev.key in lex.scare_markers:
            return False  # the so-called “reform package”
        if cue_type == _NO_CUE:
            return False  # a short phrase nobody is said to have said: a term or title
        if cue_type in _WEAK_CUES and _heads_noun_phrase(sentence, lex):
            return False  # a “peace corridor”, the notorious ''carried interest''
    return True


_WEB_ADDRESS = re.compile(r"(?:https?://)?(?:www\.)?[\w-]+(?:\.[\w-]+)+(?:/\S*)?", re.ASCII)


def _parenthesised(text: str, q: Quoted, sentence: list[Tok]) -> bool:
    """The span is all a parenthesis holds, or follows a label in it: („Hybride“),
    (kurz: „IG Bau“)."""
    if not q.closed or not text.startswith(")", q.close_at + 1):
        return False
    if q.open_at > 0 and text[q.open_at - 1] == "(":
        return True
    if not sentence or sentence[-1].text != ":":
        return False
    # (Motto: „…“), (Überschrift auf ihrer Homepage: „…“): a label inside the parenthesis.
    for tok in reversed(sentence[:-1]):
        if tok.text == ")":
            return False
        if tok.text == "(":
            return True
    return False


_NICKNAME = re.compile(r"[^\W\d_][\w.'\u2019-]*[ \u00a0]$")


def nickname(text: str, q: Quoted, lex: Lexicon) -> bool:
    """Rep. Robert C. "Bobby" Scott, Del. Marcia "Cia" Price: one or two capitalised
    words in marks between the words of a name. Never a quotation; dropped before
    speakers are read, so that the name around it reads as one."""
    if not q.closed or q.open_at < 2:
        return False
    inner = text[q.start : q.end]
    words = inner.split()
    if not words or len(words) > tuning.NICKNAME_MAX_WORDS or not _title_case(words):
        return False
    before = _NICKNAME.search(text, max(0, q.open_at - 40), q.open_at)
    if before is None or not before.group()[0].isupper():
        return False
    if fold(before.group().strip().rstrip(".")) in lex.function_words:
        return False
    after = text[q.close_at + 1 : q.close_at + 3]
    return len(after) == 2 and after[0] in " \u00a0" and after[1].isupper()


def _title_case(words: list[str]) -> bool:
    """Every longer word capitalised: "Face the Nation", "Make Your Kid a Millionaire"."""
    content = [w.strip(".,!?;:'\"()\u2018\u2019\u201c\u201d") for w in words]
    content = [w for w in content if w and not w[0].isdigit()]  # "… Plan 2025"
    longer = [w for w in content if len(w) > 3]
    if not longer:  # "the Gap": the short words decide, articles aside
        longer = [w for w in content if len(w) == 3 and w.lower() not in ("the", "and", "for")]
    return bool(longer) and all(w[0].isupper() for w in longer)


def _is_title_noun(key: str, lex: Lexicon) -> bool:
    """A title noun, or a compound ending in one ("Umweltschutzorganisation")."""
    if key in lex.title_nouns:
        return True
    return len(key) > 8 and any(len(n) > 4 and key.endswith(n) for n in lex.title_nouns)


def _title_context(sentence: list[Tok], lex: Lexicon) -> bool:
    """CNN's “…”, the documentary, “…”, on “…”, titled “…”: what stands before a title."""
    if not sentence:
        return False
    prev = sentence[-1]
    if prev.text == "," and len(sentence) > 1:
        prev = sentence[-2]
    if prev.key == "own" and len(sentence) > 2 and sentence[-2].base != sentence[-2].key:
        prev = sentence[-2]  # the council's own “Harbour Resilience Plan 2025”
    if not prev.word:
        return False
    if prev.base != prev.key and len(prev.base) > 1 and prev.base not in lex.pronoun_gender:
        return True  # a possessive: MSNBC's “Morning Joe”
    return _is_title_noun(prev.key, lex)


def _named_as(sentence: list[Tok], lex: Lexicon) -> bool:
    """The span is a name given: "calls “…”", "known as the “…”", "branded “…”"."""
    k = len(sentence) - 1
    while k >= 0 and sentence[k].key in lex.determiners and not sentence[k].cap:
        k -= 1
    if k >= 0 and sentence[k].key in lex.tag_openers:  # "as"
        # "refers to the territory as the “…”": the naming word may stand further back.
        return any(t.key in lex.naming_markers for t in sentence[max(0, k - 6) : k])
    return k >= 0 and sentence[k].key in lex.naming_markers


def _titled_apposition(text: str, q: Quoted, sentence: list[Tok], lex: Lexicon) -> bool:
    """ "The report, “…,” drew": a title set off by commas after a title noun."""
    if len(sentence) < 2 or sentence[-1].text != "," or not q.closed:
        return False
    inside = text[q.end - 1 : q.close_at]  # the last word's end and any comma kept out
    after = text[q.close_at + 1 : q.close_at + 2]
    if "," not in inside and after != ",":
        return False
    return _is_title_noun(sentence[-2].key, lex)


def _heads_noun_phrase(sentence: list[Tok], lex: Lexicon) -> bool:
    """The span heads a noun phrase: a “…”, the notorious “…”, his 1994 “…”."""
    if not sentence:
        return False
    prev = sentence[-1]
    if not prev.word:
        return False
    if prev.key in lex.determiners:
        return True
    if len(sentence) < 2 or sentence[-2].key not in lex.determiners:
        return False
    return not prev.cap and not lex.is_verb(prev.key) and prev.key not in lex.np_stops


def _next_is_capitalised(text: str, q: Quoted) -> bool:
    if not q.closed:
        return False
    after = tokenize(text, q.close_at + 1, min(len(text), q.close_at + 40))
    return bool(after) and after[0].cap
