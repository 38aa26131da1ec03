"""A minimal scorer for the project's own annotated fixtures (no ../shared needed).

Quotations match when their spans overlap by at least half of the longer one,
one-to-one, best overlap first. A speaker matches when the folded words of one
name contain the other's ("Tarkan" = "Selim Tarkan"). Stricter than the shared
scorer on purpose: a quotation whose gold speaker is null (an anonymous source)
counts as right end to end only when the parser says null too.

    python tests/attribution/attribution_scoring.py [FILE.jsonl ...]   # errors, then scores
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

from crawler.attribution import Quote, extract_quotes
from store.text import words

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "attribution"


def load(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def same_speaker(gold: str | None, predicted: str | None) -> bool:
    """Folded word containment; null only matches null."""
    if gold is None or predicted is None:
        return gold is None and predicted is None
    a = {w for w in words(gold) if len(w) > 1}
    b = {w for w in words(predicted) if len(w) > 1}
    return bool(a) and bool(b) and (a <= b or b <= a)


def match(gold: list[dict], predicted: list[Quote]) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, predicted index), best overlap ratio first."""
    candidates = []
    for i, g in enumerate(gold):
        for j, p in enumerate(predicted):
            overlap = min(g["end"], p.end) - max(g["start"], p.start)
            longer = max(g["end"] - g["start"], p.end - p.start)
            if overlap > 0 and overlap >= 0.5 * longer:
                candidates.append((-overlap / longer, i, j))
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for _, i, j in sorted(candidates):
        if i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
            pairs.append((i, j))
    return pairs


@dataclass
class Score:
    """Counts over a set of documents, and what went wrong."""

    gold: int = 0
    predicted: int = 0
    matched: int = 0
    named: int = 0  # matched quotations whose gold speaker is not null
    named_right: int = 0
    end_to_end: int = 0
    dated: int = 0
    dated_right: int = 0
    errors: list[str] = field(default_factory=list)

    @staticmethod
    def _f1(p: float, r: float) -> float:
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        return self._f1(self.precision, self.recall)

    @property
    def speaker_accuracy(self) -> float:
        return self.named_right / self.named if self.named else 0.0

    @property
    def e2e_precision(self) -> float:
        return self.end_to_end / self.predicted if self.predicted else 0.0

    @property
    def e2e_recall(self) -> float:
        return self.end_to_end / self.gold if self.gold else 0.0

    @property
    def e2e_f1(self) -> float:
        return self._f1(self.e2e_precision, self.e2e_recall)

    def row(self) -> str:
        return (
            f"P={self.precision:.3f} R={self.recall:.3f} F1={self.f1:.3f} "
            f"speaker={self.speaker_accuracy:.3f} ({self.named_right}/{self.named}) "
            f"e2e P={self.e2e_precision:.3f} R={self.e2e_recall:.3f} F1={self.e2e_f1:.3f} "
            f"said_at={self.dated_right}/{self.dated}"
        )


def score(docs: list[dict]) -> Score:
    """Run the parser on ``docs`` and compare with their gold quotations."""
    result = Score()
    for doc in docs:
        quotes = extract_quotes(
            doc["text"],
            published=doc.get("published"),
            lang=doc.get("lang"),
            default_speaker=doc.get("default_speaker"),
        )
        gold = doc["quotes"]
        pairs = match(gold, quotes)
        result.gold += len(gold)
        result.predicted += len(quotes)
        result.matched += len(pairs)
        for i, j in pairs:
            g, p = gold[i], quotes[j]
            right = same_speaker(g["speaker"], p.speaker)
            if g["speaker"] is not None:
                result.named += 1
                result.named_right += right
            result.end_to_end += right
            if not right:
                result.errors.append(
                    f"{doc['id']}: {g['text'][:50]!r}: speaker {p.speaker!r}, "
                    f"expected {g['speaker']!r} ({p.cue_type})"
                )
            if "said_at" in g:
                result.dated += 1
                result.dated_right += p.said_at == g["said_at"]
                if p.said_at != g["said_at"]:
                    result.errors.append(
                        f"{doc['id']}: {g['text'][:50]!r}: said_at {p.said_at}, "
                        f"expected {g['said_at']}"
                    )
        matched_g = {i for i, _ in pairs}
        matched_p = {j for _, j in pairs}
        for i, g in enumerate(gold):
            if i not in matched_g:
                result.errors.append(f"{doc['id']}: missed {g['text'][:60]!r}")
        for j, p in enumerate(quotes):
            if j not in matched_p:
                result.errors.append(f"{doc['id']}: not a quotation: {p.text[:60]!r}")
    return result


def fixture_files() -> list[Path]:
    return sorted(FIXTURES.glob("*.jsonl"))


if __name__ == "__main__":
    paths = [Path(a) for a in sys.argv[1:]] or fixture_files()
    total: list[dict] = []
    for path in paths:
        docs = load(path)
        total += docs
        s = score(docs)
        for error in s.errors:
            print("  " + error)
        print(f"{path.name}: {s.row()}")
    print(f"all: {score(total).row()}")
