"""Crawl tests: a local fixture server, and `onrecord crawl` run as users run it.

Each crawl is a real `onrecord crawl` in a subprocess (a Twisted reactor
cannot be restarted in the test process), over real HTTP to the fixture
server, into the test's database.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from fixture_server import FixtureServer

# Fast but real: no politeness delays against our own loopback server.
TEST_SETTINGS = [
    "AUTOTHROTTLE_ENABLED=false",
    "DOWNLOAD_DELAY=0",
    "ONRECORD_RETRY_BACKOFF=0.05",
    "DOWNLOAD_TIMEOUT=3",
    "ONRECORD_PROGRESS=false",
]


@dataclass
class CrawlResult:
    code: int
    summary: dict[str, Any]
    stderr: str

    def source(self, name: str) -> dict[str, Any]:
        return next(s for s in self.summary["sources"] if s["name"] == name)


@pytest.fixture(scope="session")
def server() -> Iterator[FixtureServer]:
    started = FixtureServer().start()
    yield started
    started.stop()


@pytest.fixture
def site(server: FixtureServer) -> Iterator[FixtureServer]:
    """The fixture server with no routes changed by an earlier test."""
    server.reset()
    yield server
    server.reset()


@pytest.fixture
def crawl(db_url: str, tmp_path: Path, site: FixtureServer) -> Callable[..., CrawlResult]:
    """``crawl(toml, *names, settings=[...])`` runs `onrecord crawl --json` and parses its summary.

    ``{{BASE}}`` in the TOML is the fixture server's address.
    """

    def run(toml: str, *names: str, settings: list[str] | None = None) -> CrawlResult:
        sources = tmp_path / "sources.toml"
        sources.write_text(toml.replace("{{BASE}}", site.url), encoding="utf-8")
        args = [
            sys.executable,
            "-m",
            "onrecord",
            "crawl",
            "--sources",
            str(sources),
            "--db",
            db_url,
            "--json",
            *names,
        ]
        for setting in [*TEST_SETTINGS, *(settings or [])]:
            args += ["-s", setting]
        done = subprocess.run(args, capture_output=True, text=True, timeout=300)
        assert "Traceback" not in done.stderr, done.stderr
        summary = json.loads(done.stdout) if done.stdout.strip() else {}
        return CrawlResult(done.returncode, summary, done.stderr)

    return run
