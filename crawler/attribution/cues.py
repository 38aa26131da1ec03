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
SUBJECT_KINDS = (mentions.NAME, mentions.PRONOUN, mentions.ROLE, mentions.ORG)
_PERSON_KINDS = (mentions.NAME, mentions.PRONOUN, mentions.ROLE)
_SENTENCE_END = frozenset(".!?\u2026")
MARKS = frozenset("\"'\u201c\u201d\u201e\u201f\u00ab\u00bb\u2018\u2019\u201a\u2039\u203a")


@dataclass(slots=True)
class Cue:
    """What ties a quotation to a speaker, and the speaker phrase it names."""

    kind: str
    start: int  # the cue words in the text ("said", "according to", "—", ":")
    end: int
    mention: Mention | None
    words: str
    verb_first: bool = False  # "…," said X (rather than "…," X said)


def verb_end(toks: list[Tok], i: int, lex: Lexicon) -> int:
    """Index of the last token of a reporting verb group starting at ``i``, or -1.

    Covers single verbs, listed phrases ("pointed out"), auxiliaries before a verb
    ("has said", "a déclaré") and French inversion ("a-t-il ajouté", "dit-elle").
    """
    n = len(toks)
    k = i
    while k < n and k - i < 3 and toks[k].key in lex.auxiliaries and not lex.is_verb(toks[k].key):
        k += 1
    if k >= n or _used_as_noun(toks, k, lex):
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


def _used_as_noun(toks: list[Tok], k: int, lex: Lexicon) -> bool:
    """ "Trump's tweet", "the early-morning tweets", "United States": not verbs here.

    A word that is also a noun ("claims", "reports", "state") is a verb only right
    after something that can be its subject: a name, a pronoun, an auxiliary or
    adverb, a title or an organisation ("the ministry reports").
    """
    tok = toks[k]
    if k == 0:
        return False
    before = toks[k - 1]
    if lex.capitalised_nouns and tok.cap and before.word:
        return True  # German: „der … Versicherten“ is a noun, wherever it stands
    if tok.cap and before.cap and before.word:
        return True  # inside a name: "United States", "Fox News Reports"
    if before.word and before.key in lex.determiners and before.key not in lex.auxiliaries:
        return True
    if before.base != before.key and len(before.base) > 1 and before.base not in lex.pronoun_gender:
        return True  # possessive: Trump's tweet (not "he's")
    if tok.key not in lex.nouns:
        return False
    if not before.word:
        return before.text not in ","
    if before.cap and k >= 2 and toks[k - 2].key in lex.np_prepositions and not toks[k - 2].cap:
        return True  # "32% of Republican claims": a noun after a preposition's modifier
    return not (
        before.cap
        or (before.key in lex.nouns and tok.key not in lex.naming_verbs)  # "the letter reads"
        or before.base in lex.subject_pronouns
        or lex.is_adverb(before.key, before.cap)
        or lex.is_title(before.base)
        or lex.is_org(before.base)
    )


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


def _verb_second_subject(text: str, sent: list[Tok], lex: Lexicon) -> Mention | None:
    """The subject of a verb-second clause: before the finite verb or right after it.

    "Museumsdirektor Thomas Metz hat … erklärt", "Der Zeitung sagte Filep Karma",
    "In seiner Radioansprache begründete der brasilianische Präsident …",
    "Ähnlich äußerte sich der US-Präsident George W. Bush". A name wins over a
    description; a lone capitalised word opening the sentence is no name.
    """
    finite = -1
    for k in range(1, min(len(sent), tuning.MAX_PHRASE_TOKENS * 2)):
        key = sent[k].key
        if not sent[k].cap and (key in lex.finite_auxiliaries or lex.is_verb(key)):
            finite = k
            break
    if finite < 0:
        return None
    first: Mention | None = None
    if not _opens_clause(sent, 0, lex):
        head = sent[:finite]  # the phrase before the finite verb, never past it
        span = phrase_after(head, 0, lex, after_verb=True)
        if span is not None:
            first = described_name(text, head, span, lex)
            if (
                first is not None
                and first.kind in (mentions.NAME, mentions.DESCRIPTION)
                and (span[0] == span[1] and sent[0].cap)
            ):
                first = None  # "Ähnlich äußerte sich …": an adverb, not a name
    second: Mention | None = None
    start = _skip_objects(sent, finite + 1, lex)
    span = phrase_after(sent, start, lex, after_verb=True)
    if span is not None:
        second = described_name(text, sent, span, lex)
    for candidate in (first, second):
        if candidate is not None and candidate.kind in (mentions.NAME, mentions.PRONOUN):
            return candidate
    for candidate in (first, second):
        if candidate is not None and candidate.kind in (mentions.ROLE, mentions.ORG):
            return candidate
    return first if first is not None and first.kind == mentions.DESCRIPTION else None


