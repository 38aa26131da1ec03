"""Why an article is linked to a quotation: the rules of ``reports`` and ``covers``.

Pure: quotation profiles in, one article at a time, links with a score and a
reason a person can read out. Candidates come from an inverted index, never
from all pairs:

- ``reports``: the article shares two word triples with the quotation
  (formulas, triples held by many quotations or made of common words, are
  left out of the index); the quotation is then aligned with the stretch of
  the article around each place they occur, and the words found in runs are
  counted: "contains 12 of 14 words of the quotation". It takes half the
  quotation (or 10 words of a long one), one verbatim run of 5 words, no
  content word or negation changed ("every school" does not report "every
  village"), and the speaker named when fewer than 10 words match. An
  article in which the parser found the quotation (an occurrence) reports
  it, whenever published.
- ``covers``: the article names the speaker (scheduler.linking.names) and was
  published in the window around the quotation; it then needs enough of the
  weight of the quotation's topic terms (idf-weighted words of the quotation,
  and more lightly of the title and sentence it was said in): "mentions
  Sorel; similar topic (corridor, Geneva, detainees); 2 days later".

An article that reports a quotation is not also said to cover it. Thresholds
are in scheduler.linking.thresholds.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from rapidfuzz.distance import LCSseq

from scheduler.linking import thresholds as T
from scheduler.linking.compare import same_word
from scheduler.linking.names import NameFinder
from scheduler.linking.words import NEGATIONS, fold, is_function_word, stem, stem_of, trigrams

KIND_RANK = {"reports": 2, "covers": 1}


@dataclass
class QuoteProfile:
    """What linking needs of a quotation."""

    id: int
    speaker_id: int | None
    words: tuple[str, ...]
    time: datetime | None  # first said
    topic: dict[str, float] = field(default_factory=dict)  # term -> weight
    written: dict[str, str] = field(default_factory=dict)  # term -> as written ("Tellin")

    @property
    def topic_weight(self) -> float:
        return sum(self.topic.values())


@dataclass
class Article:
    """A news article as linking reads it."""

    id: int
    time: datetime  # published, else first seen
    title: str | None
    text: str


@dataclass
class Found:
    """A link the evidence supports."""

    quotation_id: int
    document_id: int
    kind: str
    score: float
    reason: str
    quoted: bool = False  # the parser found the quotation in the article (an occurrence)

    def better_than(self, other: Found) -> bool:
        """Reports over covers; the parser's finding over words found in the text."""
        return (KIND_RANK[self.kind], self.quoted, self.score) > (
            KIND_RANK[other.kind],
            other.quoted,
            other.score,
        )


def when(article: datetime, said: datetime | None) -> str:
    """The article's time relative to the quotation, as people say it."""
    if said is None:
        return "date of the quotation unknown"
    days = (article.date() - said.date()).days
    if days == 0:
        return "same day"
    later = "later" if days > 0 else "earlier"
    days = abs(days)
    if days < 60:
        return f"{days} day{'s' if days > 1 else ''} {later}"
    months = round(days / 30.4)
    if months < 24:
        return f"{months} months {later}"
    return f"{round(days / 365.25)} years {later}"


@dataclass
class Alignment:
    """How much of a quotation a stretch of article carries."""

    matched: int = 0  # words of the quotation found, in runs of REPORTS_MIN_RUN or more
    longest: int = 0  # the longest run
    changed: str | None = None  # a word the article puts in place of one of the quotation's


def _changes_claim(left: Sequence[str], right: Sequence[str]) -> str | None:
    """A substitution that makes another claim: a content word or a negation for another."""
    for x, y in zip(left, right, strict=True):
        if x in NEGATIONS or y in NEGATIONS:
            return f"{y} for {x}"
        if not same_word(x, y) and not is_function_word(x) and not is_function_word(y):
            return f"{y} for {x}"
    return None


def align(quote: Sequence[str], stretch: Sequence[str]) -> Alignment:
    """Align the quotation's words with a stretch of article words.

    Runs of words in common are chained into one passage across what a
    report does to a quotation: an interruption ("..., he said, ..."), a
    word or two left out, a word put for another ("would" for "will"). When
    the article skips words of the quotation *and* says other things in
    between, it is a paraphrase: the runs on either side are separate
    passages, and the best one counts. A substitution of a content word or a
    negation ("every school" for "every village") is another claim.
    """
    # Words compared by their stems: "supported" reports "supports".
    quote_stems = list(map(stem_of, quote))
    stretch_stems = list(map(stem_of, stretch))
    blocks = [
        b
        for b in LCSseq.editops(quote_stems, stretch_stems).as_matching_blocks()
        if b.size >= T.REPORTS_MIN_RUN
    ]
    best = Alignment()
    passage = Alignment()
    for i, block in enumerate(blocks):
        if i:
            before = blocks[i - 1]
            left = quote[before.a + before.size : block.a]
            right = stretch[before.b + before.size : block.b]
            if 0 < len(left) == len(right) <= 2:
                passage.changed = passage.changed or _changes_claim(left, right)
            elif left and len(right) > 2:  # words skipped and others said: a new passage
                best = max(best, passage, key=lambda a: (a.changed is None, a.matched))
                passage = Alignment()
        passage.matched += block.size
        passage.longest = max(passage.longest, block.size)
    return max(best, passage, key=lambda a: (a.changed is None, a.matched))


