"""Schema versions: created on first use, upgraded, or refused with what to run."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic import command
from alembic.script import ScriptDirectory
from databases import PgServer, pg_exec
from sqlalchemy import create_engine, inspect, select, text

from store.db import open_store, resolve_url
from store.errors import DatabaseUnavailable, SchemaMismatch
from store.migrate import alembic_config, current_revision, head_revision
from store.models import Source

EXPECTED_TABLES = {
    "source",
    "speaker",
    "speaker_alias",
    "raw_blob",
    "document",
    "document_version",
    "quotation",
    "occurrence",
    "link",
    "subscription",
    "delivery",
}


def older_revisions() -> list[str]:
    """Every revision before head, and "base" (an emptied database)."""
    script = ScriptDirectory.from_config(alembic_config())
    revisions = [r.revision for r in script.walk_revisions()][1:]
    return [*revisions, "base"]


def test_a_new_sqlite_file_is_created_on_first_use(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "new.db"
    path.parent.mkdir()
    store = open_store(str(path))
    try:
        assert set(inspect(store.engine).get_table_names()) >= EXPECTED_TABLES
        assert current_revision(store.engine) == head_revision()
    finally:
        store.close()


def test_a_new_postgresql_database_is_created_on_first_use(pg_server: PgServer) -> None:
    name = f"{pg_server.template}_empty"
    pg_exec(pg_server.admin_url, f'CREATE DATABASE "{name}"')
    try:
        store = open_store(pg_server.url(name))
        try:
            assert set(inspect(store.engine).get_table_names()) >= EXPECTED_TABLES
            with store.engine.connect() as conn:  # the search column and extension are there
                assert (
                    conn.execute(
                        text("SELECT count(*) FROM pg_extension WHERE extname = 'pg_trgm'")
                    ).scalar()
                    == 1
                )
        finally:
            store.close()
    finally:
        pg_server.drop(name)


@pytest.mark.parametrize("revision", older_revisions())
def test_an_older_database_is_upgraded_or_says_what_to_run(
    db_url: str, backend: str, revision: str
) -> None:
    store = open_store(db_url)
    command.downgrade(alembic_config(store.engine), revision)
    if revision != "base":  # a database in use: its rows must survive the upgrade
        with store.engine.begin() as conn:
            conn.execute(
                text(
                    "INSERT INTO source (name, kind, url, role, config, created_at) "
                    "VALUES ('president-az', 'feed', 'https://president.az/en/rss', 'statements', "
                    "'{}', CURRENT_TIMESTAMP)"
                )
            )
    store.close()
    if backend == "postgresql" and revision != "base":
        with pytest.raises(SchemaMismatch, match="run `onrecord migrate --db"):
            open_store(db_url)
    reopened = open_store(db_url, upgrade=True)
    try:
        assert current_revision(reopened.engine) == head_revision()
        if revision != "base":
            with reopened.session() as s:
                source = s.scalars(select(Source)).one()
                assert source.name == "president-az" and source.state == {}
    finally:
        reopened.close()


def test_a_database_from_a_newer_onrecord_is_refused(pg_server: PgServer) -> None:
    name = pg_server.create()
    db_url = pg_server.url(name)
    store = open_store(db_url)
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0000'"))
    store.close()
    # an unknown revision reads as "written by a newer onrecord"
    try:
        with pytest.raises(SchemaMismatch, match="newer onrecord"):
            open_store(db_url)
    finally:
        pg_server.drop(name)


def test_a_database_of_something_else_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE invoices (id integer primary key)"))
    engine.dispose()
    with pytest.raises(SchemaMismatch, match="not an onrecord database"):
        open_store(str(path))


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("mysql://root@localhost/x", "unsupported database 'mysql'"),
        ("postgresql://postgres@127.0.0.1:1/test", "cannot connect"),
        ("/no/such/directory/x.db", "does not exist"),
        ("sqlite+foo:///x.db", "cannot use sqlite\\+foo"),
        ("postgresql://u@h:notaport/d", "not a database URL"),
    ],
)
def test_bad_urls_say_what_is_wrong(raw: str, message: str) -> None:
    with pytest.raises(DatabaseUnavailable, match=message):
        open_store(raw)


def test_url_forms() -> None:
    assert resolve_url("postgres://u@h/d").drivername == "postgresql+psycopg"
    assert resolve_url("postgresql://u@h/d").drivername == "postgresql+psycopg"
    assert resolve_url("data/x.db").drivername == "sqlite"
    assert resolve_url("sqlite:///x.db").database == "x.db"
