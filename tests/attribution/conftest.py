"""Helpers for the attribution tests: run the parser, find one quotation by its words."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest

from crawler.attribution import Quote, extract_quotes
from onrecord.cli import main


def quotes_of(text: str, **options: object) -> dict[str, Quote]:
    """The quotations of ``text`` keyed by their words (English unless ``lang`` says)."""
    options.setdefault("lang", "en")
    return {q.text: q for q in extract_quotes(text, **options)}  # type: ignore[arg-type]


def speakers_of(text: str, **options: object) -> dict[str, str | None]:
    """{quoted words: speaker} for ``text``."""
    return {words: q.speaker for words, q in quotes_of(text, **options).items()}


@dataclass
class Run:
    code: int
    out: str
    err: str


@pytest.fixture
def onrecord(capsys: pytest.CaptureFixture[str]) -> Callable[..., Run]:
    """``onrecord(*args)`` runs the command in-process: exit code, stdout, stderr."""

    def run(*args: str) -> Run:
        capsys.readouterr()
        try:
            main(list(args))
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return run
