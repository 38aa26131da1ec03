"""Item pipelines: pages -> drafts with quotations -> store.

Two small stages, wired in crawler/settings.py:

1. PreparePipeline: a PageItem is extracted and its quotations found
   (crawler.prepare), in worker processes so that Scrapy's own process only
   fetches and stores (`ONRECORD_WORKERS`; 0 runs it in-process). Posts get
   their quotations found the same way.
2. StorePipeline: drafts are stored in small batches (dedup by canonical URL
   and content hash, a new version for an edit, quotations recorded), gone
   documents marked deleted, failures recorded with their raw bytes. A batch
   that fails is retried item by item: one bad item is recorded and never
   stops the crawl.
"""

from __future__ import annotations

import asyncio
import atexit
import logging
import multiprocessing
import os
import traceback
from collections import Counter
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import replace
from typing import Any

from scrapy.crawler import Crawler
from sqlalchemy import select
from sqlalchemy.orm import Session
from twisted.internet import task

from crawler.ingest import SourceContext, ingest_documents, record_failure, record_gone
from crawler.items import DocumentDraft, FailureItem, GoneItem, PageItem, SourceState
from crawler.prepare import prepare_many
from store.db import Store, open_store
from store.models import CrawlRun, Source, utcnow

logger = logging.getLogger(__name__)

_POOL: ProcessPoolExecutor | None = None


def shared_pool(workers: int) -> Executor | None:
    """One pool of worker processes for every crawler of this process (None: in-process)."""
    global _POOL
    if workers <= 0:
        return None
    if _POOL is None:
        # forkserver: workers fork from a clean process, never from Scrapy's threads.
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["crawler.prepare"])
        _POOL = ProcessPoolExecutor(max_workers=workers, mp_context=context)
        atexit.register(_POOL.shutdown, cancel_futures=True)
    return _POOL


def default_workers() -> int:
    """One worker per core: Scrapy's process waits on the network and the
    workers much of the time, so a worker on every core keeps them all busy
    (bench/crawl.py on 2 cores: 351 pages/s with 2 workers, 293 with 1)."""
    return max(1, os.cpu_count() or 1)


class _Batches:
    """Items sent to the worker processes a few at a time: one round trip per batch.

    Each item still gets its own result; a batch leaves when it is full or
    after BATCH_DELAY, whichever comes first.
    """

    def __init__(self, pool: Executor, size: int) -> None:
        self.pool = pool
        self.size = size
        self.pending: list[tuple[tuple[Any, str | None], asyncio.Future[Any]]] = []
        self.timer: asyncio.TimerHandle | None = None

    async def run(self, job: tuple[Any, str | None]) -> Any:
        loop = asyncio.get_running_loop()
        future: asyncio.Future[Any] = loop.create_future()
        self.pending.append((job, future))
        if len(self.pending) >= self.size:
            self.send()
        elif self.timer is None:
            self.timer = loop.call_later(BATCH_DELAY, self.send)
        return await future

    def send(self) -> None:
        if self.timer is not None:
            self.timer.cancel()
            self.timer = None
        batch, self.pending = self.pending, []
        if not batch:
            return
        done = asyncio.wrap_future(self.pool.submit(prepare_many, [job for job, _ in batch]))

        def deliver(finished: asyncio.Future[list[Any]]) -> None:
            error = finished.exception()
            for n, (_, future) in enumerate(batch):
                if future.done():
                    continue
                if error is not None:
                    future.set_exception(error)
                else:
                    future.set_result(finished.result()[n])

        done.add_done_callback(deliver)


# Pages per round trip to a worker, and the longest a page waits for company.
# bench/crawl.py: per-page round trips cost Scrapy's process about 1 ms a page.
BATCH_SIZE = 8
BATCH_DELAY = 0.005