def _skip_objects(toks: list[Tok], i: int, lex: Lexicon) -> int:
    """Past an object pronoun or a second verb before an inverted subject (verb-second
    languages): "so charakterisierte ihn der Gewerkschaftsfunktionär …"."""
    n = len(toks)
    k = i
    while (
        k < n
        and k - i < 2
        and toks[k].word
        and not toks[k].cap
        and toks[k].key not in lex.determiners
        and (toks[k].key not in lex.np_prepositions or toks[k].key in lex.auxiliaries)
    ):
        k += 1
    return k if k < n and (toks[k].cap or toks[k].key in lex.determiners) else i


def _skip_adverbs(toks: list[Tok], i: int, lex: Lexicon) -> int:
    """Skip words between a verb and its speaker: "a déclaré mardi la ministre"."""
    n = len(toks)
    while i < n and (
        (toks[i].key in lex.auxiliaries and toks[i].key not in lex.determiners)
        or toks[i].key in lex.dates.weekdays
        or toks[i].key in lex.dates.today
        or toks[i].key in lex.dates.yesterday
    ):
        i += 1
    return i


def described_name(
    text: str, toks: list[Tok], span: tuple[int, int], lex: Lexicon
) -> Mention | None:
    """A phrase, preferring the name of an apposition: "the foreign minister, Mevlüt Çavuşoğlu"."""
    first, last = span
    mention = classify(text, toks, first, last, lex)
    if mention is None or mention.kind == mentions.NAME:
        return mention
    k = last + 1
    if k + 1 < len(toks) and toks[k].text == "," and toks[k + 1].cap:
        named = phrase_after(toks, k + 1, lex, after_verb=True)
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
            if nxt.cap or nxt.text in MARKS or nxt.text[0].isdigit():
                return toks[b + 1 :]
    return toks


def sentence_end(toks: list[Tok], i: int, lex: Lexicon) -> int:
    """Index just past the sentence starting at ``i`` (at a quotation mark at the latest).

    A period inside parentheses ("Rep. Gwen Moore (D-Wis.) said") or after an
    abbreviation or initial ends nothing.
    """
    depth = 0
    n = len(toks)
    for k in range(i, n):
        mark = toks[k].text
        if mark == "(":
            depth += 1
        elif mark == ")":
            depth = max(0, depth - 1)
        elif (mark in MARKS and not mentions.in_phrase(toks, k, lex)) or (
            mark in _SENTENCE_END
            and depth == 0
            and not mentions.abbreviation_dot(toks, k, lex)
            and not (k + 1 < n and toks[k + 1].text in ",;")  # "McConnell, R-Ky., said"
        ):
            return k
    return n


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
        elif mark in MARKS or mark == "(":
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
            if lex.verb_second:
                j = _skip_objects(toks, j, lex)  # „…“, so charakterisierte ihn der …
            if j < n and toks[j].key in lex.agent_markers:
                j += 1  # "…" was written by Springsteen
            span = phrase_after(toks, j, lex, after_verb=True) if j < n else None
            if span is not None:
                mention = described_name(text, toks, span, lex)
                if mention is not None and mention.kind == mentions.NAME:
                    mention = _joint_after(text, toks, span[1], mention, lex)
                elif mention is not None and unnamed(toks[j : sentence_end(toks, j, lex)], lex):
                    # "…," said a woman who declined to give her name.
                    mention = Mention(
                        mentions.ANONYMOUS, mention.start, mention.end, mention.text, "source"
                    )
        return Cue(AFTER, toks[i].start, toks[v].end, mention, words, verb_first=True)
    if dash or (colon and headline):
        # A signature ("—Commissioner X", "— State Rep. X, in a video posted May 28") or
        # a headline ("'…': X marks …"), whatever verbs follow it.
        signed = _signature(text, toks, i, lex, dash)
        if signed is not None:
            return signed
    end = sentence_end(toks, i, lex)
    sentence = toks[i:end]
    for k in range(1, len(sentence)):  # "…" at a conference last month, according to X
        if verb_end(sentence, k - 1, lex) >= 0:
            break  # "…," he said, according to a transcript: the verb's subject speaks
        if sentence[k].key in lex.before_speaker and sentence[k - 1].text == ",":
            according = _according(text, sentence, k, lex)
            if according is not None:
                return according
    if lex.verb_second and sentence[0].key in lex.finite_auxiliaries:
        # „…“, hatte VW-Chef Winterkorn in einem Interview erklärt: the subject follows.
        span = phrase_after(sentence, _skip_objects(sentence, 1, lex), lex, after_verb=True)
        if span is not None:
            mention = described_name(text, sentence, span, lex)
            if mention is not None and mention.kind in _PERSON_KINDS:
                tok = sentence[0]
                return Cue(AFTER, tok.start, tok.end, mention, tok.text, verb_first=True)
    for k in range(1, min(len(sentence), tuning.AFTER_VERB_MAX_TOKENS)):
        last = verb_end(sentence, k, lex)
        if last < 0 or not sentence[last].word:
            continue
        while k < last and sentence[k].key in lex.auxiliaries and not lex.is_verb(sentence[k].key):
            k += 1
        mention = subject_before(text, sentence, k, lex)
        if mention is None or not _opens_tag(sentence, mention, lex):
            # ", rejecting calls from two governments to close them": a clause, not a tag.
            return None
        words = text[sentence[k].start : sentence[last].end]
        quoted = _quoted_person(text, sentence, k, last, lex)
        return Cue(AFTER, sentence[k].start, sentence[last].end, quoted or mention, words)
    return None


