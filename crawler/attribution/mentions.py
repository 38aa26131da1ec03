"""Speaker phrases: find the noun phrase next to a cue and say what it names.

A phrase is read from tokens, left or right of a reporting verb, and classified
as a person's name (titles stripped: "Turkish President Recep Tayyip Erdoğan" ->
"Recep Tayyip Erdoğan"), an organisation, a pronoun, a role ("the minister"), an
anonymous source ("a source close to ...") or another description ("the
company"). Resolution against the rest of the document is ``entities``' job.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from crawler.attribution import tuning
from crawler.attribution.languages import Lexicon
from crawler.attribution.tokens import Tok

NAME = "name"
ORG = "org"
PRONOUN = "pronoun"
ROLE = "role"
DESCRIPTION = "description"
ANONYMOUS = "anonymous"

_NICKNAME_MARKS = frozenset("\"'\u201c\u201d\u2018\u2019")
_DASHES = frozenset("-\u2010\u2011\u2012\u2013\u2014\u2015")


@dataclass(slots=True)
class Mention:
    """A speaker phrase: where it is, what kind of speaker, and its words."""

    kind: str
    start: int
    end: int
    text: str  # the name without titles, or the description as written
    key: str  # folded: last word of a name, head noun of a description, the pronoun
    gender: str | None = None  # m / f / p (plural) / n, when the phrase tells
    roles: tuple[str, ...] = ()  # folded title words seen with a name
    partners: tuple[Mention, ...] = ()  # the other names of "Clinton and Kaine said"


def is_initial(toks: list[Tok], i: int) -> bool:
    """ "J" of "Mary J. Blige", "V" of "V.Putin"."""
    tok = toks[i]
    return (
        len(tok.text) == 1 and tok.text.isupper() and i + 1 < len(toks) and toks[i + 1].text == "."
    )


_INITIALS = re.compile(r"(?:[^\W\d_]\.)*[^\W\d_]")


def abbreviation_dot(toks: list[Tok], i: int, lex: Lexicon) -> bool:
    """A period that belongs to the word before it (Mr., Sen., J., G.K.), not a sentence end."""
    if i == 0 or toks[i].text != ".":
        return False
    before = toks[i - 1]
    if before.key in lex.abbreviations:
        return True
    return (
        before.text[0].isupper()
        and len(before.text) <= 5
        and bool(_INITIALS.fullmatch(before.text))
    )


def in_phrase(toks: list[Tok], i: int, lex: Lexicon) -> bool:
    """Can token ``i`` be part of a speaker phrase?"""
    tok = toks[i]
    if not tok.word:
        if tok.text in _NICKNAME_MARKS and 0 < i < len(toks) - 1:
            return toks[i - 1].cap and toks[i + 1].cap  # Marcia "Cia" Price
        if tok.text == "/" and 0 < i < len(toks) - 1:
            return toks[i - 1].text.isdigit() and toks[i + 1].text.isdigit()
        return abbreviation_dot(toks, i, lex) or tok.text in "&"
    key = tok.key
    if tok.cap:
        return key not in lex.first_person  # "the one thing I wanted": no name

    if key in lex.determiners:
        return True
    if key in lex.office_joiners and not tok.cap and 0 < i < len(toks) - 2:
        # "Ambassador of Aran to the United Kingdom Elin Suleymanov": after a title or a
        # capitalised word and before a capitalised one, "to" joins an office's name.
        before, after = toks[i - 1], toks[i + 1]
        if (
            (before.cap or lex.is_title(before.base))
            and before.word
            and (after.cap or (after.key in lex.determiners and toks[i + 2].cap))
        ):
            return True
    if office_and(toks, i, lex):
        return True
    if key in lex.np_stops or key in lex.auxiliaries:
        return key in lex.name_particles and 0 < i < len(toks) - 1 and toks[i + 1].cap
    if (
        key in lex.nouns
        and i > 0
        and (
            toks[i - 1].key in lex.determiners
            or (toks[i - 1].key in lex.np_prepositions and not toks[i - 1].cap)  # head of state
            or (
                i > 1
                and toks[i - 2].key in lex.determiners
                and toks[i - 1].word
                and not toks[i - 1].cap
                and not lex.is_verb(toks[i - 1].key)
            )
        )
    ):
        return True  # "the report says", "the following comment": a noun, though a verb too
    if (
        lex.is_participle(key)
        and 0 < i < len(toks) - 1
        and lex.is_title(toks[i + 1].base)
        and not lex.is_verb(key)
    ):
        return True  # "the firm's managing director", "the acting chairman"
    return not (lex.is_verb(key) or key in lex.subject_pronouns or lex.is_participle(key))


def office_and(toks: list[Tok], i: int, lex: Lexicon) -> bool:
    """The "and" inside one office's name: "Minister of Coastal Affairs and Fisheries"."""
    return (
        toks[i].key in lex.list_words
        and 0 < i < len(toks) - 1
        and toks[i - 1].base in lex.office_words
        and toks[i + 1].cap
    )


