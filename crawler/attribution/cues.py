"""Cues: the words that attach a quotation to a speaker, read around the quotation.

After the closing mark: "…," said X / "…," X said / «…», — сказал X / „…“, so X /
"…" —Commissioner X / "…," according to X / '…': X marks …. Before the opening
mark, in the same sentence: X said: "…" / X told reporters that "…" (partial
quotations too: called the drills "…") / According to X, "…" / X: "…" / And from
Deputy Minister X: "…" / X's claim that "…". Each cue carries the speaker phrase
it found (or none, when the speaker must come from the sentence's subject, as in
Turkish "Erdoğan, “…” dedi").
"""

from __future__ import annotations

from dataclasses import dataclass

from crawler.attribution import mentions, tuning
from crawler.attribution.languages import Lexicon
from crawler.attribution.mentions import Mention, classify, phrase_after, phrase_before
from crawler.attribution.tokens import Tok

AFTER = "verb-after"  # "…," said X / X said
BEFORE = "verb-before"  # X said: "…" / X called it "…"
ACCORDING = "according-to"
COLON = "colon"  # X: "…" / Statement of X: "…"
DASH = "dash"  # "…" —Commissioner X
NOUN = "noun"  # X's claim that "…"
HEADLINE = "headline"

_DASHES = frozenset("-\u2010\u2012\u2013\u2014\u2015")
_SENTENCE_END = frozenset(".!?\u2026")
_MARKS = frozenset("\"'\u201c\u201d\u201e\u201f\u00ab\u00bb\u2018\u2019\u201a\u2039\u203a")


@dataclass(slots=True)
class Cue:
    """What ties a quotation to a speaker, and the speaker phrase it names."""

    kind: str
    start: int  # the cue words in the text ("said", "according to", "—", ":")
    end: int
    mention: Mention | None
    words: str


def verb_end(toks: list[Tok], i: int, lex: Lexicon) -> int:
    """Index of the last token of a reporting verb group starting at ``i``, or -1.

    Covers single verbs, listed phrases ("pointed out"), auxiliaries before a verb
    ("has said", "a déclaré") and French inversion ("a-t-il ajouté", "dit-elle").
    """
    n = len(toks)
    k = i
    while k < n and k - i < 3 and toks[k].key in lex.auxiliaries and not lex.is_verb(toks[k].key):
        k += 1
    if k >= n:
        return -1
    key = toks[k].key
    for rest in lex.verb_phrases.get(key, ()):
        if k + len(rest) < n and all(toks[k + 1 + m].key == w for m, w in enumerate(rest)):
            return k + len(rest)
    if lex.is_verb(key):
        return k
    for suffix in lex.inverted_pronouns:
        if key.endswith(suffix):
            stem = key[: -len(suffix)]
            if lex.is_verb(stem):
                return k
            if stem in lex.auxiliaries and k + 1 < n and lex.is_verb(toks[k + 1].key):
                return k + 1
    return -1


def _inverted_pronoun(toks: list[Tok], first: int, last: int, lex: Lexicon) -> Mention | None:
    """The pronoun inside a French inverted verb: "a-t-il", "ajoute-t-elle"."""
    for k in range(first, last + 1):
        for suffix in lex.inverted_pronouns:
            if toks[k].key.endswith(suffix) and len(toks[k].key) > len(suffix):
                pronoun = suffix.rsplit("-", 1)[-1]
                gender = lex.pronoun_gender.get(pronoun)
                tok = toks[k]
                return Mention(mentions.PRONOUN, tok.start, tok.end, pronoun, pronoun, gender)
    return None


def _skip_adverbs(toks: list[Tok], i: int, lex: Lexicon) -> int:
    """Skip words between a verb and its speaker: "said on Monday X" is rare, "said X" is not."""
    n = len(toks)
    while i < n and toks[i].key in lex.auxiliaries and toks[i].key not in lex.determiners:
        i += 1
    return i


def _described_name(
    text: str, toks: list[Tok], span: tuple[int, int], lex: Lexicon
) -> Mention | None:
    """A phrase, preferring the name of an apposition: "the foreign minister, Mevlüt Çavuşoğlu"."""
    first, last = span
    mention = classify(text, toks, first, last, lex)
    if mention is None or mention.kind == mentions.NAME:
        return mention
    k = last + 1
    if k + 1 < len(toks) and toks[k].text == "," and toks[k + 1].cap:
        named = phrase_after(toks, k + 1, lex)
        if named:
            other = classify(text, toks, named[0], named[1], lex)
            if other is not None and other.kind == mentions.NAME:
                other.roles = other.roles + mention.roles
                return other
    return mention


