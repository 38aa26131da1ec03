"""`onrecord run`: the long-running service.

- a crawl job per source at its `every` interval (each crawl in a subprocess);
- the linking job on its own interval, and soon after a crawl brings
  something new;
- jobs kept in the database (APScheduler's SQLAlchemyJobStore), so they
  survive a restart; misfires coalesce; a job never overlaps itself;
- one leader among several `onrecord run` processes (scheduler.leader): the
  others wait on standby and take over when the leader goes;
- SIGTERM or SIGINT stops cleanly: no new jobs, running crawls are asked to
  stop and given a grace period, the lock is released.
"""

from __future__ import annotations

import logging
import os
import signal
import threading
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.background import BackgroundScheduler

from crawler.sources import SourceConfig, SourcesError, load_sources
from scheduler import jobs
from scheduler.leader import Leadership
from store.db import Store, open_store

logger = logging.getLogger("onrecord.run")

JOBS_TABLE = "apscheduler_jobs"
DEFAULT_CRAWL_EVERY = 3600  # a source without `every` is crawled hourly
LINK_AFTER_CRAWL_DELAY = 5.0  # seconds: several crawls finishing together link once
SOURCES_CHECK_SECONDS = 10.0  # how often the sources file is checked for edits


def _mtime(path: str) -> float | None:
    try:
        return os.stat(path).st_mtime
    except OSError:
        return None


@dataclass
class ServiceConfig:
    db_url: str | None
    sources_file: str
    link_every: int = 900  # seconds
    crawl_timeout: float = 3600.0
    leader_retry: float = 10.0  # seconds between tries to become the leader
    stop_grace: float = 20.0  # seconds a running crawl gets to finish after SIGTERM
    max_parallel_crawls: int = 2


def _sync_jobs(
    scheduler: BackgroundScheduler, sources: list[SourceConfig], link_every: int
) -> None:
    """Make the stored jobs match the sources file (added, changed, removed)."""
    wanted = set()
    for source in sources:
        job_id = f"crawl:{source.name}"
        wanted.add(job_id)
        scheduler.add_job(
            jobs.crawl_job,
            "interval",
            seconds=source.every_seconds or DEFAULT_CRAWL_EVERY,
            args=[source.name],
            id=job_id,
            name=job_id,
            replace_existing=True,
            next_run_time=_keep_next_run(scheduler, job_id),
        )
    scheduler.add_job(
        jobs.link_job,
        "interval",
        seconds=link_every,
        id="link",
        name="link",
        replace_existing=True,
        next_run_time=_keep_next_run(scheduler, "link"),
    )
    for job in scheduler.get_jobs():
        if job.id.startswith("crawl:") and job.id not in wanted:
            logger.info("%s removed: no longer in the sources file", job.id)
            job.remove()


def _keep_next_run(scheduler: BackgroundScheduler, job_id: str) -> datetime:
    """A restarted service keeps a job's schedule; a new job runs now."""
    existing = scheduler.get_job(job_id)
    if existing is not None and existing.next_run_time is not None:
        return existing.next_run_time  # type: ignore[no-any-return]
    return datetime.now(UTC)


def _scheduler(store: Store, config: ServiceConfig) -> BackgroundScheduler:
    return BackgroundScheduler(
        jobstores={"default": SQLAlchemyJobStore(engine=store.engine, tablename=JOBS_TABLE)},
        executors={"default": ThreadPoolExecutor(config.max_parallel_crawls + 1)},
        job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": 3600},
        timezone=UTC,
    )


def _stop_children(runtime: jobs.Runtime, grace: float) -> None:
    """Ask running crawls to stop (SIGTERM), kill what is still running after ``grace``."""
    with runtime.lock:
        children = list(runtime.children)
    for child in children:
        child.terminate()
    deadline = datetime.now(UTC) + timedelta(seconds=grace)
    for child in children:
        remaining = (deadline - datetime.now(UTC)).total_seconds()
        try:
            child.wait(timeout=max(0.1, remaining))
        except Exception:
            child.kill()


def run_service(config: ServiceConfig, stop: threading.Event | None = None) -> None:
    """Run until SIGTERM/SIGINT (or ``stop`` is set)."""
    stop = stop or threading.Event()
    if threading.current_thread() is threading.main_thread():
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, lambda *_: stop.set())
    sources = load_sources(config.sources_file)
    store = open_store(config.db_url)
    leadership = Leadership(store)
    try:
        if not leadership.acquire():
            logger.info("another `onrecord run` leads on %s: standing by", store.url.database)
            while not stop.wait(config.leader_retry):
                if leadership.acquire():
                    break
            if stop.is_set():
                logger.info("stopped while on standby")
                return
        logger.info("leading: %d sources, linking every %d s", len(sources), config.link_every)
        _lead(store, config, sources, stop)
    finally:
        leadership.release()
        store.close()


def _lead(
    store: Store, config: ServiceConfig, sources: list[SourceConfig], stop: threading.Event
) -> None:
    scheduler = _scheduler(store, config)
    runtime = jobs.Runtime(
        db_url=config.db_url, sources_file=config.sources_file, crawl_timeout=config.crawl_timeout
    )

    def link_soon(_summary: object) -> None:
        when = datetime.now(UTC) + timedelta(seconds=LINK_AFTER_CRAWL_DELAY)
        job = scheduler.get_job("link")
        if job is not None and (job.next_run_time is None or job.next_run_time > when):
            job.modify(next_run_time=when)

    runtime.after_crawl = link_soon
    jobs.RUNTIME = runtime
    scheduler.start(paused=True)
    _sync_jobs(scheduler, sources, config.link_every)
    scheduler.resume()
    seen = _mtime(config.sources_file)
    try:
        while not stop.wait(SOURCES_CHECK_SECONDS):
            changed = _mtime(config.sources_file)
            if changed != seen:  # the sources file was edited: follow it without a restart
                seen = changed
                try:
                    _sync_jobs(scheduler, load_sources(config.sources_file), config.link_every)
                    logger.info("sources file changed: jobs updated")
                except SourcesError as exc:
                    logger.error("sources file changed but is not usable (jobs kept): %s", exc)
    finally:
        logger.info("stopping: no new jobs; running crawls get %.0f s", config.stop_grace)
        with runtime.quiet:
            runtime.stopping = True
            runtime.quiet.notify_all()
        scheduler.pause()
        _stop_children(runtime, config.stop_grace)
        scheduler.shutdown(wait=True)
        jobs.RUNTIME = None
        logger.info("stopped")
