"""Words as the linking job compares them: folded like the store's, plus what they are.

``fold`` gives exactly ``store.text.normalize_words`` (tested), only faster on
news text: the typographic marks that make a text non-ASCII (curly quotes,
dashes) are replaced first, so most articles take ``str.translate``'s ASCII
fast path. The article scan folds hundreds of thousands of articles; this
triples its speed.

The word classes (function words, negations, numbers, names) decide whether
two wordings say the same thing: a changed "the" is an edit, a changed
"not", "7" or "Moldova" is another claim.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from itertools import pairwise

from store.text import _WORDS, normalize_words

# What the store's fold does to these marks: dropped (apostrophes) or a space.
_TYPOGRAPHY = (
    ("\u2019", ""),
    ("\u2018", ""),
    ("\u201c", " "),
    ("\u201d", " "),
    ("\u2014", " "),
    ("\u2013", " "),
    ("\u00a0", " "),
    ("\u2026", " "),
)
_ASCII_TABLE = {code: _WORDS[code] for code in range(128)}


def fold(text: str) -> str:
    """``store.text.normalize_words(text)``, computed faster for mostly-ASCII text."""
    for mark, replacement in _TYPOGRAPHY:
        if mark in text:
            text = text.replace(mark, replacement)
    if text.isascii():
        return " ".join(text.translate(_ASCII_TABLE).split())
    return normalize_words(text)


# Short closed-class words of the languages onrecord reads (en, fr, de, es,
# ru, tr): replacing one by another is an edit, not a different claim.
FUNCTION_WORDS = frozenset(
    """
    a an the this that these those it its he she they we you i me him her us them our your
    their his my of to in on at by for with from into onto about as than then so and or but
    if is are was were be been being am do does did has have had will would shall should can
    could may might must also just only very too there here what which who whom whose when
    where how all any each every some such more most other own same again further once
    anyone anybody everyone everybody someone somebody anything everything something
    le la les un une des du de d l et ou mais que qui quoi dont ce cet cette ces il elle ils
    elles nous vous je tu son sa ses leur leurs notre nos votre vos est sont a ont sera
    der die das den dem des ein eine einen einem einer und oder aber dass wir ihr sie er es
    ist sind war hat haben wird werden mit von zu im am auf fur aus bei nach
    el los las una unos unas y o pero que del al es son fue ha han con por para en lo su sus
    и в во на с со к по за из у о об от до что как это то а но или же ли бы мы вы они он она
    оно его ее их наш наша наши ваш был была были будет есть
    ve ile bir bu su o da de ki icin gibi daha cok en biz siz onlar
    """.split()
)

# Words that turn a statement into its opposite.
NEGATIONS = frozenset(
    """
    not no never nothing none nobody neither nor without cannot dont doesnt didnt wont
    cant isnt arent wasnt werent shouldnt wouldnt couldnt hasnt havent hadnt
    ne pas jamais rien aucun aucune nicht kein keine keinen nie niemals nunca nada ni
    не нет никогда ни ничего degil yok asla hic
    """.split()
)


_NUMBER_WORDS = {
    word: value
    for value, word in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen "
        "fourteen fifteen sixteen seventeen eighteen nineteen twenty".split()
    )
} | {"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80}
_NUMBER_WORDS |= {"ninety": 90, "hundred": 100, "thousand": 1000, "million": 1000000}


def is_number(word: str) -> bool:
    return word in _NUMBER_WORDS or any(ch.isdigit() for ch in word)


def number_value(word: str) -> str | None:
    """The number a word writes, as digits ("twelve" and "12" are "12"), or None."""
    if word in _NUMBER_WORDS:
        return str(_NUMBER_WORDS[word])
    return word if word.isdigit() else None


_MULTIPLIERS = {"hundred": 100, "thousand": 1000, "million": 1000000}


def write_numbers(words: Sequence[str]) -> tuple[str, ...]:
    """Numbers written one way: "two thousand" and "2,000" (folded "2 000") are "2000"."""
    out: list[str] = []
    value: int | None = None
    for word in words:
        if word in _MULTIPLIERS and value is not None:
            value *= _MULTIPLIERS[word]
        elif word in _NUMBER_WORDS and word not in _MULTIPLIERS:
            value = _NUMBER_WORDS[word] if value is None else value + _NUMBER_WORDS[word]
        elif len(word) == 3 and word.isdigit() and out and out[-1].isdigit() and value is None:
            out[-1] += word  # "2 000": digit groups of one number
        else:
            if value is not None:
                out.append(str(value))
                value = None
            out.append(word)
    if value is not None:
        out.append(str(value))
    return tuple(out)


_SUFFIXES = ("ing", "ed", "es", "s", "e")


def _stem(word: str) -> str:
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 2:
            return word[: -len(suffix)]
    return word


MAX_CACHED_STEMS = 2_000_000  # distinct words; beyond, the cache starts again


class _Stems(dict[str, str]):
    """word -> stem, computed once per distinct word (the article scan asks millions of times)."""

    def __missing__(self, word: str) -> str:
        if len(self) > MAX_CACHED_STEMS:
            self.clear()
        value = self[word] = _stem(word)
        return value


_STEMS = _Stems()
stem_of = _STEMS.__getitem__  # for map() over many words


def stem(word: str) -> str:
    """A crude English stem: "using" and "uses" are "us", "villages" is "villag"."""
    return _STEMS[word]


def is_function_word(word: str) -> bool:
    return word in FUNCTION_WORDS


def changes_meaning(word: str, names: frozenset[str]) -> bool:
    """True for a word whose change makes another claim: a number, a negation, a name."""
    return is_number(word) or word in NEGATIONS or word in names


# A word that starts with a capital letter and is not the first of a sentence
# (or of a quotation): most likely a name. Sentence starts are after . ! ? :
# or an opening quotation mark, or at the start of the text.
_CAPITALISED = re.compile(r"(?<![\w'’])([^\W\d_][\w'’\-]*)")
_OPENERS = '.!?:;“"«„(['


def _starts_sentence(text: str, at: int) -> bool:
    """True when the word at ``at`` is the first of the text, a sentence or a quotation."""
    i = at - 1
    while i >= 0 and text[i].isspace():
        i -= 1
    return i < 0 or text[i] in _OPENERS


def name_words(text: str) -> frozenset[str]:
    """The folded words of ``text`` written with a capital inside a sentence.

    "We will continue to support Ukraine." gives {"ukraine"}; "We" starts the
    sentence and is no name.
    """
    found: set[str] = set()
    for match in _CAPITALISED.finditer(text):
        word = match.group(1)
        if word[0].isupper() and not _starts_sentence(text, match.start()):
            found.update(normalize_words(word).split())
    return frozenset(found)


def bigrams(words: Sequence[str]) -> set[tuple[str, str]]:
    return set(pairwise(words))


def trigrams(words: Sequence[str]) -> set[tuple[str, str, str]]:
    return set(zip(words, words[1:], words[2:], strict=False))


def content_words(words: Iterable[str]) -> list[str]:
    """The words that can carry a topic: not function words, not one letter."""
    return [w for w in words if len(w) > 1 and w not in FUNCTION_WORDS and w not in NEGATIONS]