class PreparePipeline:
    """PageItem -> DocumentDraft with quotations (or a FailureItem); drafts get quotations."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        setting = crawler.settings.get("ONRECORD_WORKERS")
        self.workers = default_workers() if setting is None else int(setting)
        self.batches: _Batches | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> PreparePipeline:
        return cls(crawler)

    def _default_speaker(self) -> str | None:
        source = getattr(self.crawler.spider, "source", None)
        if source is None or source.role != "statements":
            return None
        return source.speaker  # type: ignore[no-any-return]

    async def process_item(self, item: Any) -> Any:
        raw = None
        if isinstance(item, PageItem):
            # The raw bytes stay here: the worker needs the decoded text only,
            # and a page's bytes sent both ways cost more than storing them.
            raw, item = item.body, replace(item, body=b"")
        elif not (isinstance(item, DocumentDraft) and item.quotes is None):
            return item
        job = (item, self._default_speaker())
        pool = shared_pool(self.workers)
        if pool is None:
            result = prepare_many([job])[0]
        else:
            if self.batches is None:
                self.batches = _Batches(pool, BATCH_SIZE)
            result = await self.batches.run(job)
        if raw is not None:
            if isinstance(result, DocumentDraft):
                result.raw = raw
            elif isinstance(result, FailureItem):
                result.body = raw
        return result


class StorePipeline:
    """Drafts, deletions and failures into the database, in batches, with per-run counts."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.db_url = crawler.settings.get("ONRECORD_DB")
        self.batch_size = crawler.settings.getint("ONRECORD_STORE_BATCH", 50)
        self.counts: Counter[str] = Counter()
        self.store: Store | None = None
        self.source_id: int | None = None
        self.context = SourceContext()
        self.run_id: int | None = None
        self.buffer: list[Any] = []
        self.states: list[SourceState] = []
        self.timer: task.LoopingCall | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StorePipeline:
        return cls(crawler)

    def open_spider(self) -> None:
        self.store = open_store(self.db_url)
        name = self.crawler.spider.name if self.crawler.spider else None
        with self.store.session() as session:
            source = session.scalar(select(Source).where(Source.name == name))
            self.source_id = source.id if source else None
            self.context = SourceContext.load(session, source)
            if source is not None:
                run = CrawlRun(source_id=source.id)
                session.add(run)
                session.flush()
                self.run_id = run.id
        # A slow trickle of items is still written within a second.
        self.timer = task.LoopingCall(self.flush)
        self.timer.start(1.0, now=False)

    def process_item(self, item: Any) -> Any:
        if isinstance(item, SourceState):
            # Cursors (since_id, ...) move only once everything before them is stored:
            # kept until the crawl closes, so a crash never skips posts.
            self.states.append(item)
        elif isinstance(item, DocumentDraft | GoneItem | FailureItem):
            self.buffer.append(item)
            if len(self.buffer) >= self.batch_size:
                self.flush()
        return item

    def flush(self) -> None:
        """Write the buffered items in one transaction (or one by one if that fails)."""
        if not self.buffer or self.store is None:
            return
        batch, self.buffer = self.buffer, []
        counts: Counter[str] = Counter()
        try:
            with self.store.session() as session:
                drafts = [item for item in batch if isinstance(item, DocumentDraft)]
                self._store_drafts(session, drafts, counts)
                for item in batch:
                    if not isinstance(item, DocumentDraft):
                        self._store(session, item, counts)
        except Exception:
            logger.warning("a batch of %d items failed; storing them one by one", len(batch))
            counts = Counter()
            for item in batch:
                self._store_alone(item, counts)
        self.counts.update(counts)
        self.crawler.stats.set_value("onrecord/counts", dict(self.counts))

    def _store_drafts(
        self, session: Session, drafts: list[DocumentDraft], counts: Counter[str]
    ) -> None:
        for draft, result in zip(
            drafts, ingest_documents(session, drafts, self.context), strict=True
        ):
            counts[result.status] += 1
            counts["quotations"] += result.quotations
            counts["posts"] += len(draft.embedded)

    def _store(self, session: Session, item: Any, counts: Counter[str]) -> None:
        if isinstance(item, DocumentDraft):
            self._store_drafts(session, [item], counts)
        elif isinstance(item, GoneItem):
            counts["deleted" if record_gone(session, item) else "gone-unknown"] += 1
        elif isinstance(item, FailureItem):
            record_failure(session, item, self.context)
            counts["failed"] += 1
        elif isinstance(item, SourceState) and self.source_id is not None:
            source = session.get(Source, self.source_id)
            if source is not None:
                source.state = {**(source.state or {}), **item.state}

    def _store_alone(self, item: Any, counts: Counter[str]) -> None:
        assert self.store is not None
        try:
            with self.store.session() as session:
                self._store(session, item, counts)
        except Exception as exc:
            logger.error(
                "could not store %s: %s\n%s",
                getattr(item, "url", item),
                exc,
                traceback.format_exc(),
            )
            counts["failed"] += 1
            failure = FailureItem(
                getattr(item, "source", ""),
                getattr(item, "url", "?"),
                f"could not store: {exc}",
                None,
                getattr(item, "raw", None),
            )
            with self.store.session() as session:
                record_failure(session, failure, self.context)

    def close_spider(self) -> None:
        assert self.store is not None
        if self.timer is not None and self.timer.running:
            self.timer.stop()
        self.flush()
        self.buffer, self.states = list(self.states), []
        self.flush()  # the cursors, last
        reason = self.crawler.stats.get_value("finish_reason") or "finished"
        with self.store.session() as session:
            source = session.get(Source, self.source_id) if self.source_id else None
            stored = sum(self.counts[k] for k in ("new", "changed", "unchanged"))
            ok = bool(stored) or not self.counts["failed"]
            if source is not None and ok:
                source.last_success_at = utcnow()
            if source is not None and self.context.changed:
                source.last_new_at = utcnow()
            run = session.get(CrawlRun, self.run_id) if self.run_id is not None else None
            if run is not None:
                run.finished_at = utcnow()
                run.stats = dict(self.counts)
                run.status = "ok" if ok else "failed"
                run.error = None if ok else (source.last_failure_reason if source else reason)
        self.store.close()
