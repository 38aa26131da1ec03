"""How likely a quotation's words and speaker are both right, from how it was found.

The value is the share measured on the development data for the way the speaker
was found (``tuning.CUE_CONFIDENCE``); a quotation left without a speaker gets at
most the share measured for those.
"""

from __future__ import annotations

from crawler.attribution import tuning


def confidence(cue_type: str, speaker: str | None) -> float:
    """A score in [0, 1] that the quotation and its speaker are both right."""
    score = tuning.CUE_CONFIDENCE.get(cue_type, tuning.CUE_CONFIDENCE["none"])
    if speaker is None:
        score = min(score, tuning.SPEAKERLESS_CONFIDENCE)
    return round(score, 2)