def sentence_tokens(toks: list[Tok], lex: Lexicon) -> list[Tok]:
    """The tokens of the last sentence of ``toks`` (the one running into the quotation)."""
    for b in range(len(toks) - 1, -1, -1):
        tok = toks[b]
        if tok.text in _SENTENCE_END:
            before = toks[b - 1] if b > 0 else None
            if before is not None and (
                before.key in lex.abbreviations or (len(before.text) == 1 and before.text.isupper())
            ):
                continue
            if b + 1 == len(toks):
                return []
            nxt = toks[b + 1]
            if nxt.cap or nxt.text in _MARKS or nxt.text[0].isdigit():
                return toks[b + 1 :]
    return toks


def after_cue(text: str, toks: list[Tok], lex: Lexicon, headline: bool) -> Cue | None:
    """The cue right after a closing mark, in ``toks`` (the rest of the paragraph)."""
    n = len(toks)
    i = 0
    dash = colon = False
    while i < n and not toks[i].word and i < 4:
        mark = toks[i].text
        if mark in _DASHES:
            dash = True
        elif mark == ":":
            colon = True
        elif mark in _MARKS or mark == "(":
            return None
        i += 1
    if i >= n or not toks[i].word:
        return None
    according = _according(text, toks, i, lex)
    if according is not None:
        return according
    v = verb_end(toks, i, lex)
    if v >= 0:
        words = text[toks[i].start : toks[v].end]
        mention = _inverted_pronoun(toks, i, v, lex)
        if mention is None:
            j = _skip_adverbs(toks, v + 1, lex)
            span = phrase_after(toks, j, lex) if j < n else None
            if span is not None:
                mention = _described_name(text, toks, span, lex)
        return Cue(AFTER, toks[i].start, toks[v].end, mention, words)
    span = phrase_after(toks, i, lex)
    if span is None:
        return None
    first, last = span
    k = last + 1
    if k < n and toks[k].text == "(":
        while k < n and toks[k].text != ")":
            k += 1
        k += 1
    if k < n and toks[k].text == ",":  # an apposition between the speaker and the verb
        close = k + 1
        while close < n and toks[close].text != "," and close - k < tuning.MAX_APPOSITION_TOKENS:
            if toks[close].text in _SENTENCE_END and not mentions.in_phrase(toks, close, lex):
                break
            close += 1
        if close < n and toks[close].text == ",":
            k = close + 1
    k = _skip_adverbs(toks, k, lex)
    v = verb_end(toks, k, lex) if k < n else -1
    if v >= 0:
        mention = classify(text, toks, first, last, lex)
        if mention is not None:
            return Cue(
                AFTER, toks[k].start, toks[v].end, mention, text[toks[k].start : toks[v].end]
            )
        return None
    if dash or (colon and headline):
        # A signature ("—Commissioner X") or a headline ("'…': X marks …").
        mention = classify(text, toks, first, last, lex)
        if mention is not None and mention.kind in (mentions.NAME, mentions.ROLE, mentions.ORG):
            mark = toks[i - 1]
            return Cue(DASH if dash else HEADLINE, mark.start, mark.end, mention, mark.text)
    return None


def _according(text: str, toks: list[Tok], i: int, lex: Lexicon) -> Cue | None:
    """ "according to X" / "selon X" starting at token ``i``."""
    key = toks[i].key
    length = 0
    if key in lex.before_speaker_words:
        length = 1
    for rest in lex.before_speaker.get(key, ()):
        if i + len(rest) < len(toks) and all(toks[i + 1 + m].key == w for m, w in enumerate(rest)):
            length = 1 + len(rest)
            break
    if not length:
        return None
    span = phrase_after(toks, i + length, lex)
    if span is None:
        return None
    mention = _described_name(text, toks, span, lex)
    if mention is None:
        return None
    last = toks[i + length - 1]
    return Cue(ACCORDING, toks[i].start, last.end, mention, text[toks[i].start : last.end])


