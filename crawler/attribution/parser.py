"""One document -> its quotations: marks, cues, speakers, times, in one pass.

Quotations are taken in document order. For each, the cue is read after the
closing mark and before the opening mark; without a cue, the speaker comes from
the layout (the previous quotation of the paragraph, a paragraph that ends
with "X continued:", a quotation running over paragraphs, the next sentence, the
previous quotation), then from the document's default speaker for first-person
words, else it is unknown. Speakers are then resolved in the document
(pronouns, descriptions, fullest names) and the span is checked for being a
quotation at all (not a title or scare quotes).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from crawler.attribution import (
    confidence,
    coref,
    cues,
    dates,
    entities,
    filters,
    mentions,
    quote,
    tuning,
)
from crawler.attribution.cues import Cue
from crawler.attribution.languages import Lexicon, lexicon_for
from crawler.attribution.marks import Quoted, find_quoted
from crawler.attribution.mentions import DESCRIPTION, Mention
from crawler.attribution.quote import Quote
from crawler.attribution.tokens import Tok, tokenize
from crawler.attribution.transcripts import POST_SIGNATURE, Turn, find_posts, find_turns
from store.text import fold, normalize_words

# How the speaker was found when no cue sits next to the quotation.
SAME_PARAGRAPH = "same-paragraph"
INTRODUCED = "introduced"  # the previous paragraph ends "X continued:"
CONTINUED = "continued"  # a quotation running over several paragraphs
NEXT_SENTENCE = "next-sentence"
PRECEDING_SENTENCE = "preceding-sentence"  # "Schiff said. “…”"
SUBJECT = "subject"  # a partial quotation with no reporting verb: the sentence's subject
SENTENCE_NAME = "sentence-name"  # the one person its sentence names
SAME_SENTENCE = "same-sentence"  # „…“ hätten „…“, so Murtha: a later quotation's cue
PREVIOUS = "previous"
DEFAULT = "default"
TURN = "turn"
NONE = "none"


@dataclass(slots=True)
class _Found:
    """A quotation being attributed."""

    start: int
    end: int
    kind: str
    cue_type: str
    cue: Cue | None
    mention: Mention | None
    speaker: str | None
    speaker_start: int | None
    speaker_end: int | None
    closed: bool
    line_start: int
    open_at: int
    # The tokens read around the quotation, and the stretch of text they cover.
    context: list[Tok] = field(default_factory=list)
    context_span: tuple[int, int] = (0, 0)
    source: _Found | None = None  # the quotation whose cue this one shares
    said: dates.SaidAt | None = None  # a date the cue gives, once looked for
    said_checked: bool = False
    co_speakers: tuple[str, ...] = ()


def extract_quotes(
    text: str,
    *,
    published: date | datetime | str | None = None,
    lang: str | None = None,
    default_speaker: str | None = None,
) -> list[Quote]:
    """The quotations of ``text`` with their speakers (see the package docstring)."""
    when = dates.parse_published(published)  # a malformed date is an error, quotes or not
    if not text:
        return []
    lex = lexicon_for(lang)
    quoted = [q for q in find_quoted(text) if not filters.nickname(text, q, lex)]
    turns = find_turns(text, lex.function_words) if ":" in text else []
    headline_end = _headline_end(text)
    if turns and headline_end > 0:
        turns = [t for t in turns if t.label_start > headline_end]  # "Pence: …" titles a story
    if "@" in text:
        posts = find_posts(text)
        if posts:
            taken = [(t.start, t.end) for t in turns]
            posts = [p for p in posts if not any(s <= p.start < e for s, e in taken)]
            turns = sorted(turns + posts, key=lambda t: t.start)
    if not quoted and not turns:
        return []
    return _Document(text, lex, when, default_speaker).run(quoted, turns)


class _Document:
    """The state of one document's pass: its registry and the speakers met so far."""

    def __init__(
        self, text: str, lex: Lexicon, published: date | datetime | None, default: str | None
    ) -> None:
        self.text = text
        self.lex = lex
        self.published = published
        self.default = default.strip() if default and default.strip() else None
        self.headline_end = _headline_end(text)
        self.registry = entities.build(text, lex, max(0, self.headline_end))
        self.speakers: dict[str, str] = {}  # folded last word -> name, for pronouns
        self.quotations = coref.Quotations([])
        self._headline: Mention | None = None  # computed on first use
        self._headline_done = False
        self._last_tokens: tuple[tuple[int, int], list[Tok]] = ((-1, -1), [])
        self._signatures: dict[tuple[int, int], Cue | None] = {}

    def run(self, quoted: list[Quoted], turns: list[Turn]) -> list[Quote]:
        self.quotations = coref.Quotations(
            [(q.open_at, q.close_at if q.closed else q.end) for q in quoted]
        )
        # Turns and quotations in document order; a quotation inside a turn (or the turn
        # itself written in marks: "WALLACE: …) is covered by the turn.
        spans = [(t.start if t.continued or t.post else t.label_start, t.end) for t in turns]
        found: list[_Found] = []
        t = 0
        for k, q in enumerate(quoted):
            while t < len(turns) and spans[t][1] < q.open_at:
                found.append(self._turn(turns[t]))
                t += 1
            if t < len(turns) and spans[t][0] <= q.end and q.open_at <= spans[t][1]:
                continue
            item = self._attribute(quoted, k, found)
            if item is not None:
                found.append(item)
        while t < len(turns):
            found.append(self._turn(turns[t]))
            t += 1
        self._share_backwards(found)
        return [self._quote(item) for item in found]

    def _share_backwards(self, found: list[_Found]) -> None:
        """Die „…“ hätten „…“, so Murtha: a cue after the last quotation of a sentence
        also names the speaker of the earlier ones in that sentence."""
        for k in range(len(found) - 2, -1, -1):
            item, later = found[k], found[k + 1]
            unknown = item.speaker is None and item.cue_type in (SAME_PARAGRAPH, PREVIOUS)
            if (item.cue_type not in (NONE, SUBJECT) and not unknown) or later.cue_type in (
                NONE,
                SUBJECT,
            ):
                continue
            if later.line_start != item.line_start or later.speaker is None:
                continue
            between = self.text[item.end : later.open_at]
            if later.cue_type != cues.DASH and any(mark in between[1:] for mark in ".!?"):
                continue  # a sentence ends between them; a signature signs the whole line
            self._inherit(item, later, SAME_SENTENCE)

    # -- one quotation ------------------------------------------------------------

    def _attribute(self, quoted: list[Quoted], k: int, found: list[_Found]) -> _Found | None:
        text, lex = self.text, self.lex
        q = quoted[k]
        prev = quoted[k - 1] if k > 0 and quoted[k - 1].line_start == q.line_start else None
        nxt = (
            quoted[k + 1]
            if k + 1 < len(quoted) and quoted[k + 1].line_start == q.line_start
            else None
        )
        lo = self._window_start(q)
        if prev is not None:
            lo = max(lo, (prev.close_at if prev.closed else prev.end) + 1)
        before = self._tokens(lo, q.open_at)
        sentence = cues.sentence_tokens(before, lex)
        after: list[Tok] = []
        if q.closed:
            after_lo = q.close_at + (2 if text.startswith("''", q.close_at) else 1)
            hi = min(q.line_end, after_lo + tuning.AFTER_WINDOW_CHARS)
            if nxt is not None:
                hi = min(hi, nxt.open_at)
            after = self._tokens(after_lo, hi)
        in_headline = q.open_at < self.headline_end
        kind = quote.HEADLINE if in_headline else _kind(sentence)
        cue = self._choose(q, sentence, after, in_headline)
        if kind == quote.PARTIAL and (cue is None or cue.kind == cues.BEFORE):
            cue = self._possessed(sentence, after) or cue
        if (
            prev is not None
            and before
            and sentence is before
            and (cue is None or (cue.mention is not None and cue.mention.kind == DESCRIPTION))
        ):
            # No cue, or only a description, in the words since the previous quotation:
            # the sentence may have begun before it.
            wide = self._sentence_through(prev, q, before)
            if wide is not before:
                wider = cues.before_cue(text, wide, lex)
                if (
                    wider is not None
                    and wider.mention is not None
                    and (
                        wider.mention.kind in cues.SUBJECT_KINDS
                        # "The memo, titled “…,” said the campaign's ads had been “…”"
                        or (
                            wider.mention.kind == DESCRIPTION
                            and wider.mention.key in lex.nouns
                            and cue is not None
                            and cue.start <= before[0].start
                        )
                    )
                ):
                    cue = wider
        item = _Found(
            q.start,
            q.end,
            kind,
            NONE,
            cue,
            None,
            None,
            None,
            None,
            q.closed,
            q.line_start,
            q.open_at,
            before + after,
            (lo, after[-1].end if after else q.end),
        )
        if cue is not None:
            item.cue_type = cue.kind
            item.mention = cue.mention
            if item.mention is None:  # "Erdoğan, “…” dedi": the sentence's subject speaks
                item.mention = cues.sentence_subject(text, sentence, lex)
        elif kind == quote.PARTIAL:
            claim = cues.possessed_statement(text, sentence, lex)
            subject = cues.sentence_subject(text, sentence, lex)
            if claim is not None:
                item.cue, item.cue_type, item.mention = claim, claim.kind, claim.mention
            elif subject is not None and subject.kind in cues.SUBJECT_KINDS:
                item.cue_type, item.mention = SUBJECT, subject
        if item.mention is not None:
            self._resolve(item)
        else:
            self._fallback(item, q, prev, found, after)
        judged = item.cue_type
        if (
            kind == quote.PARTIAL
            and item.cue_type in _SENTENCE_NAME_BEATS
            and not lex.capitalised_nouns  # German capitals name things as often as people
        ):
            # "… for his role in promoting diet pills and for saying that green coffee
            # extract was a “…”": with no person as subject and nothing around, the one
            # person the sentence names. (Not over a speaker from around it: "going
            # after Trump as “unfit”" names the target; measured 2 of 3 right on dev.)
            named = self._only_person(sentence)
            if named is not None:
                item.cue_type, item.cue, item.mention, item.source = (
                    SENTENCE_NAME,
                    None,
                    named,
                    None,
                )
                self._resolve(item)
        if prev is not None and item.cue is not None and item.cue.start < prev.open_at:
            # A cue before an earlier quotation of the sentence ties this one only as
            # loosely as the layout does: a title-case span after it is still a title.
            judged = SAME_SENTENCE
        if not filters.is_quotation(text, q, judged, sentence, lex, in_headline):
            return None
        if (
            _named_thing(item.mention, lex)
            and (item.cue_type == cues.COLON or lex.capitalised_nouns)
            and len(text[q.start : q.end].split()) <= tuning.TERM_MAX_WORDS
        ):
            # „Wikiasari“, so heißt ein geplantes Projekt; "the book's opening line: “…”":
            # the name or the title of a thing (an article that calls someone “…” speaks).
            return None
        described = item.mention is not None and item.speaker == item.mention.text
        if item.speaker is not None and not (
            described and item.mention is not None and item.mention.kind == DESCRIPTION
        ):
            self._remember(item.speaker)  # (not "Opponents", "the company": no one's name)
        return item

    def _possessed(self, sentence: list[Tok], after: list[Tok]) -> Cue | None:
        """Whose statement a partial quotation is, when the sentence says so with a
        possessive: "Trump mocked Clinton's “deplorables” comment" (over the verb's
        subject); "Politifact seized on Trump's claim that there were “…”" (when no
        verb ties the quotation)."""
        text, lex = self.text, self.lex
        if after and after[0].word and after[0].base in lex.nouns:
            owner = cues.possessor_before(text, sentence, lex)
            if owner is not None:
                return Cue(cues.NOUN, after[0].start, after[0].end, owner, after[0].text)
        return None

    def _window_start(self, q: Quoted) -> int:
        """Where the words read before ``q`` begin: never inside a word ("researchers"
        cut to "chers" would be read as a speaker)."""
        text = self.text
        lo = max(q.line_start, q.open_at - tuning.BEFORE_WINDOW_CHARS)
        if lo > q.line_start and text[lo - 1].isalnum():
            stop = min(q.open_at, lo + 40)
            while lo < stop and text[lo].isalnum():
                lo += 1
        return lo

    def _sentence_through(self, prev: Quoted, q: Quoted, before: list[Tok]) -> list[Tok]:
        """The sentence running into ``q`` when an earlier quotation sits inside it.

        "Clinton … stressed her support … during a “Commander-in-Chief Forum” sponsored
        by NBC News and said …: “…”": the words before that quotation belong to the
        sentence too (its marks stand for it; its words are not read). A quotation that
        ends a sentence itself ("“We will win.” Then he said: …") ends it here too.
        """
        text = self.text
        if text[prev.start : prev.end].rstrip()[-1:] in ".!?\u2026":
            return before
        lo = self._window_start(q)
        if lo >= prev.open_at:
            return before
        head = cues.sentence_tokens(tokenize(text, lo, prev.open_at), self.lex)
        if not head:
            return before
        marks = tokenize(text, prev.open_at, prev.start) + tokenize(
            text, prev.end, prev.close_at + 1
        )
        return head + marks + before

    def _choose(
        self, q: Quoted, sentence: list[Tok], after: list[Tok], in_headline: bool
    ) -> Cue | None:
        """The cue after the quotation or the one before it, whichever binds it."""
        text, lex = self.text, self.lex
        at_line_start = _opens_line(text, q.line_start, q.open_at)
        cue_after = (
            cues.after_cue(text, after, lex, in_headline and at_line_start) if after else None
        )
        if lex.verb_final and cue_after is not None and cue_after.kind == cues.AFTER and sentence:
            # Turkish: "Tarkan, “…” dedi", "Bakanlık, dün … “…” tamamlandığını bildirdi".
            subject = cues.sentence_subject(text, sentence, lex)
            if subject is not None and subject.kind in cues.SUBJECT_KINDS:
                cue_after.mention = subject
                return cue_after
        if (
            cue_after is not None
            and sentence
            and sentence[-1].word
            and cue_after.kind == cues.AFTER
        ):
            # Inside a sentence ("the advertisement “…” suggests that …") the words after
            # the quotation continue the sentence, unless a comma closes it off.
            inside = text[max(q.end, q.close_at - 2) : q.close_at] if q.closed else ""
            binds = after[0].text in ",?!" or any(ch in ",?!" for ch in inside)
            if not binds:
                cue_after = None
        if in_headline and (cue_after is None or cue_after.mention is None):
            near = cues.before_cue(text, sentence, lex) if sentence else None
            if (
                near is not None
                and near.kind == cues.BEFORE
                and near.mention is not None
                and near.mention.kind == mentions.NAME
            ):
                return near  # "Quintana says Voss called her ‘a liar’": the nearer verb's
            label = self._headline_speaker()
            if label is not None:
                return Cue(cues.HEADLINE, label.start, label.end, label, label.text)
        cue_before = cues.before_cue(text, sentence, lex) if sentence else None
        inside = text[max(q.end, q.close_at - 2) : q.close_at] if q.closed else ""
        comma_bound = bool(after) and (after[0].text == "," or "," in inside)
        if cue_after is not None and cue_after.mention is not None and comma_bound:
            return cue_after  # "…," the union wrote: the comma ties it even after a colon
        if (
            cue_after is not None
            and cue_after.kind == cues.DASH
            and cue_after.mention is not None
            and cue_after.mention.kind == mentions.NAME
        ):
            return cue_after  # CLAIM: "…" — State Rep. Lorraine Whitcombe: the signature
        if cue_before is not None and cue_before.kind == cues.COLON:
            return cue_before
        introduced = bool(sentence) and sentence[-1].text == ":"
        if introduced and cue_before is not None:
            return cue_before
        if cue_after is not None and cue_after.mention is not None:
            first = after[0].text if after else ""
            binds = first in ",?!\u2014\u2013-:" or any(ch in ",?!" for ch in inside)
            adjacent = cue_after.start - after[0].start < 3
            if introduced and not (binds or adjacent):
                # „Darin steht: „…“ Celebi, die …, nennt das Ereignis …“: a quotation a colon
                # introduces is not tied to a verb later in the next sentence.
                return None
            if binds or cue_before is None or adjacent:
                return cue_after
        if cue_before is not None:
            return cue_before
        return cue_after

    def _resolve(self, item: _Found) -> None:
        """Speaker name of the item's mention: fullest name, pronoun or description resolved."""
        mention = item.mention
        assert mention is not None
        item.speaker_start, item.speaker_end = mention.start, mention.end
        kind = mention.kind
        if kind == mentions.NAME:
            item.speaker = _display(self.registry.fullest(mention.text, mention.start))
            item.co_speakers = tuple(
                _display(self.registry.fullest(other.text, other.start))
                for other in mention.partners
            )
        elif kind == mentions.PRONOUN:
            if mention.gender == "1":
                item.speaker = self.default
            else:
                resolved = coref.resolve_pronoun(
                    self.text, mention, self.lex, self.registry, self.quotations, self.speakers
                )
                item.speaker = resolved[0] if resolved else None
        elif kind == mentions.ROLE or (kind == mentions.ORG and not _proper(mention)):
            named = coref.resolve_description(self.registry, mention)
            if named is None and kind == mentions.ORG:
                named = self._body_before(mention, min(item.open_at, mention.start))
            item.speaker = named if named is not None else mention.text
        elif kind == mentions.ORG:  # a named organisation: "Die CCE", "the Kremlin"
            # "the Commission" after "The European Commission": the fuller name.
            full = self.registry.org(mention.key, mention.start)
            words = entities.name_words(mention.text)
            item.speaker = mention.text
            if full is not None:
                full_words = entities.name_words(full)
                if len(full_words) > len(words) and (
                    set(words) - self.lex.function_words <= set(full_words)
                ):
                    item.speaker = full
        elif kind == mentions.DESCRIPTION:
            owner = self._statement_owner(mention) or self._statement_by(mention)
            if owner is not None:
                # "His message was simple: “…”": whoever "his" is.
                item.mention = owner
                self._resolve(item)
                item.speaker_start, item.speaker_end = mention.start, mention.end
                return
            issuer = coref.statement_issuer(self.text, mention, self.lex, self.quotations)
            if issuer is not None:
                # "The Ministry … issued a statement. “…,” the statement said."
                item.mention = issuer
                self._resolve(item)
                return
            if self._refers_to_unnamed(mention):
                item.speaker = None  # "a utility employee who was not authorized …": unnamed
                return
            if self._epithet(mention):
                # "the Ohio Republican said", "the 72-year-old said": the one just named.
                named = self._person_before(mention.start)
                if named is not None:
                    item.speaker = _display(named)
                    return
            # A lone capitalised word (German "so Murtha") may still name a known person.
            known = mention.text[:1].isupper() and " " not in mention.text
            item.speaker = (
                self.registry.fullest(mention.text, mention.start) if known else mention.text
            )
        else:  # anonymous
            item.speaker = None

    def _body_before(self, mention: Mention, before: int) -> str | None:
        """ "Korvic Industrial, Brevania's largest maker of machine tools, sells …. “…,”
        the company said": the company is the subject of the sentence before (in the
        paragraph), when that is a name of no known person."""
        if not self._definite(mention):
            return None
        lo = max(0, before - tuning.COREF_WINDOW_CHARS // 3)
        toks = [t for t in tokenize(self.text, lo, before) if not self.quotations.inside(t.start)]
        for sentence in reversed(coref.split_sentences(self.text, toks, self.lex)):
            subject = cues.sentence_subject(self.text, sentence, self.lex)
            if subject is None or subject.kind not in (mentions.NAME, mentions.ORG):
                continue
            if subject.kind == mentions.NAME and " " not in subject.text.strip():
                known = any(
                    subject.key in entities.name_words(n) for n in self.registry.body_names()
                )
                if not known:
                    continue  # "Researchers counted …": a capitalised word opening a sentence
            if subject.kind == mentions.NAME and (
                subject.key in self.registry.genders or self.registry.is_titled(subject.text)
            ):
                return None  # a person
            return subject.text
        return None

    def _person_before(self, at: int) -> str | None:
        """The person named last before ``at`` (within the epithet window), by any of
        their names: "Voss, campaigning in Yuma, …. “…,” the 61-year-old said"."""
        lo = max(0, at - tuning.EPITHET_WINDOW_CHARS)
        toks = tokenize(self.text, lo, at)
        speakers = set(self.speakers.values())
        for tok in reversed(toks):
            if not tok.cap or self.quotations.inside(tok.start):
                continue
            if tok.base in self.registry.people:
                name = self.registry.fullest(coref.bare(tok), tok.start)
            elif tok.base in self.speakers:
                name = self.speakers[tok.base]
            else:
                continue
            if self.registry.is_person(name, speakers):
                return name
        return None

    def _definite(self, mention: Mention) -> bool:
        """ "the company", "the employee", "the Ohio Republican": a description that
        refers back to someone (not "a company", "one employee")."""
        words = mention.text.split(maxsplit=1)
        first = fold(words[0]) if words else ""
        return first in self.lex.determiners and first not in self.lex.indefinite

    def _epithet(self, mention: Mention) -> bool:
        """ "the Ohio Republican", "the incumbent", "the 72-year-old": definite, and a
        word a report uses for someone it has named."""
        if not self._definite(mention):
            return False
        return mention.key in self.lex.epithets or bool(_AGE.fullmatch(mention.key))

    def _refers_to_unnamed(self, mention: Mention) -> bool:
        """ "the employee" after "a utility employee who was not authorized to speak":
        a definite description of someone the text keeps unnamed."""
        lex = self.lex
        if not self._definite(mention):
            return False
        lo = max(0, mention.start - tuning.COREF_WINDOW_CHARS)
        toks = tokenize(self.text, lo, mention.start)
        for k in range(len(toks) - 1, 0, -1):
            if toks[k].base != mention.key:
                continue
            if not any(t.key in lex.indefinite for t in toks[max(0, k - 3) : k]):
                continue
            end = cues.sentence_end(toks, k, lex)
            return cues.unnamed(toks[k:end], lex)
        return False

    def _statement_owner(self, mention: Mention) -> Mention | None:
        """The possessive pronoun of "his message", "her statement" (as a pronoun)."""
        first = mention.text.split(maxsplit=1)[0]
        key = fold(first)
        gender = self.lex.pronoun_gender.get(key)
        if gender not in ("m", "f") or mention.key not in self.lex.nouns:
            return None
        end = mention.start + len(first)
        return Mention(mentions.PRONOUN, mention.start, end, first, key, gender)

    def _statement_by(self, mention: Mention) -> Mention | None:
        """ "a statement from the Trump campaign", "the letter of the Ministry": its issuer."""
        lex = self.lex
        if mention.key not in lex.nouns:
            return None
        toks = tokenize(self.text, mention.start, mention.end)
        for k, tok in enumerate(toks[:-1]):
            if tok.key in lex.intro_words and not tok.cap:
                issuer = mentions.classify(self.text, toks, k + 1, len(toks) - 1, lex)
                if issuer is not None and issuer.kind in cues.SUBJECT_KINDS:
                    return issuer
                return None
        return None

    def _fallback(
        self,
        item: _Found,
        q: Quoted,
        prev: Quoted | None,
        found: list[_Found],
        after: list[Tok],
    ) -> None:
        """No cue next to the quotation: the layout around it names the speaker."""
        signature = self._line_signature(q.line_start, q.line_end, q.end)
        if signature is not None:
            item.cue_type, item.cue, item.mention = cues.DASH, signature, signature.mention
            self._resolve(item)
            return
        last = found[-1] if found else None
        if prev is not None and last is not None and last.line_start == q.line_start:
            self._inherit(item, last, SAME_PARAGRAPH)
            return
        opens_paragraph = _opens_line(self.text, q.line_start, q.open_at)
        if opens_paragraph:
            if (
                last is not None
                and not last.closed
                and q.line_start - last.line_start < tuning.CONTINUATION_GAP_CHARS
            ):
                self._inherit(item, last, CONTINUED)
                return
            intro = self._introduction(q)
            if intro is not None:
                item.cue_type, item.cue, item.mention = INTRODUCED, intro, intro.mention
                self._resolve(item)
                return
        preceding = self._preceding_sentence(q)
        if preceding is not None:
            item.cue_type, item.cue, item.mention = PRECEDING_SENTENCE, preceding, preceding.mention
            self._resolve(item)
            return
        next_cue = self._next_sentence(after)
        if next_cue is None and opens_paragraph and not after and q.closed:
            # “…” / That was how Rep. Carla Benning opened …: the next paragraph says.
            start = self.text.find("\n", q.close_at)
            while 0 <= start < len(self.text) and self.text[start] in "\n \t\r":
                start += 1
            if start > 0:
                end = self.text.find("\n", start)
                end = len(self.text) if end < 0 else min(end, start + tuning.AFTER_WINDOW_CHARS)
                next_cue = self._identified(tokenize(self.text, start, end))
        if next_cue is not None:
            item.cue_type, item.cue, item.mention = NEXT_SENTENCE, next_cue, next_cue.mention
            self._resolve(item)
            return
        if (
            opens_paragraph
            and last is not None
            and last.speaker is not None
            and q.open_at - last.end < tuning.PREVIOUS_SPEAKER_GAP_CHARS
        ):
            self._inherit(item, last, PREVIOUS)
            return
        if self.default is not None and _first_person(self.text, q, self.lex):
            item.cue_type, item.speaker = DEFAULT, self.default

    def _inherit(self, item: _Found, source: _Found, how: str) -> None:
        item.source = source
        item.cue_type = how
        item.cue = source.cue
        item.mention = source.mention
        item.speaker = source.speaker
        item.co_speakers = source.co_speakers
        item.speaker_start, item.speaker_end = source.speaker_start, source.speaker_end

    def _line_signature(self, line_start: int, line_end: int, after: int) -> Cue | None:
        """A paragraph signed at its end, after ``after``: "“…” And that's all he has “…”
        ― Tina Lastra." signs every quotation of the paragraph."""
        key = (line_start, line_end)
        if key not in self._signatures:
            self._signatures[key] = self._find_signature(line_start, line_end)
        found = self._signatures[key]
        return found if found is not None and found.start >= after else None

    def _find_signature(self, line_start: int, line_end: int) -> Cue | None:
        text = self.text
        lo = max(line_start, line_end - tuning.SIGNATURE_MAX_CHARS)
        dash = max(text.rfind(d, lo, line_end) for d in _SIGNATURE_DASHES)
        end = line_end
        if dash < 0:
            # An embedded post: its text, then "— Leo Marsh (@leomarsh) September 26, 2016".
            embed = (
                POST_SIGNATURE.match(text, line_end + 1)
                if text.startswith("\n", line_end)
                else None
            )
            if embed is None:
                return None
            dash, end = embed.start("dash"), embed.end("name")
        toks = tokenize(text, dash + 1, end)
        while toks and toks[-1].text in ".)":
            toks.pop()
        if not toks or not toks[0].cap:
            return None
        if cues.unnamed(toks, self.lex):  # "― Name withheld"
            anonymous = Mention(mentions.ANONYMOUS, toks[0].start, toks[-1].end, "", "source")
            return Cue(cues.DASH, dash, dash + 1, anonymous, text[dash])
        span = mentions.phrase_after(toks, 0, self.lex, after_verb=True)
        if span is None or span[1] != len(toks) - 1:
            return None  # words follow the name: not a signature
        mention = mentions.classify(text, toks, span[0], span[1], self.lex)
        if mention is None or mention.kind not in (mentions.NAME, mentions.ROLE):
            return None
        return Cue(cues.DASH, dash, dash + 1, mention, text[dash])

    def _introduction(self, q: Quoted) -> Cue | None:
        """The previous paragraph ends with a colon after a cue: "Caddell continued:"."""
        end = q.line_start - 1
        while end > 0 and self.text[end - 1] in "\n \t\r":
            end -= 1
        if end <= 0 or self.text[end - 1] != ":":
            return None
        start = self.text.rfind("\n", max(0, end - tuning.BEFORE_WINDOW_CHARS), end) + 1
        toks = tokenize(self.text, max(start, end - tuning.BEFORE_WINDOW_CHARS), end)
        sentence = cues.sentence_tokens(toks, self.lex)
        cue = cues.before_cue(self.text, sentence, self.lex)
        if cue is not None and cue.mention is None:
            return None
        return cue

    def _preceding_sentence(self, q: Quoted) -> Cue | None:
        """ "Schiff said. “…”": the sentence just before, in the paragraph, has the cue."""
        if q.open_at <= q.line_start:
            return None
        lo = self._window_start(q)
        toks = tokenize(self.text, lo, q.open_at)
        if (
            not toks
            or toks[-1].text not in ".!?:"
            or mentions.abbreviation_dot(toks, len(toks) - 1, self.lex)  # Robert C. "Bobby"
        ):
            return None
        marks = any(t.text in cues.MARKS for t in toks)
        sentence = cues.sentence_tokens(toks[:-1], self.lex)
        cue = None if marks else cues.before_cue(self.text, sentence, self.lex)
        if cue is None or cue.mention is None or cue.kind not in (cues.BEFORE, cues.ACCORDING):
            # "On “Face the Nation,” Sen. Bernie Sanders … identified young voters'
            # exhaustion … as a reason. “…”": a sentence quoted right after a sentence
            # about someone is theirs (a weak cue, measured as such).
            text = self.text
            if not text[q.start : q.start + 1].isupper():
                return None
            label = next((k for k, t in enumerate(sentence[:4]) if t.text == ":"), -1)
            if label >= 0:
                sentence = sentence[label + 1 :]  # "Europapolitik: Die SPD will …"
            subject = cues.sentence_subject(text, sentence, self.lex)
            if (
                subject is not None
                and subject.kind == mentions.ORG
                and _first_person(text, q, self.lex)
            ):
                # "Die SPD will am Kurs festhalten. „Wir wollen …“": the body says "we".
                return Cue(cues.BEFORE, subject.start, subject.end, subject, subject.text)
            if subject is None or subject.kind != mentions.NAME or not self._known(subject):
                return None  # "Great night in Ohio. “…”": a capitalised word, no one
            return Cue(cues.BEFORE, subject.start, subject.end, subject, subject.text)
        if cue.mention.kind not in (mentions.NAME, mentions.ROLE, mentions.PRONOUN, mentions.ORG):
            return None
        return cue

    def _only_person(self, sentence: list[Tok]) -> Mention | None:
        """The one known person a sentence names (None for none or several)."""
        found: Mention | None = None
        k, n = 0, len(sentence)
        while k < n:
            if not sentence[k].cap or not sentence[k].word:
                k += 1
                continue
            first = k
            while k + 1 < n and (
                sentence[k + 1].cap or mentions.abbreviation_dot(sentence, k + 1, self.lex)
            ):
                k += 1
            mention = mentions.classify(self.text, sentence, first, k, self.lex)
            k += 1
            if mention is None or mention.kind != mentions.NAME or not self._known(mention):
                continue
            if mention.text.isupper():
                continue  # "THE INSIDE GAME —": a section lead in capitals
            if found is not None and found.key != mention.key:
                return None
            found = mention
        return found

    def _known(self, mention: Mention) -> bool:
        """A name of more than one word, or a person the document names in full."""
        return (
            " " in mention.text.strip()
            or mention.key in self.registry.people
            or mention.key in self.speakers
        )

    def _next_sentence(self, after: list[Tok]) -> Cue | None:
        """ "…" Those were the words of X: a speaker named in the next sentence."""
        if not after:
            return None
        sentence = after[: cues.sentence_end(after, 0, self.lex)]
        if not sentence or not sentence[0].word:
            return None
        identified = self._identified(sentence)
        if identified is not None:
            return identified
        cue = cues.before_cue(self.text, sentence, self.lex)
        if (
            cue is None
            or cue.mention is None
            or cue.mention.kind not in (mentions.NAME, mentions.ROLE, mentions.PRONOUN)
        ):
            return None
        return cue

    def _identified(self, sentence: list[Tok]) -> Cue | None:
        """ "That was Sen. Harold Brisco", "That was how Rep. Carla Benning opened …"."""
        if not sentence or not sentence[0].word:
            return None
        for rest in self.lex.identifying.get(sentence[0].key, ()):
            n = len(rest)
            if [t.key for t in sentence[1 : 1 + n]] == list(rest) and len(sentence) > n + 1:
                # "“…” That was Sen. Harold Brisco (D-Vt.), the longest-serving member."
                span = mentions.phrase_after(sentence, n + 1, self.lex, after_verb=True)
                named = cues.described_name(self.text, sentence, span, self.lex) if span else None
                if named is not None and named.kind in (mentions.NAME, mentions.ROLE):
                    words = self.text[sentence[0].start : sentence[n].end]
                    return Cue(cues.AFTER, sentence[0].start, sentence[n].end, named, words)
        return None

    def _headline_speaker(self) -> Mention | None:
        """Who speaks in the title: "Pat Caddell: …", "…, Lindsey Graham Says", "Obama Sees …"."""
        if self._headline_done:
            return self._headline
        text, lex = self.text, self.lex
        toks = tokenize(text, 0, self.headline_end)
        found: Mention | None = None
        colon = next((k for k, t in enumerate(toks) if t.text == ":"), -1)
        if colon > 0 and toks[colon].start <= tuning.HEADLINE_LABEL_MAX_CHARS:
            # "Elizabeth Warren Hammers Wells Fargo CEO: ‘…’": the one who acts speaks.
            found = self._headline_actor(toks[:colon])
            if found is None:
                found = cues.sentence_subject(text, toks[:colon], lex)
        if found is None:
            comma = max((k for k, t in enumerate(toks) if t.text == ","), default=-1)
            tail = toks[comma + 1 :] if comma >= 0 else []
            while tail and not tail[-1].word:
                tail = tail[:-1]
            if len(tail) >= 2 and lex.is_verb(tail[-1].key):
                found = mentions.classify(text, tail, 0, len(tail) - 2, lex)
        if found is None:
            for size in (3, 2, 1):  # a known name opening the title: "Obama Sees …"
                opening = toks[:size]
                if (
                    len(toks) > size
                    and all(t.cap for t in opening)
                    and opening[-1].base in self.registry.people
                ):
                    found = mentions.classify(text, toks, 0, size - 1, lex)
                    break
        if found is not None and found.kind not in (mentions.NAME, mentions.ORG):
            found = None
        self._headline, self._headline_done = found, True
        return found

    def _headline_actor(self, label: list[Tok]) -> Mention | None:
        """A known name opening a title label and followed by a title-case verb
        ("Warren Hammers …", "Trump Rips …"): that person, not the one acted on."""
        lex = self.lex
        for size in (3, 2, 1):
            if len(label) <= size + 1 or not all(t.cap for t in label[:size]):
                continue
            verb = label[size]
            if (
                verb.cap
                and len(verb.key) > 3
                and verb.key.endswith("s")
                and not lex.is_title(verb.base)
                and not lex.is_org(verb.base)
                and verb.base not in lex.anonymous
                and label[size - 1].base in self.registry.people
            ):
                found = mentions.classify(self.text, label, 0, size - 1, lex)
                if found is not None and found.kind == mentions.NAME:
                    return found
        return None

    def _turn(self, turn: Turn) -> _Found:
        item = _Found(
            turn.start,
            turn.end,
            quote.TURN,
            TURN,
            None,
            None,
            None,
            None,
            None,
            True,
            turn.start if turn.continued or turn.post else turn.label_start,
            turn.start if turn.continued or turn.post else turn.label_start,
        )
        item.cue = Cue(TURN, turn.label_end, turn.label_end + 1, None, ":")
        if turn.post:  # signed like a letter: "— Leo Marsh (@leomarsh) …"
            dash = self.text.rfind("\n", 0, turn.label_start) + 1
            item.cue = Cue(cues.DASH, dash, turn.label_start, None, "\u2014")
            item.cue_type, item.kind = cues.DASH, quote.FULL
        if not turn.anonymous:
            label = turn.label
            toks = tokenize(self.text, turn.label_start, turn.label_end)
            named = mentions.classify(self.text, toks, 0, len(toks) - 1, self.lex) if toks else None
            if named is not None and named.kind == mentions.NAME and named.start > toks[0].start:
                label = named.text  # "FOX NEWS' CHRIS WALLACE", "SEN. KAINE": the name
            item.speaker = _display(self.registry.fullest(label, turn.label_start))
            item.speaker_start, item.speaker_end = turn.label_start, turn.label_end
            self._remember(item.speaker)
        return item

    def _tokens(self, start: int, end: int) -> list[Tok]:
        """Tokens of a stretch; the words between two quotations are read once, as the
        first one's after-context and the second one's before-context."""
        key = (start, end)
        if self._last_tokens[0] != key:
            self._last_tokens = (key, tokenize(self.text, start, end))
        return self._last_tokens[1]

    def _said(self, item: _Found) -> dates.SaidAt | None:
        """A date near the item's cue ("said on Monday"), or None; shared with the
        quotation whose cue it borrows."""
        if item.said_checked:
            return item.said
        item.said_checked = True
        if item.source is not None:
            item.said = self._said(item.source)
            return item.said
        text = self.text
        anchor = item.cue if item.cue is not None else item.mention  # no cue: the subject's
        if anchor is None or self.published is None:
            return None
        lo = max(item.line_start, min(anchor.start, item.speaker_start or anchor.start) - 40)
        hi = anchor.end + tuning.DATE_AFTER_CUE_CHARS
        if item.start > anchor.end:
            hi = min(hi, item.open_at)
        if not dates.mentions_a_date(text[lo:hi], self.lex.dates):
            return None
        # The tokens read for the cue cover its clause (up to the next quotation, whose
        # words are no date of this one); read again only for a cue elsewhere.
        covered = item.context_span[0] <= anchor.start and anchor.end <= item.context_span[1]
        around = item.context if covered else tokenize(text, lo, hi)
        toks = [
            t
            for t in around
            if lo <= t.start < hi
            and not (item.start <= t.start < item.end)
            and not self.quotations.inside(t.start)
        ]
        item.said = dates.resolve(toks, self.lex.dates, self.published)
        return item.said

    def _remember(self, speaker: str) -> None:
        words = entities.name_words(speaker)
        if words:
            self.speakers[words[-1]] = speaker

    # -- output -------------------------------------------------------------------

    def _quote(self, item: _Found) -> Quote:
        text = self.text
        cue = item.cue
        said = self._said(item)
        if said is None:
            said = dates.document_time(self.published)
            said_from = "document"
        else:
            said_from = "text"
        return Quote(
            start=item.start,
            end=item.end,
            text=text[item.start : item.end],
            speaker=item.speaker,
            speaker_start=item.speaker_start if item.speaker is not None else None,
            speaker_end=item.speaker_end if item.speaker is not None else None,
            cue=cue.words if cue is not None else None,
            cue_start=cue.start if cue is not None else None,
            cue_end=cue.end if cue is not None else None,
            cue_type=item.cue_type,
            confidence=confidence.confidence(item.cue_type, item.speaker),
            said_at=said.at,
            said_precision=said.precision,
            said_from=said_from,
            normalized=normalize_words(text[item.start : item.end]),
            kind=item.kind,
            co_speakers=item.co_speakers if item.speaker is not None else (),
        )


_DASHES = frozenset("-\u2013\u2014")
_AGE = re.compile(r"\d{1,3}-year-old")
_SENTENCE_NAME_BEATS = frozenset({NONE})
_SIGNATURE_DASHES = ("\u2014", "\u2015")  # — and ―: a signature's dash, not a hyphen


def _named_thing(mention: Mention | None, lex: Lexicon) -> bool:
    """A book, a project, a film "speaks": the words are its name or title."""
    return (
        mention is not None
        and mention.kind == mentions.DESCRIPTION
        and mention.key in lex.title_nouns
        and mention.key not in lex.nouns
    )


def _opens_line(text: str, line_start: int, at: int) -> bool:
    """Only spaces between the start of the line and ``at`` (cost: those spaces)."""
    k = at - 1
    while k >= line_start and text[k] in " \t\r\u00a0":
        k -= 1
    return k < line_start


def _proper(mention: Mention) -> bool:
    """A named organisation ("the Kremlin", "Die CCE"), not a description ("the ministry")."""
    words = mention.text.split()
    return len(words) > 0 and words[-1][:1].isupper() and not mention.text[:1].islower()


def _kind(sentence: list[Tok]) -> str:
    """Partial when the reporter's sentence runs into the quotation ("called it “…”",
    "treating the remark as a compliment -- “…”")."""
    if sentence and sentence[-1].word:
        return quote.PARTIAL
    k = len(sentence) - 1
    while k > 0 and sentence[k].text in _DASHES:
        k -= 1
    if 0 < k < len(sentence) - 1 and sentence[k].word:
        return quote.PARTIAL
    return quote.FULL


def _headline_end(text: str) -> int:
    """End of the title line when the text opens with one, else -1.

    A title is a short first line that does not end like a sentence ("Minister
    doubles down on border pledge"), or that is title-cased if it does ("Obama Sees
    'Personal Insult' if Blacks Don't Rally."); a lead sentence is not a title.
    """
    end = text.find("\n", 0, tuning.HEADLINE_MAX_CHARS + 1)
    if end <= 0 or not text[end:].strip():
        return -1
    line = text[:end].rstrip().rstrip("\"'\u201d\u2019\u00bb\u00ab)")
    if not line:
        return -1
    if line[-1] not in ".!?\u2026":
        return end
    long_words = [w for w in line.split() if sum(ch.isalpha() for ch in w) >= 4]
    capitalised = sum(1 for w in long_words if w.lstrip("\"'\u201c\u2018(")[:1].isupper())
    return end if long_words and capitalised >= tuning.HEADLINE_TITLE_CASE * len(long_words) else -1


def _display(name: str) -> str:
    """ "PENCE" -> "Pence": transcripts shout names the rest of the text does not."""
    if name.isupper() and len(name) > 3:
        return name.title()
    return name


def _first_person(text: str, q: Quoted, lex: Lexicon) -> bool:
    words = tokenize(text, q.start, min(q.end, q.start + tuning.FIRST_PERSON_SCAN_CHARS))
    return any(t.key in lex.first_person or t.base in lex.first_person for t in words)
