"""When it was said: the document's time, or a date next to the cue, with its precision."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from parsed import quotes_of

from crawler.attribution import extract_quotes

PUBLISHED = "2024-03-20"  # a Wednesday


@pytest.mark.parametrize(
    ("cue", "said_at", "precision"),
    [
        ("said on Monday", "2024-03-18", "day"),
        ("said Monday", "2024-03-18", "day"),
        ("told reporters yesterday", "2024-03-19", "day"),
        ("said today", "2024-03-20", "day"),
        ("said last Wednesday", "2024-03-13", "day"),
        ("said last week", "2024-03-11", "week"),
        ("said earlier this month", "2024-03-01", "month"),
        ("said last year", "2023-01-01", "year"),
        ("said on March 3", "2024-03-03", "day"),
        ("said on 3 March", "2024-03-03", "day"),
        ("said on December 30", "2023-12-30", "day"),
    ],
)
def test_a_date_next_to_the_cue_is_resolved_against_the_document(
    cue: str, said_at: str, precision: str
) -> None:
    text = f"“We will not retreat,” Defence Minister Orhan Demirel {cue}."
    quote = quotes_of(text, published=PUBLISHED)["We will not retreat"]
    assert (quote.said_at, quote.said_precision, quote.said_from) == (said_at, precision, "text")


def test_a_date_before_the_quotation_governs_its_cue() -> None:
    text = "Defence Minister Orhan Demirel said on Monday: “We will not retreat.”"
    quote = quotes_of(text, published=PUBLISHED)["We will not retreat."]
    assert (quote.said_at, quote.said_precision) == ("2024-03-18", "day")


def test_a_date_inside_the_quotation_is_not_when_it_was_said() -> None:
    text = "“We will finish by Monday,” Defence Minister Orhan Demirel said."
    quote = quotes_of(text, published=PUBLISHED)["We will finish by Monday"]
    assert (quote.said_at, quote.said_from) == ("2024-03-20", "document")


def test_without_a_date_it_was_said_by_the_time_of_the_document() -> None:
    text = "“We will not retreat,” Defence Minister Orhan Demirel said."
    by_date = quotes_of(text, published=date(2024, 3, 20))["We will not retreat"]
    assert (by_date.said_at, by_date.said_precision, by_date.said_from) == (
        "2024-03-20",
        "day",
        "document",
    )
    moment = datetime(2024, 3, 20, 9, 30, tzinfo=UTC)
    by_time = quotes_of(text, published=moment)["We will not retreat"]
    assert (by_time.said_at, by_time.said_precision) == ("2024-03-20T09:30:00+00:00", "time")
    unknown = quotes_of(text)["We will not retreat"]
    assert (unknown.said_at, unknown.said_precision) == (None, None)


@pytest.mark.parametrize(
    ("lang", "text", "said_at"),
    [
        ("de", "„Wir bleiben“, sagte Parteichefin Eva Roth am Montag.", "2024-03-18"),
        ("fr", "« Nous restons », a déclaré lundi la ministre Claire Vidal.", "2024-03-18"),
        ("es", "«Nos quedamos», dijo ayer la ministra Lucía Ortega.", "2024-03-19"),
        ("ru", "«Мы остаёмся», — заявил вчера министр Игорь Волков.", "2024-03-19"),
        ("tr", "Bakan Ayşe Korkmaz dün “Kalıyoruz” dedi.", "2024-03-19"),
    ],
)
def test_date_words_of_other_languages(lang: str, text: str, said_at: str) -> None:
    (quote,) = extract_quotes(text, lang=lang, published=PUBLISHED)
    assert quote.said_at == said_at


def test_a_malformed_document_date_is_an_error_not_a_guess() -> None:
    with pytest.raises(ValueError, match="published"):
        extract_quotes("“Yes,” she said.", published="20 March")