def phrase_before(toks: list[Tok], end: int, lex: Lexicon, low: int = 0) -> tuple[int, int] | None:
    """The speaker phrase ending at token ``end`` (inclusive), read leftwards: (first, last)."""
    j = end
    if j >= low and toks[j].text == ")":  # "Sen. Claire McCaskill (D-Mo.) said"
        depth = 0
        while j >= low:
            if toks[j].text == ")":
                depth += 1
            elif toks[j].text == "(":
                depth -= 1
                if depth == 0:
                    break
            j -= 1
        j -= 1
    if j < low:
        return None
    if toks[j].base in lex.subject_pronouns:
        return (j, j)
    i = j
    while i >= low and j - i < tuning.MAX_PHRASE_TOKENS and in_phrase(toks, i, lex):
        i -= 1
    if i == j:
        return None
    return (i + 1, j)


def phrase_after(
    toks: list[Tok], start: int, lex: Lexicon, after_verb: bool = False
) -> tuple[int, int] | None:
    """The speaker phrase starting at token ``start``, read rightwards: (first, last).

    After a verb ("said Smith in a statement") a name ends at its first lower-case
    word and a description at a preposition other than "of"; before a verb ("White
    House press secretary Josh Earnest said") the phrase runs on to the verb.
    """
    n = len(toks)
    if start >= n:
        return None
    if toks[start].base in lex.subject_pronouns:
        return (start, start)
    described = False
    i = start
    while i < n and i - start < tuning.MAX_PHRASE_TOKENS and in_phrase(toks, i, lex):
        tok = toks[i]
        if tok.key in lex.determiners:
            if (
                i > start
                and toks[i - 1].word
                and toks[i - 1].key not in lex.determiners
                and toks[i - 1].key not in lex.np_prepositions
                and tok.key not in lex.joiners
            ):
                break  # a second noun phrase begins: "laut einem Jury-Mitglied | eine …"
            described = True
        if after_verb and i > start and not tok.cap and tok.word:
            if tok.key in lex.np_prepositions and tok.key not in lex.joiners:
                break
            if lex.is_adverb(tok.key) and tok.key not in lex.determiners:
                break  # "A federal judge temporarily blocked …"
            if lex.is_past(tok.key) and toks[i - 1].word and toks[i - 1].key not in lex.determiners:
                break  # "the Security Council issued …": the verb of the clause
            if (
                tok.key in lex.joiners
                and i + 1 < n
                and toks[i + 1].key in lex.determiners
                and not described
            ):
                break  # "said Del. Stacey Plaskett of the Virgin Islands": a place follows
            if (
                not described
                and toks[i - 1].cap
                and tok.key not in lex.name_particles
                and tok.key not in lex.joiners
                and not _name_follows(toks, i, lex)
            ):
                break
        i += 1
    if i == start:
        return None
    last = i - 1
    while last > start and (toks[last].key in lex.np_prepositions or toks[last].key in lex.joiners):
        last -= 1
    return (start, last)


def _name_follows(toks: list[Tok], i: int, lex: Lexicon) -> bool:
    """ "Democratic presidential nominee Hillary Clinton": lower-case words ending in a
    title, then a name (not "Trump attacked Clinton")."""
    for k in range(i, min(len(toks), i + 3)):
        if toks[k].cap:
            return k > i and lex.is_title(toks[k - 1].base)
        if not (toks[k].word and in_phrase(toks, k, lex)) or toks[k].key in lex.np_prepositions:
            return False
    return False


