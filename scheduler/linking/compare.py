"""Whether two wordings are the same quotation: the rules of near-duplicate grouping.

Pure functions over folded words, no database. Two wordings of one speaker
are the same quotation when

- they are *variants*: of similar length, differing by a few words added,
  dropped or replaced (a typo, "defence"/"defense", a dropped "the", a word
  the reporter added), or
- one is a *part* of the other: a fragment a report quotes ("supports every
  effort to bring a lasting peace") or a truncated quotation ("We will
  rebuild every village…") found, with the same allowance for small edits,
  inside the fuller wording;

and never when the words that differ change the claim: a number or a name
put for another ("5" and "7 percent", "support Ukraine" and "support
Moldova"), one content word put for another ("every village" and "every
school"), or a negation in one only ("will" and "will not"). Words left out
or added are edits, within a budget. Those stay two quotations, which is what a
fact-checker wants to see: the speaker said two things, or a report changed
what was said.

The thresholds are in scheduler.linking.thresholds.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from rapidfuzz import fuzz
from rapidfuzz.distance import OSA, Levenshtein

from scheduler.linking import thresholds as T
from scheduler.linking.words import (
    NEGATIONS,
    changes_meaning,
    is_function_word,
    is_number,
    name_words,
    number_value,
    stem,
    write_numbers,
)
from store.text import normalize_words

Relation = Literal["variant", "part"]


@dataclass(frozen=True)
class Wording:
    """A quotation's words, folded, with the words of it that are names."""

    words: tuple[str, ...]
    names: frozenset[str] = field(default_factory=frozenset)

    @classmethod
    def of(cls, text: str) -> Wording:
        return cls(tuple(normalize_words(text).split()), name_words(text))

    @property
    def folded(self) -> str:
        return " ".join(self.words)


@dataclass(frozen=True)
class Verdict:
    """Why two wordings are, or are not, one quotation."""

    same: bool
    relation: Relation | None  # "part": the first wording is a part of the second
    reason: str


@dataclass
class _Diff:
    matched: int = 0
    edits: list[str] = field(default_factory=list)  # words added, dropped or replaced
    blocker: str | None = None  # why the difference changes the claim


def same_word(a: str, b: str) -> bool:
    """One word written two ways: a typo, another inflection, "12" for "twelve".

    Never a negation for its opposite ("ever"/"never") nor two numbers.
    """
    if a == b:
        return True
    if a in NEGATIONS or b in NEGATIONS:
        return False
    if is_number(a) or is_number(b):
        return number_value(a) is not None and number_value(a) == number_value(b)
    if stem(a) == stem(b):
        return True
    return OSA.normalized_similarity(a, b) >= T.TYPO_MIN_SIMILARITY


def join_compounds(a: tuple[str, ...], b: tuple[str, ...]) -> tuple[str, ...]:
    """``a`` with two adjacent words joined where ``b`` writes them as one ("cease fire")."""
    joined = set(b)
    out: list[str] = []
    i = 0
    while i < len(a):
        if i + 1 < len(a) and a[i] + a[i + 1] in joined and a[i] not in joined:
            out.append(a[i] + a[i + 1])
            i += 2
        else:
            out.append(a[i])
            i += 1
    return tuple(out)