def _signature(text: str, toks: list[Tok], i: int, lex: Lexicon, dash: bool) -> Cue | None:
    """The name after a dash (or a headline's colon) that signs the quotation."""
    span = phrase_after(toks, i, lex, after_verb=True)
    if span is None:
        return None
    mention = classify(text, toks, span[0], span[1], lex)
    if mention is not None and unnamed(toks[i : sentence_end(toks, i, lex)], lex):
        mention = Mention(mentions.ANONYMOUS, mention.start, mention.end, "", "source")  # withheld
    if mention is None or mention.kind not in (
        mentions.NAME,
        mentions.ROLE,
        mentions.ORG,
        mentions.ANONYMOUS,
    ):
        return None
    sign = toks[i - 1]
    return Cue(DASH if dash else HEADLINE, sign.start, sign.end, mention, sign.text)


def _opens_tag(sentence: list[Tok], mention: Mention, lex: Lexicon) -> bool:
    """A speech tag's subject opens the words after the quotation, or a comma-separated
    part of them ("…'' of the Clinton proposals, Mr. Holtz-Eakin said"): only words of
    its own phrase (titles, articles) stand between it and that start."""
    k = next((k for k, tok in enumerate(sentence) if tok.start >= mention.start), 0)
    j = k - 1
    while j >= 0 and sentence[j].text != ",":
        if not mentions.in_phrase(sentence, j, lex) and sentence[j].text not in "()":
            return mention.kind == mentions.ANONYMOUS
        j -= 1
    return True


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
    k = i + length
    if (
        length == 1
        and k < len(toks)
        and toks[k].word
        and not toks[k].cap
        and toks[k].key not in lex.determiners
        and toks[k].base not in lex.pronoun_gender
        and not toks[k].key[0].isdigit()
    ):
        return None  # „laut geworden“ (loud), not „laut X“ (according to X)
    possessive = (
        k + 1 < len(toks) and toks[k].key in lex.determiners and toks[k + 1].word
    )  # "according to their attorneys": a phrase, not the pronoun "them"
    if k < len(toks) and toks[k].base in lex.pronoun_gender and not toks[k].cap and not possessive:
        tok = toks[k]  # "d'après lui", "according to him"
        gender = lex.pronoun_gender[tok.base]
        mention: Mention | None = Mention(
            mentions.PRONOUN, tok.start, tok.end, tok.text, tok.base, gender
        )
        last = toks[k - 1]
        return Cue(ACCORDING, toks[i].start, last.end, mention, text[toks[i].start : last.end])
    span = phrase_after(toks, k, lex, after_verb=True)
    if span is None:
        return None
    mention = described_name(text, toks, span, lex)
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
    verbs: list[tuple[int, int]] = []
    k = 0
    while k < n:
        end = verb_end(sent, k, lex)
        if end >= 0 and sent[end].word:
            first = k
            while (
                first < end
                and sent[first].key in lex.auxiliaries
                and not lex.is_verb(sent[first].key)
            ):
                first += 1
            verbs.append((first, end))
            k = end + 1
        else:
            k += 1
    if verbs and lex.verb_final:
        # Turkish: "Korkmaz, gazetecilerin sorularını yanıtlarken şunları söyledi: …"
        subject = sentence_subject(text, sent, lex)
        if subject is not None and subject.kind in SUBJECT_KINDS:
            verb, verb_last = verbs[-1]
            words = text[sent[verb].start : sent[verb_last].end]
            return Cue(BEFORE, sent[verb].start, sent[verb_last].end, subject, words)
    weak: Cue | None = None  # a cue to fall back on: relative clauses, "we", "I"
    participle: tuple[int, int] | None = None
    for verb, verb_last in reversed(verbs):
        quoted = _quoted_person(text, sent, verb, verb_last, lex)
        if quoted is not None:
            words = text[sent[verb].start : sent[verb_last].end]
            return Cue(BEFORE, sent[verb].start, sent[verb_last].end, quoted, words)
    for verb, verb_last in reversed(verbs):
        words = text[sent[verb].start : sent[verb_last].end]
        if lex.is_participle(sent[verb].key):
            if not (
                verb > 0 and sent[verb - 1].cap and sent[verb - 1].base not in lex.function_words
            ):
                participle = participle or (verb, verb_last)
                continue  # "…, saying": the subject is the clause's, found with an earlier verb
            # "footage of Trump saying …": the name right before the participle speaks.
            run = verb - 1
            while run > 0 and (sent[run - 1].cap or mentions.abbreviation_dot(sent, run - 1, lex)):
                run -= 1
            named = classify(text, sent, run, verb - 1, lex)
            if named is not None:
                return Cue(BEFORE, sent[verb].start, sent[verb_last].end, named, words)
            continue
        mention = subject_before(text, sent, verb, lex)
        if lex.verb_second:
            # The phrase right before a clause-final verb is rarely its subject there.
            v2 = _verb_second_subject(text, sent, lex)
            if v2 is not None and (
                v2.kind in _PERSON_KINDS or mention is None or mention.kind not in _PERSON_KINDS
            ):
                mention = v2
        if (
            lex.verb_second
            and verb > 0
            and sent[verb - 1].text == ","
            and _opens_clause(sent, 0, lex)
        ):
            # „Nachdem …, entgegnete Suttner empört: …“: after a fronted clause the finite
            # verb comes first and its subject follows.
            span = phrase_after(sent, _skip_objects(sent, verb_last + 1, lex), lex, True)
            inverted = described_name(text, sent, span, lex) if span else None
            if inverted is not None and (
                inverted.kind in _PERSON_KINDS
                or (inverted.kind == mentions.DESCRIPTION and inverted.text[:1].isupper())
            ):
                mention = inverted
        if (
            mention is not None
            and mention.kind == mentions.PRONOUN
            and mention.gender in ("n", "p")
        ):
            continue  # "said it would tell …": "it" names no speaker; look further back
        if mention is None and (verb == 0 or sent[verb - 1].text == ","):
            # Inverted: "Said the minister: …"
            span = phrase_after(sent, verb_last + 1, lex, after_verb=True)
            if span is not None:
                mention = described_name(text, sent, span, lex)
        if mention is None:
            mention = _inverted_pronoun(sent, verb, verb_last, lex)
        if mention is None:
            continue
        if verb > 0 and sent[verb - 1].key in lex.conjunctions and mention.kind != mentions.NAME:
            # "… a forum sponsored by NBC News and said": the clause's subject said it.
            subject = sentence_subject(text, sent, lex)
            if subject is not None and subject.kind in SUBJECT_KINDS:
                mention = subject
        cue = Cue(BEFORE, sent[verb].start, sent[verb_last].end, mention, words)
        relative = _after_relative(sent, verb, lex)
        first_person = mention.kind == mentions.PRONOUN and mention.gender == "1"
        if relative and mention.kind == mentions.DESCRIPTION and not sent[verb - 1].cap:
            continue  # "a controversial comment that described …": a thing, not a speaker
        if relative or first_person:
            # "told a young woman who suggested …", "she believes we must …": the verb of
            # a relative or reported clause; an earlier verb's subject is likelier.
            weak = weak or cue
            continue
        return cue
    if weak is not None and participle is not None:
        # "Trump was defensive when forced to defend not paying an architect who said he
        # was stiffed, saying, “…”": the participle's subject is the sentence's.
        subject = sentence_subject(text, sent, lex)
        if subject is not None and subject.kind in (mentions.NAME, mentions.PRONOUN):
            verb, verb_last = participle
            words = text[sent[verb].start : sent[verb_last].end]
            return Cue(BEFORE, sent[verb].start, sent[verb_last].end, subject, words)
    if weak is not None:
        return weak
    if verbs:
        # "X outlined his plan and vowed to …", "X tweeted early Friday saying …".
        subject = sentence_subject(text, sent, lex)
        if subject is not None and subject.kind in (*SUBJECT_KINDS, mentions.DESCRIPTION):
            verb, verb_last = verbs[-1]
            words = text[sent[verb].start : sent[verb_last].end]
            return Cue(BEFORE, sent[verb].start, sent[verb_last].end, subject, words)
    if n >= 3 and sent[-1].text in _DASHES:
        # "…, including the former candidate Mitt Romney -- “…”": a name the dash hands
        # the quotation to.
        j = n - 1
        while j > 0 and sent[j].text in _DASHES:
            j -= 1
        span = phrase_before(sent, j, lex)
        if span is not None and not all(
            t.text.isupper() for t in sent[span[0] : span[1] + 1] if t.word
        ):  # (not a section lead in capitals: "THE INSIDE GAME — “…”")
            mention = classify(text, sent, span[0], span[1], lex)
            if mention is not None and mention.kind == mentions.NAME:
                return Cue(COLON, sent[-1].start, sent[-1].end, mention, sent[-1].text)
    if sent[-1].text == ":" and n >= 2:
        span = phrase_before(sent, n - 2, lex)
        if span is not None:
            mention = classify(text, sent, span[0], span[1], lex)
            if (
                mention is not None
                and mention.kind != mentions.NAME
                and span[0] >= 2
                and sent[span[0] - 1].text == ","
            ):
                # "Chris Wallace, Fox News: …", "Rauf Karimli, Deputy Minister: …": the
                # outlet or the office after the name is its apposition.
                left = phrase_before(sent, span[0] - 2, lex)
                person = classify(text, sent, left[0], left[1], lex) if left else None
                if person is not None and person.kind == mentions.NAME:
                    mention = person
            if mention is not None and mention.kind == mentions.DESCRIPTION:
                # "A lesson from Loretta Lynch: …", "Statement by the Ministry: …": the one
                # after the introducing word.
                for k in range(span[1] - 1, span[0], -1):
                    if sent[k].key in lex.intro_words and sent[k + 1].cap:
                        named = classify(text, sent, k + 1, span[1], lex)
                        if named is not None and named.kind in SUBJECT_KINDS:
                            mention = named
                        break
            clause = mention is not None and (
                mention.kind == mentions.DESCRIPTION or _clause_before(sent, span, mention, lex)
            )
            if mention is not None and clause:
                # "The piece used one of her quotes as its headline: …", „Stegemann bestreitet
                # jede Kenntnis von … Praktiken der Deponie: …“, "Sanders made the following
                # comment: …": a clause before the label makes it an object; the subject
                # speaks (a name as label only without one).
                subject = sentence_subject(text, sent, lex)
                if (
                    subject is not None
                    and subject.start <= mention.start
                    and subject.end < mention.end
                    and (
                        subject.kind in SUBJECT_KINDS
                        or (
                            subject.kind == mentions.DESCRIPTION
                            and mention.kind not in (mentions.NAME, mentions.ORG)
                        )
                    )
                ):
                    mention = subject
                elif mention.kind == mentions.DESCRIPTION and not (
                    sent[span[0]].cap or sent[span[0]].key in lex.determiners
                ):
                    mention = None  # „Darin steht unter anderem: …“: no one
            if mention is not None and mention.kind != mentions.PRONOUN:
                return Cue(COLON, sent[-1].start, sent[-1].end, mention, ":")
    for k in range(max(1, n - 3), n):  # "Trump's claim that “…”": the noun ends the sentence
        tok = sent[k]
        before = sent[k - 1]
        if tok.base in lex.nouns and before.base != before.key and before.cap:
            span = phrase_before(sent, k - 1, lex)
            if span is not None:
                mention = classify(text, sent, span[0], span[1], lex)
                if mention is not None and mention.kind in (mentions.NAME, mentions.ORG):
                    return Cue(NOUN, tok.start, tok.end, mention, tok.text)
    return None