def _name_run(toks: list[Tok], first: int, last: int, lex: Lexicon) -> int:
    """Index where the run of capitalised words ending at ``last`` begins (or last + 1)."""
    i = last
    while i >= first:
        tok = toks[i]
        if (
            tok.cap
            or abbreviation_dot(toks, i, lex)
            or (
                (
                    tok.key in lex.name_particles
                    or tok.key in lex.joiners
                    or tok.text in _DASHES
                    or (tok.key in lex.office_joiners and not tok.cap)
                )
                and i > first
                and i < last
            )
            or (first < i < last and office_and(toks, i, lex))
            or (  # "President of the Republic": an article after a joiner
                tok.key in lex.determiners
                and not tok.cap
                and first < i < last
                and (toks[i - 1].key in lex.joiners or toks[i - 1].key in lex.office_joiners)
                and not toks[i - 1].cap
            )
        ):
            i -= 1
        else:
            break
    start = i + 1
    # Particles and joiners never begin a name.
    while start <= last and not toks[start].cap:
        start += 1
    return start


def _office(
    toks: list[Tok], first: int, run: int, last: int, lex: Lexicon
) -> tuple[int, int, bool] | None:
    """A title or organisation with a complement in the run ``toks[run:last + 1]``.

    Returns (index of the title or organisation word, index of the complement's last
    token, whether the whole run is an organisation), or None when the run has no
    such complement. "President of the Republic Viktor Sorel": the complement is "the
    Republic" and a name follows; "Speaker of Parliament Elena Varga": an organisation
    word ends the complement; "Minister of Foreign Affairs Jeyhun Bayramov": office
    words ("Affairs") do; "Ministry of Foreign Affairs": an organisation; "Ministry of
    Foreign Affairs Spokesperson Aydan Huseynli": a title after the complement ends
    it. The title may stand before the run in lower case ("le président de la
    République Viktor Sorel") and a language without joiners puts an office word
    right after it ("Президент Республики Виктор Сорель"). With nothing else to go
    by, a name after a complement is its last two words (initials and particles
    inside: "Viktor A. Sorel", "Ursula von der Leyen").
    """
    joiner = -1
    j = run - 1
    if j > first and toks[j].key in lex.determiners and not toks[j].cap:
        j -= 1  # "de la République"
    if j > first and toks[j].key in lex.joiners and not toks[j].cap:
        joiner = j  # a lower-case title before the run: "le président de la République …"
    else:
        for k in range(run + 1, last):
            tok = toks[k]
            if not tok.cap and (
                (tok.key in lex.joiners and tok.key not in lex.name_particles)
                or tok.key in lex.office_joiners
            ):
                joiner = k
                break
    if joiner >= 0:
        head_at = joiner - 1
    else:
        head_at = next(
            (
                k
                for k in range(run, last)
                if lex.is_title(toks[k].base)
                and toks[k + 1].cap
                and toks[k + 1].base in lex.office_words
            ),
            -1,
        )  # "Президент Республики …": no joiner, an office word after the title
        if head_at < 0:
            return None
        joiner = head_at
    head = toks[head_at].base
    org_head = lex.is_org(head)
    if not (org_head or lex.is_title(head)):
        return None
    words: list[int] = []  # capitalised words after the joiner, in order
    forced = 0  # words[:forced + 1] belong to the complement for sure
    force_next = True  # the first word after a joiner is the complement's
    stop = -1  # a title after the complement
    for m in range(joiner + 1, last + 1):
        tok = toks[m]
        if not tok.word:
            continue
        if not tok.cap:
            force_next = force_next or tok.key in lex.joiners or tok.key in lex.office_joiners
            continue
        if (
            words
            and not force_next
            and lex.is_title(tok.base)
            and any(t.cap and t.word and not lex.is_title(t.base) for t in toks[m + 1 : last + 1])
        ):
            stop = m  # titles and a name follow; a last title word is the complement's
            break
        words.append(m)
        if force_next or lex.is_org(tok.base) or tok.base in lex.office_words:
            forced = len(words) - 1
        force_next = False
    if not words:
        return None
    if stop >= 0:
        return head_at, stop - 1, False
    if org_head:
        return head_at, last, True
    rest = words[forced + 1 :]
    rest = [m for m in rest if not _initial_word(toks, m)] if rest else rest
    if len(rest) >= 2:
        name = rest[-2]
        if len(rest) >= 3 and lex.given_names.get(toks[rest[-3]].base):
            name = rest[-3]
    elif len(rest) == 1:
        complement = toks[words[forced]].base
        known = (
            forced > 0
            or lex.is_title(complement)
            or lex.is_org(complement)
            or complement in lex.office_words
        )
        name = rest[0] if known else last + 1
    else:
        name = last + 1
    while name - 1 > words[forced] and _initial_word(toks, name - 2):
        name -= 2  # "Viktor A. Sorel": an initial belongs to the name
    return head_at, name - 1, False


