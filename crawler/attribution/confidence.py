"""How likely a quotation's speaker is right, from how it was found.

The value is the measured share of correct speakers per way of finding them
(see ``tuning.CUE_CONFIDENCE``), lowered for unresolved pronouns and
descriptions and for quotations whose closing mark is missing.
"""

from __future__ import annotations

from crawler.attribution import mentions, tuning
from crawler.attribution.mentions import Mention


def confidence(cue_type: str, mention: Mention | None, speaker: str | None, closed: bool) -> float:
    """A score in [0, 1] that the words and the speaker are both right."""
    score = tuning.CUE_CONFIDENCE.get(cue_type, tuning.CUE_CONFIDENCE["none"])
    if mention is not None:
        score *= tuning.MENTION_FACTOR.get(mention.kind, 1.0)
        if mention.kind == mentions.PRONOUN and speaker is None:
            score *= tuning.UNRESOLVED_PRONOUN_FACTOR
    if not closed:
        score *= tuning.UNCLOSED_FACTOR
    return round(max(0.0, min(1.0, score)), 3)
