"""``<meta>``, ``<link>``, ``<title>`` and ``<html lang>``, read in one pass.

OpenGraph (``og:*``, ``article:*``), Dublin Core, Twitter cards, itemprop
metas and plain named metas all end up in one dict keyed by the lower-cased
name; the first occurrence of a name wins, as browsers and crawlers do.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml.html import HtmlElement


@dataclass
class HeadMeta:
    """What the page declares about itself outside JSON-LD."""

    metas: dict[str, str] = field(default_factory=dict)
    canonical: str | None = None
    base_href: str | None = None
    html_lang: str | None = None
    title: str | None = None

    def first(self, names: tuple[str, ...]) -> tuple[str, str] | None:
        """The first of ``names`` that the page declares, with its value."""
        for name in names:
            value = self.metas.get(name)
            if value:
                return name, value
        return None


def read_head(tree: HtmlElement) -> HeadMeta:
    """All metas, the canonical link, the base URL, the html lang and the title."""
    head = HeadMeta(html_lang=_clean(tree.get("lang") or tree.get("xml:lang")))
    for meta in tree.iter("meta"):
        name = meta.get("property") or meta.get("name") or meta.get("itemprop")
        name = name or meta.get("http-equiv")
        value = meta.get("content")
        if name and value and value.strip():
            head.metas.setdefault(name.strip().lower(), " ".join(value.split()))
    for link in tree.iter("link"):
        rels = (link.get("rel") or "").lower().split()
        if "canonical" in rels and head.canonical is None:
            head.canonical = _clean(link.get("href"))
    for base in tree.iter("base"):
        head.base_href = _clean(base.get("href"))
        break
    # The head's title; an <svg><title> in the body is an icon label.
    title = tree.find("head/title")
    if title is None:
        title = next(tree.iter("title"), None)
    if title is not None:
        head.title = _clean(title.text_content())
    return head


def _clean(value: str | None) -> str | None:
    if value is None:
        return None
    value = " ".join(value.split())
    return value or None
