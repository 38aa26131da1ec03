"""Eval gate: the parser's measured quality may not drop without someone saying so.

Floors are the numbers measured when they were last raised (see
crawler/attribution/README.md for the table and the commands). A change that
lowers any of them fails here; a change that raises them should raise the floor
in the same commit.

(a) The project's own annotated fixtures (tests/fixtures/attribution, six
    languages, every phenomenon of the parser): always run, scored by the minimal
    scorer in attribution_scoring.py, which also requires null for anonymous
    speakers and checks when things were said.
(b) The public evaluation files in ../shared/data/quotes, scored by
    ../shared/eval/score.py: skipped when that directory is absent (a user's
    clone does not have it).
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest
from attribution_scoring import FIXTURES, load, score

from crawler.attribution import extract_quotes

SHARED = Path(__file__).resolve().parents[2].parent / "shared"

# (a) Own fixtures: {file: (P, R, F1, speaker accuracy, end-to-end F1, said_at right)}.
FIXTURE_FLOORS = {
    "en.jsonl": (1.000, 1.000, 1.000, 1.000, 1.000, 1.000),
    "tr.jsonl": (1.000, 1.000, 1.000, 1.000, 1.000, 1.000),
    "ru.jsonl": (1.000, 1.000, 1.000, 1.000, 1.000, 1.000),
    "fr.jsonl": (1.000, 1.000, 1.000, 1.000, 1.000, 1.000),
    "de.jsonl": (1.000, 1.000, 1.000, 1.000, 1.000, 1.000),
    "es.jsonl": (1.000, 1.000, 1.000, 1.000, 1.000, 1.000),
    # News-style sets by authors who never saw the parser (see build.py). The first three
    # were used to find and fix errors; the three held-out sets were scored without tuning
    # (en-heldout's errors were shown once by mistake; nothing was fixed from them).
    "en-news.jsonl": (0.982, 0.994, 0.988, 0.947, 0.919, 1.000),
    "en-news2.jsonl": (0.908, 0.988, 0.946, 0.913, 0.828, 1.000),
    "en-politics.jsonl": (0.946, 0.988, 0.967, 0.849, 0.791, 1.000),
    "en-heldout.jsonl": (0.922, 0.994, 0.957, 0.858, 0.806, 1.000),
    "en-heldout2.jsonl": (0.937, 1.000, 0.967, 0.860, 0.811, 1.000),
    "en-heldout3.jsonl": (0.979, 1.000, 0.989, 0.831, 0.810, 1.000),
}

# (b) Shared files: {file: (P, R, F1, speaker accuracy, end-to-end P, R, F1)}.
SHARED_FLOORS = {
    "polnear-dev.jsonl": (0.963, 0.972, 0.967, 0.914, 0.890, 0.898, 0.894),
    # Lowered from (0.974, 0.961, 0.967, 0.851, 0.844, 0.832, 0.838): the news-layouts
    # round raised polnear-dev and every news-style set above, but lost 6 speakers and
    # 3 quotations here. The test files are scored at the end of a round and not tuned on,
    # so the loss was measured and reported, not chased (crawler/attribution/README.md).
    "polnear-test.jsonl": (0.974, 0.957, 0.966, 0.845, 0.838, 0.824, 0.831),
    "german-wikinews-dev.jsonl": (0.894, 0.894, 0.894, 0.833, 0.774, 0.774, 0.774),
    "german-wikinews-test.jsonl": (0.750, 0.853, 0.798, 0.639, 0.540, 0.615, 0.575),
}
# (Measured values rounded down to three decimals; a comparison allows 1e-9 for
# floating point, nothing more.)


def test_every_fixture_file_has_a_floor() -> None:
    assert sorted(p.name for p in FIXTURES.glob("*.jsonl")) == sorted(FIXTURE_FLOORS)


@pytest.mark.parametrize("name", sorted(FIXTURE_FLOORS))
def test_own_fixtures_stay_above_their_floors(name: str) -> None:
    result = score(load(FIXTURES / name))
    measured = (
        result.precision,
        result.recall,
        result.f1,
        result.speaker_accuracy,
        result.e2e_f1,
        result.dated_right / result.dated if result.dated else 1.0,
    )
    floors = FIXTURE_FLOORS[name]
    names = ("precision", "recall", "F1", "speaker accuracy", "end-to-end F1", "said_at")
    below = [
        f"{what} {got:.3f} < {floor:.3f}"
        for what, got, floor in zip(names, measured, floors, strict=True)
        if got < floor - 1e-9
    ]
    assert not below, f"{name}: " + "; ".join(below) + "\n" + "\n".join(result.errors)


def test_the_fixtures_are_built_from_their_sources() -> None:
    """The JSONL files are generated: edit the marked-up .txt and run build.py."""
    spec = importlib.util.spec_from_file_location("build_fixtures", FIXTURES / "build.py")
    assert spec is not None and spec.loader is not None
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    for name, content in build.build().items():
        assert (FIXTURES / name).read_text(encoding="utf-8") == content, name


def _shared_scorer():
    path = SHARED / "eval" / "score.py"
    spec = importlib.util.spec_from_file_location("shared_score", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.eval
@pytest.mark.parametrize("name", sorted(SHARED_FLOORS))
def test_shared_evaluation_files_stay_above_their_floors(name: str) -> None:
    path = SHARED / "data" / "quotes" / name
    if not path.is_file():
        pytest.skip(f"{path} is not here (the shared evaluation data is not part of the repo)")
    scorer = _shared_scorer()
    gold = scorer.read_jsonl(str(path))
    predicted = {}
    for doc_id, doc in gold.items():
        quotes = extract_quotes(doc["text"], published=doc.get("published"), lang=doc.get("lang"))
        predicted[doc_id] = {
            "id": doc_id,
            "quotes": [json.loads(json.dumps(q.to_dict())) for q in quotes],
        }
    result = scorer.score(gold, predicted, warn=None)
    e, a, t = result["extraction"], result["attribution"], result["end_to_end"]
    measured = (
        e["precision"],
        e["recall"],
        e["f1"],
        a["accuracy"],
        t["precision"],
        t["recall"],
        t["f1"],
    )
    names = ("P", "R", "F1", "speaker accuracy", "e2e P", "e2e R", "e2e F1")
    below = [
        f"{what} {got:.4f} < {floor:.3f}"
        for what, got, floor in zip(names, measured, SHARED_FLOORS[name], strict=True)
        if got < floor - 1e-9
    ]
    assert not below, f"{name}: " + "; ".join(below)
