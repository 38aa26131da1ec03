"""Near-duplicate grouping: one quotation however it is quoted, never two speakers' words."""

from __future__ import annotations

import pytest

from store.queries import get_quotation

FULL = (
    "Vardenia supports every effort to bring a lasting peace to the Tellin valley, "
    "and we will not rest until every displaced family has returned home."
)
STATEMENT = f"President Viktor Sorel said: “{FULL}”"


def test_a_partial_quotation_joins_the_full_sentence(newsroom, link, store) -> None:
    statement = newsroom.post("president", "2024-03-04 09:00", STATEMENT, [(FULL, "Viktor Sorel")])
    fragment = "supports every effort to bring a lasting peace"
    report = newsroom.post(
        "wire",
        "2024-03-04 15:00",
        f"Sorel said his country “{fragment}” in the valley.",
        [(fragment, "Viktor Sorel")],
    )
    assert newsroom.quotation_of(report) != newsroom.quotation_of(statement)

    result = link()

    assert result.quotations_merged == 1
    survivor = newsroom.quotation_of(statement)
    assert newsroom.quotation_of(report) == survivor
    with store.session() as session:
        detail = get_quotation(session, survivor)
    assert detail.text == FULL  # the speaker's full wording, not the fragment
    assert [o.text for o in detail.occurrences] == [FULL, fragment]  # said first, then repeated


def test_small_edits_and_truncations_join(newsroom, link) -> None:
    words = "We will rebuild every village in the flooded districts before winter."
    statement = newsroom.post(
        "president", "2024-04-10 10:00", f"“{words}”", [(words, "Viktor Sorel")]
    )
    edited = "We will rebuild every single village in the flooded districts before winter."
    truncated = "We will rebuild every village in the flooded districts…"
    typo = "We will rebiuld every village in the flooded districts before winter."
    reports = [
        newsroom.post("wire", "2024-04-10 12:00", f"Sorel: “{q}”", [(q, "Viktor Sorel")])
        for q in (edited, truncated, typo)
    ]

    link()

    survivor = newsroom.quotation_of(statement)
    assert [newsroom.quotation_of(r) for r in reports] == [survivor] * 3
    assert len(newsroom.quotations()) == 1


def test_different_claims_of_one_speaker_stay_apart(newsroom, link) -> None:
    pairs = [
        (
            "We will rebuild every village before winter.",
            "We will rebuild every school before winter.",
        ),
        (
            "Inflation will fall to 5 percent this year.",
            "Inflation will fall to 7 percent this year.",
        ),
        ("Kaspria will sign the treaty this year.", "Kaspria will not sign the treaty this year."),
        (
            "We keep supporting Vardenia in its rebuilding.",
            "We keep supporting Morania in its rebuilding.",
        ),
    ]
    for n, (first, second) in enumerate(pairs):
        newsroom.post("ministry", f"2024-05-0{n + 1} 09:00", f"“{first}”", [(first, "Tomas Reyl")])
        newsroom.post(
            "ministry", f"2024-05-0{n + 1} 18:00", f"“{second}”", [(second, "Tomas Reyl")]
        )

    result = link()

    assert result.quotations_merged == 0
    assert len(newsroom.quotations()) == 8


def test_two_speakers_words_are_never_merged(newsroom, link) -> None:
    words = "Water should unite our peoples, not divide them."
    near = "Water should unite our peoples and not divide them."
    marsh = newsroom.post("ministry", "2024-08-05 09:00", f"“{words}”", [(words, "Helena Marsh")])
    reyl = newsroom.post("ministry", "2024-08-05 10:00", f"“{near}”", [(near, "Tomas Reyl")])
    same = newsroom.post("wire", "2024-08-05 11:00", f"“{words}”", [(words, "Tomas Reyl")])

    link()

    assert newsroom.quotation_of(marsh) != newsroom.quotation_of(reyl)
    assert newsroom.quotation_of(reyl) == newsroom.quotation_of(same)  # Reyl's own variant
    speakers = {speaker for _, _, speaker in newsroom.quotations()}
    assert len(speakers) == 2


def test_an_unattributed_report_joins_the_only_speaker_who_said_it(newsroom, link) -> None:
    words = (
        "Kaspria will guarantee the safety of every convoy that uses the corridor, day and night."
    )
    statement = newsroom.post("ministry", "2024-03-05 10:00", f"“{words}”", [(words, "Tomas Reyl")])
    reported = "Kaspria will guarantee the safety of every convoy using the corridor"
    anonymous = newsroom.post(
        "wire", "2024-03-08 09:00", f"“{reported},” officials said.", [(reported, None)]
    )

    link()

    assert newsroom.quotation_of(anonymous) == newsroom.quotation_of(statement)


