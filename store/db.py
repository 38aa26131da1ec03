"""Opening a database: URL rules, engine set-up, schema version check.

One SQLAlchemy URL decides the backend. No engine is created at import time:
callers open a :class:`Store` and close it when done.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError
from sqlalchemy.orm import Session, sessionmaker

from store.errors import DatabaseUnavailable, SchemaMismatch

SUPPORTED_BACKENDS = ("sqlite", "postgresql")


def default_sqlite_path() -> Path:
    """Where the embedded database lives unless told otherwise.

    ``$ONRECORD_HOME/onrecord.db`` when set, else the XDG data directory
    (``~/.local/share/onrecord/onrecord.db``).
    """
    home = os.environ.get("ONRECORD_HOME")
    if home:
        return Path(home).expanduser() / "onrecord.db"
    data = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(data) / "onrecord" / "onrecord.db"


def resolve_url(raw: str | None) -> URL:
    """Turn what the user gave (a URL, a file path or nothing) into a SQLAlchemy URL.

    ``postgresql://`` and ``postgres://`` use psycopg 3; a bare path is a SQLite file.
    """
    if not raw:
        path = default_sqlite_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        return URL.create("sqlite", database=str(path))
    raw = raw.strip()
    if "://" not in raw:
        return URL.create("sqlite", database=str(Path(raw).expanduser()))
    if raw.startswith("postgres://"):
        raw = "postgresql://" + raw[len("postgres://") :]
    try:
        url = make_url(raw)
    except (ArgumentError, ValueError) as exc:
        raise DatabaseUnavailable(
            f"not a database URL: {raw!r} "
            "(use sqlite:///path/to/file.db, a file path, or postgresql://user@host:5432/dbname)"
        ) from exc
    backend = url.get_backend_name()
    if backend not in SUPPORTED_BACKENDS:
        raise DatabaseUnavailable(
            f"unsupported database {backend!r} in {url.render_as_string(hide_password=True)}: "
            "onrecord runs on SQLite and PostgreSQL"
        )
    if backend == "postgresql" and url.drivername == "postgresql":
        url = url.set(drivername="postgresql+psycopg")
    return url


def describe(url: URL) -> str:
    """The URL as shown to a person (password hidden)."""
    return url.render_as_string(hide_password=True)


def _sqlite_pragmas(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    # WAL lets readers (the web UI) work while a crawl writes; foreign keys are
    # off by default in SQLite.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    # The default 2 MB page cache thrashes once indexes outgrow it (a million
    # quotations): 64 MB and a memory map keep them hot (bench/search.py load).
    cursor.execute("PRAGMA cache_size=-65536")
    cursor.execute("PRAGMA mmap_size=268435456")
    cursor.execute("PRAGMA temp_store=MEMORY")
    cursor.close()


def make_engine(url: URL) -> Engine:
    """An engine for ``url`` with the per-backend settings onrecord relies on."""
    try:
        return _make_engine(url)
    except (NoSuchModuleError, ImportError, ArgumentError) as exc:
        raise DatabaseUnavailable(
            f"cannot use {describe(url)}: {first_line(exc)} "
            "(use sqlite:///path/to/file.db or postgresql://user@host:5432/dbname)"
        ) from exc


def _make_engine(url: URL) -> Engine:
    if url.get_backend_name() == "sqlite":
        database = url.database or ""
        if database and database != ":memory:":
            parent = Path(database).expanduser().resolve().parent
            if not parent.is_dir():
                raise DatabaseUnavailable(
                    f"cannot open SQLite database {database!r}: directory {str(parent)!r} "
                    "does not exist"
                )
        engine = create_engine(url)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(
        url,
        pool_pre_ping=True,
        connect_args={
            "connect_timeout": 10,
            "application_name": "onrecord",
            # Our working set is in memory or on SSD: random reads cost about
            # what sequential ones do. With the default (4) the planner walks
            # the primary key past 100,000 rows rather than read 4,000 rows
            # found by the full-text index (bench/search.py: 41 ms -> 17 ms).
            "options": "-c random_page_cost=1.1",
        },
    )


def first_line(exc: BaseException) -> str:
    """The first line of a driver error: enough to act on, no SQL dump."""
    orig = getattr(exc, "orig", None) or exc
    text = str(orig).strip().splitlines()
    return text[0] if text else type(orig).__name__


@dataclass
class Store:
    """An open database: the engine and a session factory."""

    url: URL
    engine: Engine
    sessions: sessionmaker[Session]

    @property
    def backend(self) -> str:
        return self.url.get_backend_name()

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session in one transaction: committed on success, rolled back on error."""
        with self.sessions.begin() as session:
            yield session

    def close(self) -> None:
        self.engine.dispose()


def open_store(raw_url: str | None = None, *, upgrade: bool | None = None) -> Store:
    """Open (and on first use create) the database at ``raw_url``.

    A database at an older schema is upgraded when ``upgrade`` is true, which
    is the default for SQLite files (the embedded default belongs to one user);
    on PostgreSQL the error says to run ``onrecord migrate``.
    """
    from store import migrate

    url = resolve_url(raw_url)
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            conn.exec_driver_sql("SELECT 1")
    except DBAPIError as exc:
        engine.dispose()
        raise DatabaseUnavailable(f"cannot connect to {describe(url)}: {first_line(exc)}") from exc
    if upgrade is None:
        upgrade = url.get_backend_name() == "sqlite"
    try:
        migrate.ensure_schema(engine, url, upgrade=upgrade)
    except (SchemaMismatch, DatabaseUnavailable):
        engine.dispose()
        raise
    except DBAPIError as exc:
        engine.dispose()
        raise DatabaseUnavailable(f"cannot use {describe(url)}: {first_line(exc)}") from exc
    return Store(url, engine, sessionmaker(engine, expire_on_commit=False))


def has_tables(engine: Engine, ignore: tuple[str, ...] = ()) -> bool:
    """True when the database holds a table (ours or someone else's) not in ``ignore``."""
    return any(name not in ignore for name in inspect(engine).get_table_names())
