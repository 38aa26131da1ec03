"""The people and organisations a document names, for resolving speaker mentions.

One regex pass collects every run of two or more capitalised words ("Turkish
President Recep Tayyip Erdoğan", "Ministry of Foreign Affairs"), with the
titles seen with it and the role of an apposition ("Donna Brazile, the interim
chairwoman of ..."). A speaker mention is then resolved to the fullest name of
the document ("Erdoğan" -> "Recep Tayyip Erdoğan"), a description to the person
holding that role ("the minister"), or "the ministry" to the ministry named.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache

from crawler.attribution import mentions
from crawler.attribution.languages import Lexicon
from crawler.attribution.mentions import Mention
from crawler.attribution.tokens import UPPER, tokenize
from store.text import fold


@dataclass(slots=True)
class Form:
    """One written form of a person's name and where the document uses it."""

    name: str
    words: tuple[str, ...]  # folded words of the name
    positions: list[int]  # in document order
    gender: str | None


@dataclass(slots=True)
class Registry:
    """Names, organisations and roles of one document, keyed for lookup.

    Lookups cost the number of distinct forms of a surname (a handful), plus a
    bisection over positions, so that resolving every quotation of a long
    document stays linear.
    """

    lex: Lexicon
    people: dict[str, dict[tuple[str, ...], Form]] = field(default_factory=dict)
    orgs: dict[str, tuple[list[int], list[str]]] = field(default_factory=dict)  # head -> at, name
    roles: dict[str, tuple[list[int], list[str]]] = field(default_factory=dict)  # role -> people
    genders: dict[str, str] = field(default_factory=dict)  # folded last word -> m/f
    offices: dict[str, set[str]] = field(default_factory=dict)  # name -> offices with complements
    titled: set[str] = field(default_factory=set)  # names seen with a title

    def add_person(self, at: int, name: str, roles: tuple[str, ...], gender: str | None) -> None:
        aliases = self.lex.role_aliases
        roles = ranked(tuple(aliases.get(r, r) for r in roles), self.lex)
        words = tuple(name_words(name))
        if not words:
            return
        if gender is None and len(words) > 1:
            gender = self.lex.given_names.get(words[0])
        forms = self.people.setdefault(words[-1], {})
        form = forms.get(words)
        if form is None:
            forms[words] = Form(name, words, [at], gender)
        else:
            form.positions.append(at)
            form.gender = form.gender or gender
        if roles:
            self.titled.add(name)
        for role in roles:
            _append(self.roles, role, at, name)
            if " " in role:  # an office with its complement: "homeland security secretary"
                self.offices.setdefault(name, set()).add(role)
        if gender:
            self.genders[words[-1]] = gender

    def add_org(self, head: str, at: int, name: str) -> None:
        _append(self.orgs, head, at, name)

    def fullest(self, name: str, at: int) -> str:
        """The fullest form of ``name`` in the document.

        A surname shared by several people ("Clinton") goes to the one named most
        often, the nearest before ``at`` on a tie.
        """
        words = name_words(name)
        if not words:
            return name
        if words[-1] not in self.people:
            stem = self._declined(words[-1])
            if stem is None:
                return name
            words[-1] = stem
        found = [f for f in self.people[words[-1]].values() if _contains(f.words, words)]
        if not found:
            return name
        if len(words) == 1:  # a surname: pick the person, then their fullest form
            # "Minister Sorel" is no other person than Viktor Sorel, unless the surname
            # alone is a man and the full name a woman ("Mr. Obama", "Michelle Obama").
            alone = {f.gender for f in found if len(f.words) == 1} - {None}
            full = [
                f
                for f in found
                if len(f.words) > 1 and not (alone and f.gender and f.gender not in alone)
            ]
            if not full and any(len(f.words) == 1 for f in found):
                return name
            found = full or found
            counts: dict[str, int] = {}
            nearest: dict[str, int] = {}
            for f in found:
                counts[f.words[0]] = counts.get(f.words[0], 0) + len(f.positions)
                nearest[f.words[0]] = max(nearest.get(f.words[0], -1), _last_before(f, at))
            first = max(counts, key=lambda w: (counts[w], nearest[w]))
            found = [f for f in found if f.words[0] == first]
        best = max(found, key=lambda f: (len(f.words), -_distance(f, at)))
        return best.name if len(best.words) >= len(words) else name

    def _declined(self, word: str) -> str | None:
        """A known surname that ``word`` declines: "волкова" -> "волков" (Russian genitive)."""
        for suffix in self.lex.name_case_suffixes:
            if word.endswith(suffix) and word[: -len(suffix)] in self.people:
                return word[: -len(suffix)]
        return None

    def gender_of(self, name: str) -> str | None:
        """The gender of this form of the name if known ("Hillary Clinton"), else the one
        last seen with the surname."""
        words = name_words(name)
        if not words:
            return None
        form = self.people.get(words[-1], {}).get(tuple(words))
        if form is not None and form.gender:
            return form.gender
        return self.genders.get(words[-1])

    def namesake(self, surname: str, gender: str) -> str | None:
        """Another person with this surname and gender ("she" near "Clinton" in a text
        naming Bill and Hillary Clinton): the one named most often."""
        forms = [
            f
            for f in self.people.get(surname, {}).values()
            if len(f.words) > 1 and f.gender == gender
        ]
        if not forms:
            return None
        return max(forms, key=lambda f: (len(f.positions), len(f.words))).name

    def is_person(self, name: str, speakers: set[str]) -> bool:
        """A person, not a place or a body: named with a title or a known given name, a
        speaker already, or a name of several words whose last is no office, body or
        place ("Carson City", "Social Security" are no one)."""
        words = tuple(name_words(name))
        form = self.people.get(words[-1], {}).get(words) if words else None
        if form is None:
            return name in speakers
        return bool(
            form.gender
            or form.name in self.titled
            or form.name in speakers
            or (len(form.words) > 1 and not self._thing(form.words[-1]))
        )

    def body_names(self) -> list[str]:
        """Names of organisations, and multi-word names of no known person ("Brightwater
        Logistics"): what "the company" may be."""
        names = [name for _, names in self.orgs.values() for name in names]
        for forms in self.people.values():
            names += [
                f.name
                for f in forms.values()
                if len(f.words) > 1 and not f.gender and f.name not in self.titled
            ]
        return names

    def is_titled(self, name: str) -> bool:
        """Someone the document names with a title: a person."""
        return name in self.titled or any(name in t for t in self.titled)

    def _thing(self, word: str) -> bool:
        """A last word that names an office, a body or a place ("Social Security")."""
        lex = self.lex
        return word in lex.office_words or lex.is_org(word) or word in lex.place_words

    def holder_of(self, role: str, at: int) -> str | None:
        """The person named with ``role`` nearest before ``at`` (else the first after).

        A compound title holds the role too: "Finanzminister" is a "Minister".
        """
        tables = [self.roles[role]] if role in self.roles else []
        if len(role) > 4:
            tables += [
                t
                for other, t in self.roles.items()
                if other != role and other.endswith(role) and " " not in other
            ]
        return _nearest(tables, at)

    def holder_of_office(self, role: str, roles: tuple[str, ...], at: int) -> str | None:
        """The holder of a role that may have a complement ("the Secretary of State").

        An office with a complement goes to its holder, or to a holder of the bare role
        who holds no other office of that kind (not to the Secretary of Homeland Security).
        """
        offices = [r for r in roles if " " in r]
        if not offices:
            return self.holder_of(role, at)
        office = offices[-1]
        holder = self.holder_of(office, at)
        if holder is not None:
            return holder
        holder = self.holder_of(role, at)
        if holder is not None and any(
            other != office and other.endswith(" " + role) for other in self.offices.get(holder, ())
        ):
            return None
        return holder

    def org(self, head: str, at: int) -> str | None:
        """The organisation whose name has ``head`` ("ministry"), nearest before ``at``."""
        return _nearest([self.orgs[head]], at) if head in self.orgs else None


