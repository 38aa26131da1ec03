"""Words and punctuation of a bounded stretch of text, with offsets.

The parser never tokenises a whole document: only the few hundred characters
around each quotation, so the cost stays proportional to the quotations found.
"""

from __future__ import annotations

import re
import sys
from typing import NamedTuple

from store.text import fold

# A word keeps its inner hyphens, apostrophes and dots (al-Assad, O'Neill,
# Erdoğan'ın, U.S, Ver.di); any other non-space character is a token of its own.
_TOKEN = re.compile(r"\w+(?:[-'\u2019.]\w+)*|[^\w\s]")
# French elisions put the word after the apostrophe: l'Élysée, d'après, qu'il.
_ELISIONS = frozenset({"l", "d", "j", "qu", "n", "s", "m", "c", "t", "jusqu", "lorsqu"})


def _upper_class() -> str:
    """A regex character class of every upper-case or title-case letter below U+3000."""
    ranges: list[tuple[int, int]] = []
    for code in range(0x41, 0x3000):
        ch = chr(code)
        if ch.isupper() or ch.istitle():
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1] = (ranges[-1][0], code)
            else:
                ranges.append((code, code))
    return "".join(
        re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}"
        for a, b in ranges
    )


UPPER = _upper_class()


class Tok(NamedTuple):
    """One token: its text, offsets, folded form, and folded form before an apostrophe."""

    text: str
    start: int
    end: int
    key: str  # folded: "erdoğan'ın" -> "erdogan'in"
    base: str  # folded, suffix after an apostrophe dropped: "erdogan"

    @property
    def cap(self) -> bool:
        return self.text[0].isupper()

    @property
    def word(self) -> bool:
        return self.text[0].isalnum() or self.text[0] == "_"


_fold_cache: dict[str, str] = {}


def _fold(word: str) -> str:
    folded = _fold_cache.get(word)
    if folded is None:
        folded = fold(word)
        if len(_fold_cache) < 200_000:
            _fold_cache[sys.intern(word)] = folded
    return folded


_new_tok = tuple.__new__


def tokenize(text: str, start: int, end: int) -> list[Tok]:
    """The tokens of ``text[start:end]``, offsets in ``text``."""
    out: list[Tok] = []
    append = out.append
    fold_cache = _fold_cache
    for match in _TOKEN.finditer(text, start, end):
        word = match.group()
        key = fold_cache.get(word) or _fold(word)
        base = key
        if "'" in word or "\u2019" in word:
            cut = min(c for c in (key.find("'"), key.find("\u2019")) if c >= 0)
            head = key[:cut]
            if head in _ELISIONS and word[0].islower():
                base = key[cut + 1 :]
            elif len(head) > 1:  # O'Neill keeps its apostrophe; Trump's does not
                base = head
        s, e = match.span()
        append(_new_tok(Tok, (word, s, e, key, base)))
    return out