def test_unattributed_words_years_later_are_not_given_a_speaker(newsroom, link) -> None:
    words = "Kaspria will guarantee the safety of every convoy that uses the corridor."
    statement = newsroom.post("ministry", "2024-03-05 10:00", f"“{words}”", [(words, "Tomas Reyl")])
    reported = "Kaspria will guarantee the safety of every convoy using the corridor"
    anonymous = newsroom.post(
        "wire", "2026-06-01 09:00", f"“{reported}” an official said.", [(reported, None)]
    )

    link()

    assert newsroom.quotation_of(anonymous) != newsroom.quotation_of(statement)


def test_an_unattributed_report_matching_two_speakers_stays_on_its_own(newsroom, link) -> None:
    words = "The corridor will reopen to civilian traffic on the first of April."
    sorel = newsroom.post("president", "2024-03-04 09:00", f"“{words}”", [(words, "Viktor Sorel")])
    reyl = newsroom.post("ministry", "2024-03-04 10:00", f"“{words}”", [(words, "Tomas Reyl")])
    reported = "the corridor will reopen to civilian traffic on the first of April"
    anonymous = newsroom.post(
        "wire", "2024-03-05 09:00", f"Officials said “{reported}”.", [(reported, None)]
    )

    link()

    assert newsroom.quotation_of(anonymous) not in {
        newsroom.quotation_of(sorel),
        newsroom.quotation_of(reyl),
    }


def test_a_shorter_quotation_said_earlier_is_a_statement_of_its_own(newsroom, link) -> None:
    short = "The corridor will reopen under international monitoring."
    long_ = (
        "After long talks with our neighbours, the corridor will reopen under international "
        "monitoring, and both armies will pull back."
    )
    first = newsroom.post("president", "2023-05-02 09:00", f"“{short}”", [(short, "Viktor Sorel")])
    later = newsroom.post("president", "2024-03-04 09:00", f"“{long_}”", [(long_, "Viktor Sorel")])

    link()

    assert newsroom.quotation_of(first) != newsroom.quotation_of(later)


def test_first_said_is_the_earliest_and_an_official_source_wins_a_tie(
    newsroom, link, store
) -> None:
    words = "Our defence spending will reach two percent of national income next year."
    variant = "Our defense spending will reach two percent of national income next year."
    report = newsroom.post(
        "wire", "2024-02-20 10:00", f"Oran: “{variant}”", [(variant, "Lidia Oran")]
    )
    statement = newsroom.post(
        "ministry", "2024-02-20 10:00", f"Minister Oran: “{words}”", [(words, "Lidia Oran")]
    )
    leak = newsroom.post("herald", "2024-02-19 22:00", f"“{variant}”", [(variant, "Lidia Oran")])

    link()

    survivor = newsroom.quotation_of(statement)
    assert newsroom.quotation_of(report) == newsroom.quotation_of(leak) == survivor
    with store.session() as session:
        detail = get_quotation(session, survivor)
    assert detail.text == words  # the official wording
    assert detail.said_at == "2024-02-19T22:00:00+00:00"  # first said: the earliest occurrence
    assert [o.source for o in detail.occurrences] == ["herald", "ministry", "wire"]


def test_articles_of_a_merged_quotation_are_linked_to_the_survivor(newsroom, link) -> None:
    fragment = "will not send soldiers to unload ships at the port"
    report = newsroom.post(
        "wire",
        "2024-05-15 07:00",
        f"Transport Minister Karel Dusek said the government “{fragment}” of Selm.",
        [(fragment, "Karel Dusek")],
    )
    link()
    before = newsroom.links()
    assert (newsroom.quotation_of(report), report.document_id) in before

    # The ministry's statement of the day before is crawled only now.
    words = "The government will not send soldiers to unload ships at the port of Selm."
    statement = newsroom.post(
        "ministry", "2024-05-14 16:00", f"“{words}”", [(words, "Karel Dusek")]
    )
    link()

    survivor = newsroom.quotation_of(statement)
    assert newsroom.quotation_of(report) == survivor
    kind, score, reason = newsroom.links()[(survivor, report.document_id)]
    assert (kind, reason) == (
        "reports",
        "quotes 10 words of it (10 of the quotation's 14); 1 day later",
    )
    assert score == pytest.approx(10 / 14, abs=1e-3)
    assert len(newsroom.quotations()) == 1 and len(newsroom.links()) == 1


def test_the_id_of_a_merged_quotation_still_leads_to_its_words(newsroom, link, store) -> None:
    newsroom.post("president", "2024-03-04 09:00", STATEMENT, [(FULL, "Viktor Sorel")])
    fragment = "supports every effort to bring a lasting peace"
    report = newsroom.post(
        "wire", "2024-03-04 15:00", f"Sorel said it “{fragment}”.", [(fragment, "Viktor Sorel")]
    )
    bookmarked = newsroom.quotation_of(report)  # a fact-checker noted this id before linking
    link()
    with store.session() as session:
        detail = get_quotation(session, bookmarked)
    assert detail.id != bookmarked and detail.merged_from == bookmarked
    assert detail.text == FULL
