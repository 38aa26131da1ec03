"""Every tuned number of the linking job, with how it was calibrated.

Calibration data: the labelled set in ``tests/fixtures/linking/`` (corpus.txt:
statements, posts and 93 news articles with gold links; pairs.txt: wording
pairs with hard negatives), scored by ``python tests/linking/labelled.py``,
which also scores heldout.txt, written after calibration. The eval gate
(tests/linking/test_linking_eval_gate.py) pins the figures as floors. Speed
figures come from ``bench/link.py``. A change of any value here must keep the
gate's floors, or lower them in the same commit and say why.
"""

from __future__ import annotations

from datetime import timedelta

# ---------------------------------------------------------------- grouping

# A word pair differing only like this is one word spelt two ways (a typo,
# "defence"/"defense", "Aliyev"/"Aliev", "rebiuld"/"rebuild"), not an edit.
# Similarity by optimal string alignment (a transposition is one edit); 0.75
# admits one wrong letter in a 4-letter word, one in five letters beyond.
# Inflections ("village"/"villages", "using"/"uses") are caught by a crude
# stem (scheduler.linking.words.stem) first. 0.7 to 0.8 score the same on
# the labelled data; 0.75 is the middle.
TYPO_MIN_SIMILARITY = 0.75

# Two quotations of similar length are compared as variants (small edits);
# a shorter one against a longer one as a part of it. "Similar" is this ratio
# of word counts: a variant may lose a word in ten.
VARIANT_MIN_LENGTH_RATIO = 0.8

# Edits allowed between variants (words added, dropped or replaced, a typo
# not counting): this share of the longer quotation's words, at least one.
# Labelled pairs: 0.1 lost 2 true pairs of 22 (a place name left out, two
# words swapped); 0.3 merged a post with the statement whose second half it
# repeats (pairs precision 0.96, corpus grouping precision 0.85).
VARIANT_MAX_EDIT_RATIO = 0.2

# Fewer words than this are never merged as near matches: a three-word
# formula ("we will win") means too many things. Exact matches still group.
NEAR_MIN_WORDS = 3

# A part must have this many words to join the quotation it is taken from:
# "lasting peace" is a phrase, "supports every effort to bring a lasting
# peace" is a quotation. At 4, "we will not recognise" joined a speech (a
# labelled hard negative) while "stolen in broad daylight" joined its
# sentence (a true one): four words are as often a formula as a fragment.
# 6 scored the same as 5.
PART_MIN_WORDS = 5

# How well the part must align, character by character, with some stretch of
# the longer quotation (rapidfuzz partial_ratio, 0-100) before its words are
# compared one by one. 80 lets a truncated or slightly edited part through.
PART_MIN_ALIGNMENT = 80.0

# A part said earlier than the quotation it is a part of is a statement of
# its own (the speaker said the short thing first, the long one later), not
# a report of it. Dates are often only to the day, hence the slack.
PART_EARLY_SLACK = timedelta(days=2)

# An unattributed quotation ("officials said") joins a named speaker's only
# when said within this time of it: a report of a year-old statement comes
# with a name. Also what keeps an incremental run from comparing a new
# unattributed quotation with every quotation ever stored (bench/link.py:
# 9 s of a 12 s run at 100,000 quotations; 1 s with the window).
UNATTRIBUTED_WINDOW = timedelta(days=365)

# Candidate pairs for grouping share at least this share of the shorter
# quotation's shingles (word pairs within a speaker, word triples across).
# Cheap filter before the exact comparison; 0.3 lost no true pair of the
# labelled set.
GROUPING_MIN_SHARED_SHINGLES = 0.3

# A word pair held by more quotations of one speaker than this is a set phrase
# of theirs ("our people", "we will"): not used to find candidates.
GROUPING_MAX_POSTING = 200
# Across speakers (an unattributed quotation may be anybody's), a word triple
# held by more quotations than this is a formula: not used. bench/link.py:
# with 200, the lookups of 5,000 unattributed quotations took longer than
# all the rest of grouping.
GROUPING_MAX_POSTING_ACROSS = 20

# ----------------------------------------------------------------- reports

# An article "reports" a quotation when it carries its words in runs of at
# least REPORTS_MIN_RUN consecutive words (an isolated word in common is
# chance), one run at least REPORTS_MIN_LONGEST_RUN long (a quotation or a
# close report of one; a paraphrase shares pairs and triples of words).
# Reports precision/recall on the labelled corpus: longest run 4 0.98/0.98,
# 5 1.00/0.98, 6 1.00/0.96. And ...
REPORTS_MIN_WORDS = 5
REPORTS_MIN_RUN = 2
REPORTS_MIN_LONGEST_RUN = 5
# ... these make at least this share of the quotation ("12 of 14 words"), or
# at least REPORTS_LONG_PART words (a long verbatim passage of a long speech is
# substantial even when it is a small share of it: in the labelled set, a
# post repeating the second half of a statement, 11 words of 24). Coverage
# 0.4 made false reports of paraphrases (reports precision 0.96), 0.6 scored
# as 0.5; a long part of 12 missed that post (recall 0.96), 8 scored as 10.
REPORTS_MIN_COVERAGE = 0.5
REPORTS_LONG_PART = 10
# Short passages could be anyone's words: under this many matched words the
# article must also name the speaker. Unattributed quotations need this many.
# 8 to 12 score the same on the labelled data.
REPORTS_NAMELESS_MIN_WORDS = 10
# A quotation shorter than REPORTS_MIN_WORDS ("Karabakh is Azerbaijan") is
# reported by an article that carries all of it and names the speaker.
REPORTS_SHORT_MIN_WORDS = 3

