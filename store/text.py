"""Text folding shared by the parser (normalised quotation words) and search.

Pure standard library, no SQLAlchemy: ``crawler.attribution`` imports this one
module of the store so that what the parser calls "the same words" and what
search matches are computed by one function.

Folding is per character (case, then compatibility decomposition, then
combining marks dropped), so it runs as one ``str.translate`` over a table
that fills itself the first time it meets a character: C speed, any script.
"""

from __future__ import annotations

import unicodedata

# Letters that NFKD does not decompose (Turkish dotless i, Azerbaijani schwa, ...).
_EXTRA_FOLD = {
    "ı": "i",
    "ə": "a",
    "ø": "o",
    "ł": "l",
    "đ": "d",
    "ð": "d",
    "þ": "th",
    "æ": "ae",
    "œ": "oe",
    "ß": "ss",
}
# Apostrophes join the parts of a word (O'Neill, it's, Erdoğan'ın): dropped, not spaced.
APOSTROPHES = "'\u2019\u02bc\u2018`\u00b4"


def _fold_char(ch: str) -> str:
    lowered = ch.casefold()
    lowered = "".join(_EXTRA_FOLD.get(c, c) for c in lowered)
    decomposed = unicodedata.normalize("NFKD", lowered)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _is_word_char(ch: str) -> bool:
    # Letters, digits and the spacing marks of Indic scripts (category M) make words.
    return ch.isalnum() or unicodedata.category(ch)[0] == "M"


class _FoldTable(dict[int, str]):
    """code point -> folded text, computed once per distinct character."""

    def __missing__(self, code: int) -> str:
        value = _fold_char(chr(code))
        self[code] = value
        return value


class _WordTable(dict[int, str | None]):
    """code point -> folded word text, " " for separators, None (drop) for apostrophes."""

    def __missing__(self, code: int) -> str | None:
        ch = chr(code)
        value: str | None
        if ch in APOSTROPHES:
            value = None
        else:
            folded = _fold_char(ch)
            value = "".join(c if _is_word_char(c) else " " for c in folded) or ""
            if not _is_word_char(ch) and not folded.strip():
                value = " "
        self[code] = value
        return value


_FOLD = _FoldTable()
_WORDS = _WordTable()


def fold(text: str) -> str:
    """Lower-case, diacritics removed: "Erdoğan" -> "erdogan", "Əliyev" -> "aliyev"."""
    return text.translate(_FOLD)


def normalize_words(text: str) -> str:
    """The words of ``text`` for matching across documents.

    Case, diacritics, punctuation, quotation marks and spacing are folded, so
    "Karabakh is Azerbaijan!" and “karabakh is Azərbaijan” give the same string.
    """
    return " ".join(text.translate(_WORDS).split())


def words(text: str) -> list[str]:
    """The folded words of ``text``, in order."""
    return text.translate(_WORDS).split()
