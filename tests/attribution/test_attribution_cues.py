"""Cues: every way news and press releases tie a quotation to its speaker."""

from __future__ import annotations

import pytest
from parsed import quotes_of, speakers_of

PIPELINE = "Turkish President Selim Tarkan opened the pipeline on Monday.\n\n"


@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        # A reporting verb after the quotation, in both orders.
        ("“It is a historic day,” said Selim Tarkan.", "It is a historic day", "Selim Tarkan"),
        ("“It is a historic day,” Tarkan said.", "It is a historic day", "Selim Tarkan"),
        ("“Is this a historic day?” Tarkan asked.", "Is this a historic day?", "Selim Tarkan"),
        # Inverted, with an apposition: "said X, the minister".
        (
            "“We are ready,” said Orhan Demirel, the energy minister, at the ceremony.",
            "We are ready",
            "Orhan Demirel",
        ),
        # A reporting verb before, with a colon or a comma.
        ("Tarkan told reporters: “It is a historic day.”", "It is a historic day.", "Selim Tarkan"),
        ("Tarkan said, “It is a historic day.”", "It is a historic day.", "Selim Tarkan"),
        # A partial quotation inside the reporter's sentence.
        (
            "Foreign Minister Nikos Varelas called the drills “a needless provocation” and "
            "summoned the ambassador.",
            "a needless provocation",
            "Nikos Varelas",
        ),
        # "according to", before and after.
        (
            "According to Defence Minister Elena Kostaki, the drills were “planned months ago.”",
            "planned months ago.",
            "Elena Kostaki",
        ),
        (
            "The drills were “planned months ago,” according to Defence Minister Elena Kostaki.",
            "planned months ago",
            "Elena Kostaki",
        ),
        # Statements and posts.
        (
            "The Ministry of National Defence said in a statement that “no vessel entered "
            "foreign waters.”",
            "no vessel entered foreign waters.",
            "Ministry of National Defence",
        ),
        (
            "Kostaki later wrote on X: “Our navy trains in international waters.”",
            "Our navy trains in international waters.",
            "Kostaki",
        ),
        (
            "Opposition leader Petros Lambrou posted a photo with one line: “Where is the "
            "government?”",
            "Where is the government?",
            "Petros Lambrou",
        ),
        # Long appositions between speaker and verb.
        (
            "“It is fiscally responsible,” Leonard Burman, director of the Tax Policy Center "
            "and a professor at Syracuse University, said of the plan.",
            "It is fiscally responsible",
            "Leonard Burman",
        ),
        (
            "“It is an invasion of our domain,” Scott Pruitt, the attorney general of "
            "Oklahoma, one of the states suing the agency, said at an event.",
            "It is an invasion of our domain",
            "Scott Pruitt",
        ),
        # A party label in parentheses does not end the sentence.
        (
            "“Mitt Romney was prepared,” Sen. Claire McCaskill (D-Mo.) said.",
            "Mitt Romney was prepared",
            "Claire McCaskill",
        ),
    ],
)
def test_reporting_cues(text: str, words: str, speaker: str) -> None:
    found = speakers_of(PIPELINE + text)
    assert found[words] == speaker


def test_a_split_quotation_keeps_its_speaker_on_both_sides() -> None:
    text = (
        "“The budget is balanced,” said Rachel Moore, the finance minister, “and it will "
        "stay balanced as long as I hold this office.”"
    )
    assert speakers_of(text) == {
        "The budget is balanced": "Rachel Moore",
        "and it will stay balanced as long as I hold this office.": "Rachel Moore",
    }


def test_a_second_quotation_after_the_cue_sentence_has_the_same_speaker() -> None:
    text = "“It will be first-order business,” Mr. Podesta said. “We start in January.”"
    quotes = quotes_of(text)
    assert quotes["We start in January."].speaker == "Podesta"
    assert quotes["We start in January."].cue_type == "same-paragraph"


def test_a_paragraph_ending_with_a_colon_introduces_the_next_one() -> None:
    text = 'Pollster Pat Caddell continued:\n\n"The health issue is a partisan issue."'
    assert speakers_of(text) == {"The health issue is a partisan issue.": "Pat Caddell"}


