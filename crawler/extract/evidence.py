"""Everything a page says about itself, read once and shared by the field readers."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from lxml.html import HtmlElement

from crawler.extract.jsonld import ARTICLE_TYPES, PAGE_TYPES, JsonLd, read_jsonld
from crawler.extract.meta import HeadMeta, read_head


@dataclass(frozen=True)
class Evidence:
    """The parsed page with its head metadata and JSON-LD.

    ``article`` is the JSON-LD node describing the article (NewsArticle,
    Article, ...); ``page_node`` the WebPage node, which some CMSs (WordPress
    with Yoast) use for dates when they emit no article node.
    """

    tree: HtmlElement
    head: HeadMeta
    jsonld: JsonLd
    article: dict[str, Any] | None
    page_node: dict[str, Any] | None
    fetched_url: str | None


def gather_evidence(tree: HtmlElement, fetched_url: str | None) -> Evidence:
    """Read the head and the JSON-LD of ``tree``."""
    jsonld = read_jsonld(tree)
    return Evidence(
        tree=tree,
        head=read_head(tree),
        jsonld=jsonld,
        article=jsonld.first_of(ARTICLE_TYPES),
        page_node=jsonld.first_of(PAGE_TYPES),
        fetched_url=fetched_url,
    )
