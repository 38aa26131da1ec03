"""PostgreSQL test databases: a migrated template, and a copy of it per test."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL


@dataclass
class PgServer:
    admin_url: URL
    template: str

    def create(self) -> str:
        name = f"onrecord_t_{uuid.uuid4().hex[:12]}"
        pg_exec(self.admin_url, f'CREATE DATABASE "{name}" TEMPLATE "{self.template}"')
        return name

    def drop(self, name: str) -> None:
        pg_exec(self.admin_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def url(self, name: str) -> str:
        return self.admin_url.set(database=name).render_as_string(hide_password=False)


def pg_exec(admin_url: URL, sql: str) -> None:
    engine = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            conn.execute(text(sql))
    finally:
        engine.dispose()