def _clause_before(sent: list[Tok], span: tuple[int, int], mention: Mention, lex: Lexicon) -> bool:
    """Words of a clause stand before the label ``mention`` ends: a verb or an object
    ("… bestreitet jede Kenntnis von den Praktiken der Deponie:"), not an introduction
    ("And from Deputy Minister X:", "Statement of Commissioner X:")."""
    if span[0] > 0 and sent[span[0] - 1].text != ",":
        return True
    return any(
        t.word
        and not t.cap
        and t.end <= mention.start
        and t.key not in lex.intro_words
        and t.key not in lex.determiners
        and t.key not in lex.joiners
        and t.key not in lex.name_particles
        for t in sent[span[0] : span[1] + 1]
    )


def _quoted_person(
    text: str, sent: list[Tok], verb: int, verb_last: int, lex: Lexicon
) -> Mention | None:
    """The object of a quoting verb, who is the speaker: "the Times quoted an aide as
    saying", „Die Rundschau zitiert einen Augenzeugen mit den Worten: …“."""
    if sent[verb].key not in lex.quoting_verbs:
        return None
    start = _skip_adverbs(sent, verb_last + 1, lex)
    if start >= len(sent) or not sent[start].word:
        return None
    if sent[start].base in lex.pronoun_gender and not sent[start].cap:
        tok = sent[start]  # "quoted him as saying"
        gender = lex.pronoun_gender[tok.base]
        return Mention(mentions.PRONOUN, tok.start, tok.end, tok.text, tok.base, gender)
    span = phrase_after(sent, start, lex, after_verb=True)
    if span is None:
        return None
    mention = described_name(text, sent, span, lex)
    if mention is None or mention.kind == mentions.ORG:
        return None  # "quoted the report", "zitiert die Zeitung": no person
    return mention