def _given_name_inside(toks: list[Tok], k: int, lex: Lexicon) -> bool:
    """ "Will" of "the firm's managing director, Will Price": a given name the language
    also writes as a function word, inside a sentence (never at its start, where "Will
    Trump win?" asks a question)."""
    return (
        k > 0
        and toks[k].cap
        and toks[k].key in lex.given_names
        and k + 1 < len(toks)
        and toks[k + 1].cap
        and toks[k - 1].text == ","
    )


def _initial_word(toks: list[Tok], m: int) -> bool:
    """ "A" of "Viktor A. Sorel" (a letter and its period)."""
    return 0 <= m < len(toks) and is_initial(toks, m)


def _strip_possessive(tok: Tok) -> int:
    """End of a word without its possessive or case suffix: Trump's -> Trump, Erdoğan'ın."""
    if tok.base != tok.key and len(tok.base) > 1:
        for k, ch in enumerate(tok.text):
            if ch in "'\u2019":
                return tok.start + k
    return tok.end


def classify(text: str, toks: list[Tok], first: int, last: int, lex: Lexicon) -> Mention | None:
    """What the phrase ``toks[first:last + 1]`` names, or None when it names no one."""
    while last > first and (
        (not toks[last].word and not abbreviation_dot(toks, last, lex))
        or toks[last].key in lex.name_suffixes
        or (toks[last].key in lex.pronoun_gender and toks[last - 1].cap)  # "Tran herself"
        or (toks[last].text == "." and toks[last - 1].key in lex.name_suffixes)
    ):
        last -= 1
    while first < last and not toks[first].word:
        first += 1
    head_tok = toks[last]
    if first == last and head_tok.base in lex.subject_pronouns:
        gender = lex.pronoun_gender.get(head_tok.base)
        if head_tok.key in lex.first_person:
            gender = "1"
        return Mention(PRONOUN, head_tok.start, head_tok.end, head_tok.text, head_tok.base, gender)
    if not head_tok.word:
        return None
    opening = first + 1 if toks[first].key in lex.determiners and first < last else first
    if toks[opening].base in lex.anonymous and toks[opening].cap:
        # "Sources close to …", "Fuentes del Gobierno", "Kaynaklara göre": anonymous.
        return Mention(ANONYMOUS, toks[first].start, toks[last].end, "", toks[opening].base)
    run = _name_run(toks, first, last, lex)
    span_start = toks[first].start
    after_preposition = (
        run > first and toks[run - 1].key in lex.np_prepositions and not (toks[run - 1].cap)
    )
    if (
        run <= last
        and (toks[last].cap or abbreviation_dot(toks, last, lex))
        and not (
            after_preposition
            and any(toks[k].word and not toks[k].cap for k in range(first, run - 1))
        )
    ):
        # (A name after "of" ends a description instead: "the foreign minister of France".)
        return _named(text, toks, first, run, last, lex)
    # A description: its head is the last word before a preposition ("a spokesman for ...").
    head = first
    for k in range(first, last + 1):
        if toks[k].key in lex.np_prepositions and k > first:
            break
        if toks[k].word:
            head = k
    if (
        head < last
        and toks[head].cap
        and toks[head].base not in lex.function_words
        and not lex.is_title(toks[head].base)
    ):
        # "Trump in the past", "Kaine in a low voice": a name, then words about the
        # circumstances, which are no part of the speaker.
        named = classify(text, toks, first, head, lex)
        if named is not None and named.kind in (NAME, ORG):
            return named
    if lex.role_phrases:
        folded = " ".join(
            t.key for t in toks[first : last + 1] if t.word and t.key not in lex.determiners
        )
        alias = lex.role_phrases.get(folded)
        if alias is not None:  # "the head of state": the president
            end = toks[last].end
            return Mention(ROLE, span_start, end, text[span_start:end], alias, roles=(alias,))
    key = toks[head].base
    if key.isdigit() or (first == last and lex.is_participle(key)):
        return None  # "in 2010", ", rejecting …": no one
    phrase = text[span_start : toks[last].end]
    has_name = any(
        t.cap and t.base not in lex.function_words and not lex.is_title(t.base)
        for t in toks[first : last + 1]
    )
    if key in lex.anonymous or (
        not has_name and any(t.base in lex.anonymous for t in toks[first:head])
    ):
        return Mention(ANONYMOUS, span_start, toks[last].end, phrase, key)
    if key in lex.determiners or (key in lex.function_words and not has_name):
        return None
    possessed = any(t.base != t.key for t in toks[first:head])
    if not possessed and not lex.is_title(key) and not lex.is_org(key):
        # Adjectives may follow the noun: "le chancelier allemand" is a chancellor.
        titled = [t.base for t in toks[first : head + 1] if lex.is_title(t.base)]
        if titled:
            key = titled[-1]
    if not possessed and lex.is_title(key):
        roles = (key,)
        if head > first and toks[head - 1].base in lex.rank_words:
            roles = (f"{toks[head - 1].base} {key}",)  # "the vice president": that office
        return Mention(ROLE, span_start, toks[last].end, phrase, key, roles=roles)
    if not possessed and lex.is_org(key):
        return Mention(ORG, span_start, toks[last].end, phrase, key)
    return Mention(DESCRIPTION, span_start, toks[last].end, phrase, key)


