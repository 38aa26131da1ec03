"""Any input: no exception, valid spans, no overlaps, work linear in the input.

Property tests draw arbitrary Unicode, and text built from the characters the
parser cares about (every quotation mark, apostrophes, colons, dashes, line
breaks, capitalised names and reporting verbs), which reaches far more of its
branches than random letters do.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crawler.attribution import Quote, extract_quotes
from crawler.attribution.languages import available

MARKS = [*"\"'“”„‟«»‹›‘’‚「」『』＂", "''", "``"]
# fmt: off
PIECES = [
    *MARKS, " ", " ", " ", "\n", "\n\n", ",", ".", ":", " — ", "-", "(", ")", "?", "!",
    "said", "says", "told", "according to", "he", "she", "they", "the minister",
    "Mr.", "Sen.", "President", "Recep Tayyip Erdoğan", "Erdoğan'ın", "O'Neill",
    "Ilham Aliyev", "it's", "the '90s", "dedi", "сказал", "Волков", "a déclaré",
    "a-t-il", "sagte", "so", "laut", "dijo", "según", "V.Putin:", "WALLACE:",
    "on Monday", "yesterday", "last week", "Q:", "—Commissioner", "Statement of",
    "Karabakh is Azerbaijan", "we", "I", "our", "=", "<tweet a=", "(CROSSTALK.)",
]
# fmt: on
LANGS = [None, *available()]
MARK_CHARS = set("\"'“”„‟«»‹›‘’‚「」『』＂`")
ZERO_WIDTH = "\u200b\ufeff"


def check(text: str, quotes: list[Quote]) -> None:
    """The invariants every result must hold."""
    last_end = -1
    for q in quotes:
        assert 0 <= q.start < q.end <= len(text)
        assert text[q.start : q.end] == q.text
        assert q.start >= last_end, "quotations overlap or are out of order"
        last_end = q.end
        assert q.text == q.text.strip() or q.kind == "turn"
        assert 0.0 <= q.confidence <= 1.0
        if q.speaker_start is not None:
            assert 0 <= q.speaker_start < q.speaker_end <= len(text)
        if q.cue_start is not None:
            assert 0 <= q.cue_start <= q.cue_end <= len(text)
        assert any(ch.isalnum() for ch in q.text), "marks or punctuation only"
        if q.kind != "turn":
            # Offsets exclude the marks: a quotation mark stands right before the words
            # (spaces aside), and after them one, a comma or the end of the paragraph.
            before = text[: q.start].rstrip().rstrip(ZERO_WIDTH).rstrip()[-1:]
            rest = text[q.end :]
            k = 0
            while (
                k < len(rest)
                and rest[k] != "\n"
                and (rest[k].isspace() or rest[k] in ZERO_WIDTH + ",")
            ):
                k += 1
            after = rest[k : k + 1]
            assert before in MARK_CHARS, (before, q)
            assert after in MARK_CHARS or after in ("", "\n"), (after, q)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(), st.sampled_from(LANGS))
def test_any_unicode_never_raises_and_spans_are_valid(text: str, lang: str | None) -> None:
    check(text, extract_quotes(text, lang=lang, published="2024-03-20"))


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.sampled_from(PIECES) | st.text(max_size=8), max_size=60).map("".join),
    st.sampled_from(LANGS),
    st.sampled_from([None, "Ilham Aliyev"]),
)
def test_quote_shaped_text_never_raises_and_spans_are_valid(
    text: str, lang: str | None, default: str | None
) -> None:
    check(text, extract_quotes(text, lang=lang, default_speaker=default))


def test_five_megabytes_with_thousands_of_marks_gives_sane_results() -> None:
    """A 5 MB paragraph-less document of quotations and stray marks is parsed whole.

    (Timing belongs to bench/attribution.py; here the results must be right: one
    quotation per well-formed sentence, each with its speaker, none swallowed by
    the unbalanced marks in between.)
    """
    unit = (
        "“We will not retreat,” said Defence Minister Orhan Demirel on Monday. "
        "A stray mark ” here and an “ unclosed one there, and O'Neill's '90s. "
    )
    repeats = 5_000_000 // len(unit) + 1
    text = unit * repeats
    quotes = extract_quotes(text, lang="en", published="2024-03-20")
    check(text, quotes)
    retreat = [q for q in quotes if q.text == "We will not retreat"]
    assert len(retreat) >= repeats * 0.9
    assert {q.speaker for q in retreat} == {"Orhan Demirel"}
    assert max(q.end - q.start for q in quotes) < 2_500  # nothing swallowed the rest


def test_empty_and_markless_texts_give_nothing() -> None:
    assert extract_quotes("") == []
    assert extract_quotes("No quotation marks at all in this sentence.") == []
    assert extract_quotes("\n\n \t") == []
