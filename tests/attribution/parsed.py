"""Helpers for the attribution tests: run the parser, find one quotation by its words."""

from __future__ import annotations

from crawler.attribution import Quote, extract_quotes


def quotes_of(text: str, **options: object) -> dict[str, Quote]:
    """The quotations of ``text`` keyed by their words (English unless ``lang`` says)."""
    options.setdefault("lang", "en")
    return {q.text: q for q in extract_quotes(text, **options)}  # type: ignore[arg-type]


def speakers_of(text: str, **options: object) -> dict[str, str | None]:
    """{quoted words: speaker} for ``text``."""
    return {words: q.speaker for words, q in quotes_of(text, **options).items()}
