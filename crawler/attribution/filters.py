"""Is a quoted span a quotation at all, and how sure is the parser of its speaker."""

from __future__ import annotations

from crawler.attribution.cues import Cue
from crawler.attribution.languages import Lexicon
from crawler.attribution.marks import Quoted
from crawler.attribution.mentions import Mention
from crawler.attribution.tokens import Tok


def is_quotation(
    text: str,
    q: Quoted,
    cue: Cue | None,
    mention: Mention | None,
    cue_type: str,
    sentence: list[Tok],
    lex: Lexicon,
) -> bool:
    """False for titles and scare quotes."""
    return True


def confidence(cue_type: str, mention: Mention | None, speaker: str | None, closed: bool) -> float:
    return 0.5
