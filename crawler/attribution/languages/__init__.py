"""Language data for the attribution parser, loaded from the ``*.toml`` files here.

A new language is a new TOML file with the same keys as ``en.toml``: nothing in
the code names a language. Every word is folded (lower case, diacritics
removed) once at load time, so lookups at run time are plain set membership on
folded words.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from store.text import fold

_HERE = Path(__file__).resolve().parent

# Gender/number of a pronoun: m(ale), f(emale), p(lural), n(euter).
GENDERS = {
    "pronouns_male": "m",
    "pronouns_female": "f",
    "pronouns_plural": "p",
    "pronouns_neuter": "n",
}


def _words(values: list[str]) -> frozenset[str]:
    return frozenset(fold(v) for v in values if " " not in v and not v.endswith("*"))


def _phrases(values: list[str]) -> dict[str, tuple[tuple[str, ...], ...]]:
    """Multi-word entries keyed by their first word: {"according": (("to",),)}."""
    table: dict[str, list[tuple[str, ...]]] = {}
    for value in values:
        parts = fold(value).split()
        if len(parts) > 1:
            table.setdefault(parts[0], []).append(tuple(parts[1:]))
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in table.items()}


def _stems(values: list[str]) -> tuple[str, ...]:
    return tuple(sorted({fold(v[:-1]) for v in values if v.endswith("*")}))


def _alternatives(values: list[str]) -> dict[str, int]:
    """["january|jan", ...] -> {"january": 0, "jan": 0, ...}: position of each spelling."""
    table: dict[str, int] = {}
    for index, value in enumerate(values):
        for spelling in value.split("|"):
            table[fold(spelling)] = index
    return table


_PERIODS = {
    "this_week": ("week", 0),
    "last_week": ("week", -1),
    "this_month": ("month", 0),
    "last_month": ("month", -1),
    "this_year": ("year", 0),
    "last_year": ("year", -1),
}


@dataclass(frozen=True)
class DateWords:
    """Relative date expressions of one or more languages, folded."""

    today: frozenset[str] = frozenset()
    yesterday: frozenset[str] = frozenset()
    weekdays: dict[str, int] = field(default_factory=dict)  # word -> 0 (Monday) .. 6
    months: dict[str, int] = field(default_factory=dict)  # word -> 1 .. 12
    periods: dict[str, tuple[str, int]] = field(default_factory=dict)  # phrase -> (unit, offset)
    last: frozenset[str] = frozenset()  # "last" of "last Monday"
    pattern: re.Pattern[str] = re.compile("(?!)")  # any of the words above, any case
    openers: frozenset[str] = frozenset()  # first words of the phrases above


@dataclass(frozen=True, eq=False)  # hashed by identity: one per language, cached
class Lexicon:
    """The words the parser looks for, for one language or for several merged."""

    codes: tuple[str, ...]
    capitalised_nouns: bool  # German: a capitalised word after an article is a noun
    verb_second: bool  # German: the speaker may follow the finite verb
    verbs: frozenset[str]
    verb_stems: tuple[str, ...]
    naming_verbs: frozenset[str]
    quoting_verbs: frozenset[str]  # "quoted X as saying": the object speaks
    participle_suffixes: tuple[str, ...]
    past_suffixes: tuple[str, ...]  # "issued": a verb after a noun, no part of the phrase
    past_forms: frozenset[str]  # irregular ones: "sent", "made"
    verb_phrases: dict[str, tuple[tuple[str, ...], ...]]
    before_speaker: dict[str, tuple[tuple[str, ...], ...]]
    before_speaker_words: frozenset[str]
    after_speaker: frozenset[str]
    nouns: frozenset[str]
    intro_words: frozenset[str]
    title_nouns: frozenset[str]
    scare_markers: frozenset[str]
    term_nouns: frozenset[str]  # "the phrase “…”": words mentioned, not said
    identifying: dict[str, tuple[tuple[str, ...], ...]]  # "that was" X: X said it
    naming_markers: frozenset[str]  # "known as “…”": a name given, not words said
    auxiliaries: frozenset[str]
    finite_auxiliaries: frozenset[str]
    adverb_suffixes: tuple[str, ...]
    not_adverbs: frozenset[str]  # "family", "assembly": the suffix, but nouns
    relatives: frozenset[str]
    tag_openers: frozenset[str]
    conjunctions: frozenset[str]
    agent_markers: frozenset[str]
    name_suffixes: frozenset[str]
    name_case_suffixes: tuple[str, ...]
    verb_final: bool  # Turkish: the verb ends the sentence, the subject opens it
    inverted_pronouns: tuple[str, ...]
    pronoun_gender: dict[str, str]
    subject_pronouns: frozenset[str]
    list_words: frozenset[str]  # "and" of "Clinton and Kaine said"
    clause_words: frozenset[str]  # "when", "because": a new clause begins
    statement_links: frozenset[str]  # "that" of "Trump's claim that …"
    rank_words: frozenset[str]  # "vice" of "Vice President": another office
    place_words: frozenset[str]  # "Avenue" of "Marlow Avenue": a place, not a person
    epithets: frozenset[str]  # "the Ohio Republican", "the incumbent": someone just named
    anonymity: tuple[tuple[str, ...], ...]  # "declined to give her name": folded words
    first_person: frozenset[str]
    determiners: frozenset[str]
    indefinite: frozenset[str]  # "a", "an", "one": a description that refers to no one known
    anonymous: frozenset[str]
    honorific_gender: dict[str, str]
    titles: frozenset[str]
    role_phrases: dict[str, str]  # "head of state" -> "president"
    role_aliases: dict[str, str]  # "sen" -> "senator": "Sen. X" is "the senator"
    title_suffixes: tuple[str, ...]
    org_heads: frozenset[str]
    org_suffixes: tuple[str, ...]
    office_words: frozenset[str]  # "Affairs" of "Minister of Foreign Affairs": never a name
    function_words: frozenset[str]
    name_particles: frozenset[str]
    abbreviations: frozenset[str]
    np_prepositions: frozenset[str]
    joiners: frozenset[str]
    office_joiners: frozenset[str]  # "to" of "Ambassador to the UK": inside an office's name
    np_stops: frozenset[str]
    object_prepositions: frozenset[str]  # "through" of "marching through the streets"
    given_names: dict[str, str]
    dates: DateWords

    def is_verb(self, key: str) -> bool:
        """A reporting verb: listed, or starting with a listed stem."""
        if key in self.verbs or key in self.naming_verbs:
            return True
        return bool(self.verb_stems) and key.startswith(self.verb_stems)

    def is_adverb(self, key: str, cap: bool = False) -> bool:
        """A word that can sit between a speaker and its verb: "also", "forcefully".

        A capitalised word counts by its suffix only when ``cap`` is false: "Mayor Ron
        Tully said", "Kelly said" name people.
        """
        if key in self.auxiliaries and key not in self.determiners:
            return True
        return (
            not cap
            and bool(self.adverb_suffixes)
            and len(key) > 4
            and key.endswith(self.adverb_suffixes)
            and key not in self.not_adverbs
        )

    def is_past(self, key: str) -> bool:
        """A past-tense verb: "issued" (by its ending, when longer than 4), "sent"."""
        if key in self.past_forms:
            return True
        return bool(self.past_suffixes) and len(key) > 4 and key.endswith(self.past_suffixes)

    def is_participle(self, key: str) -> bool:
        """A verb form without a subject of its own: "saying", "diciendo"."""
        return bool(self.participle_suffixes) and key.endswith(self.participle_suffixes)

    def is_org(self, key: str) -> bool:
        """The head word of an organisation's name, including German compounds."""
        if key in self.org_heads:
            return True
        return bool(self.org_suffixes) and len(key) > 5 and key.endswith(self.org_suffixes)

    def is_title(self, key: str) -> bool:
        """A title or role word, including compounds ending in one (German)."""
        if key in self.titles:
            return True
        return bool(self.title_suffixes) and len(key) > 4 and key.endswith(self.title_suffixes)


