"""``onrecord extract``: quotations and speakers of texts, no database.

Reads JSON Lines ``{"id", "text", "published"?, "lang"?, "default_speaker"?}``
(or, with ``--html``, one HTML page) and writes one JSON line per document:
``{"id", "quotes": [...]}``, each quotation as ``crawler.attribution.Quote``.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from typing import IO, Any

import click

from crawler.attribution import extract_quotes
from onrecord.cli.common import CONTEXT_SETTINGS, echo_json_lines, fail


@click.command("extract", context_settings=CONTEXT_SETTINGS)
@click.argument("source", default="-", metavar="[FILE|-]")
@click.option("--html", "is_html", is_flag=True, help="The input is one HTML page, not JSON Lines.")
@click.option("--url", metavar="URL", help="With --html: the page's address (its id).")
@click.option("--lang", metavar="CODE", help="Language when a line gives none (en, tr, ru, ...).")
@click.option("--published", metavar="DATE", help="Document time when a line gives none (ISO).")
@click.option(
    "--default-speaker",
    metavar="NAME",
    help="Who speaks in first-person text with no other cue, when a line names no one.",
)
def command(
    source: str,
    is_html: bool,
    url: str | None,
    lang: str | None,
    published: str | None,
    default_speaker: str | None,
) -> None:
    """Find quotations and their speakers in FILE (JSON Lines; - or nothing: stdin).

    Each output line is {"id", "quotes": [...]}; a quotation has start/end
    (character offsets of the quoted words, marks excluded), text, speaker (the
    fullest name in the document, or null), said_at, confidence, cue and more.
    """
    defaults = {"lang": lang, "published": published, "default_speaker": default_speaker}
    if is_html:
        echo_json_lines([_html_document(source, url, defaults)])
        return
    if url:
        fail("--url applies to --html only")
    with _open(source) as handle:
        for number, line in enumerate(_lines(handle, source), 1):
            if not line.strip():
                continue
            echo_json_lines([_json_document(line, number, source, defaults)])


def _open(source: str) -> AbstractContextManager[IO[str]]:
    if source == "-":
        return nullcontext(sys.stdin)  # read, but not closed: it is not ours
    try:
        return Path(source).open(encoding="utf-8")
    except OSError as error:
        fail(f"cannot read {source}: {error.strerror or error}")
        raise  # unreachable: fail raises


def _lines(handle: IO[str], source: str) -> Iterator[str]:
    try:
        yield from handle
    except UnicodeDecodeError as error:
        fail(f"{_where(source)}: not UTF-8 text ({error.reason} at byte {error.start})")


def _where(source: str) -> str:
    return "stdin" if source == "-" else source


def _json_document(line: str, number: int, source: str, defaults: dict[str, Any]) -> dict:
    where = f"{_where(source)}: line {number}"
    try:
        doc = json.loads(line)
    except ValueError as error:
        fail(f"{where}: not JSON ({error})")
    if not isinstance(doc, dict):
        fail(f'{where}: expected a JSON object with "id" and "text"')
    if "id" not in doc:
        fail(f'{where}: no "id"')
    text = doc.get("text")
    if not isinstance(text, str):
        fail(f'{where}: "text" must be a string')
    options = {key: doc.get(key) if doc.get(key) is not None else defaults[key] for key in defaults}
    for key, value in options.items():
        if value is not None and not isinstance(value, str):
            fail(f'{where}: "{key}" must be a string')
    try:
        quotes = extract_quotes(text, **options)
    except ValueError as error:
        fail(f"{where}: {error}")
    return {"id": doc["id"], "quotes": [q.to_dict() for q in quotes]}


def _html_document(source: str, url: str | None, defaults: dict[str, Any]) -> dict:
    from crawler.extract.page import extract_page

    with _open(source) as handle:
        html = "".join(_lines(handle, source))
    page = extract_page(html, url)
    title = (page.title or "").strip()
    text = f"{title}\n\n{page.text}" if title and page.text else title or page.text
    published = page.published.at if page.published is not None else None
    try:
        quotes = extract_quotes(
            text,
            published=published or defaults["published"],
            lang=page.lang or defaults["lang"],
            default_speaker=defaults["default_speaker"],
        )
    except ValueError as error:
        fail(f"{_where(source)}: {error}")
    return {
        "id": url or page.url or (_where(source) if source != "-" else None),
        "url": page.url,
        "title": page.title,
        "lang": page.lang,
        "published": published.isoformat() if published is not None else None,
        "text": text,
        "quotes": [q.to_dict() for q in quotes],
    }