def ranked(roles: tuple[str, ...], lex: Lexicon) -> tuple[str, ...]:
    """ "vice", "president" -> "vice", "vice president": a Vice President holds that
    office, not the presidency ("the president said" is someone else)."""
    if not lex.rank_words or not any(r in lex.rank_words for r in roles[:-1]):
        return roles
    out: list[str] = []
    skip = False
    for k, role in enumerate(roles):
        if skip:
            skip = False
            continue
        out.append(role)
        if role in lex.rank_words and k + 1 < len(roles) and " " not in roles[k + 1]:
            out.append(f"{role} {roles[k + 1]}")
            skip = True
    return tuple(out)


def _append(table: dict[str, tuple[list[int], list[str]]], key: str, at: int, name: str) -> None:
    positions, names = table.setdefault(key, ([], []))
    positions.append(at)
    names.append(name)


def _nearest(tables: list[tuple[list[int], list[str]]], at: int) -> str | None:
    """The name nearest before ``at`` over ``tables``, else the earliest after it."""
    best: tuple[int, str] | None = None
    earliest: tuple[int, str] | None = None
    for positions, names in tables:
        k = bisect_right(positions, at) - 1
        if k >= 0 and (best is None or positions[k] > best[0]):
            best = (positions[k], names[k])
        if positions and (earliest is None or positions[0] < earliest[0]):
            earliest = (positions[0], names[0])
    chosen = best or earliest
    return chosen[1] if chosen else None


