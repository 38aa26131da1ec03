"""When the page was published and last modified, with precision and source.

Precedence (the first source that yields a plausible value is the anchor):

1. JSON-LD: the article node's ``datePublished`` (then ``dateCreated``),
   then the WebPage node's: the publisher's structured, deliberate claim.
2. OpenGraph ``article:published_time``: also deliberate, written for
   sharing previews, but often the time of a later re-publication.
3. Named metas (``date``, ``dc.date``, ``pubdate``, itemprop metas, GOV.UK's
   ``govuk:first-published-at``, ...): older conventions, less consistent.
4. Time elements: microformats (``dt-published``, Kremlin's
   ``time.read__published``), microdata, WordPress/hAtom classes, then the
   first ``<time datetime>`` near the page's ``<h1>`` (or the only one).
5. A date in the URL path (``/2024/05/07/``): explicit, but only a day.
6. htmldate (published only, ``extensive_search`` off): a heuristic over
   the markup, used only when nothing above gave a date, since it costs
   more than everything else here together and yields only a day.

A coarser anchor is refined by a later source that is finer and agrees with
it (JSON-LD "2024-05-07" and OpenGraph "2024-05-07T10:30:00Z" give the
OpenGraph time): the page stated both, and the finer one is more useful.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from copy import deepcopy

from htmldate import find_date
from lxml.html import HtmlElement

from crawler.extract.dates import agree, date_from_url, day_value, finer, parse_date
from crawler.extract.evidence import Evidence
from crawler.extract.html import prune
from crawler.extract.sites import (
    ARTICLE_SCOPES,
    MODIFIED_SELECTORS,
    NOT_ARTICLE_PREFIXES,
    NOT_ARTICLE_TAGS,
    NOT_DATE_ROLES,
    NOT_DATE_TAGS,
    PUBLISHED_SELECTORS,
)
from crawler.extract.types import DatedValue

PUBLISHED_OPENGRAPH = ("article:published_time", "og:article:published_time", "og:published_time")
MODIFIED_OPENGRAPH = ("article:modified_time", "og:article:modified_time", "og:updated_time")
PUBLISHED_METAS = (
    "datepublished",  # <meta itemprop="datePublished">
    "govuk:first-published-at",  # GOV.UK (SOURCES.md: first_published_at)
    "article.published",
    "publishdate",
    "publish-date",
    "publish_date",
    "pubdate",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "dcterms.date",
    "dcterms.created",
    "citation_publication_date",
    "date",
)
MODIFIED_METAS = (
    "datemodified",
    "govuk:public-updated-at",  # GOV.UK: public_updated_at (major changes only)
    "article.updated",
    "dc.date.modified",
    "dcterms.modified",
    "lastmod",
)


def find_published(evidence: Evidence) -> DatedValue | None:
    """The publication time of the page (see the module docstring for the order)."""
    found = _refine(_published_candidates(evidence))
    if found is None:
        found = _htmldate(evidence.tree)
    return found


def find_modified(evidence: Evidence) -> DatedValue | None:
    """The last modification the page states; never guessed."""
    return _refine(_modified_candidates(evidence))


def _published_candidates(evidence: Evidence) -> Iterator[DatedValue | None]:
    for node in (evidence.article, evidence.page_node):
        if node:
            yield parse_date(_str(node.get("datePublished")), "json-ld")
            yield parse_date(_str(node.get("dateCreated")), "json-ld")
    yield _from_metas(evidence, PUBLISHED_OPENGRAPH, "opengraph")
    yield _from_metas(evidence, PUBLISHED_METAS, "meta")
    yield _from_selectors(evidence.tree, PUBLISHED_SELECTORS)
    yield _near_headline(evidence.tree)
    yield date_from_url(evidence.fetched_url)
    yield date_from_url(evidence.head.canonical)


def _modified_candidates(evidence: Evidence) -> Iterator[DatedValue | None]:
    for node in (evidence.article, evidence.page_node):
        if node:
            yield parse_date(_str(node.get("dateModified")), "json-ld")
    yield _from_metas(evidence, MODIFIED_OPENGRAPH, "opengraph")
    yield _from_metas(evidence, MODIFIED_METAS, "meta")
    yield _from_selectors(evidence.tree, MODIFIED_SELECTORS)


def _refine(candidates: Iterator[DatedValue | None]) -> DatedValue | None:
    """The first candidate, replaced by later finer ones that agree with it."""
    best: DatedValue | None = None
    for candidate in candidates:
        if candidate is None:
            continue
        if best is None or (finer(candidate, best) and agree(best, candidate)):
            best = candidate
        if best.precision == "second" and not best.assumed_utc:
            break
    return best


def _from_metas(evidence: Evidence, names: tuple[str, ...], source: str) -> DatedValue | None:
    for name in names:
        value = parse_date(evidence.head.metas.get(name), source)
        if value:
            return value
    return None


def _from_selectors(
    tree: HtmlElement, selectors: tuple[Callable[[HtmlElement], list[HtmlElement]], ...]
) -> DatedValue | None:
    for selector in selectors:
        for element in selector(tree):
            value = _element_date(element)
            if value:
                return value
    return None


def _near_headline(tree: HtmlElement) -> DatedValue | None:
    """The first ``<time datetime>`` in the container of the page's ``<h1>``, else the only one.

    Pages list other articles' times in sidebars and teasers; the article's
    own time sits with its headline.
    """
    h1 = next(tree.iter("h1"), None)
    scope = None
    if h1 is not None:
        scope = next((a for a in h1.iterancestors(*ARTICLE_SCOPES)), None)
    if scope is not None:
        for element in scope.iter("time"):
            value = _element_date(element)
            if value:
                return value
    times = [element for element in tree.iter("time") if element.get("datetime")]
    return _element_date(times[0]) if len(times) == 1 else None


def _element_date(element: HtmlElement) -> DatedValue | None:
    for raw in (element.get("datetime"), element.get("content"), element.get("title")):
        value = parse_date(raw, "time-element")
        if value:
            return value
    return parse_date(" ".join(element.text_content().split())[:64], "time-element")


def _htmldate(tree: HtmlElement) -> DatedValue | None:
    """htmldate's day, searched outside teasers, navigation and footers.

    The URL is left out (we read URL dates ourselves, before this).
    """
    try:
        pruned = deepcopy(tree)
        prune(
            pruned,
            tags=NOT_ARTICLE_TAGS | NOT_DATE_TAGS,
            prefixes=NOT_ARTICLE_PREFIXES,
            roles=NOT_DATE_ROLES,
        )
        found = find_date(
            pruned, extensive_search=False, original_date=True, url="", outputformat="%Y-%m-%d"
        )
    except Exception:  # a third-party heuristic's failure means no date, never a crash
        return None
    if not found:
        return None
    value = parse_date(found, "htmldate")
    return day_value(value.at.date(), "htmldate", raw=found) if value else None


def _str(value: object) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    return value if isinstance(value, str) else None
