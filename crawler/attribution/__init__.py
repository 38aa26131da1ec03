"""Text -> quotations with speakers. Pure functions: no Scrapy, no database, no model.

Public API::

    from crawler.attribution import extract_quotes, Quote

    quotes = extract_quotes(
        text,                      # the document's text (paragraphs are lines)
        published="2024-03-20",    # date, datetime or ISO string; the default "said at"
        lang="en",                 # en tr ru fr de es (any *.toml in languages/); None: all
        default_speaker=None,      # who says first-person words with no other cue
    )                              # (the president for a presidency's statements, ...)

Each ``Quote`` (a frozen dataclass, ``to_dict()`` for JSON) has:

- ``start``/``end``/``text``: the quoted words, marks excluded
  (``text == document[start:end]``); quotations never overlap and come in order.
- ``speaker``: the fullest name the document gives ("Erdoğan" -> "Recep Tayyip
  Erdoğan"), a pronoun or description resolved in the document ("he", "the
  minister", "the ministry"), the description itself when nothing resolves it
  ("the narrator of the ad"), or None (anonymous sources, no cue at all).
  ``speaker_start``/``speaker_end`` locate the mention that named it.
- ``co_speakers``: the other names of a joint statement ("Reyes and Tully said":
  ``speaker`` is Alma Reyes, ``co_speakers`` is ("Ron Tully",)); usually empty.
- ``cue``, ``cue_start``/``cue_end``: the words that tie the quotation to its
  speaker ("said", "according to", "—", ":"); ``cue_type`` says how the speaker was
  found (verb-after, verb-before, according-to, colon, dash, headline, turn, noun,
  same-paragraph, same-sentence, continued, introduced, preceding-sentence,
  next-sentence, previous, subject, sentence-name, default, none).
- ``confidence``: the measured share of right answers for that way of finding the
  speaker (see ``tuning.CUE_CONFIDENCE``).
- ``said_at``/``said_precision``/``said_from``: an ISO date or time; "text" when a
  date next to the cue gave it ("on Monday", "yesterday", "last week", "3 March"),
  resolved against ``published`` (precision day, week, month or year), else the
  document's time ("document"; precision "time" or "day").
- ``normalized``: the words folded by ``store.text.normalize_words`` (what search
  matches), ``kind``: full, partial, headline or turn.

Modules, one job each: ``marks`` (quotation marks -> spans, one linear pass),
``transcripts`` (turns "V.Putin: ..."), ``tokens`` (words of a bounded stretch),
``mentions`` (speaker phrases and what they name), ``cues`` (the cue around a
quotation), ``entities`` (the document's people, organisations and roles),
``coref`` (pronouns and descriptions), ``dates`` (when), ``filters`` (titles,
terms and scare quotes are not quotations), ``confidence``, ``parser`` (one
document's pass), ``quote`` (the result type), ``tuning`` (every threshold, with
how it was measured) and ``languages`` (the data: one TOML file a language).
"""

from crawler.attribution.parser import extract_quotes
from crawler.attribution.quote import Quote

__all__ = ["Quote", "extract_quotes"]
