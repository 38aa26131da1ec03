"""Text folding shared by the parser (normalised quotation words) and search.

Pure standard library, no SQLAlchemy: ``crawler.attribution`` imports this one
module of the store so that what the parser calls "the same words" and what
search matches are computed by one function.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Letters that NFKD does not decompose (Turkish dotless i, Azerbaijani schwa, ...).
_EXTRA_FOLD = str.maketrans(
    {
        "ı": "i",
        "ə": "a",
        "Ə": "a",
        "ø": "o",
        "Ø": "o",
        "ł": "l",
        "Ł": "l",
        "đ": "d",
        "Đ": "d",
        "ð": "d",
        "þ": "th",
        "Þ": "th",
        "æ": "ae",
        "Æ": "ae",
        "œ": "oe",
        "Œ": "oe",
        "ß": "ss",
        "ẞ": "ss",
    }
)

# Apostrophes join the parts of a word (O'Neill, it's, Erdoğan'ın): removed, not spaced.
_APOSTROPHES = "'\u2019\u02bc\u2018`\u00b4"
_DROP_APOSTROPHES = str.maketrans("", "", _APOSTROPHES)
# Anything that is not a letter, digit or combining mark separates words.
_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)


@lru_cache(maxsize=65536)
def _fold_char(ch: str) -> str:
    decomposed = unicodedata.normalize("NFKD", ch)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def fold(text: str) -> str:
    """Lower-case, diacritics removed: "Erdoğan" -> "erdogan", "Əliyev" -> "aliyev"."""
    text = text.translate(_EXTRA_FOLD)
    if not text.isascii():
        text = "".join(_fold_char(ch) if not ch.isascii() else ch for ch in text)
    return text.casefold()


def normalize_words(text: str) -> str:
    """The words of ``text`` for matching across documents.

    Case, diacritics, punctuation, quotation marks and spacing are folded, so
    "Karabakh is Azerbaijan!" and “karabakh is Azərbaijan” give the same string.
    """
    folded = fold(text.translate(_DROP_APOSTROPHES))
    return " ".join(_NON_WORD.sub(" ", folded).split())


def words(text: str) -> list[str]:
    """The folded words of ``text``, in order."""
    return normalize_words(text).split()
