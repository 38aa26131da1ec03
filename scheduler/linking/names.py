"""Whether an article names a speaker: by a full name or alias, or by a surname alone.

A full name or any alias of two words or more ("Viktor Sorel", "President
Sorel") names its speaker. A surname alone ("Sorel said") does when no
other speaker has it and it is not a common word of the news (thresholds:
SURNAME_*). Organisations are named only by a full name or alias. English
possessives fold to the name plus "s" ("Sorel's" -> "sorels") and count.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Collection
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from scheduler.linking import thresholds as T
from scheduler.linking.vocabulary import Vocabulary
from store.models import Speaker, SpeakerAlias
from store.text import normalize_words


@dataclass
class SpeakerNames:
    """The ways one speaker can be named in an article."""

    speaker_id: int
    name: str  # canonical, as written
    phrases: list[tuple[str, ...]] = field(default_factory=list)  # folded, 2+ words
    surname: str | None = None  # folded, when distinctive
    surname_as_written: str | None = None

    @property
    def words(self) -> set[str]:
        """Every folded word of the speaker's names (not topic words of theirs)."""
        found = {w for phrase in self.phrases for w in phrase}
        if self.surname:
            found.add(self.surname)
        return found


class NameFinder:
    """Finds, in one folded article, which of the known speakers it names."""

    def __init__(self, speakers: dict[int, SpeakerNames]) -> None:
        self.speakers = speakers
        # The last word of each name is the key looked up in the article's words.
        self.by_last_word: dict[str, list[tuple[int, tuple[str, ...]]]] = defaultdict(list)
        for names in speakers.values():
            for phrase in names.phrases:
                for key in (phrase[-1], phrase[-1] + "s"):
                    self.by_last_word[key].append((names.speaker_id, phrase))
            if names.surname:
                for key in (names.surname, names.surname + "s"):
                    self.by_last_word[key].append((names.speaker_id, (names.surname,)))
        self.keys = frozenset(self.by_last_word)

    def named(self, words: set[str], padded: str) -> dict[int, str]:
        """speaker id -> the name the article uses (full name first), for every speaker named.

        ``words`` is the set of the article's folded words, ``padded`` its
        folded text with a space at each end.
        """
        found: dict[int, str] = {}
        for key in words & self.keys:
            for speaker_id, phrase in self.by_last_word[key]:
                names = self.speakers[speaker_id]
                if len(phrase) == 1:
                    if speaker_id not in found:
                        found[speaker_id] = names.surname_as_written or names.name
                    continue
                if not all(w in words for w in phrase[:-1]):
                    continue
                text = " " + " ".join(phrase)
                if text + " " in padded or text + "s " in padded:
                    found[speaker_id] = names.name  # a full name beats a surname
        return found


def _surname(name: str) -> tuple[str, str] | None:
    """(folded, as written) last word of a person's name of two words or more."""
    parts = name.split()
    if len(parts) < 2:
        return None
    folded = normalize_words(parts[-1])
    if len(folded) < T.SURNAME_MIN_LETTERS or " " in folded:
        return None
    return folded, parts[-1].strip(",.")


def load_names(
    session: Session, speaker_ids: Collection[int], vocabulary: Vocabulary
) -> NameFinder:
    """The names of ``speaker_ids``; surnames checked against every speaker's names."""
    rows = session.execute(select(Speaker.id, Speaker.name, Speaker.kind)).all()
    aliases: dict[int, list[str]] = defaultdict(list)
    for speaker_id, folded in session.execute(
        select(SpeakerAlias.speaker_id, SpeakerAlias.folded).where(SpeakerAlias.platform == "")
    ):
        aliases[speaker_id].append(folded)
    # How many speakers each single word (surname, one-word alias) could name.
    holders: Counter[str] = Counter()
    for speaker_id, name, _ in rows:
        words = {normalize_words(name).split()[-1]} if normalize_words(name) else set()
        words |= {a.split()[-1] for a in aliases[speaker_id] if a}
        holders.update(words)
    wanted = set(speaker_ids)
    speakers: dict[int, SpeakerNames] = {}
    for speaker_id, name, kind in rows:
        if speaker_id not in wanted:
            continue
        names = SpeakerNames(speaker_id, name)
        phrases = {tuple(a.split()) for a in aliases[speaker_id]}
        phrases.add(tuple(normalize_words(name).split()))
        names.phrases = sorted(p for p in phrases if len(p) >= 2)
        single = [p[0] for p in phrases if len(p) == 1]
        surname = _surname(name) if kind == "person" else None
        candidates = ([surname] if surname else []) + [(w, w.capitalize()) for w in single]
        for folded, written in candidates:
            if (
                holders[folded] == 1
                and len(folded) >= T.SURNAME_MIN_LETTERS
                and vocabulary.df.get(folded, 0)
                <= max(T.SURNAME_MIN_DF, T.SURNAME_MAX_DF_RATIO * vocabulary.articles)
            ):
                names.surname, names.surname_as_written = folded, written
                break
        speakers[speaker_id] = names
    return NameFinder(speakers)