def reports_reason(matched: int, total: int, named: str | None, timing: str) -> str:
    if matched >= total:
        what = f"contains all {total} words of the quotation"
    else:
        what = f"contains {matched} of {total} words of the quotation"
    return "; ".join(p for p in (what, f"names {named}" if named else None, timing) if p)


def _starts(quote: Sequence[str], padded: str, anchors: list[tuple[str, str, str]]) -> list[int]:
    """Where in the article the quotation may start: one guess per place an anchor is found.

    An article may carry the words twice, or another quotation of the same
    frame first ("inflation to fall to 7 percent" before "... 5 percent"):
    every place is tried, up to ALIGN_MAX_PLACES.
    """
    position: dict[tuple[str, str, str], int] = {}
    for j, triple in enumerate(zip(quote, quote[1:], quote[2:], strict=False)):
        position.setdefault(triple, j)
    starts: list[int] = []
    for anchor in sorted(anchors, key=position.__getitem__):
        needle = " " + " ".join(anchor) + " "
        at = padded.find(needle)
        while at >= 0:
            start = padded.count(" ", 0, at) - position[anchor]
            if all(abs(start - s) > T.ALIGN_PAD_WORDS for s in starts):
                starts.append(start)
                if len(starts) >= T.ALIGN_MAX_PLACES:
                    return starts
            at = padded.find(needle, at + 1)
    return starts


class ArticleMatcher:
    """Quotation profiles indexed for matching articles one by one."""

    def __init__(
        self,
        profiles: Iterable[QuoteProfile],
        names: NameFinder,
        common_words: frozenset[str] = frozenset(),
    ) -> None:
        """``common_words``: words in many articles; a triple of them anchors nothing."""
        self.profiles = list(profiles)
        self.names = names
        posting: dict[tuple[str, str, str], list[int]] = defaultdict(list)
        anchors = [0] * len(self.profiles)
        for i, p in enumerate(self.profiles):
            if len(p.words) >= T.REPORTS_SHORT_MIN_WORDS:
                for triple in trigrams(p.words):
                    if not all(w in common_words for w in triple):
                        posting[triple].append(i)
        self.index = {k: v for k, v in posting.items() if len(v) <= T.REPORTS_MAX_POSTING}
        self.keys = frozenset(self.index)
        for ids in self.index.values():
            for i in ids:
                anchors[i] += 1
        # A report carries a run of REPORTS_MIN_LONGEST_RUN words: triples in common.
        self.min_anchors = [max(1, min(T.REPORTS_MIN_ANCHORS, n)) for n in anchors]
        timed: dict[int, list[tuple[datetime, int]]] = defaultdict(list)
        for i, p in enumerate(self.profiles):
            if p.speaker_id is not None and p.time is not None and p.topic:
                timed[p.speaker_id].append((p.time, i))
        self.by_speaker = {s: sorted(v) for s, v in timed.items()}
        self.speaker_times = {s: [t for t, _ in v] for s, v in self.by_speaker.items()}

    def match(self, article: Article) -> list[Found]:
        """The links this article supports, at most one per quotation."""
        folded = fold(f"{article.title or ''}\n{article.text}")
        words = folded.split()
        word_set = set(words)
        padded = f" {folded} "
        named = self.names.named(word_set, padded)
        found: dict[int, Found] = {}
        for i, anchors in self._reports_candidates(words, article.time).items():
            link = self._reports(self.profiles[i], article, words, padded, anchors, named)
            if link:
                found[i] = link
        stems: set[str] | None = None
        for speaker_id in named:
            for i in self._said_around(speaker_id, article.time):
                if i not in found:
                    stems = stems if stems is not None else set(map(stem_of, word_set))
                    link = self._covers(self.profiles[i], article, stems, named)
                    if link:
                        found[i] = link
        return list(found.values())

    # ---------------------------------------------------------------- reports

    def _reports_candidates(
        self, words: list[str], time: datetime
    ) -> dict[int, list[tuple[str, str, str]]]:
        hits = trigrams(words) & self.keys
        candidates: dict[int, list[tuple[str, str, str]]] = defaultdict(list)
        for triple in hits:
            for i in self.index[triple]:
                candidates[i].append(triple)
        early, late = T.REPORTS_EARLY_SLACK, T.REPORTS_WINDOW
        return {
            i: anchors
            for i, anchors in candidates.items()
            if len(anchors) >= self.min_anchors[i]
            and ((said := self.profiles[i].time) is None or said - early <= time <= said + late)
        }

    def _reports(
        self,
        profile: QuoteProfile,
        article: Article,
        words: list[str],
        padded: str,
        anchors: list[tuple[str, str, str]],
        named: dict[int, str],
    ) -> Found | None:
        quote = profile.words
        best = Alignment()
        for start in _starts(quote, padded, anchors):
            stretch = words[
                max(0, start - T.ALIGN_PAD_WORDS) : start
                + len(quote)
                + T.ALIGN_PAD_WORDS
                + T.ALIGN_INTERRUPTION_WORDS
            ]
            found = align(quote, stretch)
            if found.changed is None and (found.matched, found.longest) > (
                best.matched,
                best.longest,
            ):
                best = found
        matched, total = best.matched, len(quote)
        speaker_named = named.get(profile.speaker_id) if profile.speaker_id else None
        if total < T.REPORTS_MIN_WORDS:
            ok = matched >= total and speaker_named is not None
        else:
            ok = best.longest >= T.REPORTS_MIN_LONGEST_RUN and (
                matched >= T.REPORTS_MIN_COVERAGE * total or matched >= T.REPORTS_LONG_PART
            )
            if ok and matched < T.REPORTS_NAMELESS_MIN_WORDS:
                ok = speaker_named is not None
        if not ok:
            return None
        score = round(min(1.0, matched / total), 4)
        reason = reports_reason(matched, total, speaker_named, when(article.time, profile.time))
        return Found(profile.id, article.id, "reports", score, reason)

    # ----------------------------------------------------------------- covers

    def _said_around(self, speaker_id: int, time: datetime) -> list[int]:
        """Quotations of the speaker said in the covers window of an article at ``time``."""
        times = self.speaker_times.get(speaker_id)
        if not times:
            return []
        lo = bisect_left(times, time - T.COVERS_AFTER)
        hi = bisect_right(times, time + T.COVERS_BEFORE)
        return [i for _, i in self.by_speaker[speaker_id][lo:hi]]

    def _covers(
        self, profile: QuoteProfile, article: Article, stems: set[str], named: dict[int, str]
    ) -> Found | None:
        shared = sorted(
            (t for t in profile.topic if stem(t) in stems), key=lambda t: -profile.topic[t]
        )
        needed = min(T.COVERS_MIN_SHARED_TERMS, len(profile.topic))
        score = sum(profile.topic[t] for t in shared) / (profile.topic_weight or 1.0)
        if len(shared) < needed or score < T.COVERS_MIN_TOPIC:
            return None
        speaker = named[profile.speaker_id] if profile.speaker_id is not None else "?"
        topic = ", ".join(profile.written.get(t, t) for t in shared[:4])
        reason = f"mentions {speaker}; similar topic ({topic}); {when(article.time, profile.time)}"
        return Found(profile.id, article.id, "covers", round(score, 4), reason)