def before_cue(text: str, sent: list[Tok], lex: Lexicon) -> Cue | None:
    """The cue in the sentence ``sent`` that runs into an opening mark."""
    n = len(sent)
    if n == 0:
        return None
    for i in range(n):
        if sent[i].key in lex.before_speaker_words or sent[i].key in lex.before_speaker:
            found = _according(text, sent, i, lex)
            if found is not None:
                return found
        if sent[i].key in lex.after_speaker and i > 0:  # Turkish "Erdoğan'a göre"
            span = phrase_before(sent, i - 1, lex)
            if span is not None:
                mention = classify(text, sent, span[0], span[1], lex)
                if mention is not None:
                    return Cue(ACCORDING, sent[i].start, sent[i].end, mention, sent[i].text)
    verb = -1
    verb_last = -1
    k = 0
    while k < n:
        end = verb_end(sent, k, lex)
        if end >= 0 and sent[end].word:
            verb, verb_last = k, end
            k = end + 1
        else:
            k += 1
    if verb >= 0:
        while (
            verb < verb_last
            and not lex.is_verb(sent[verb].key)
            and (sent[verb].key in lex.auxiliaries)
        ):
            verb += 1
        mention = _subject_before(text, sent, verb, lex)
        if mention is None and (verb == 0 or sent[verb - 1].text == ","):
            # Inverted: "Said the minister: …"
            span = phrase_after(sent, verb_last + 1, lex)
            if span is not None:
                mention = _described_name(text, sent, span, lex)
        if mention is None:
            mention = _inverted_pronoun(sent, verb, verb_last, lex)
        if mention is not None:
            return Cue(
                BEFORE,
                sent[verb].start,
                sent[verb_last].end,
                mention,
                text[sent[verb].start : sent[verb_last].end],
            )
    if sent[-1].text == ":" and n >= 2:
        span = phrase_before(sent, n - 2, lex)
        if span is not None:
            mention = classify(text, sent, span[0], span[1], lex)
            if mention is not None and mention.kind != mentions.PRONOUN:
                return Cue(COLON, sent[-1].start, sent[-1].end, mention, ":")
    for k in range(1, n):
        tok = sent[k]
        before = sent[k - 1]
        if tok.base in lex.nouns and before.base != before.key and before.cap:
            span = phrase_before(sent, k - 1, lex)
            if span is not None:
                mention = classify(text, sent, span[0], span[1], lex)
                if mention is not None and mention.kind in (mentions.NAME, mentions.ORG):
                    return Cue(NOUN, tok.start, tok.end, mention, tok.text)
    return None


def _subject_before(text: str, sent: list[Tok], verb: int, lex: Lexicon) -> Mention | None:
    """The subject of the verb at ``verb``: the phrase before it, past appositions."""
    j = verb - 1
    while j >= 0 and sent[j].key in lex.auxiliaries and sent[j].key not in lex.determiners:
        j -= 1
    if j < 0:
        return None
    if sent[j].text == ",":
        # "Donna Brazile, the interim chairwoman of the DNC, said": take the name.
        c0 = j - 1
        while c0 >= 0 and sent[c0].text != "," and j - c0 < tuning.MAX_APPOSITION_TOKENS:
            c0 -= 1
        if c0 > 0 and sent[c0].text == ",":
            span = phrase_before(sent, c0 - 1, lex)
            if span is not None:
                named = classify(text, sent, span[0], span[1], lex)
                if named is not None and named.kind in (mentions.NAME, mentions.PRONOUN):
                    return named
        span = phrase_before(sent, j - 1, lex) if j > 0 else None
        if span is None:
            return None
        return classify(text, sent, span[0], span[1], lex)
    span = phrase_before(sent, j, lex)
    if span is None:
        return None
    mention = classify(text, sent, span[0], span[1], lex)
    if (
        mention is not None
        and mention.kind != mentions.ANONYMOUS
        and _anonymous_before(sent, span[0], lex)
    ):
        # "a source close to Erdoğan said": the speaker is the source, not Erdoğan.
        return Mention(mentions.ANONYMOUS, sent[0].start, mention.end, mention.text, "source")
    return mention


def _anonymous_before(sent: list[Tok], first: int, lex: Lexicon) -> bool:
    """An anonymous head noun a few words before a phrase ("a person familiar with ...")."""
    for k in range(max(0, first - tuning.ANONYMOUS_LOOKBACK_TOKENS), first):
        if sent[k].base in lex.anonymous:
            return True
    return False


def sentence_subject(text: str, sent: list[Tok], lex: Lexicon) -> Mention | None:
    """The first speaker phrase of a sentence (verb-final languages: "Erdoğan, “…” dedi")."""
    i = 0
    while i < len(sent) and (
        not sent[i].word or (sent[i].base in lex.function_words and not sent[i].cap)
    ):
        i += 1
    if i >= len(sent):
        return None
    span = phrase_after(sent, i, lex)
    if span is None:
        return None
    return classify(text, sent, span[0], span[1], lex)
