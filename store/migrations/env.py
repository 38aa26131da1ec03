"""Alembic environment for onrecord.

The database comes from the engine handed over by ``store.migrate`` or, when
the ``alembic`` command runs it (CI's ``alembic check``), from ``-x db=URL``,
then ``ONRECORD_DB``, then the embedded default.
"""

from __future__ import annotations

import os
from typing import Any, Literal

from alembic import context
from sqlalchemy import Engine

from store.db import make_engine, resolve_url
from store.models import Base, UTCDateTime
from store.search import is_search_object

config = context.config
target_metadata = Base.metadata


def include_object(
    obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any
) -> bool:
    # The search indexes are backend-specific and built by hand in the
    # migrations (store.search); autogenerate must not try to drop them.
    return not is_search_object(name, type_)


def render_item(type_: str, obj: Any, autogen_context: Any) -> str | Literal[False]:
    # Migrations stay independent of the model code: UTCDateTime is a plain
    # timezone-aware DateTime in the database.
    if type_ == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    return False


def run_migrations(engine: Engine) -> None:
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            include_object=include_object,
            render_as_batch=connection.dialect.name == "sqlite",
            compare_type=True,
            render_item=render_item,
        )
        with context.begin_transaction():
            context.run_migrations()


def main() -> None:
    engine = config.attributes.get("engine")
    if engine is not None:
        run_migrations(engine)
        return
    raw = context.get_x_argument(as_dictionary=True).get("db") or os.environ.get("ONRECORD_DB")
    engine = make_engine(resolve_url(raw))
    try:
        run_migrations(engine)
    finally:
        engine.dispose()


main()
