"""Item pipelines: pages -> drafts -> store (dedup, versions, quotations).

Two small stages, wired in crawler/settings.py:

1. ExtractPipeline: a PageItem becomes a DocumentDraft (main text, title,
   times with precision and provenance, canonical URL, embedded posts).
2. StorePipeline: drafts are stored (ingest: dedup by canonical URL and
   content hash, a new version for an edit, quotations attributed), gone
   documents marked deleted, failures recorded with their raw bytes. One bad
   item is logged and recorded; it never stops the crawl.
"""

from __future__ import annotations

import logging
import traceback
from collections import Counter
from typing import Any

from scrapy.crawler import Crawler
from sqlalchemy import select

from crawler.extract import extract_page
from crawler.extract.types import DatedValue, EmbeddedPost, ExtractedPage
from crawler.ingest import ingest_document, record_failure, record_gone
from crawler.items import Dated, DocumentDraft, FailureItem, GoneItem, PageItem, SourceState
from store.db import Store, open_store
from store.models import CrawlRun, Source, utcnow

logger = logging.getLogger(__name__)

# Provenance we trust less than a feed's or sitemap's own date for the same page.
GUESSED_DATE_SOURCES = ("htmldate", "url", "link-text")
_PRECISION_RANK = {"second": 0, "minute": 1, "hour": 2, "day": 3, "week": 4, "month": 5, "year": 6}


def _dated(value: DatedValue | None) -> Dated | None:
    if value is None:
        return None
    return Dated(value.at, value.precision, value.source)


def choose_published(page: Dated | None, listed: Dated | None) -> Dated | None:
    """The page's own time, unless it is missing, a guess, or vaguer than the feed's same day."""
    if page is None or (listed is not None and page.source in GUESSED_DATE_SOURCES):
        return listed or page
    same_day = listed is not None and abs((listed.at - page.at).total_seconds()) < 86400
    if same_day and _PRECISION_RANK.get(listed.precision, 9) < _PRECISION_RANK.get(  # type: ignore[union-attr]
        page.precision, 9
    ):
        return listed
    return page


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
        url=extracted.url,
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
        embedded=[_embedded_draft(p, page, extracted.url) for p in extracted.embedded_posts],
        problems=list(extracted.problems),
    )


class ExtractPipeline:
    """PageItem -> DocumentDraft; other items pass through."""

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, PageItem):
            return item
        try:
            extracted = extract_page(item.text, item.url)
        except Exception as exc:  # the extractor promises not to raise; never trust that blindly
            logger.exception("extraction failed for %s", item.url)
            return FailureItem(item.source, item.url, f"extraction failed: {exc}", None, item.body)
        if not extracted.text.strip():
            return FailureItem(
                item.source,
                item.url,
                "no text found on the page (has the layout changed?): kept raw",
                None,
                item.body,
            )
        return draft_from_page(item, extracted)


class StorePipeline:
    """Drafts, deletions and failures into the database, with per-run counts."""

    def __init__(self, db_url: str | None, crawler: Crawler) -> None:
        self.db_url = db_url
        self.crawler = crawler
        self.counts: Counter[str] = Counter()
        self.store: Store | None = None
        self.source_id: int | None = None
        self.run_id: int | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StorePipeline:
        return cls(crawler.settings.get("ONRECORD_DB"), crawler)

    def open_spider(self) -> None:
        self.store = open_store(self.db_url)
        name = self.crawler.spider.name if self.crawler.spider else None
        with self.store.session() as session:
            source = session.scalar(select(Source).where(Source.name == name))
            self.source_id = source.id if source else None
            if source is not None:
                run = CrawlRun(source_id=source.id)
                session.add(run)
                session.flush()
                self.run_id = run.id

    def process_item(self, item: Any) -> Any:
        assert self.store is not None
        try:
            with self.store.session() as session:
                source = session.get(Source, self.source_id) if self.source_id else None
                if isinstance(item, DocumentDraft):
                    result = ingest_document(session, item, source)
                    self.counts[result.status] += 1
                    self.counts["quotations"] += result.quotations
                    self.counts["posts"] += len(item.embedded)
                elif isinstance(item, GoneItem):
                    self.counts["deleted" if record_gone(session, item) else "gone-unknown"] += 1
                elif isinstance(item, FailureItem):
                    record_failure(session, item, source)
                    self.counts["failed"] += 1
                elif isinstance(item, SourceState) and source is not None:
                    source.state = {**(source.state or {}), **item.state}
        except Exception as exc:
            logger.error("could not store %r: %s\n%s", item, exc, traceback.format_exc())
            self.counts["failed"] += 1
            url = getattr(item, "url", "?")
            with self.store.session() as session:
                source = session.get(Source, self.source_id) if self.source_id else None
                record_failure(
                    session,
                    FailureItem(
                        getattr(item, "source", ""),
                        url,
                        f"could not store: {exc}",
                        None,
                        getattr(item, "raw", None),
                    ),
                    source,
                )
        self.crawler.stats.set_value("onrecord/counts", dict(self.counts))
        return item

    def close_spider(self) -> None:
        assert self.store is not None
        reason = self.crawler.stats.get_value("finish_reason") or "finished"
        with self.store.session() as session:
            source = session.get(Source, self.source_id) if self.source_id else None
            stored = sum(self.counts[k] for k in ("new", "changed", "unchanged"))
            if source is not None and (stored or not self.counts["failed"]):
                source.last_success_at = utcnow()
            if self.run_id is not None:
                run = session.get(CrawlRun, self.run_id)
                if run is not None:
                    run.finished_at = utcnow()
                    run.stats = dict(self.counts)
                    run.status = "ok" if stored or not self.counts["failed"] else "failed"
                    run.error = (
                        None
                        if run.status == "ok"
                        else (source.last_failure_reason if source else reason)
                    )
        self.store.close()
