"""Eval gate: precision and recall on the labelled set may not fall below these floors.

The floors are the measured figures (tests/linking/labelled.py prints them)
rounded down. A change that lowers one must lower the floor in the same
commit and say why.
"""

from __future__ import annotations

import pytest
from labelled import (
    FIXTURES,
    grouping_scores,
    link_scores,
    pair_scores,
    predicted_links,
    read_corpus,
    read_pairs,
    store_corpus,
)

# Measured: pairs 1.000/1.000 (22 true pairs, 23 hard negatives); corpus
# grouping 1.000/0.972; links any kind 0.988/0.977, reports 1.000/0.980,
# covers 0.946/0.972. Held-out set (written after calibration, small):
# links 1.000/1.000 (17 gold links).
PAIRS_PRECISION, PAIRS_RECALL = 0.95, 0.95
GROUPING_PRECISION, GROUPING_RECALL = 0.97, 0.95
LINKS_PRECISION, LINKS_RECALL = 0.95, 0.95
FLOORS_BY_KIND = {"reports": (0.97, 0.95), "covers": (0.9, 0.93)}
HELDOUT_PRECISION, HELDOUT_RECALL = 0.9, 0.9


def test_the_near_duplicate_rule_on_labelled_pairs() -> None:
    pairs = read_pairs()
    assert len(pairs) >= 40 and sum(not p.same for p in pairs) >= 20  # hard negatives
    scores, wrong = pair_scores(pairs)
    assert len(wrong) <= 2, wrong
    assert scores.precision >= PAIRS_PRECISION, wrong
    assert scores.recall >= PAIRS_RECALL, wrong


@pytest.fixture
def linked(store):
    """The labelled corpus stored and linked once; (session factory, stored ids, gold)."""
    from scheduler.linking.job import run_linking

    labelled = read_corpus()
    with store.session() as session:
        stored = store_corpus(session, labelled)
    run_linking(store)
    return stored, labelled


def test_grouping_of_the_labelled_corpus(store, linked) -> None:
    stored, _ = linked
    with store.session() as session:
        scores = grouping_scores(session, stored)
    assert scores.precision >= GROUPING_PRECISION, str(scores)
    assert scores.recall >= GROUPING_RECALL, str(scores)


def test_links_of_the_labelled_corpus(store, linked) -> None:
    stored, labelled = linked
    gold = labelled.gold_links()
    assert len(labelled.news) >= 90 and len(gold) >= 80
    with store.session() as session:
        predicted = predicted_links(session, stored)
    overall = link_scores(gold, predicted)
    assert overall.precision >= LINKS_PRECISION, sorted(predicted - gold)
    assert overall.recall >= LINKS_RECALL, sorted(gold - predicted)
    for kind, (precision, recall) in FLOORS_BY_KIND.items():
        scores = link_scores(gold, predicted, kind)
        assert scores.precision >= precision, f"{kind}: {scores}"
        assert scores.recall >= recall, f"{kind}: {scores}"


def test_links_of_the_held_out_set(store) -> None:
    """Written after the thresholds were set: how they do on texts they never saw."""
    from scheduler.linking.job import run_linking

    labelled = read_corpus(FIXTURES / "heldout.txt")
    with store.session() as session:
        stored = store_corpus(session, labelled)
    run_linking(store)
    with store.session() as session:
        predicted = predicted_links(session, stored)
    scores = link_scores(labelled.gold_links(), predicted)
    assert scores.precision >= HELDOUT_PRECISION, str(scores)
    assert scores.recall >= HELDOUT_RECALL, str(scores)
