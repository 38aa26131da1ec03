"""Canonical URL, title, authors, site name, description and language of a page.

Each reader takes the first source that has the field, in this order:

- url: ``<link rel=canonical>``, then ``og:url``, then the fetched URL; made
  absolute, normalised by ``canonical_url``. A declared URL that is not
  http(s), or that points at the site root while the fetched page is deeper
  (a common CMS misconfiguration that would merge every page into one
  document), is ignored.
- title: JSON-LD ``headline``, ``og:title``, ``<title>``, the first ``<h1>``;
  a " | Site" (" - Site", " • Site", ...) part is removed when it names the
  site (og:site_name, JSON-LD publisher, or the host).
- authors: JSON-LD ``author`` of the article, then author metas, then the
  byline in the page. Organisations are kept only when no person is named,
  and then flagged, so the crawler does not take them for the speaker.
- site_name: ``og:site_name``, the JSON-LD publisher, the JSON-LD WebSite,
  ``application-name``.
- description: ``og:description``, ``description``, JSON-LD, Twitter card.
- lang: JSON-LD ``inLanguage``, ``<html lang>``, ``og:locale``,
  ``content-language``; when none is declared, or the text is confidently in
  another of the languages ``detect_lang`` knows (templates often declare the
  site's default language), the detected language.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

from crawler.extract.evidence import Evidence
from crawler.extract.jsonld import Author, authors_of, text_of
from crawler.extract.lang import STOPWORDS, detect_lang, normalise_lang
from crawler.extract.sites import BYLINE_SELECTORS, OFFICE_NAMES, ORGANISATION_AUTHOR_SITES
from crawler.extract.urls import canonical_url
from store.text import normalize_words

TITLE_SEPARATORS = (" | ", " – ", " — ", " - ", " • ", " · ", " :: ", " » ", " « ")
AUTHOR_METAS = ("author", "article:author", "dc.creator", "parsely-author", "sailthru.author")
DESCRIPTION_METAS = ("og:description", "description", "twitter:description")

_BYLINE_PREFIX = re.compile(
    r"^\s*(?:by|von|par|por|di|door|автор:?|yazar:?|müəllif:?)\s+", re.IGNORECASE
)
_NAME_SEPARATORS = re.compile(
    r"\s*(?:,|;|\||&|\band\b|\bund\b|\bet\b|\by\b|\bи\b|\bve\b|\bvə\b)\s*", re.IGNORECASE
)
_NOT_A_NAME = re.compile(r"\d|@|https?:|www\.")
MAX_NAME_WORDS = 6


def find_url(evidence: Evidence) -> str | None:
    """The canonical URL of the page (see the module docstring)."""
    fetched = evidence.fetched_url
    base = _absolute(evidence.head.base_href, fetched) or fetched
    for declared in (evidence.head.canonical, evidence.head.metas.get("og:url")):
        absolute = _absolute(declared, base)
        if absolute and not _collapses_to_root(absolute, fetched):
            return canonical_url(absolute)
    return canonical_url(fetched) if fetched else None


def find_site_name(evidence: Evidence) -> str | None:
    head, jsonld = evidence.head, evidence.jsonld
    for value in (
        head.metas.get("og:site_name"),
        text_of(jsonld.resolve(evidence.article.get("publisher"))) if evidence.article else None,
        text_of(jsonld.first_of(("WebSite",))),
        head.metas.get("application-name"),
    ):
        if value:
            return value
    return None


def find_title(evidence: Evidence, site_name: str | None) -> str | None:
    article = evidence.article or {}
    h1 = next(evidence.tree.iter("h1"), None)
    h1_text = " ".join(h1.text_content().split()) if h1 is not None else None
    for value in (
        text_of(article.get("headline")) or text_of(article.get("name")),
        evidence.head.metas.get("og:title"),
        evidence.head.metas.get("twitter:title"),
        evidence.head.title,
        h1_text,
    ):
        if value:
            return clean_title(value, site_name, evidence.fetched_url, h1_text)
    return None


def clean_title(title: str, site_name: str | None, url: str | None, h1: str | None = None) -> str:
    """``title`` without a leading or trailing part that only names the site.

    A part names the site when it is the site name, the host ("GOV.UK" on
    www.gov.uk, "Frontier Times" on frontiertimes.example), or when the
    other part is the page's own ``<h1>``.
    """
    site_words = {normalize_words(site_name)} if site_name else set()
    host_words = normalize_words(_host(url))
    headline = normalize_words(h1) if h1 else ""
    for separator in TITLE_SEPARATORS:
        if separator not in title:
            continue
        for keep, drop in (title.rsplit(separator, 1), title.split(separator, 1)[::-1]):
            keep = keep.strip()
            if keep and (
                _names_site(drop, site_words, host_words)
                or (headline and normalize_words(keep) == headline)
            ):
                return keep
    return title


def find_description(evidence: Evidence) -> str | None:
    found = evidence.head.first(DESCRIPTION_METAS)
    if found:
        return found[1]
    return text_of((evidence.article or {}).get("description"))


def find_authors(evidence: Evidence, site_name: str | None) -> tuple[list[str], bool]:
    """Author names, and whether they name an organisation rather than people."""
    people = _jsonld_authors(evidence)
    if not people:
        found = evidence.head.first(AUTHOR_METAS)
        if found and not found[1].startswith(("http://", "https://")):
            people = [Author(name, False) for name in split_names(found[1])]
    if not people:
        people = _byline_authors(evidence)
    people = [_mark_office(person, site_name) for person in people]
    persons = _unique([p.name for p in people if not p.is_organisation])
    if persons:
        return persons, False
    return _unique([p.name for p in people]), bool(people)


def split_names(text: str) -> list[str]:
    """Names in a byline: "By Jane Roe and John Doe" -> ["Jane Roe", "John Doe"]."""
    text = _BYLINE_PREFIX.sub("", " ".join(text.split()))
    names = []
    for part in _NAME_SEPARATORS.split(text):
        part = part.strip(" .:-–—")
        if part and not _NOT_A_NAME.search(part) and len(part.split()) <= MAX_NAME_WORDS:
            names.append(part)
    return names


def find_lang(evidence: Evidence, text: str) -> str | None:
    article = evidence.article or evidence.page_node or {}
    head = evidence.head
    declared = None
    for value in (
        text_of(article.get("inLanguage")),
        head.html_lang,
        head.metas.get("og:locale"),
        head.metas.get("content-language"),
    ):
        declared = normalise_lang(value)
        if declared:
            break
    if declared and declared not in STOPWORDS:
        return declared  # a language the detector does not know: trust the page
    detected = detect_lang(text) if text else None
    return detected or declared


def _jsonld_authors(evidence: Evidence) -> list[Author]:
    node = evidence.article or evidence.page_node
    if not node:
        return []
    people = authors_of(node, evidence.jsonld)
    if _organisation_author_site(evidence):
        people = [Author(person.name, True) for person in people]
    return people


def _byline_authors(evidence: Evidence) -> list[Author]:
    for selector in BYLINE_SELECTORS:
        for element in selector(evidence.tree):
            names = split_names(element.text_content())
            if names:
                return [Author(name, False) for name in names]
    return []


def _mark_office(person: Author, site_name: str | None) -> Author:
    """Flag names that stand for an office or the publisher itself."""
    if person.is_organisation:
        return person
    is_office = bool(OFFICE_NAMES.search(person.name))
    if site_name and normalize_words(person.name) == normalize_words(site_name):
        is_office = True
    return Author(person.name, is_office)


def _organisation_author_site(evidence: Evidence) -> bool:
    host = _host(evidence.fetched_url or evidence.head.canonical)
    for suffix, marker in ORGANISATION_AUTHOR_SITES:
        if host == suffix or host.endswith("." + suffix) or marker in evidence.head.metas:
            return True
    return False


def _host(url: str | None) -> str:
    """The lower-case host of an http(s) URL; "" for anything else, malformed included."""
    if not url or not url.startswith(("http://", "https://")):
        return ""
    try:
        return urlsplit(url).hostname or ""
    except ValueError:
        return ""


def _names_site(part: str, site_words: set[str], host_words: str) -> bool:
    words = normalize_words(part)
    if not words:
        return False
    if words in site_words:
        return True
    if not host_words:
        return False
    labels = host_words.split()
    return f" {words} " in f" {host_words} " or words.replace(" ", "") in labels


def _absolute(url: str | None, base: str | None) -> str | None:
    if not url:
        return None
    try:
        absolute = urljoin(base or "", url.strip())
    except ValueError:
        return None
    return absolute if absolute.startswith(("http://", "https://")) else None


def _collapses_to_root(declared: str, fetched: str | None) -> bool:
    """A declared URL at the site root for a page fetched at a deeper path."""
    if not fetched:
        return False
    try:
        declared_path = urlsplit(declared).path.strip("/")
        fetched_path = urlsplit(fetched).path.strip("/")
    except ValueError:
        return True
    return not declared_path and bool(fetched_path)


def _unique(names: list[str]) -> list[str]:
    seen, unique = set(), []
    for name in names:
        key = normalize_words(name)
        if key and key not in seen:
            seen.add(key)
            unique.append(name)
    return unique