def _last_before(form: Form, at: int) -> int:
    k = bisect_right(form.positions, at) - 1
    return form.positions[k] if k >= 0 else -1


def _distance(form: Form, at: int) -> int:
    k = bisect_right(form.positions, at)
    near = [form.positions[i] for i in (k - 1, k) if 0 <= i < len(form.positions)]
    return min(abs(p - at) for p in near)


_NAME_WORD = re.compile(r"[^\W\d_]+(?:['\u2019.-][^\W\d_]+)*", re.UNICODE)


_INITIAL_DOT = re.compile(r"(?<![^\W\d_])([^\W\d_])\.(?=[^\W\d_])")


def name_words(name: str) -> list[str]:
    """Folded words of a name, initials included: "Mary J. Blige" -> mary, j, blige;
    "V.Sorel" -> v, sorel."""
    return [fold(w) for w in _NAME_WORD.findall(_INITIAL_DOT.sub(r"\1. ", name))]


def _contains(full: tuple[str, ...], part: list[str]) -> bool:
    """``part``'s words appear in ``full`` in order, last word last ("Obama" in "Barack Obama")."""
    if full[-1] != part[-1]:
        return False
    k = 0
    for word in full:
        if k < len(part) and (word == part[k] or (len(part[k]) == 1 and word[0] == part[k])):
            k += 1
    return k == len(part)


@lru_cache(maxsize=16)
def _run_pattern(lex: Lexicon) -> re.Pattern[str]:
    """Runs of capitalised words, with initials, abbreviations and particles inside."""
    abbreviations = sorted(
        (a for a in lex.abbreviations if a.isalpha() and len(a) <= 4), key=len, reverse=True
    )
    abbr = "|".join(re.escape(a.capitalize()) for a in abbreviations) or "(?!)"
    word = rf"(?:(?:{abbr})\.|[{UPPER}]\.(?=\s?[{UPPER}])|[{UPPER}][\w'\u2019-]*)"
    glue = sorted(lex.name_particles | lex.joiners, key=len, reverse=True)
    glue_re = "|".join(re.escape(g) for g in glue) or "(?!)"
    # "President of the Republic Viktor Sorel": an article may follow a joiner.
    joiners = "|".join(re.escape(j) for j in sorted(lex.joiners, key=len, reverse=True))
    articles = sorted((d for d in lex.determiners if d.isalpha()), key=len, reverse=True)
    article_re = "|".join(re.escape(a) for a in articles)
    if joiners and article_re:
        glue_re = rf"(?:{joiners})[ \u00a0]+(?:{article_re})|{glue_re}"
    return re.compile(
        rf"(?<![\w'\u2019]){word}(?:(?:[ \u00a0]+|(?<=\.))(?:(?:{glue_re})[ \u00a0]+)?{word})+"
    )


_WORD_BEFORE = re.compile(r"(\w+)[ \u00a0]+$")
_ARTICLE_BEFORE = re.compile(r"(?<!\w)(\w+)(?:[ \u00a0]+[^\W\d_A-ZÄÖÜ]\w*)?[ \u00a0]+$")
_APPOSITION = re.compile(r",\s+([^,.;:\n\"\u201c\u201d]{2,80})[,.;]")


