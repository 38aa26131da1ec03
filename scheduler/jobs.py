"""The service's jobs. APScheduler stores them in the database by reference
(``scheduler.jobs:crawl_job`` with the source's name), so they survive a
restart; what they need at run time (database, sources file) comes from the
running service, never from the stored job (a PostgreSQL URL may hold a password).
"""

from __future__ import annotations

import json
import logging
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from typing import Any

logger = logging.getLogger("onrecord.run")


@dataclass
class Runtime:
    """What the running service gives its jobs."""

    db_url: str | None
    sources_file: str
    crawl_timeout: float = 3600.0
    after_crawl: Any = None  # called with the crawl's summary (the service triggers linking)
    children: set[subprocess.Popen[str]] = field(default_factory=set)
    lock: threading.Lock = field(default_factory=threading.Lock)
    stopping: bool = False
    # Crawls write, linking reads by watermarks: on PostgreSQL rows may commit out
    # of id order while a crawl runs, and a watermark could pass them by. So
    # linking waits for running crawls to end, and crawls wait for linking.
    quiet: threading.Condition = field(default_factory=threading.Condition)
    crawls_running: int = 0
    linking: bool = False


RUNTIME: Runtime | None = None


def crawl_job(name: str) -> dict[str, Any] | None:
    """Crawl one source in a subprocess (a Twisted reactor cannot restart in this one)."""
    runtime = RUNTIME
    if runtime is None or runtime.stopping:
        return None
    args = [
        sys.executable,
        "-m",
        "onrecord",
        "crawl",
        "--sources",
        runtime.sources_file,
        name,
        "--json",
    ]
    if runtime.db_url:
        args += ["--db", runtime.db_url]
    with runtime.quiet:
        runtime.quiet.wait_for(lambda: not runtime.linking)
        runtime.crawls_running += 1
    try:
        return _crawl(runtime, name, args)
    finally:
        with runtime.quiet:
            runtime.crawls_running -= 1
            runtime.quiet.notify_all()


def _crawl(runtime: Runtime, name: str, args: list[str]) -> dict[str, Any] | None:
    started = time.monotonic()
    logger.info("crawl:%s started", name)
    process = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    with runtime.lock:
        runtime.children.add(process)
    try:
        out, err = process.communicate(timeout=runtime.crawl_timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        out, err = process.communicate()
        logger.error(
            "crawl:%s killed after %.0f s (ONRECORD_CRAWL_TIMEOUT)", name, runtime.crawl_timeout
        )
        return None
    finally:
        with runtime.lock:
            runtime.children.discard(process)
    seconds = time.monotonic() - started
    try:
        summary = json.loads(out) if out.strip() else None
    except ValueError:
        summary = None
    if summary is None:
        last = (err.strip().splitlines() or ["no output"])[-1]
        logger.error(
            "crawl:%s failed in %.1f s (exit %s): %s", name, seconds, process.returncode, last
        )
        return None
    totals = summary["totals"]
    logger.info(
        "crawl:%s done in %.1f s: %d new, %d changed, %d unchanged, %d failed, %d deleted, "
        "%d quotations",
        name,
        seconds,
        totals["new"],
        totals["changed"],
        totals["unchanged"],
        totals["failed"],
        totals["deleted"],
        totals["quotations"],
    )
    news = totals["new"] or totals["changed"]
    if runtime.after_crawl is not None and news and not runtime.stopping:
        runtime.after_crawl(summary)
    return summary  # type: ignore[no-any-return]


def link_job() -> dict[str, Any] | None:
    """Run the linking job once, in this process."""
    runtime = RUNTIME
    if runtime is None or runtime.stopping:
        return None
    from scheduler.linking.job import run_linking
    from store.db import open_store

    with runtime.quiet:
        runtime.quiet.wait_for(lambda: runtime.crawls_running == 0 or runtime.stopping)
        if runtime.stopping:
            return None
        runtime.linking = True
    started = time.monotonic()
    store = open_store(runtime.db_url)
    try:
        report = run_linking(store)
    finally:
        store.close()
        with runtime.quiet:
            runtime.linking = False
            runtime.quiet.notify_all()
    added = report.links_added
    logger.info(
        "link done in %.1f s: %d quotations examined, %d merged, %d articles examined, "
        "%d reports and %d covers links added",
        time.monotonic() - started,
        report.quotations_examined,
        report.quotations_merged,
        report.articles_examined,
        added.get("reports", 0),
        added.get("covers", 0),
    )
    return report.to_json()
