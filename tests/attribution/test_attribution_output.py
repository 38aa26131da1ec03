"""The Quote a caller gets: normalised words, kinds, confidence, JSON shape."""

from __future__ import annotations

import json

from parsed import quotes_of

from crawler.attribution import Quote, extract_quotes
from store.text import normalize_words


def test_normalised_words_are_the_ones_search_uses() -> None:
    text = "President Ilham Aliyev said: “Karabakh is Azerbaijan!”"
    quote = quotes_of(text)["Karabakh is Azerbaijan!"]
    assert quote.normalized == normalize_words(quote.text) == "karabakh is azerbaijan"
    elsewhere = quotes_of("Protesters chanted 'KARABAKH IS AZERBAIJAN' outside Erdoğan's office.")
    assert {q.normalized for q in elsewhere.values()} == {quote.normalized}
    accented = quotes_of("« Le Karabagh, c'est l'Azerbaïdjan », a déclaré M. Aliyev.", lang="fr")
    assert [q.normalized for q in accented.values()] == ["le karabagh cest lazerbaidjan"]


def test_kinds_say_what_a_reader_would() -> None:
    text = (
        "Sorel: 'Borders are not for sale'\n\n"
        "Foreign Minister Viktor Sorel called the offer “an ultimatum.”\n\n"
        "“We will not sign it,” Sorel said."
    )
    kinds = {q.text: q.kind for q in extract_quotes(text, lang="en")}
    assert kinds == {
        "Borders are not for sale": "headline",
        "an ultimatum.": "partial",
        "We will not sign it": "full",
    }


def test_a_direct_cue_is_more_confident_than_a_guess_from_the_layout() -> None:
    text = (
        "“We will not retreat,” Defence Minister Orhan Demirel said.\n\n"
        "Analysts were divided.\n\n"
        "“The navy is ready.”"
    )
    quotes = quotes_of(text)
    cued, guessed = quotes["We will not retreat"], quotes["The navy is ready."]
    assert guessed.cue_type == "previous"
    assert 0 <= guessed.confidence < cued.confidence <= 1
    anonymous = quotes_of("A source said the deal was “dead.”")["dead."]
    assert anonymous.speaker is None


def test_a_quote_serialises_to_the_extract_contract() -> None:
    (quote,) = extract_quotes("“We will win,” said Petros Lambrou.", published="2024-01-02")
    data = json.loads(json.dumps(quote.to_dict()))
    assert {"start", "end", "text", "speaker", "said_at", "confidence", "cue"} <= set(data)
    assert data["text"] == "We will win" and data["speaker"] == "Petros Lambrou"
    assert isinstance(quote, Quote)