def _diff(
    a: tuple[str, ...], b: tuple[str, ...], names: frozenset[str], *, inside: bool = False
) -> _Diff:
    """Align two word sequences and say how they differ.

    ``inside``: ``a`` is looked for inside ``b``, so the words of ``b``
    before and after it are not differences.
    """
    diff = _Diff()
    a, b = write_numbers(a), write_numbers(b)
    a, b = join_compounds(a, b), join_compounds(b, a)
    ops = list(Levenshtein.opcodes(a, b))
    if inside:
        while ops and ops[0].tag == "insert":
            ops.pop(0)
        while ops and ops[-1].tag == "insert":
            ops.pop()
    for op in ops:
        left, right = a[op.src_start : op.src_end], b[op.dest_start : op.dest_end]
        if op.tag == "equal":
            diff.matched += len(left)
            continue
        if op.tag == "replace":
            for x, y in zip(left, right, strict=False):
                if same_word(x, y):
                    diff.matched += 1
                    continue
                diff.edits.append(f"{x}/{y}")
                for word in (x, y):
                    if changes_meaning(word, names):
                        diff.blocker = diff.blocker or f"“{x}” and “{y}” differ"
                if not is_function_word(x) and not is_function_word(y):
                    diff.blocker = diff.blocker or f"“{y}” in place of “{x}”"
            left, right = left[len(right) :], right[len(left) :]
        for word in (*left, *right):
            # A word left out is an edit ("the port [of Selm] will stay closed");
            # a negation left out turns the claim around.
            diff.edits.append(word)
            if word in NEGATIONS:
                diff.blocker = diff.blocker or f"“{word}” in one only"
    return diff


def _allowed_edits(length: int) -> int:
    return max(1, int(T.VARIANT_MAX_EDIT_RATIO * length))


def _judge(diff: _Diff, length: int, relation: Relation) -> Verdict:
    if diff.blocker:
        return Verdict(False, None, diff.blocker)
    if len(diff.edits) > _allowed_edits(length):
        return Verdict(False, None, f"{len(diff.edits)} words differ of {length}")
    if not diff.edits:
        return Verdict(True, relation, "same words" if relation == "variant" else "inside it")
    return Verdict(True, relation, f"{len(diff.edits)} words differ of {length}")


def compare_variants(a: Wording, b: Wording) -> Verdict:
    """Two wordings of about the same length: a few small edits apart?"""
    names = a.names | b.names
    length = max(len(a.words), len(b.words))
    return _judge(_diff(a.words, b.words, names), length, "variant")


def _aligned_stretch(part: Wording, whole: Wording) -> tuple[str, ...] | None:
    """The words of ``whole`` that best align with ``part``, or None if none does."""
    whole_text = whole.folded
    found = fuzz.partial_ratio_alignment(part.folded, whole_text)
    if found is None or found.score < T.PART_MIN_ALIGNMENT:
        return None
    # Widen to whole words, and a word more on each side: the alignment is by
    # characters and may stop inside a word that differs.
    start = whole_text.rfind(" ", 0, max(found.dest_start - 1, 0))
    start = whole_text.rfind(" ", 0, max(start, 0)) + 1 if start > 0 else 0
    end = whole_text.find(" ", found.dest_end + 1)
    end = whole_text.find(" ", end + 1) if end >= 0 else -1
    return tuple(whole_text[start : end if end >= 0 else len(whole_text)].split())


def compare_part(part: Wording, whole: Wording) -> Verdict:
    """Is ``part`` (the shorter) a fragment of ``whole``, up to small edits?"""
    if len(part.words) < T.PART_MIN_WORDS:
        return Verdict(False, None, f"a part needs {T.PART_MIN_WORDS} words")
    stretch = _aligned_stretch(part, whole)
    if stretch is None:
        return Verdict(False, None, "not found inside the longer wording")
    diff = _diff(part.words, stretch, part.names | whole.names, inside=True)
    return _judge(diff, len(part.words), "part")


def compare(a: Wording, b: Wording) -> Verdict:
    """The verdict for two wordings (of compatible speakers), the shorter first.

    ``relation == "part"`` means ``a`` is a part of ``b`` (a fragment or a
    truncation of it); "variant" means the two are edits of each other.
    """
    if len(a.words) > len(b.words):
        raise ValueError("compare(a, b) wants the shorter wording first")
    if len(a.words) < T.NEAR_MIN_WORDS:
        return Verdict(False, None, f"fewer than {T.NEAR_MIN_WORDS} words")
    variant = None
    if len(a.words) >= T.VARIANT_MIN_LENGTH_RATIO * len(b.words):
        variant = compare_variants(a, b)
        if variant.same:
            return variant
    part = compare_part(a, b)
    if part.same or variant is None:
        return part
    return variant