def _after_relative(sent: list[Tok], verb: int, lex: Lexicon) -> bool:
    """The verb opens a relative clause: "a young woman who suggested", "McConnell, who said"."""
    j = verb - 1
    while j >= 0 and (lex.is_adverb(sent[j].key, sent[j].cap) or _time_word(sent[j], lex)):
        j -= 1
    return j >= 0 and sent[j].base in lex.relatives and not sent[j].cap


def subject_before(text: str, sent: list[Tok], verb: int, lex: Lexicon) -> Mention | None:
    """The subject of the verb at ``verb``: the phrase before it, past appositions."""
    j = verb - 1
    while j >= 0 and (lex.is_adverb(sent[j].key, sent[j].cap) or _time_word(sent[j], lex)):
        j -= 1
    if j < 0:
        return None
    if sent[j].base in lex.relatives and not sent[j].cap:
        j -= 1  # "McConnell, who in 2010 said": the speaker stands before "who"
        if j < 0:
            return None
    if sent[j].text == "," or sent[j].text in _DASHES:
        found = _subject_past_appositions(text, sent, j, lex)
        if found is not None and found.kind == mentions.NAME:
            # "state Sens. LaToya Briggs and Aaron Fenwick, said": a joint statement.
            at = next((k for k, t in enumerate(sent) if t.start >= found.start), -1)
            if at > 0:
                found = _joint_before(text, sent, at, found, lex)
        if (
            found is not None
            and found.kind not in (mentions.ANONYMOUS, mentions.NAME)
            and unnamed(sent[:verb], lex)
        ):
            return Mention(mentions.ANONYMOUS, found.start, found.end, found.text, "source")
        return found
    span = phrase_before(sent, j, lex)
    if span is None:
        return None
    mention = classify(text, sent, span[0], span[1], lex)
    if mention is not None and mention.kind != mentions.PRONOUN:
        mention = _joint_before(text, sent, span[0], mention, lex)
    if (
        mention is not None
        and mention.kind not in (mentions.ANONYMOUS, mentions.NAME)
        and unnamed(sent[:verb], lex)
    ):
        # "A woman who …, and who declined to give her name, said": no one to name.
        return Mention(mentions.ANONYMOUS, mention.start, mention.end, mention.text, "source")
    if (
        mention is not None
        and mention.kind != mentions.ANONYMOUS
        and _anonymous_before(sent, span[0], lex)
    ):
        # "a source close to Erdoğan said": the speaker is the source, not Erdoğan.
        return Mention(mentions.ANONYMOUS, sent[0].start, mention.end, mention.text, "source")
    k = span[0] - 1
    prepositional = k > 0 and sent[k].key in lex.object_prepositions and not sent[k].cap
    if prepositional:
        k -= 1
    participle = k > 0 and lex.is_participle(sent[k].key) and not sent[k].cap
    if (
        mention is not None
        and mention.kind in (mentions.DESCRIPTION, mentions.ORG)
        and (prepositional or participle)
    ):
        # "Protesters marching through the streets chanted", "Supporters waving flags
        # chanted": the streets, the flags are objects; the subject stands before them.
        if participle:
            k -= 1
        head = phrase_before(sent, k, lex)
        subject = classify(text, sent, head[0], head[1], lex) if head else None
        if subject is not None and subject.kind in (*SUBJECT_KINDS, mentions.DESCRIPTION):
            return subject
    return mention