def topic_terms(
    quote_words: Iterable[str],
    context_words: Iterable[str],
    idf: dict[str, float],
    excluded: set[str],
) -> dict[str, float]:
    """The quotation's TOPIC_TERMS heaviest terms: idf, context words at CONTEXT_WEIGHT."""
    weights: dict[str, float] = {}
    for words, factor in ((context_words, T.CONTEXT_WEIGHT), (quote_words, 1.0)):
        for w in words:
            if w in excluded or w not in idf:
                continue
            weights[w] = max(weights.get(w, 0.0), factor * idf[w])
    heaviest = sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))[: T.TOPIC_TERMS]
    return {w: round(v, 4) for w, v in heaviest if v > 0}


def article_window(said: datetime) -> tuple[datetime, datetime]:
    """When articles linked to a quotation said at ``said`` can have been published."""
    before = max(T.REPORTS_EARLY_SLACK, T.COVERS_BEFORE)
    after = max(T.REPORTS_WINDOW, T.COVERS_AFTER)
    return said - before, said + after


def quotation_window(published: datetime) -> tuple[datetime, datetime]:
    """When quotations linked to an article published at ``published`` can have been said."""
    before = max(T.REPORTS_WINDOW, T.COVERS_AFTER)
    after = max(T.REPORTS_EARLY_SLACK, T.COVERS_BEFORE)
    return published - before, published + after


def merge_intervals(
    intervals: Iterable[tuple[datetime, datetime]], gap: timedelta = timedelta(0)
) -> list[tuple[datetime, datetime]]:
    """Overlapping (or nearly touching) intervals joined, in order."""
    merged: list[tuple[datetime, datetime]] = []
    for lo, hi in sorted(intervals):
        if merged and lo <= merged[-1][1] + gap:
            merged[-1] = (merged[-1][0], max(merged[-1][1], hi))
        else:
            merged.append((lo, hi))
    return merged


def quoted_in(profile: QuoteProfile, document_id: int, text: str, time: datetime) -> Found:
    """The article in which the parser found the quotation reports it, whenever published."""
    words = fold(text).split()
    total = len(profile.words)
    matched = min(total, align(profile.words, words).matched) if words else 0
    if matched >= total or not words:
        what = f"quotes it in full ({total} words)"
    else:
        what = f"quotes {len(words)} words of it ({matched} of the quotation's {total})"
    score = 1.0 if matched >= total or not words else round(max(matched, 1) / total, 4)
    reason = f"{what}; {when(time, profile.time)}"
    return Found(profile.id, document_id, "reports", score, reason, quoted=True)
