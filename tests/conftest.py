"""Shared fixtures: a fresh, migrated database per test on each backend.

Every test that asks for ``db_url`` runs twice: on an SQLite file and on a
PostgreSQL database. Each test gets its own copy of a migrated template
(a file copy, or ``CREATE DATABASE ... TEMPLATE``), so tests are isolated and
committed data is visible to the CLI under test.

PostgreSQL: ``ONRECORD_TEST_PG`` (default the local server's ``test``
database) is where test databases are created. When it cannot be reached the
PostgreSQL half is skipped, unless ``ONRECORD_REQUIRE_PG=1`` (CI sets it),
which makes that a failure.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from databases import PgServer, pg_exec
from seed import Corpus, seed_corpus
from sqlalchemy.engine import make_url

from store.db import Store, open_store

PG_ADMIN_URL = os.environ.get(
    "ONRECORD_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
REQUIRE_PG = os.environ.get("ONRECORD_REQUIRE_PG") == "1"
BACKENDS = ["sqlite", "postgresql"]


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated SQLite file that each test copies."""
    path = tmp_path_factory.mktemp("template") / "template.db"
    open_store(str(path)).close()
    return path


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    """A migrated PostgreSQL template database, dropped at the end of the session."""
    admin = make_url(PG_ADMIN_URL)
    try:
        pg_exec(admin, "SELECT 1")
    except Exception as exc:
        message = f"PostgreSQL not reachable at {PG_ADMIN_URL}: {exc}"
        if REQUIRE_PG:
            pytest.fail(message)
        pytest.skip(message)
    template = f"onrecord_tpl_{uuid.uuid4().hex[:12]}"
    pg_exec(admin, f'CREATE DATABASE "{template}"')
    server = PgServer(admin, template)
    try:
        open_store(server.url(template), upgrade=True).close()
        yield server
    finally:
        server.drop(template)


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def db_url(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[str]:
    """The URL of a fresh, migrated database of ``backend`` for this test alone."""
    if backend == "sqlite":
        path = tmp_path / "onrecord.db"
        shutil.copyfile(request.getfixturevalue("sqlite_template"), path)
        yield str(path)
        return
    server: PgServer = request.getfixturevalue("pg_server")
    name = server.create()
    try:
        yield server.url(name)
    finally:
        server.drop(name)


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    opened = open_store(db_url)
    try:
        yield opened
    finally:
        opened.close()


@pytest.fixture
def corpus(store: Store) -> Corpus:
    """``seed_corpus`` committed to this test's database."""
    with store.session() as session:
        return seed_corpus(session)


# ------------------------------------------------------------------ the command


@dataclass
class Run:
    """What a run of the ``onrecord`` command gave: exit code, stdout, stderr."""

    code: int
    out: str
    err: str


@pytest.fixture
def onrecord(capsys: pytest.CaptureFixture[str]) -> Callable[..., Run]:
    """``onrecord(*args)`` runs the command in-process, as a user's shell would."""
    from onrecord.cli import main

    def run(*args: str) -> Run:
        capsys.readouterr()
        try:
            main(list(args))
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return run