def _joint_before(
    text: str, sent: list[Tok], first: int, mention: Mention, lex: Lexicon
) -> Mention:
    """ "Clinton and Kaine said", "Tarkan, Demirel and Saar said": the first name speaks,
    the others are its partners. A comma list counts only from the sentence's start
    ("In a call with Obama, Trump said" names no list). "Trump and his aides said":
    the named one speaks."""
    names = [mention] if mention.kind == mentions.NAME else []
    k = first - 1
    if k < 1 or sent[k].key not in lex.list_words:
        return mention
    while k >= 1:
        span = phrase_before(sent, k - 1, lex)
        if span is None:
            break
        other = classify(text, sent, span[0], span[1], lex)
        if other is None or other.kind != mentions.NAME:
            break
        if sent[k].text == "," and span[0] > 0:
            break
        names.insert(0, other)
        k = span[0] - 1
        if k < 1 or sent[k].text != ",":
            break
    return _joint(names) if names else mention


def _joint_after(text: str, toks: list[Tok], last: int, mention: Mention, lex: Lexicon) -> Mention:
    """ "…," said Clinton and Kaine: the partners after the name."""
    k = last + 1
    if k + 1 >= len(toks) or toks[k].key not in lex.list_words:
        return mention
    span = phrase_after(toks, k + 1, lex, after_verb=True)
    if span is None:
        return mention
    other = classify(text, toks, span[0], span[1], lex)
    if other is None or other.kind != mentions.NAME:
        return mention
    return _joint([mention, other])


