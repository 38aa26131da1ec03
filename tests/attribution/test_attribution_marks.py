"""Quotation marks of every style, nesting, apostrophes, broken and multi-paragraph quotes."""

from __future__ import annotations

import pytest
from parsed import quotes_of

from crawler.attribution import extract_quotes


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ('The minister said: "We will rebuild every village."', "We will rebuild every village."),
        ("The minister said: “We will rebuild every village.”", "We will rebuild every village."),
        (
            "Der Minister sagte: „Wir bauen jedes Dorf wieder auf.“",
            "Wir bauen jedes Dorf wieder auf.",
        ),
        (
            "Le ministre a déclaré : « Nous reconstruirons chaque village. »",
            "Nous reconstruirons chaque village.",
        ),
        ("Министр заявил: «Мы восстановим каждую деревню».", "Мы восстановим каждую деревню"),
        (
            "Der Minister sagte: »Wir bauen jedes Dorf wieder auf.«",
            "Wir bauen jedes Dorf wieder auf.",
        ),
        ("Der Minister sagte: ‚Wir bauen es wieder auf.‘", "Wir bauen es wieder auf."),
        (
            "大臣は「私たちはすべての村と学校を再建する」と述べた。",
            "私たちはすべての村と学校を再建する",
        ),
        ("''We will rebuild every village,'' the minister said.", "We will rebuild every village"),
    ],
)
def test_every_mark_style_gives_the_words_without_the_marks(text: str, words: str) -> None:
    quotes = extract_quotes(text)
    assert [q.text for q in quotes] == [words]
    q = quotes[0]
    assert text[q.start : q.end] == words


def test_single_quotes_in_a_headline_are_a_quotation() -> None:
    text = "Minister Sorel: 'We will not be blackmailed'\n\nViktor Sorel spoke in parliament."
    assert list(quotes_of(text)) == ["We will not be blackmailed"]


def test_a_nested_quotation_stays_inside_the_outer_one() -> None:
    text = (
        "“When my father came here, he told me, ‘Never trust a promise about housing,’ "
        "and I intend to prove him wrong,” Mayor Siobhan O'Neill said."
    )
    quotes = quotes_of(text)
    assert len(quotes) == 1
    (q,) = quotes.values()
    assert q.text.startswith("When my father") and q.text.endswith("prove him wrong")
    assert q.speaker == "Siobhan O'Neill"


def test_apostrophes_never_open_a_quotation() -> None:
    text = (
        "Mayor O'Neill said it's the city's best chance since the '90s, and the Clintons' "
        "old friends agreed. Rock 'n' roll was not mentioned."
    )
    assert quotes_of(text) == {}


def test_an_unclosed_mark_costs_its_paragraph_and_nothing_more() -> None:
    text = (
        "A flyer at the meeting read “Save our yards and the printer jammed there.\n\n"
        "“We will start in the spring,” Mayor Siobhan O'Neill said.\n\n"
        "Councillor Brendan Walsh called the plan “reckless.”"
    )
    quotes = quotes_of(text)
    assert quotes["We will start in the spring"].speaker == "Siobhan O'Neill"
    assert quotes["reckless."].speaker == "Brendan Walsh"
    unclosed = [q for q in quotes.values() if q.text.startswith("Save our yards")]
    assert len(unclosed) == 1 and "\n" not in unclosed[0].text


def test_a_stray_closing_mark_is_ignored() -> None:
    text = "The pipes are 6” wide. “It works,” the engineer, Ana Ruiz, said."
    assert quotes_of(text)["It works"].speaker == "Ana Ruiz"


def test_a_quotation_over_several_paragraphs_is_one_quotation_per_paragraph() -> None:
    text = (
        "Mayor Siobhan O'Neill told the council:\n\n"
        "“We have waited long enough. Every year we delay, rents go up.\n\n"
        "“So we will start in the spring, with or without your blessing.”\n\n"
        "The council adjourned."
    )
    quotes = extract_quotes(text)
    assert [q.text for q in quotes] == [
        "We have waited long enough. Every year we delay, rents go up.",
        "So we will start in the spring, with or without your blessing.",
    ]
    assert {q.speaker for q in quotes} == {"Siobhan O'Neill"}
    assert quotes[1].cue_type == "continued"


def test_russian_dash_speech() -> None:
    text = "«Мы не отступим ни на шаг», — сказал министр иностранных дел Игорь Волков."
    quote = quotes_of(text, lang="ru")["Мы не отступим ни на шаг"]
    assert quote.speaker == "Игорь Волков"
    assert quote.cue == "сказал"
