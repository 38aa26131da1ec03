"""`onrecord run`: real APScheduler, real crawls over the fixture server, both backends."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fixture_server import FixtureServer
from sqlalchemy import func, select, text

from store.db import Store
from store.models import Document, Link

SOURCES = """
[[source]]
name = "president"
kind = "feed"
url = "{base}/president/en/rss.rss"
speaker = "Viktor Sorel"
every = "3s"

[[source]]
name = "news"
kind = "feed"
url = "{base}/news/rss.rss"
role = "news"
every = "1h"
"""
FAST = json.dumps(
    {
        "AUTOTHROTTLE_ENABLED": False,
        "DOWNLOAD_DELAY": 0,
        "ONRECORD_PROGRESS": False,
        "ONRECORD_RETRY_BACKOFF": 0.05,
    }
)


@pytest.fixture(scope="module")
def server() -> Iterator[FixtureServer]:
    started = FixtureServer().start()
    yield started
    started.stop()


class Service:
    """An `onrecord run` process whose log we can read."""

    def __init__(self, db_url: str, sources: Path, log: Path) -> None:
        self.log_path = log
        self.handle = open(log, "w")  # noqa: SIM115 - closed in stop()
        env = {**os.environ, "ONRECORD_SCRAPY_SETTINGS": FAST}
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "onrecord",
                "run",
                "--sources",
                str(sources),
                "--db",
                db_url,
                "--link-every",
                "2s",
                "--leader-retry",
                "1s",
            ],
            stdout=self.handle,
            stderr=subprocess.STDOUT,
            env=env,
            text=True,
        )

    @property
    def log(self) -> str:
        return self.log_path.read_text()

    def wait_for(self, needle: str, timeout: float = 90) -> None:
        deadline = time.monotonic() + timeout
        while needle not in self.log:
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise AssertionError(f"{needle!r} never logged; log:\n{self.log}")
            time.sleep(0.2)

    def stop(self, timeout: float = 60) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        code = self.process.wait(timeout=timeout)
        self.handle.close()
        return code


@pytest.fixture
def start(db_url: str, tmp_path: Path, server: FixtureServer) -> Iterator[Callable[[], Service]]:
    sources = tmp_path / "sources.toml"
    sources.write_text(SOURCES.format(base=server.url))
    started: list[Service] = []

    def run() -> Service:
        service = Service(db_url, sources, tmp_path / f"run-{len(started)}.log")
        started.append(service)
        return service

    yield run
    for service in started:
        if service.process.poll() is None:
            service.process.kill()
            service.process.wait()


def test_crawls_and_links_on_schedule_then_stops_cleanly(start, store: Store) -> None:
    service = start()
    service.wait_for("crawl:president done")
    service.wait_for("crawl:news done")
    service.wait_for("link done")
    # the 3-second source comes round again; the hourly one does not
    service.wait_for("crawl:president started", timeout=30)
    deadline = time.monotonic() + 30
    while service.log.count("crawl:president done") < 2 and time.monotonic() < deadline:
        time.sleep(0.2)
    assert service.log.count("crawl:president done") >= 2
    assert service.log.count("crawl:news done") == 1
    assert service.stop() == 0
    log = service.log
    assert "stopping" in log and "stopped" in log and "Traceback" not in log
    with store.session() as s:
        kinds = dict(s.execute(select(Document.kind, func.count()).group_by(Document.kind)).all())
        assert kinds == {"statement": 3, "article": 2, "post": 1}  # the post: a tweet embedded
        assert s.scalar(select(func.count()).select_from(Link)) > 0  # the news reports Sorel


def test_jobs_are_kept_in_the_database_and_survive_a_restart(start, store: Store) -> None:
    first = start()
    first.wait_for("crawl:news done")
    assert first.stop() == 0
    with store.engine.connect() as conn:
        jobs = dict(conn.execute(text("SELECT id, next_run_time FROM apscheduler_jobs")).all())
    assert set(jobs) == {"crawl:president", "crawl:news", "link"}
    second = start()
    second.wait_for("leading")
    time.sleep(4)
    assert second.stop() == 0
    # the hourly news crawl was not run again at restart: its schedule was kept
    assert "crawl:news started" not in second.log
    assert "crawl:president done" in second.log


def test_two_services_elect_one_leader_and_the_standby_takes_over(start) -> None:
    leader = start()
    leader.wait_for("leading")
    standby = start()
    standby.wait_for("standing by")
    time.sleep(3)
    assert "crawl:" not in standby.log  # nothing runs twice
    assert leader.stop() == 0
    standby.wait_for("leading", timeout=30)
    standby.wait_for("crawl:president done")
    assert standby.stop() == 0