def build(text: str, lex: Lexicon, start: int = 0) -> Registry:
    """The registry of ``text``: every multi-word name with its titles and appositions.

    Before ``start`` (a title line, whose capitalised words are often no names:
    "Obama Sees 'Personal Insult'", "Derelict Obama and Clinton") a name counts only
    if its last word appears in the text below, and one opening the line only if its
    first word is a given name or appears below too.
    """
    registry = Registry(lex)
    previous_start, previous_end = -1, -1
    for match in _run_pattern(lex).finditer(text):
        run_start = match.start()
        if previous_end >= 0 and _office_and(lex).fullmatch(text, previous_end, run_start):
            # "Minister of Health and Social Care Dana Pike": the office goes on.
            last_word = text[previous_start:previous_end].split()[-1]
            if fold(last_word) in lex.office_words:
                run_start = previous_start
        previous_start, previous_end = run_start, match.end()
        if match.start() < start and not _repeated(text, match.group(), start):
            continue
        if (
            match.group().isupper()
            and (match.start() == 0 or text[match.start() - 1] == "\n")
            and _DATELINE.match(text, match.end())
        ):
            continue  # "LOWER DALBY — Every morning …": a place opening the report
        toks = tokenize(text, run_start, match.end())
        if len(toks) < 2:
            continue
        if lex.capitalised_nouns:
            # German "des Skistars Willy Bogner": the word after an article is a noun, which
            # the article (outside the run of capitalised words) tells.
            article = _ARTICLE_BEFORE.search(text, max(0, match.start() - 30), match.start())
            if article is not None and fold(article.group(1)) in lex.determiners:
                toks = toks[1:]  # "des (ehemaligen) Skistars Willy Bogner": Willy Bogner
                if not toks:
                    continue
        head = _title_head(text, match.start(), lex)
        if head >= 0:  # "le président de la République Viktor Sorel": the title before
            toks = tokenize(text, head, match.end())
        mention = mentions.classify(text, toks, 0, len(toks) - 1, lex)
        if mention is None:
            continue
        at = match.start()
        if mention.kind == mentions.ORG:
            registry.add_org(mention.key, at, mention.text)
            for tok in toks:
                if lex.is_org(tok.base) and tok.base != mention.key:
                    registry.add_org(tok.base, at, mention.text)
        elif mention.kind == mentions.NAME:
            if " " not in mention.text.strip() and (
                match.start() < start or not _introduced(text, toks, mention, lex)
            ):
                continue  # one word and no title before it ("The Democratic"), or in a title
            roles = (
                mention.roles
                + _apposition_roles(text, match.end(), lex)
                + _role_before(text, match.start(), lex)
                + _title_before(text, match.start(), lex)
            )
            if match.start() < start and _opens_title(
                text, mention.start, mention.text, start, lex
            ):
                continue
            registry.add_person(mention.start, mention.text, roles, mention.gender)
    for match in _nicknamed(lex).finditer(text, max(0, start)):
        # Ambrose “Bram” Kettleby: a name around a nickname, which the runs above split.
        first, last = match.group(1), match.group(2)
        gender = lex.given_names.get(fold(first.split()[0]))
        roles = _title_before(text, match.start(), lex)
        registry.add_person(match.start(), f"{first} {last}", roles, gender)
    return registry


@lru_cache(maxsize=16)
def _nicknamed(lex: Lexicon) -> re.Pattern[str]:
    """A given name, a nickname in marks, a surname: Robert C. "Bobby" Scott."""
    word = rf"[{UPPER}][\w'\u2019-]+"
    return re.compile(
        rf"(?<![\w'\u2019])({word}(?:[ ][{UPPER}]\.)?)[ \u00a0]+[\"\u201c\u2018']"
        rf"[{UPPER}][\w.'\u2019-]*[\"\u201d\u2019'][ \u00a0]+({word})"
    )


@lru_cache(maxsize=16)
def _office_and(lex: Lexicon) -> re.Pattern[str]:
    """The list word between two parts of one office: " and " of "Health and Care"."""
    words = "|".join(re.escape(w) for w in sorted(lex.list_words, key=len, reverse=True))
    return re.compile(rf"[ \u00a0]+(?:{words or '(?!)'})[ \u00a0]+")


_DATELINE = re.compile(r"[ \t]*(?:\([^)\n]{1,30}\)[ \t]*)?[\u2014\u2013-]")


def _repeated(text: str, run: str, start: int) -> bool:
    """The last word of ``run`` appears, capitalised, after ``start``."""
    last = run.split()[-1].rstrip(".")
    return len(last) > 1 and re.search(rf"(?<!\w){re.escape(last)}(?!\w)", text[start:]) is not None


def _opens_title(text: str, at: int, name: str, start: int, lex: Lexicon) -> bool:
    """A title line opens with ``name`` whose first word may be an adjective ("Derelict
    Obama and Clinton"): neither a known given name nor written again below."""
    if text[:at].strip():
        return False
    first = name.split()[0]
    if fold(first) in lex.given_names:
        return False
    return re.search(rf"(?<!\w){re.escape(first)}(?!\w)", text[start:]) is None


def _introduced(text: str, toks: list, mention: Mention, lex: Lexicon) -> bool:
    """A one-word name counts when a title or honorific stands right before it ("Mr. Kamin")."""
    before = [t for t in toks if t.end <= mention.start and t.word]
    return bool(before) and (
        before[-1].base in lex.honorific_gender or lex.is_title(before[-1].base)
    )