def _joint(names: list[Mention]) -> Mention:
    if len(names) == 1:
        return names[0]
    head = names[0]
    return Mention(
        head.kind, head.start, head.end, head.text, head.key, "p", head.roles, tuple(names[1:])
    )


def _time_word(tok: Tok, lex: Lexicon) -> bool:
    """ "on Monday", "in 2010", "yesterday": between a subject and its verb, not a subject."""
    key = tok.key
    dates = lex.dates
    return (
        key in dates.weekdays
        or key in dates.today
        or key in dates.yesterday
        or (key.isdigit() and len(key) == 4)
        or (key in lex.np_prepositions and not tok.cap)
    )


def _subject_past_appositions(
    text: str, sent: list[Tok], comma: int, lex: Lexicon
) -> Mention | None:
    """ "Scott Pruitt, the attorney general of Oklahoma, one of the states suing, said".

    Reads the comma-separated phrases back from the verb; the subject is the
    leftmost name among them (the others describe it), else the nearest pronoun,
    else the leftmost phrase. An opening clause ("After meeting Putin,") is not one.
    """
    phrases: list[Mention] = []
    end = comma
    for _ in range(tuning.MAX_APPOSITIONS):
        if end <= 0:
            break
        start = end - 1
        while (
            start >= 0
            and sent[start].text != ","
            and sent[start].text not in _DASHES
            and end - start < tuning.MAX_APPOSITION_TOKENS
        ):
            start -= 1
        opening = start < 0 and _opens_clause(sent, 0, lex) and sent[0].key not in lex.tag_openers
        span = phrase_before(sent, end - 1, lex, low=max(start, 0))
        if span is not None and all(t.text.isupper() for t in sent[span[0] : span[1] + 1]):
            span = None  # a dateline: "WASHINGTON -- President Obama, …, said"
        if span is not None and not opening:
            mention = _segment_mention(text, sent, span, lex)
            if mention is not None:
                phrases.append(mention)
        if start < 0 or (sent[start].text != "," and sent[start].text not in _DASHES):
            break
        end = start
    for mention in reversed(phrases):
        if mention.kind == mentions.NAME:
            return mention
    for mention in phrases:
        if mention.kind == mentions.PRONOUN:
            return mention
    return phrases[-1] if phrases else None


def _segment_mention(
    text: str, sent: list[Tok], span: tuple[int, int], lex: Lexicon
) -> Mention | None:
    """What a comma- or dash-separated part names: "with Hillary Clinton — who's called",
    "a frosty relationship with McConnell, now …, who said": the name it ends with."""
    first, last = span
    if sent[first].key in lex.np_prepositions and not sent[first].cap:
        first += 1  # "with Hillary Clinton": the name, not the preposition
        if first > last:
            return None
    mention = classify(text, sent, first, last, lex)
    if mention is not None and mention.kind == mentions.DESCRIPTION and sent[last].cap:
        run = last
        while run > first and (sent[run - 1].cap or mentions.abbreviation_dot(sent, run - 1, lex)):
            run -= 1
        named = classify(text, sent, run, last, lex)
        if named is not None and named.kind == mentions.NAME:
            return named
    if sent[span[0]].key in lex.np_prepositions and not sent[span[0]].cap:
        return mention if mention is not None and mention.kind == mentions.NAME else None
    return mention


def unnamed(toks: list[Tok], lex: Lexicon) -> bool:
    """The words say their subject stays unnamed: "who declined to give her name"."""
    if not lex.anonymity:
        return False
    keys = [t.key for t in toks if t.word]
    for phrase in lex.anonymity:
        n = len(phrase)
        for k in range(len(keys) - n + 1):
            if keys[k] == phrase[0] and tuple(keys[k : k + n]) == phrase:
                return True
    return False


def _anonymous_before(sent: list[Tok], first: int, lex: Lexicon) -> bool:
    """An anonymous head noun a few words before a phrase ("a person familiar with ...")."""
    for k in range(first - 1, max(0, first - tuning.ANONYMOUS_LOOKBACK_TOKENS) - 1, -1):
        if sent[k].base in lex.anonymous:
            return True
        if sent[k].key in lex.clause_words:
            return False  # "Several people booed when Callahan referred …": another clause
    return False


