"""The page's main text, found by trafilatura and written out paragraph by paragraph.

trafilatura finds the content (F1 0.92-0.96 in the published benchmarks)
and returns it as a small XML tree (p, head, quote, list/item, table/row/
cell, lb, hi, ...). We write that tree ourselves rather than take
trafilatura's text output, so that every block becomes one paragraph
separated by a blank line, a ``<br>`` stays a single newline inside its
paragraph, and no list or table markers are added: the attribution parser
reads quotation marks and paragraph boundaries, nothing else.
"""

from __future__ import annotations

import re
from copy import deepcopy

import trafilatura
from lxml.etree import _Element
from lxml.html import HtmlElement
from trafilatura.settings import use_config

from crawler.extract.embeds import SOCIAL_EMBED_XPATHS
from crawler.extract.html import prune
from crawler.extract.sites import NOT_ARTICLE_PREFIXES, NOT_ARTICLE_TAGS

# Blocks of trafilatura's output tree: each starts and ends a paragraph.
_BLOCKS = frozenset({"p", "head", "quote", "item", "list", "table", "code", "div", "article"})
# Rows of a table become lines of one paragraph; cells are joined by " | ".
_ROW, _CELL, _LINE_BREAK = "row", "cell", "lb"
_BREAK = "\x00"  # paragraph marker in the flattened text (parse_html removes real NULs)

_SPACES = re.compile(r"[^\S\n]+")

# Below MIN_EXTRACTED_SIZE characters trafilatura distrusts its main result
# and falls back to a baseline that flattens the page into one paragraph,
# headline included. Its default, 250, is tuned for web articles; official
# statements are often shorter (a two-paragraph statement of ~250 characters
# in tests/fixtures/pages/embedded_bluesky.html lost its paragraphs), so the
# fallback starts below 100 characters here.
_CONFIG = use_config()
_CONFIG.set("DEFAULT", "MIN_EXTRACTED_SIZE", "100")


def extract_text(tree: HtmlElement, url: str | None = None, *, fast: bool = True) -> str:
    """The main text of the page, "" when there is none; never raises.

    ``fast`` skips trafilatura's second opinion from readability/jusText:
    on tests/fixtures/pages, plain and padded to 80 KB, it changes no output
    and takes 2.1 ms instead of 3.2 ms a page (bench/extract.py).
    ``favor_precision`` skips the "recall escalation", which for every text
    under 3,000 characters (most statements) converts the whole page to text
    again only to measure it: 1.3 ms instead of 2.1 ms on the padded pages,
    no change on the fixtures (tests/extract).
    """
    try:
        working = deepcopy(tree)
        prune(working, tags=NOT_ARTICLE_TAGS, prefixes=NOT_ARTICLE_PREFIXES)
        document = trafilatura.bare_extraction(
            working,
            url=url,
            fast=fast,
            include_comments=False,
            include_tables=True,
            include_images=False,
            include_links=False,
            with_metadata=False,
            favor_precision=True,
            prune_xpath=list(SOCIAL_EMBED_XPATHS),
            config=_CONFIG,
        )
        body = getattr(document, "body", None)  # a Document (a dict only with as_dict)
        return "" if body is None else body_to_text(body)
    except Exception:  # a third-party parser's failure means no text, never a crash
        return ""


def body_to_text(body: _Element) -> str:
    """trafilatura's output tree as paragraphs separated by blank lines."""
    parts: list[str] = []
    _flatten(body, parts)
    paragraphs = []
    for chunk in "".join(parts).split(_BREAK):
        lines = [_SPACES.sub(" ", line).strip() for line in chunk.split("\n")]
        paragraph = "\n".join(line for line in lines if line)
        if paragraph:
            paragraphs.append(paragraph)
    return "\n\n".join(paragraphs)


def _flatten(element: _Element, parts: list[str]) -> None:
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag in _BLOCKS:
        parts.append(_BREAK)
    elif tag == _ROW:
        parts.append("\n")
    elif tag == _CELL and element.getprevious() is not None:
        parts.append(" | ")
    elif tag == _LINE_BREAK:
        parts.append("\n")
    if element.text:
        parts.append(element.text)
    for child in element:
        _flatten(child, parts)
    if tag in _BLOCKS:
        parts.append(_BREAK)
    if element.tail:
        parts.append(element.tail)