def _date_pattern(values: list[str]) -> re.Pattern[str]:
    """One regex for every spelling of every date word: a cheap pre-check of a window."""
    spellings = {s for v in values for s in v.split("|") for s in (s.split()[0],)}
    spellings |= {fold(s) for s in spellings}
    alternatives = "|".join(re.escape(s) for s in sorted(spellings, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


def _load(path: Path) -> dict:
    with path.open("rb") as handle:
        return tomllib.load(handle)


def available() -> tuple[str, ...]:
    """Codes of the languages that have a data file."""
    return tuple(sorted(p.stem for p in _HERE.glob("*.toml")))


def _build(datas: list[dict]) -> Lexicon:
    def collect(section: str, key: str) -> list[str]:
        out: list[str] = []
        for data in datas:
            out.extend(data.get(section, {}).get(key, []))
        return out

    pronoun_gender: dict[str, str] = {}
    for key, gender in GENDERS.items():
        for word in collect("speakers", key):
            # A word of two genders (German "sie": she/they) keeps the first listed.
            pronoun_gender.setdefault(fold(word), gender)
    honorific_gender = {fold(w): "m" for w in collect("speakers", "honorifics_male")}
    honorific_gender.update({fold(w): "f" for w in collect("speakers", "honorifics_female")})
    before = collect("cues", "before_speaker")
    weekdays: dict[str, int] = {}
    months: dict[str, int] = {}
    for data in datas:
        weekdays.update(_alternatives(data.get("dates", {}).get("weekdays", [])))
        months.update(_alternatives(data.get("dates", {}).get("months", [])))
    periods: dict[str, tuple[str, int]] = {}
    for key, period in _PERIODS.items():
        for phrase in collect("dates", key):
            periods[fold(phrase)] = period
    dates = DateWords(
        today=frozenset(fold(v) for v in collect("dates", "today")),
        yesterday=frozenset(fold(v) for v in collect("dates", "yesterday")),
        weekdays=weekdays,
        months={k: v + 1 for k, v in months.items()},
        periods=periods,
        last=frozenset(fold(v) for v in collect("dates", "last")),
        openers=frozenset(
            phrase.split()[0]
            for phrases in (periods, collect("dates", "today"), collect("dates", "yesterday"))
            for phrase in (fold(p) for p in phrases)
        ),
        pattern=_date_pattern(
            [v for k in ("today", "yesterday", "weekdays", "months") for v in collect("dates", k)]
            + [p.split()[0] for p in periods]
        ),
    )
    verbs = collect("cues", "verbs")
    return Lexicon(
        codes=tuple(d["code"] for d in datas),
        capitalised_nouns=len(datas) == 1 and bool(datas[0].get("capitalised_nouns")),
        verb_second=len(datas) == 1 and bool(datas[0].get("verb_second")),
        verbs=_words(verbs),
        verb_stems=_stems(verbs + collect("cues", "verb_stems")),
        naming_verbs=_words(collect("cues", "naming_verbs")),
        quoting_verbs=_words(collect("cues", "quoting_verbs")),
        participle_suffixes=tuple(
            sorted({fold(s) for s in collect("cues", "participle_suffixes")})
        ),
        verb_phrases=_phrases(collect("cues", "verb_phrases")),
        past_suffixes=tuple(sorted({fold(s) for s in collect("cues", "past_suffixes")})),
        past_forms=_words(collect("cues", "past_forms")),
        before_speaker=_phrases(before),
        before_speaker_words=_words(before),
        after_speaker=_words(collect("cues", "after_speaker")),
        nouns=_words(collect("cues", "nouns")),
        intro_words=_words(collect("cues", "intro_words")),
        title_nouns=_words(collect("cues", "title_nouns")),
        scare_markers=_words(collect("cues", "scare_markers")),
        term_nouns=_words(collect("cues", "term_nouns")),
        identifying=_phrases(collect("cues", "identifying")),
        naming_markers=_words(collect("cues", "naming_markers")),
        auxiliaries=_words(collect("cues", "auxiliaries")),
        finite_auxiliaries=_words(collect("cues", "finite_auxiliaries")),
        adverb_suffixes=tuple(sorted({fold(s) for s in collect("cues", "adverb_suffixes")})),
        not_adverbs=_words(collect("cues", "not_adverbs")),
        relatives=_words(collect("cues", "relatives")),
        tag_openers=_words(collect("cues", "tag_openers")),
        conjunctions=_words(collect("cues", "conjunctions")),
        agent_markers=_words(collect("cues", "agent_markers")),
        name_suffixes=_words(collect("cues", "name_suffixes")),
        name_case_suffixes=tuple(
            sorted(
                {fold(s) for s in collect("speakers", "name_case_suffixes")}, key=len, reverse=True
            )
        ),
        verb_final=len(datas) == 1 and bool(datas[0].get("verb_final")),
        inverted_pronouns=tuple(
            sorted(
                {"-" + fold(w) for w in collect("cues", "inverted_pronouns")}, key=len, reverse=True
            )
        ),
        pronoun_gender=pronoun_gender,
        list_words=_words(collect("speakers", "list_words")),
        clause_words=_words(collect("speakers", "clause_words")),
        statement_links=_words(collect("cues", "statement_links")),
        rank_words=_words(collect("speakers", "rank_words")),
        place_words=_words(collect("speakers", "place_words")),
        epithets=_words(collect("speakers", "epithets")),
        anonymity=tuple(
            tuple(fold(w) for w in phrase.split()) for phrase in collect("speakers", "anonymity")
        ),
        # Folding makes Spanish "él" (he) the article "el": an article wins.
        subject_pronouns=_words(collect("speakers", "subject_pronouns"))
        - _words(collect("speakers", "determiners")),
        first_person=_words(collect("speakers", "first_person")),
        determiners=_words(collect("speakers", "determiners")),
        indefinite=_words(collect("speakers", "indefinite")),
        anonymous=_words(collect("speakers", "anonymous")),
        honorific_gender=honorific_gender,
        titles=_words(collect("speakers", "titles")),
        role_phrases={
            " ".join(fold(k).split()): fold(v)
            for data in datas
            for k, v in data.get("role_phrases", {}).items()
        },
        role_aliases={
            fold(k): fold(v) for data in datas for k, v in data.get("role_aliases", {}).items()
        },
        title_suffixes=tuple(sorted({fold(w) for w in collect("speakers", "title_suffixes")})),
        org_heads=_words(collect("speakers", "org_heads")),
        org_suffixes=tuple(sorted({fold(w) for w in collect("speakers", "org_suffixes")})),
        office_words=_words(collect("speakers", "office_words")),
        function_words=_words(collect("speakers", "function_words")),
        name_particles=_words(collect("speakers", "name_particles")),
        abbreviations=_words(collect("speakers", "abbreviations")),
        np_prepositions=_words(collect("speakers", "np_prepositions")),
        joiners=_words(collect("speakers", "joiners")),
        office_joiners=_words(collect("speakers", "office_joiners")),
        np_stops=_words(collect("speakers", "np_stops")),
        object_prepositions=_words(collect("speakers", "object_prepositions")),
        given_names={
            **{fold(w): "m" for w in collect("given_names", "male")},
            **{fold(w): "f" for w in collect("given_names", "female")},
        },
        dates=dates,
    )


@lru_cache(maxsize=32)
def lexicon_for(lang: str | None) -> Lexicon:
    """The lexicon of ``lang`` ("en", "de-AT", ...); all languages merged when unknown."""
    code = (lang or "").split("-")[0].split("_")[0].lower()
    path = _HERE / f"{code}.toml"
    if code.isalpha() and path.is_file():
        return _build([_load(path)])
    return _build([_load(_HERE / f"{c}.toml") for c in available()])
