"""Articles linked to quotations: reports and covers with reasons a person can read."""

from __future__ import annotations

import pytest

from store.queries import get_quotation

SOREL = "Vardenia supports every effort to bring a lasting peace to the Tellin valley."
STATEMENT = (
    "President Viktor Sorel received the Kasprian delegation in Morav to discuss the reopening "
    "of the Tellin corridor, the return of displaced families and the exchange of prisoners. "
    f"“{SOREL}”"
)


@pytest.fixture
def sorel_statement(newsroom):
    newsroom.speaker("Viktor Sorel", "President Sorel")
    newsroom.speaker("Tomas Reyl")
    return newsroom.post(
        "president",
        "2024-03-04 09:00",
        STATEMENT,
        [(SOREL, "Viktor Sorel")],
        title="President Sorel receives the Kasprian delegation on the Tellin corridor",
    )


def _background(newsroom) -> None:
    """Articles that no quotation of this test should be linked to."""
    newsroom.post(
        "wire",
        "2024-03-05 21:00",
        "Morav United beat Tellin City 2-1 on Tuesday to reach the semi-finals of the Lakes "
        "Cup. Striker Daniel Kosa scored twice in the second half.",
    )
    newsroom.post(
        "herald",
        "2024-03-06 07:00",
        "The weather service issued a storm warning for the north of the country. Winds of up "
        "to 110 kilometres an hour are expected along the coast; ferries have been cancelled.",
    )


def test_an_article_carrying_most_words_reports_the_quotation(
    newsroom, link, store, sorel_statement
) -> None:
    _background(newsroom)
    article = newsroom.post(
        "wire",
        "2024-03-06 10:00",
        "MORAV (Wire) — Speaking after the talks, Sorel said Vardenia supported every effort "
        "to bring a lasting peace to the Tellin valley. Aid groups welcomed the tone.",
        title="Sorel backs peace effort",
    )

    link()

    quotation = newsroom.quotation_of(sorel_statement)
    links = newsroom.links()
    assert set(links) == {(quotation, article.document_id)}
    kind, score, reason = links[(quotation, article.document_id)]
    assert kind == "reports"
    assert reason == ("contains all 13 words of the quotation; names Sorel; 2 days later")
    assert score == 1.0
    with store.session() as session:
        detail = get_quotation(session, quotation)
    assert [(item.kind, item.url) for item in detail.links] == [
        ("reports", f"https://wire.example/{newsroom.count}")
    ]


def test_an_article_the_parser_found_the_quotation_in_reports_it(
    newsroom, link, sorel_statement
) -> None:
    fragment = "every effort to bring a lasting peace"
    article = newsroom.post(
        "herald",
        "2024-03-04 18:00",
        f"President Sorel promised “{fragment}” to the valley.",
        [(fragment, "Viktor Sorel")],
    )

    link()

    kind, _, reason = newsroom.links()[
        (newsroom.quotation_of(sorel_statement), article.document_id)
    ]
    assert kind == "reports"
    assert reason == "quotes 7 words of it (7 of the quotation's 13); same day"


def test_an_article_about_the_matter_that_names_the_speaker_covers_it(
    newsroom, link, sorel_statement
) -> None:
    _background(newsroom)
    article = newsroom.post(
        "herald",
        "2024-03-06 08:00",
        "Displaced families may soon return to the Tellin valley. President Sorel told the "
        "Kasprian delegation that Vardenia would back any effort towards a durable peace in "
        "the valley, and the corridor could reopen in spring.",
        title="Tellin valley families hope to return",
    )
    unrelated_sorel = newsroom.post(
        "wire",
        "2024-03-05 17:00",
        "President Viktor Sorel opened a new children's wing at the Dravik regional hospital "
        "on Tuesday. The wing has forty beds and two operating theatres.",
        title="President opens hospital wing",
    )

    link()

    links = newsroom.links()
    quotation = newsroom.quotation_of(sorel_statement)
    kind, score, reason = links[(quotation, article.document_id)]
    assert kind == "covers"
    assert reason.startswith("mentions Viktor Sorel; similar topic (")
    assert "valley" in reason and "peace" in reason
    assert reason.endswith("; 2 days later")
    assert 0 < score < 1
    assert (quotation, unrelated_sorel.document_id) not in links  # same speaker, other matter


def test_no_link_without_the_speaker_outside_the_window_or_to_statements(
    newsroom, link, sorel_statement
) -> None:
    same_topic_other_speaker = newsroom.post(
        "wire",
        "2024-03-05 12:00",
        "Kasprian Prime Minister Tomas Reyl said peace in the Tellin valley was within reach "
        "and that the corridor would reopen for displaced families.",
    )
    weeks_later = newsroom.post(
        "herald",
        "2024-03-25 08:00",
        "Preparations for the reopening of the Tellin corridor are on track. President Sorel "
        "is expected to attend the ceremony; displaced families hope for a lasting peace.",
    )
    other_statement = newsroom.post(
        "ministry",
        "2024-03-05 09:00",
        "The ministry welcomes the talks. Vardenia supports every effort to bring a lasting "
        "peace to the Tellin valley, President Sorel said.",
    )

    link()

    linked = {document for _, document in newsroom.links()}
    assert same_topic_other_speaker.document_id not in linked
    assert weeks_later.document_id not in linked
    assert other_statement.document_id not in linked  # official sources are not "articles"


def test_a_report_of_another_claim_in_the_same_frame_is_not_a_report(newsroom, link) -> None:
    village = "We will rebuild every village in the flooded districts before winter."
    school = "We will rebuild every school in the flooded districts before winter."
    first = newsroom.post(
        "president", "2024-04-10 10:00", f"“{village}”", [(village, "Viktor Sorel")]
    )
    newsroom.post("president", "2024-04-20 10:00", f"“{school}”", [(school, "Viktor Sorel")])
    article = newsroom.post(
        "wire",
        "2024-04-20 14:00",
        f"Pupils study in tents. President Viktor Sorel told their teachers: {school}",
    )

    link()

    assert (newsroom.quotation_of(first), article.document_id) not in newsroom.links()
