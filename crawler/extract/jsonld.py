"""JSON-LD blocks -> the page's article node, read tolerantly.

Publishers' JSON-LD is often not quite JSON (CDATA wrappers, trailing
commas, raw newlines in strings, several objects in one block) and comes in
several shapes (one object, a list, an ``@graph``, the article nested under
``mainEntity``, authors given by ``@id`` reference). This module reads what
can be read, and reports blocks it had to give up on.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from lxml.html import HtmlElement

# Article types in order of preference; the first present wins.
ARTICLE_TYPES = (
    "NewsArticle",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "OpinionNewsArticle",
    "BackgroundNewsArticle",
    "ReviewNewsArticle",
    "Article",
    "BlogPosting",
    "SocialMediaPosting",
    "LiveBlogPosting",
    "Report",
    "ScholarlyArticle",
    "SpeechObject",
)
# Used only when no article node exists (WordPress/Yoast puts dates on the page).
PAGE_TYPES = ("WebPage", "ItemPage", "AboutPage", "CollectionPage")
ORGANISATION_TYPES = frozenset(
    {
        "Organization",
        "GovernmentOrganization",
        "NewsMediaOrganization",
        "Corporation",
        "NGO",
        "PoliticalParty",
        "EducationalOrganization",
        "Project",
    }
)
# Keys under which a node nests the page's main object.
_NESTING_KEYS = ("@graph", "mainEntity", "mainEntityOfPage", "hasPart")

_WRAPPERS = re.compile(r"^\s*(?://\s*)?(?:<!\[CDATA\[|<!--)|(?://\s*)?(?:\]\]>|-->)\s*$")
_TRAILING_COMMA = re.compile(r",(\s*[}\]])")


@dataclass(frozen=True)
class Author:
    """An author as JSON-LD states it."""

    name: str
    is_organisation: bool


@dataclass
class JsonLd:
    """The nodes found in a page's JSON-LD, by type, and the blocks that failed."""

    nodes: list[dict[str, Any]] = field(default_factory=list)
    by_id: dict[str, dict[str, Any]] = field(default_factory=dict)
    broken_blocks: int = 0

    def first_of(self, types: tuple[str, ...]) -> dict[str, Any] | None:
        """The first node of the most preferred type in ``types``."""
        for wanted in types:
            for node in self.nodes:
                if wanted in node_types(node):
                    return node
        return None

    def resolve(self, value: Any) -> Any:
        """A ``{"@id": ...}`` reference replaced by the node it names, when present."""
        if isinstance(value, dict) and set(value) == {"@id"}:
            return self.by_id.get(str(value["@id"]), value)
        return value


def read_jsonld(tree: HtmlElement) -> JsonLd:
    """Every JSON-LD node in the page, flattened; never raises."""
    found = JsonLd()
    for script in tree.iter("script"):
        kind = (script.get("type") or "").lower()
        if "ld+json" not in kind:
            continue
        text = script.text or ""
        if not text.strip():
            continue
        data = loads_lenient(text)
        if data is None:
            found.broken_blocks += 1
            continue
        for node in _walk(data, depth=0):
            found.nodes.append(node)
            node_id = node.get("@id")
            if isinstance(node_id, str) and len(node) > 1:
                found.by_id.setdefault(node_id, node)
    return found


def loads_lenient(text: str) -> Any:
    """JSON as publishers write it; None when it cannot be repaired."""
    text = _WRAPPERS.sub("", text.strip())
    for candidate in (text, _TRAILING_COMMA.sub(r"\1", text)):
        try:
            return json.loads(candidate, strict=False)
        except ValueError:
            pass
        values = _concatenated(candidate)
        if values:
            return values
    return None


def node_types(node: dict[str, Any]) -> list[str]:
    """The node's ``@type`` values without vocabulary prefixes ("schema:Article")."""
    raw = node.get("@type")
    values = raw if isinstance(raw, list) else [raw]
    return [str(value).rsplit("/", 1)[-1].rsplit(":", 1)[-1] for value in values if value]


def text_of(value: Any) -> str | None:
    """A plain string from a JSON-LD value (string, list of strings, ``{"name"}``)."""
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("name") or value.get("@value")
    if not isinstance(value, str):
        return None
    return " ".join(html.unescape(value).split()) or None


def authors_of(node: dict[str, Any], jsonld: JsonLd) -> list[Author]:
    """The node's ``author`` (or ``creator``) entries as names, references resolved."""
    raw = node.get("author") or node.get("creator")
    entries = raw if isinstance(raw, list) else [raw]
    people = []
    for entry in entries:
        entry = jsonld.resolve(entry)
        name = text_of(entry)
        if not name or name.startswith(("http://", "https://")):
            continue
        is_org = isinstance(entry, dict) and bool(ORGANISATION_TYPES & set(node_types(entry)))
        people.append(Author(name, is_org))
    return people


def _walk(data: Any, depth: int) -> Iterator[dict[str, Any]]:
    """Nodes in document order: the object itself, then what it nests."""
    if depth > 6:
        return
    if isinstance(data, list):
        for item in data:
            yield from _walk(item, depth + 1)
        return
    if not isinstance(data, dict):
        return
    if "@type" in data or "@id" in data:
        yield data
    for key in _NESTING_KEYS:
        if key in data:
            yield from _walk(data[key], depth + 1)


def _concatenated(text: str) -> list[Any]:
    """Several JSON values written one after another in one block."""
    decoder = json.JSONDecoder(strict=False)
    values, index = [], 0
    while index < len(text):
        while index < len(text) and text[index] in " \t\r\n,;":
            index += 1
        if index >= len(text):
            break
        try:
            value, index = decoder.raw_decode(text, index)
        except ValueError:
            return []
        values.append(value)
    return values if len(values) > 1 else []