def _named(
    text: str, toks: list[Tok], first: int, run: int, last: int, lex: Lexicon
) -> Mention | None:
    """A phrase ending in capitalised words: a name, an organisation, or a bare title."""
    if any(
        toks[k].text.isupper()
        and len(toks[k].text) > 1
        and (toks[k].key in lex.auxiliaries or toks[k].key in lex.pronoun_gender)
        for k in range(run, last + 1)
    ):
        return None  # "CONGRESS HAS INVESTIGATED HIM": a heading in capitals, no one
    if toks[last].base in lex.epithets and (first < run or last > run):
        # "the Ohio Republican": someone the report has just named, not a name.
        start = toks[first].start
        end = _strip_possessive(toks[last])
        return Mention(DESCRIPTION, start, end, text[start:end], toks[last].base)
    for k in range(run + 1, last):
        tok = toks[k]
        if tok.key in lex.joiners and tok.key not in lex.name_particles and not tok.cap:
            # "Charles B. Rangel of New York": a person's name ends before "of";
            # "Ministry of Foreign Affairs", "Secretary of State John Kerry" do not.
            # (The word before "of" decides: "U.S. Secretary of State" is a title.)
            head = toks[run:k]
            before = toks[k - 1]
            if (
                not any(lex.is_org(t.base) for t in head)
                and before.cap
                and not lex.is_title(before.base)
                and before.base not in lex.function_words
                and not (  # "Statement of Commissioner X": a statement noun, a title after
                    before.base in lex.nouns
                    and any(lex.is_title(t.base) for t in toks[k + 1 : last + 1])
                )
            ):
                last = k - 1
            break
    if lex.capitalised_nouns and any(
        toks[k].key in lex.determiners
        and not toks[k].cap
        and toks[k - 1].key not in lex.name_particles
        for k in range(run + 1, last)
    ):
        # German "Aussage der Gewerkschaft", "Praktiken der Deponie": nouns joined by an
        # article are a description (or an organisation), never a person's name.
        start = toks[first].start
        end = _strip_possessive(toks[last])
        noun = next(k for k in range(run, last + 1) if toks[k].cap)  # the first noun
        kind = ORG if lex.is_org(toks[noun].base) else DESCRIPTION
        return Mention(kind, start, end, text[start:end], toks[noun].base)
    office = _office(toks, first, run, last, lex)
    if office is not None and office[2]:
        # "The Ministry of Foreign Affairs": an organisation, whatever titles it contains.
        while run < last and toks[run].base in lex.function_words:
            run += 1
        run = min(run, office[0])  # "le ministère des Affaires étrangères"
        end = _strip_possessive(toks[last])
        return Mention(ORG, toks[run].start, end, text[toks[run].start : end], toks[run].base)
    roles: list[str] = []
    gender = None
    name_start = run
    for k in range(first, last + 1):
        tok = toks[k]
        if tok.base in lex.honorific_gender:
            gender = lex.honorific_gender[tok.base]
        if lex.is_title(tok.base) and k >= run - 1 and not (office and office[0] < k <= office[1]):
            roles.append(tok.base)
        if (
            k >= run
            and (
                lex.is_title(tok.base)
                or (tok.base in lex.epithets and k < last)  # "Republican Dana Pike"
                # Only a leading function word goes ("The Ministry of Energy" keeps "of");
                # a month opening a name stays unless a title follows ("Jan de Vries").
                or (
                    tok.base in lex.function_words
                    and not _given_name_inside(toks, k, lex)  # "director, Will Price"
                    and k <= name_start
                    and not (
                        tok.base in lex.dates.months
                        and k < last
                        and not lex.is_title(toks[k + 1].base)
                    )
                )
                or (abbreviation_dot(toks, k, lex) and toks[k - 1].key in lex.abbreviations)
            )
            and not (k > run and toks[k - 1].cap and lex.is_org(tok.base))
        ) or (
            # "CNN's Jake Tapper", "The Washington Post's Robert Costa", "FOX NEWS' CHRIS
            # WALLACE": the outlet (or person) in the possessive is no part of the name.
            run <= k < last
            and (
                (tok.word and tok.base != tok.key and len(tok.base) > 1)
                or (tok.text in "'\u2019" and k > run and toks[k - 1].key.endswith("s"))
            )
        ):
            name_start = k + 1
    if office is not None:
        name_start = max(name_start, office[1] + 1)
        key = toks[office[0]].base
        if lex.is_title(key) and key not in roles:
            roles.append(key)  # "le président de la République …": a title before the run
        if lex.is_title(key):
            # "Secretary of Homeland Security" holds the office "homeland security secretary"
            # (written so too), which "the Secretary of State" does not.
            complement = [t.base for t in toks[office[0] + 1 : office[1] + 1] if t.word and t.cap]
            roles.append(" ".join([*complement, key]))
        if name_start > last:  # "the President of the Republic": the role, with its holder
            start = toks[first].start
            phrase = text[start : toks[last].end]
            return Mention(ROLE, start, toks[last].end, phrase, key, gender, tuple(roles))
    while name_start <= last and (not toks[name_start].word or not toks[name_start].cap):
        name_start += 1
    if (
        lex.capitalised_nouns
        and name_start <= last
        and name_start > 0
        and (toks[name_start - 1].key in lex.determiners)
        and not (name_start == last and toks[last].text.isupper() and len(toks[last].text) > 1)
    ):
        # German: "der Deponie", "des Skistars Willy Bogner": the word after an article
        # is a noun; a name, if any, follows it.
        name_start += 1
    # An organisation when the name itself has an organisation word ("New York Times",
    # not "NATO Secretary General Jens Stoltenberg"), or when only titles and such a word
    # make up the phrase ("The Ministry of National Defence").
    named_part = range(name_start, last + 1) if name_start <= last else range(run, last + 1)
    is_org = any(lex.is_org(toks[k].base) for k in named_part) or (
        first < run and toks[run - 1].base in ("the",) and not roles
    )
    if (
        name_start > last
        and toks[last].cap
        and last > first
        and (toks[last - 1].base in lex.honorific_gender or abbreviation_dot(toks, last - 1, lex))
    ):
        name_start = last  # "Mr. King", "Sen. Major": after an honorific, a title word is a name
    if all(
        toks[k].base in lex.function_words or toks[k].key in lex.auxiliaries or not toks[k].word
        for k in range(first, last + 1)
    ):
        return None  # "So", "Darin": an adverb opening the sentence names no one
    if name_start > last and not is_org:  # titles only: "the President", "Der Staatsanwalt"
        phrase = text[toks[first].start : toks[last].end]
        key = toks[last].base
        kind = ROLE if lex.is_title(key) else DESCRIPTION
        return Mention(kind, toks[first].start, toks[last].end, phrase, key, gender, tuple(roles))
    end = _strip_possessive(toks[last])
    if is_org:
        while run < last and toks[run].base in lex.function_words:
            run += 1  # "The Ministry of …" -> "Ministry of …"
        org_start = toks[run].start
        return Mention(ORG, org_start, end, text[org_start:end], toks[last].base)
    start = toks[name_start].start
    word = toks[last]
    if (
        lex.capitalised_nouns
        and name_start == last
        and not roles
        and gender is None
        and (not word.text.isupper())
    ):
        # German: one capitalised word alone is as likely a noun ("Zeitung") as a name.
        return Mention(DESCRIPTION, start, end, text[start:end], word.base)
    if word.text.isupper() and len(word.text) > 1 and name_start == last and len(word.text) <= 4:
        # An acronym alone (NATO, BGH) is an organisation, not a person.
        return Mention(ORG, start, end, text[start:end], word.base)
    words = [t for t in toks[name_start : last + 1] if t.word and t.key not in lex.name_particles]
    if len(words) > tuning.MAX_NAME_WORDS:
        return None  # "Veto Power Impedes Peace Efforts": a heading, no one's name
    if len(words) > 1 and word.base in lex.place_words:
        return None  # "Marlow Avenue", "Harlan Bridge": a place

    return Mention(NAME, start, end, text[start:end], word.base, gender, tuple(roles))