_ROLE_BEFORE = re.compile(r"(\w+),\s*$")


def _role_before(text: str, start: int, lex: Lexicon) -> tuple[str, ...]:
    """A role right before a name and a comma: "Her lawyer, Daniel Okafor"."""
    found = _ROLE_BEFORE.search(text, max(0, start - 40), start)
    if found is None:
        return ()
    word = fold(found.group(1))
    if lex.is_title(word):
        return (word,)
    if word not in lex.office_words:
        return ()
    # "the Minister of Coastal Affairs and Fisheries, Teodora Vasquez-Lind": back over
    # the office's complement to its title.
    toks = tokenize(text, max(0, start - 100), found.end(1))
    for k in range(len(toks) - 1, -1, -1):
        tok = toks[k]
        if lex.is_title(tok.base) and tok.base not in lex.office_words:
            return (tok.base,)
        if not (
            tok.base in lex.office_words
            or (tok.cap and tok.word)
            or tok.key in lex.joiners
            or tok.key in lex.determiners
            or tok.key in lex.list_words
        ):
            return ()
    return ()


def _title_head(text: str, start: int, lex: Lexicon) -> int:
    """Where a lower-case title with a joiner opens the run at ``start``: "le président
    de la République …", "the president of the Republic …" (-1 when none does)."""
    word = _WORD_BEFORE.search(text, max(0, start - 30), start)
    if word is None:
        return -1
    key = fold(word.group(1))
    if key not in lex.joiners and key not in lex.office_joiners and key not in lex.determiners:
        return -1  # the common case, decided without reading further back
    toks = tokenize(text, max(0, start - 80), start)
    k = len(toks) - 1
    if k >= 0 and toks[k].key in lex.determiners and not toks[k].cap:
        k -= 1
    if k >= 1 and toks[k].key in lex.joiners and not toks[k].cap:
        title = toks[k - 1]
        if title.word and not title.cap and (lex.is_title(title.base) or lex.is_org(title.base)):
            return title.start
    if k >= 1 and toks[k].key in lex.office_joiners and not toks[k].cap:
        # "Ambassador of the Republic of Aran to the United Kingdom …": back over the
        # office's name to its title.
        k -= 1
        while k > 0 and (
            toks[k - 1].cap
            or (
                not toks[k - 1].cap
                and (toks[k - 1].key in lex.joiners or toks[k - 1].key in lex.determiners)
            )
        ):
            k -= 1
        while k < len(toks) and not toks[k].cap:
            k += 1
        if k < len(toks) and lex.is_title(toks[k].base):
            return toks[k].start
    return -1


def _title_before(text: str, start: int, lex: Lexicon) -> tuple[str, ...]:
    """A title a few lower-case words before a name: "Министр иностранных дел Сергей
    Волков", "the foreign minister Sergey Lavrov" (the words between complete it)."""
    word = _WORD_BEFORE.search(text, max(0, start - 30), start)
    if word is None:
        return ()
    key = fold(word.group(1))
    if not (lex.is_title(key) or key in lex.office_words):
        return ()  # the common case, decided without reading further back
    toks = tokenize(text, max(0, start - 60), start)
    k = len(toks) - 1
    while (
        k >= 0
        and len(toks) - k <= 4
        and toks[k].word
        and (
            lex.is_title(toks[k].base)
            or toks[k].base in lex.office_words
            or (not toks[k].cap and (toks[k].key in lex.joiners or toks[k].key in lex.determiners))
        )
    ):
        if toks[k].cap:
            # The capitalised title opens the phrase; a lower-case one alone ("Democratic
            # vice presidential nominee Tim Kaine") may be qualified in ways not read here.
            return (toks[k].base,) if lex.is_title(toks[k].base) else ()
        k -= 1
    return ()


def _apposition_roles(text: str, end: int, lex: Lexicon) -> tuple[str, ...]:
    """Titles in an apposition right after a name: ", the interim chairwoman of ..."."""
    found = _APPOSITION.match(text, end, end + 90)
    if not found:
        return ()
    roles = []
    for tok in tokenize(text, found.start(1), found.end(1)):
        if tok.key in lex.np_prepositions:
            break
        if lex.is_title(tok.base):
            roles.append(tok.base)
    return tuple(roles)


def resolve_named(registry: Registry, mention: Mention) -> str:
    """A name mention -> the fullest form of that name in the document."""
    return registry.fullest(mention.text, mention.start)