def test_a_speaker_named_in_the_next_sentence() -> None:
    text = (
        "Foreign Minister Nikos Varelas met his counterpart in Geneva.\n\n"
        "“We remain ready for dialogue at any level.” That was how Varelas put it at a "
        "briefing on Wednesday."
    )
    assert speakers_of(text)["We remain ready for dialogue at any level."] == "Nikos Varelas"


@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        # Headline forms: '…': X marks …; X: "…"; '…', says X; a name opening the title.
        (
            "'Karabakh is Azerbaijan': Aliyev marks anniversary\n\nPresident Ilham Aliyev "
            "spoke in Khankendi.",
            "Karabakh is Azerbaijan",
            "Ilham Aliyev",
        ),
        (
            'Minister Sorel: "We will not be blackmailed"\n\nViktor Sorel spoke on Monday.',
            "We will not be blackmailed",
            "Viktor Sorel",
        ),
        (
            "'Borders are not for sale', says deputy minister Dana Marek\n\nDana Marek spoke.",
            "Borders are not for sale",
            "Dana Marek",
        ),
        (
            "Obama Sees 'Personal Insult' in Low Turnout\n\nPresident Barack Obama spoke on "
            "Saturday.",
            "Personal Insult",
            "Barack Obama",
        ),
    ],
)
def test_headline_forms(text: str, words: str, speaker: str) -> None:
    quote = quotes_of(text)[words]
    assert quote.speaker == speaker
    assert quote.kind == "headline"


@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        (
            '"Europe is leading by example." —Commissioner Kadri Saar',
            "Europe is leading by example.",
            "Kadri Saar",
        ),
        (
            'And from Deputy Minister Anna Lindqvist: "Sweden stands ready to help."',
            "Sweden stands ready to help.",
            "Anna Lindqvist",
        ),
        (
            'Statement of Commissioner Jonas Petraitis: "Cleaner air is a matter of health."',
            "Cleaner air is a matter of health.",
            "Jonas Petraitis",
        ),
    ],
)
def test_press_release_layouts(text: str, words: str, speaker: str) -> None:
    release = "Commission welcomes agreement on methane rules\n\nBrussels, 12 April 2024\n\n"
    assert speakers_of(release + text)[words] == speaker


def test_transcript_turns_are_quotations_of_their_speakers() -> None:
    text = (
        "Press conference (excerpts)\n\n"
        "Foreign Minister Viktor Sorel and his deputy Dana Marek answered questions.\n\n"
        "V.Sorel: Good afternoon. We have had a long and useful meeting.\n\n"
        "Question: Will the corridor reopen this month?\n\n"
        "V.Sorel: We hope so. The technical teams are already at work.\n\n"
        "The inspections will continue.\n\n"
        "D.Marek: I would only add that the insurance problem is being solved.\n"
    )
    quotes = quotes_of(text)
    assert {q.kind for q in quotes.values()} == {"turn"}
    assert speakers_of(text) == {
        "Good afternoon. We have had a long and useful meeting.": "Viktor Sorel",
        "Will the corridor reopen this month?": None,
        "We hope so. The technical teams are already at work.": "Viktor Sorel",
        "The inspections will continue.": "Viktor Sorel",
        "I would only add that the insurance problem is being solved.": "Dana Marek",
    }


def test_one_labelled_line_is_not_a_transcript() -> None:
    text = "Update: the minister said the talks were “going well” and left."
    quotes = quotes_of(text)
    assert [q.kind for q in quotes.values()] == ["partial"]


def test_the_cue_and_the_speaker_mention_are_located_in_the_text() -> None:
    text = "“We are ready,” Energy Minister Orhan Demirel told reporters in Ankara."
    quote = quotes_of(text)["We are ready"]
    assert text[quote.cue_start : quote.cue_end] == quote.cue == "told"
    assert text[quote.speaker_start : quote.speaker_end] == "Orhan Demirel"