# Text evidence counts in this window around when the quotation was first
# said: an article cannot report words before they were said (the slack
# absorbs time zones and day-precision dates), and a year later the same
# words are someone repeating a formula. Articles in which the parser found
# the quotation (an occurrence) report it whenever they were published.
REPORTS_EARLY_SLACK = timedelta(days=2)
REPORTS_WINDOW = timedelta(days=365)

# Word triples held by more quotations than this are formulas ("we will not",
# "the people of"): not used to find candidate quotations in articles. Each
# quotation keeps its rarer triples, which a report carries as well.
REPORTS_MAX_POSTING = 50
# A candidate shares at least this many distinct triples with the article (a
# run of 5 words holds 3; a quotation of 3 or 4 words needs all of its).
# One shared triple is mostly a phrase in common: bench/link.py spent half
# its time aligning such candidates, none of which was a report.
REPORTS_MIN_ANCHORS = 2

# A word triple made only of words found in more than this share of the
# articles (and in more than COMMON_WORD_MIN_DF of them) anchors nothing:
# "in the country", "we will not". Every article holds dozens of such
# triples; looking up their quotations was most of the article scan at 10,000
# quotations in bench/link.py (and grew with the number of quotations).
COMMON_WORD_DF_RATIO = 0.05
COMMON_WORD_MIN_DF = 50

# How far around an anchor (a word triple in common) the article is aligned
# with the quotation: the quotation's length plus this many words on each
# side, plus room for a reporting clause inside it ("..., he said, ...").
ALIGN_PAD_WORDS = 3
ALIGN_INTERRUPTION_WORDS = 8
# Places tried per candidate (each place an anchor is found at).
ALIGN_MAX_PLACES = 6

# ------------------------------------------------------------------ covers

# An article "covers" a quotation when it names the speaker and was published
# in this window around it: announcements the day before, reactions for a week.
COVERS_BEFORE = timedelta(days=1)
COVERS_AFTER = timedelta(days=7)

# ... and carries this share of the weight of the quotation's topic terms
# (its own words, and more lightly the title and sentence it was said in;
# weights are idf over the articles; words compared by a crude stem, so
# "soldiers" is "soldier"), sharing at least COVERS_MIN_SHARED_TERMS of them.
# Calibrated on the labelled corpus (covers precision/recall): topic 0.35
# 0.96/0.69, 0.3 0.97/0.81, 0.25 0.97/0.92, 0.2 0.95/0.97, 0.15 the same
# as 0.2; terms in common 2: 0.95/1.00, 3: 0.95/0.97, 4: 0.97/0.81. Three
# terms, as two words in common are thin evidence for a whole article.
COVERS_MIN_TOPIC = 0.2
COVERS_MIN_SHARED_TERMS = 3
# A quotation's topic is its TOPIC_TERMS heaviest terms; context words weigh
# CONTEXT_WEIGHT of a word of the quotation itself. Covers precision/recall:
# 8 terms 0.97/0.83, 12 and 16 the same; context weight 1.0 0.91/0.89, 0.5
# 0.92/0.94, 0.25 0.95/0.97 (the quotation's own words say more than the
# statement around them).
TOPIC_TERMS = 12
CONTEXT_WEIGHT = 0.25

# ---------------------------------------------------------- speaker names

# A surname alone names a speaker ("Sorel said") when no other speaker has it
# and it is not a common word of the articles (in fewer than this share of
# them: "May", "Young" and "Long" are words before they are names).
SURNAME_MAX_DF_RATIO = 0.2
SURNAME_MIN_LETTERS = 3
# ... in a small collection a share says little: up to this many articles
# holding the word is never "common".
SURNAME_MIN_DF = 5

# --------------------------------------------------------------- vocabulary

# Document frequencies for idf come from this many news articles spread over
# the whole collection (every k-th by id), rebuilt when the collection has
# grown or shrunk by VOCABULARY_REBUILD_GROWTH since.
VOCABULARY_SAMPLE = 5000
VOCABULARY_REBUILD_GROWTH = 0.2
# Terms in more than this share of articles carry no topic ("said", "the").
TOPIC_MAX_DF_RATIO = 0.3
# ... and, as for surnames, in a small collection (a first crawl, the demo's
# five articles) a share says little: a term in up to this many articles is
# never "common". Without it the demo's paraphrasing article lost every topic
# term ("corridor" is in 3 of 5 articles) and no `covers` link was possible.
TOPIC_MIN_DF = 5
