"""The fast fold is the store's fold: the words linking compares are the words stored."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from scheduler.linking.words import fold, name_words
from store.text import normalize_words

TYPOGRAPHY = "“”‘’—–…\u00a0«»„'\"-,.!?;: "


@given(st.text(alphabet=st.sampled_from(list("abcXYZ019 çğışöüÉ" + TYPOGRAPHY))))
def test_fold_is_normalize_words_on_news_text(text: str) -> None:
    assert fold(text) == normalize_words(text)


@given(st.text())
def test_fold_is_normalize_words_on_any_text(text: str) -> None:
    assert fold(text) == normalize_words(text)


def test_names_are_capitalised_words_inside_a_sentence() -> None:
    assert name_words("We will continue to support Ukraine.") == {"ukraine"}
    assert name_words("“Peace in the Tellin valley is within reach,” he said.") == {"tellin"}
    assert name_words("The port of Selm. Its dockers") == {"selm"}
