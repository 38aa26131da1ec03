"""HTML -> document: the extraction stage of the crawler.

Spiders fetch pages; this stage reads one decoded page (Scrapy's
``response.text``) and its URL and returns what the rest of the crawler
stores and attributes: the canonical URL (the deduplication key), title,
main text, authors, site name, language, description, publication and
modification times (each with its precision and the evidence it came
from), and the X/Bluesky posts embedded in the page, each to become a
document of its own. Pure functions: no Scrapy, no database, no network.

Public API::

    extract_page(html: str, url: str | None = None) -> ExtractedPage
    canonical_url(url: str) -> str
    ExtractedPage, EmbeddedPost, DatedValue   (frozen dataclasses, in .types)
    MAX_HTML_CHARS                            (input cap, in .html)

Modules, one job each:

- ``page``: ``extract_page``, which wires the readers below together;
- ``html``: parsing (once, with the input cap) into a shared lxml tree;
- ``meta``, ``jsonld``, ``evidence``: what the page declares about itself;
- ``metadata``: URL, title, authors, site name, description, language;
- ``timestamps`` (order of sources) and ``dates`` (strings -> DatedValue);
- ``text``: the main text, by trafilatura, as paragraphs;
- ``embeds``: embedded X and Bluesky posts;
- ``lang``: language tags and a small stopword detector;
- ``sites``: site and CMS conventions as selector tables (data, not code);
- ``urls``: ``canonical_url``.

The precedence rules for each field are in the docstrings of
``metadata`` and ``timestamps``.
"""

from crawler.extract.html import MAX_HTML_CHARS
from crawler.extract.page import extract_page
from crawler.extract.types import DatedValue, EmbeddedPost, ExtractedPage
from crawler.extract.urls import canonical_url

__all__ = [
    "MAX_HTML_CHARS",
    "DatedValue",
    "EmbeddedPost",
    "ExtractedPage",
    "canonical_url",
    "extract_page",
]
