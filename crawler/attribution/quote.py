"""The parser's result type: one quotation, its speaker, its cue and its time."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

# What a quotation is, as a reader would say it.
FULL = "full"  # a sentence or more, standing on its own
PARTIAL = "partial"  # words quoted inside the reporter's sentence: called it "a disgrace"
TURN = "turn"  # a transcript turn: "V.Putin: ..." (no quotation marks needed)
HEADLINE = "headline"  # in the document's title line


@dataclass(frozen=True, slots=True)
class Quote:
    """A quotation found in a text, with offsets into that text.

    ``start``/``end`` delimit the quoted words without the quotation marks, so
    ``text[start:end] == quote.text``. ``speaker`` is the fullest name the
    document gives (or a description, or None when the source is anonymous or
    unknown); ``speaker_start``/``speaker_end`` locate the mention that named it.
    """

    start: int
    end: int
    text: str
    speaker: str | None
    speaker_start: int | None
    speaker_end: int | None
    cue: str | None  # the cue words: "said", "according to", "—", ":"
    cue_start: int | None
    cue_end: int | None
    cue_type: str  # verb-after, verb-before, according-to, colon, dash, turn, ...
    confidence: float
    said_at: str | None  # ISO date or datetime
    said_precision: str | None  # time, day, week, month, year
    said_from: str  # "document" (its time) or "text" (a date near the cue)
    normalized: str  # the words folded for matching across documents
    kind: str  # full, partial, turn, headline
    # The others of a joint statement ("Clinton and Kaine said"): ``speaker`` is the
    # first named, these are the rest, fullest names too.
    co_speakers: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (the ``onrecord extract`` output of one quotation)."""
        return asdict(self)
