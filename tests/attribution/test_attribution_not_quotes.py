"""Not quotations: scare quotes, titles, terms, nicknames, markup and stage directions.

Each text also holds one real quotation, which must survive the filters.
"""

from __future__ import annotations

import pytest
from parsed import quotes_of

REAL = " “We will not retreat,” Defence Minister Orhan Demirel said."


@pytest.mark.parametrize(
    "text",
    [
        # Scare quotes and terms.
        "The so-called “reform package” passed on Tuesday.",
        'Officials proposed a "peace corridor" along the border.',
        "The area, a “grey zone” between two navies, has seen incidents.",
        "The notorious ''carried interest'' loophole survived again.",
        # Titles of books, films, shows, reports.
        "Her memoir, “The Long Road Home,” was published last year.",
        "He appeared on “Meet the Press” before flying to Ankara.",
        "The minister told CNN's “State of the Union” that talks would resume.",
        'The city\'s housing report, "Homes for the Next Decade," estimates a shortage.',
        "Tickets for the film “A Quiet Border” sold out within hours.",
        # A nickname inside a name.
        'Rep. Robert C. "Bobby" Scott hosted the cookout.',
        # Names given to things and people; words mentioned; titles set off by commas.
        'The closures are part of a cost program the company calls "Project Keystone."',
        "Drevnia refers to the contested territory as the “Southern Provinces”.",
        "Brannigan, known up and down the street as “Tillie Tock,” grew up nearby.",
        'The phrase "murder capital" has no statistical meaning.',
        "Our report, “Four libraries to shut as council seeks savings,” drew 600 comments.",
        "The houses stand empty, according to the council's own ‘Harbour Resilience Plan 2025’.",
        "The storm breached the wall at a spot locals have long called ‘the Gap’.",
        # A web address named as a source; a term glossed in parentheses.
        "The director commented on the decision, according to “news.example.org”.",
        "Zebroids are crosses (“hybrids”) of zebras and horses.",
        "The construction union (short: “CU Build”) fears the takeover.",
        # Markup and stage directions.
        '<tweet author="carlquintanilla" id="778257943577919488">The blue arrow</tweet>',
        '"(CROSSTALK.)"',
    ],
)
def test_not_a_quotation(text: str) -> None:
    found = quotes_of(text + REAL)
    assert list(found) == ["We will not retreat"], found


@pytest.mark.parametrize(
    ("text", "words"),
    [
        # Short, but said by someone: partial quotations stay.
        ("Councillor Brendan Walsh called the plan “reckless.”", "reckless."),
        ("Trump tweeted that Machado was “disgusting” and left.", "disgusting"),
        # A capitalised slogan with a cue is a quotation, not a title.
        (
            'President Ilham Aliyev repeated the slogan "Karabakh is Azerbaijan" in Khankendi.',
            "Karabakh is Azerbaijan",
        ),
        (
            "Protesters chanted “Karabakh is Azerbaijan!” outside the embassy.",
            "Karabakh is Azerbaijan!",
        ),
    ],
)
def test_still_a_quotation(text: str, words: str) -> None:
    assert words in quotes_of(text)


def test_german_names_of_things_in_quotation_marks_are_not_quotations() -> None:
    text = (
        "Die Mission „Antica Babilonia“ endete im Dezember. Die Partei „Neue Mitte“ verlor "
        "zwei Sitze. „Wir bleiben“, sagte Parteichefin Eva Roth."
    )
    assert {q.text: q.speaker for q in quotes_of(text, lang="de").values()} == {
        "Wir bleiben": "Eva Roth"
    }
