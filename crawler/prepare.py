"""The CPU-heavy half of a crawl: extraction and attribution, run in worker processes.

Scrapy's process fetches and stores; these functions turn a fetched page into
a draft with its quotations already found. They are plain functions of plain
data so that a process pool can run them on the other cores
(`ONRECORD_WORKERS`, see crawler/pipelines.py); they work the same in-process.
"""

from __future__ import annotations

import logging
from dataclasses import replace

from crawler.attribution import extract_quotes
from crawler.extract import extract_page
from crawler.extract.types import DatedValue, EmbeddedPost, ExtractedPage
from crawler.items import Dated, DocumentDraft, FailureItem, PageItem
from store.models import finer

logger = logging.getLogger(__name__)

# Provenance we trust less than a feed's or sitemap's own date for the same page.
GUESSED_DATE_SOURCES = ("htmldate", "url", "link-text")


def _dated(value: DatedValue | None) -> Dated | None:
    if value is None:
        return None
    return Dated(value.at, value.precision, value.source)


def choose_published(page: Dated | None, listed: Dated | None) -> Dated | None:
    """The page's own time, unless it is missing, a guess, or vaguer than the feed's same day."""
    if page is None or (listed is not None and page.source in GUESSED_DATE_SOURCES):
        return listed or page
    if listed is None or abs((listed.at - page.at).total_seconds()) >= 86400:
        return page
    return listed if finer(listed.precision, page.precision) else page


def _embedded_draft(post: EmbeddedPost, page: PageItem, parent_url: str) -> DocumentDraft:
    return DocumentDraft(
        source=page.source,
        url=post.url,
        text=post.text,
        kind="post",
        lang=post.lang,
        published=_dated(post.published),
        external_id=f"{post.platform}:{post.post_id}",
        fetched_at=page.fetched_at,
        platform=post.platform,
        post_author=post.author_name,
        post_handle=post.author_handle,
        parent_url=parent_url,
    )


def draft_from_page(page: PageItem, extracted: ExtractedPage) -> DocumentDraft:
    """What the extractor found on ``page``, as a document to store."""
    return DocumentDraft(
        source=page.source,
        url=extracted.url or page.url,
        text=extracted.text,
        kind=page.kind,
        title=extracted.title or page.title,
        author=", ".join(extracted.authors) or None,
        author_is_organisation=extracted.author_is_organisation,
        lang=extracted.lang,
        published=choose_published(_dated(extracted.published), page.published),
        modified_at=extracted.modified.at if extracted.modified else None,
        raw=page.body,
        content_type=page.content_type,
        fetched_at=page.fetched_at,
        embedded=[
            _embedded_draft(p, page, extracted.url or page.url) for p in extracted.embedded_posts
        ],
        problems=list(extracted.problems),
    )


def attribute(draft: DocumentDraft, default_speaker: str | None) -> DocumentDraft:
    """The draft with its quotations found.

    First-person words belong to the source's speaker in a statement, and to
    the post's (original) author in a post: "I told the governors: “…”".
    """
    published = draft.published
    if draft.kind == "post":
        default_speaker = draft.post_author or draft.post_handle or default_speaker
    quotes = extract_quotes(
        draft.text,
        published=published.at if published else None,
        lang=draft.lang,
        default_speaker=default_speaker,
    )
    embedded = [attribute(post, None) for post in draft.embedded]
    return replace(draft, quotes=quotes, embedded=embedded)


def prepare_page(page: PageItem, default_speaker: str | None) -> DocumentDraft | FailureItem:
    """Extract and attribute one fetched page; a FailureItem says why not."""
    try:
        extracted = extract_page(page.text, page.url)
    except Exception as exc:  # the extractor promises not to raise; never trust that blindly
        logger.exception("extraction failed for %s", page.url)
        return FailureItem(page.source, page.url, f"extraction failed: {exc}", None, page.body)
    if not extracted.text.strip():
        return FailureItem(
            page.source,
            page.url,
            "no text found on the page (has the layout changed?): kept raw",
            None,
            page.body,
        )
    return attribute(draft_from_page(page, extracted), default_speaker)


def prepare_many(jobs: list[tuple[DocumentDraft | PageItem, str | None]]) -> list[object]:
    """prepare_page / attribute for several items in one call (one round trip to a worker)."""
    results: list[object] = []
    for item, default_speaker in jobs:
        if isinstance(item, PageItem):
            results.append(prepare_page(item, default_speaker))
        else:
            results.append(attribute(item, default_speaker))
    return results
