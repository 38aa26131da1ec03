"""``extract_page``: one decoded HTML page -> ``ExtractedPage``.

The page is parsed once; the metadata readers share the tree, the text
extractor works on its own copy. Nothing here raises on any input: a part
that fails is left empty and named in ``problems``.
"""

from __future__ import annotations

from crawler.extract.embeds import find_embedded_posts
from crawler.extract.evidence import gather_evidence
from crawler.extract.html import parse_html
from crawler.extract.metadata import (
    find_authors,
    find_description,
    find_lang,
    find_site_name,
    find_title,
    find_url,
)
from crawler.extract.text import extract_text
from crawler.extract.timestamps import find_modified, find_published
from crawler.extract.types import ExtractedPage
from crawler.extract.urls import canonical_url
from store.text import normalize_words


def extract_page(html: str, url: str | None = None) -> ExtractedPage:
    """Read the canonical URL, title, main text, authors, dates, language and
    embedded posts of a page.

    ``html`` is the decoded page (Scrapy's ``response.text``); ``url`` the
    address it was fetched from, used to resolve relative links and as the
    URL of last resort. Markup beyond ``MAX_HTML_CHARS`` characters is cut
    off before parsing and the result marked ``truncated``.
    """
    if isinstance(html, bytes):  # not the contract, but a raw body is UTF-8 more often than not
        html = html.decode("utf-8", errors="replace")
    elif not isinstance(html, str):
        html = ""
    try:
        return _extract(html, url)
    except Exception as error:  # last line of defence: one odd page must not stop a crawl
        return ExtractedPage(
            url=_safe_canonical(url),
            title=None,
            text="",
            problems=[f"extraction failed: {type(error).__name__}: {error}"[:300]],
        )


def _extract(html: str, url: str | None) -> ExtractedPage:
    parsed = parse_html(html)
    if parsed.tree is None:
        return ExtractedPage(
            url=_safe_canonical(url),
            title=None,
            text="",
            truncated=parsed.truncated,
            problems=["empty"],
        )
    problems: list[str] = []
    if parsed.truncated:
        problems.append(f"truncated at {parsed.cap} characters")
    evidence = gather_evidence(parsed.tree, url)
    if evidence.jsonld.broken_blocks:
        problems.append(f"malformed JSON-LD blocks: {evidence.jsonld.broken_blocks}")

    site_name = find_site_name(evidence)
    title = find_title(evidence, site_name)
    text = _without_title(extract_text(parsed.tree, url), title)
    if not text:
        problems.append("no main text")
    authors, author_is_organisation = find_authors(evidence, site_name)
    return ExtractedPage(
        url=find_url(evidence),
        title=title,
        text=text,
        authors=authors,
        author_is_organisation=author_is_organisation,
        site_name=site_name,
        lang=find_lang(evidence, text),
        description=find_description(evidence),
        published=find_published(evidence),
        modified=find_modified(evidence),
        embedded_posts=find_embedded_posts(parsed.tree),
        truncated=parsed.truncated,
        problems=problems,
    )


def _safe_canonical(url: str | None) -> str | None:
    return canonical_url(url) if isinstance(url, str) and url else None


def _without_title(text: str, title: str | None) -> str:
    """The text without a first paragraph that repeats the title (the page's <h1>)."""
    first, _, rest = text.partition("\n\n")
    if title and normalize_words(first) == normalize_words(title):
        return rest
    return text
