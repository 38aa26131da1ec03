"""The page's language: declared tags normalised, or a small stopword vote.

The attribution parser is language-specific, so a page that declares no
language (or declares the template's default, not the text's) still needs
one. A vote over the commonest function words of the languages we crawl
is cheap (well under a millisecond) and good enough on paragraphs of
news or statement text; it answers None when unsure.
"""

from __future__ import annotations

import re
from collections import Counter

# ISO 639-1 primary subtag: "en-GB", "tr_TR", "EN" -> "en", "tr", "en".
_LANG_TAG = re.compile(r"^\s*([a-zA-Z]{2,3})(?:[-_][A-Za-z0-9]+)*\s*$")

# Function words, chosen to be frequent in news prose and absent from the
# other listed languages (words Turkish and Azerbaijani share, such as "bu",
# "bir", "da", are left out of both).
STOPWORDS: dict[str, frozenset[str]] = {
    "en": frozenset("the and of to in is that for was with on said it he she are by this".split()),
    "fr": frozenset("le la les et des est une pour dans que qui du sur pas au avec il".split()),
    "de": frozenset("der die das und ist nicht mit den von sich auf dem zu ein eine für".split()),
    "es": frozenset("el los las y que del en por para con una es se lo su al".split()),
    "ru": frozenset("и в не на что с по это как к из за он она его для от".split()),
    "tr": frozenset("ve için ile olarak çok ama gibi ancak ise şu değil dedi".split()),
    "az": frozenset("və üçün ilə olaraq çox amma kimi edib isə də bildirib deyil".split()),
}
# Letters that only one of the listed languages uses; each occurrence is a vote.
SIGNATURE_LETTERS = {"az": "əƏ"}
# Fewer votes than this, or a runner-up this close, is "don't know".
MIN_VOTES = 5
MIN_MARGIN = 1.5

_WORD = re.compile(r"\w+", re.UNICODE)
# The opening of the text is enough to vote on, and bounds the cost.
SAMPLE_CHARS = 4000
# word -> the languages it votes for, built once.
_VOTERS: dict[str, list[str]] = {}
for _lang, _words in STOPWORDS.items():
    for _word in _words:
        _VOTERS.setdefault(_word, []).append(_lang)


def normalise_lang(tag: str | None) -> str | None:
    """The lower-case primary language subtag of ``tag``, or None if it is not one."""
    if not tag:
        return None
    match = _LANG_TAG.match(tag)
    if not match:
        return None
    code = match[1].lower()
    return None if code in ("und", "mul", "zxx", "xx") else code


def detect_lang(text: str) -> str | None:
    """The language of ``text`` among ``STOPWORDS``' keys, or None when unsure."""
    sample = text[:SAMPLE_CHARS]
    votes: Counter[str] = Counter()
    for word in _WORD.findall(sample.lower()):
        votes.update(_VOTERS.get(word, ()))
    for lang, letters in SIGNATURE_LETTERS.items():
        votes[lang] += sum(sample.count(letter) for letter in letters)
    ranked = votes.most_common(2)
    if not ranked or ranked[0][1] < MIN_VOTES:
        return None
    if len(ranked) > 1 and ranked[0][1] < MIN_MARGIN * ranked[1][1]:
        return None
    return ranked[0][0]
