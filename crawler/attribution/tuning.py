"""Every tuned threshold of the attribution parser, in one place.

Each value says how it was calibrated. "dev" means the development files
``polnear-dev.jsonl`` and ``german-wikinews-dev.jsonl`` of ../shared/data/quotes
(never the test files) and the project's own fixtures in
tests/fixtures/attribution; change a value only with a new measurement.
"""

# An opening mark left unclosed in the middle of a paragraph runs to the end of the
# paragraph, but never further than this: the longest closed quotation in dev is
# about 1,400 characters, so a longer unclosed run is a stray mark, cut at the last
# sentence end before the limit.
UNCLOSED_MAX_CHARS = 2000

# A speaker phrase is at most this many tokens ("Libertarian presidential candidate
# Gary Johnson's doctor" is 7): longer runs are clauses, not phrases. Dev phrases
# longer than 12 tokens were all clauses swallowed by a missing comma.
MAX_PHRASE_TOKENS = 12

# An apposition between a speaker and its verb ("Leonard E. Burman, director of the
# centrist Urban-Brookings Tax Policy Center and a professor at ..., said") is read up
# to this many tokens; the longest in dev is 27.
MAX_APPOSITION_TOKENS = 32
# Up to this many comma-separated phrases are read back from a verb for the subject
# ("X, the attorney general of Oklahoma, one of the states suing the EPA, said").
MAX_APPOSITIONS = 5

# "a source close to Erdoğan said", "people familiar with the talks": an anonymous head
# noun this many tokens before the phrase found left of the verb makes the speaker
# anonymous (null), never the name after it.
ANONYMOUS_LOOKBACK_TOKENS = 5

# A pronoun looks this far back for the person it stands for: in dev, 96% of the
# pronoun speakers whose gold name is known name that person within 1,200
# characters, and a wider window mostly adds wrong, older candidates.
COREF_WINDOW_CHARS = 1200

# Context read around a quotation for its cue: before the opening mark (the
# sentence running into it) and after the closing mark.
BEFORE_WINDOW_CHARS = 300
AFTER_WINDOW_CHARS = 250

# A paragraph opening with a mark continues the previous paragraph's unclosed
# quotation when it starts within this many characters of it.
CONTINUATION_GAP_CHARS = 4000

# A quotation that opens a paragraph with no cue keeps the previous quotation's
# speaker when it follows within this many characters.
PREVIOUS_SPEAKER_GAP_CHARS = 600

# The first line is a title when it is at most this long (and more text follows);
# "X: ..." opens a title when the colon comes within this many characters.
HEADLINE_MAX_CHARS = 250
HEADLINE_LABEL_MAX_CHARS = 60
# A first line ending like a sentence is still a title when at least this share of
# its words of four letters or more are capitalised ("Obama Sees 'Personal Insult'
# if Blacks Don't Rally."): all 84 PolNeAR dev titles pass, lead sentences of news
# (a name and a title or two, then lower case) stay below it.
HEADLINE_TITLE_CASE = 0.75

# A date expression governs the cue when it is within this many characters after it.
DATE_AFTER_CUE_CHARS = 60

# First-person words are looked for in the first characters of a quotation only.
FIRST_PERSON_SCAN_CHARS = 400

# A document is a transcript when it has at least this many labelled turns
# (and one label at least twice).
TRANSCRIPT_MIN_TURNS = 3

# After a quotation, the verb of its cue is looked for within this many tokens
# ("…" of the Clinton proposals, Mr. Holtz-Eakin said): room for a long apposition.
AFTER_VERB_MAX_TOKENS = 40

# Not quotations: a title-case span of at most this many words between two parts of
# a name is a nickname (Robert C. "Bobby" Scott); a span of at most this many words
# with no cue, or heading a noun phrase with only a weak cue, is a term or a title.
NICKNAME_MAX_WORDS = 2
TERM_MAX_WORDS = 3

# Confidence per way of finding the speaker (placeholder until measured).
CUE_CONFIDENCE = {
    "verb-after": 0.9,
    "verb-before": 0.85,
    "according-to": 0.85,
    "colon": 0.8,
    "dash": 0.9,
    "headline": 0.85,
    "noun": 0.6,
    "turn": 0.95,
    "same-paragraph": 0.85,
    "introduced": 0.85,
    "continued": 0.85,
    "preceding-sentence": 0.6,
    "next-sentence": 0.6,
    "previous": 0.5,
    "subject": 0.5,
    "default": 0.7,
    "none": 0.3,
}
MENTION_FACTOR = {"name": 1.0, "pronoun": 0.95, "role": 0.9, "org": 0.95, "description": 0.8}
UNRESOLVED_PRONOUN_FACTOR = 0.5
UNCLOSED_FACTOR = 0.9