def possessed_statement(text: str, sent: list[Tok], lex: Lexicon) -> Cue | None:
    """ "Politifact seized on Trump's claim that there were “…”": the one whose claim,
    remark or words the sentence names before the quotation (the nearest such)."""
    for k in range(len(sent) - 1, 0, -1):
        tok, before = sent[k], sent[k - 1]
        if tok.base not in lex.nouns or not before.cap or before.base == before.key:
            continue
        if k + 1 < len(sent) and sent[k + 1].word and sent[k + 1].key not in lex.statement_links:
            continue  # "Trump's claims department": not his claim
        mention = _possessor(text, sent, k - 1, lex)
        return Cue(NOUN, tok.start, tok.end, mention, tok.text) if mention is not None else None
    return None


def possessor_before(text: str, sent: list[Tok], lex: Lexicon) -> Mention | None:
    """ "Trump mocked Clinton's “deplorables” comment": the name in the possessive right
    before the quotation (the caller checks that a statement noun follows it)."""
    if not sent:
        return None
    last = sent[-1]
    if not last.cap or last.base == last.key:
        return None
    return _possessor(text, sent, len(sent) - 1, lex)


def _possessor(text: str, sent: list[Tok], end: int, lex: Lexicon) -> Mention | None:
    """The name whose possessive ends at ``end``: its capitalised words only ("Trump
    seized on Clinton's" is Clinton)."""
    first = end
    while first > 0 and (
        sent[first - 1].cap
        or mentions.abbreviation_dot(sent, first - 1, lex)
        or (sent[first - 1].key in lex.name_particles and first - 1 > 0 and sent[first - 2].cap)
    ):
        first -= 1
    mention = classify(text, sent, first, end, lex)
    return (
        mention if mention is not None and mention.kind in (mentions.NAME, mentions.ORG) else None
    )


def _after_dateline(sent: list[Tok]) -> int:
    """Where a sentence begins after its dateline: "JEFFERSON CITY, Mo. (AP) — A judge …"."""
    k = 0
    n = len(sent)
    while k < n and sent[k].word and sent[k].text.isupper() and len(sent[k].text) > 1:
        k += 1
    if k == 0:
        return 0
    for j in range(k, min(n, k + 8)):
        if sent[j].text in _DASHES:
            return j + 1
    return 0


def sentence_subject(text: str, sent: list[Tok], lex: Lexicon) -> Mention | None:
    """The first speaker phrase of a sentence (verb-final languages: "Erdoğan, “…” dedi").

    Opening clauses are skipped: "In August, several groups …", "On July 6, 2015,
    Sanders …", "Speaking to students, Vice President Biden …". A sentence that
    opens with one and never closes it has no subject to offer.
    """
    i = _after_dateline(sent)
    n = len(sent)
    while i < n and _opens_clause(sent, i, lex):
        comma = next(
            (k for k in range(i, min(n, i + tuning.MAX_PHRASE_TOKENS * 2)) if sent[k].text == ","),
            -1,
        )
        if comma < 0:
            return None
        i = comma + 1
    while i < n and not sent[i].word:
        i += 1
    if i >= n:
        return None
    span = phrase_after(sent, i, lex, after_verb=True)
    if span is None:
        return None
    mention = classify(text, sent, span[0], span[1], lex)
    if (
        i > 0
        and mention is not None
        and mention.kind == mentions.DESCRIPTION
        and not sent[span[0]].cap
        and sent[span[0]].key not in lex.determiners
    ):
        # "Following a swiftly called, late-afternoon meeting, the Security Council …":
        # the opening clause had a comma of its own.
        j = span[1] + 1
        while j < n and j - span[1] <= 3 and sent[j].word and not sent[j].cap:
            j += 1
        if j + 1 < n and sent[j].text == ",":
            span = phrase_after(sent, j + 1, lex, after_verb=True)
            if span is not None:
                return classify(text, sent, span[0], span[1], lex)
    return mention


def _opens_clause(sent: list[Tok], i: int, lex: Lexicon) -> bool:
    """A word that opens an adverbial clause, not a subject: "In", "After", "Speaking",
    "2015" (but "Kettering, 84, said": a name that ends like a participle)."""
    tok = sent[i]
    if tok.key.isdigit():
        return True
    if tok.key in lex.dates.months or tok.key in lex.dates.weekdays:
        return True
    if lex.is_participle(tok.key):
        return not (tok.cap and i + 1 < len(sent) and sent[i + 1].text == ",")
    return (
        tok.base in lex.function_words
        and tok.key not in lex.determiners
        and tok.base not in lex.subject_pronouns
        and not lex.is_title(tok.base)
        and tok.base not in lex.honorific_gender
    )
