"""Schema versions with Alembic: create on first use, upgrade, or say what to run."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine
from sqlalchemy.engine import URL

from store.errors import SchemaMismatch

MIGRATIONS_DIR = Path(__file__).with_name("migrations")


def alembic_config(engine: Engine | None = None) -> Config:
    """An Alembic config for our migrations; with ``engine``, env.py uses it directly."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if engine is not None:
        config.attributes["engine"] = engine
    return config


def head_revision() -> str:
    heads = ScriptDirectory.from_config(alembic_config()).get_heads()
    return heads[0]


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        heads = MigrationContext.configure(conn).get_current_heads()
    return heads[0] if heads else None


def upgrade(engine: Engine) -> tuple[str | None, str]:
    """Bring the database to the newest schema; returns (before, after)."""
    before = current_revision(engine)
    command.upgrade(alembic_config(engine), "head")
    return before, head_revision()


def ensure_schema(engine: Engine, url: URL, *, upgrade: bool) -> None:
    """Make sure the database has this version's schema.

    An empty database is created. An older one is upgraded when ``upgrade`` is
    true, otherwise the error says what to run. A newer one, or a database
    that is not onrecord's, is refused with a message saying so.
    """
    from store.db import describe, has_tables

    script = ScriptDirectory.from_config(alembic_config())
    head = script.get_current_head()
    current = current_revision(engine)
    if current == head:
        return
    where = describe(url)
    if current is None:
        if has_tables(engine, ignore=("alembic_version",)):
            raise SchemaMismatch(
                f"{where} has tables but no onrecord schema version: it is not an onrecord "
                "database (give another --db)"
            )
        command.upgrade(alembic_config(engine), "head")
        return
    try:
        script.get_revision(current)
    except Exception as exc:  # alembic raises several kinds for an unknown revision
        raise SchemaMismatch(
            f"{where} is at schema revision {current}, which this onrecord does not know: "
            "it was written by a newer onrecord; upgrade onrecord"
        ) from exc
    if not upgrade:
        raise SchemaMismatch(
            f"{where} is at schema revision {current}, this onrecord needs {head}: "
            f"run `onrecord migrate --db '{where}'`"
        )
    command.upgrade(alembic_config(engine), "head")
