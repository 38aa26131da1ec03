"""One leader among `onrecord run` processes, so that nothing runs twice.

PostgreSQL: a session-level advisory lock held on a dedicated connection for
the leader's whole life; when the process dies the connection closes and
another process takes over. SQLite: an exclusive lock on a file next to the
database (one machine is the only place an SQLite file is shared).
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path
from typing import IO

from sqlalchemy import Connection, text

from store.db import Store

# The advisory lock's key: a constant of our own ("onrecord" in ASCII, as a number).
ADVISORY_KEY = 0x6F6E7265636F7264


class Leadership:
    """Try to become the leader; hold it until released (or the process ends)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.connection: Connection | None = None
        self.lockfile: IO[bytes] | None = None

    def acquire(self) -> bool:
        """True when this process is (now) the leader."""
        if self.connection is not None or self.lockfile is not None:
            return True
        if self.store.backend == "postgresql":
            conn = self.store.engine.connect()
            got = conn.execute(
                text("SELECT pg_try_advisory_lock(:k)"), {"k": ADVISORY_KEY}
            ).scalar()
            conn.commit()
            if got:
                self.connection = conn
                return True
            conn.close()
            return False
        path = Path(self.store.url.database or "onrecord.db").expanduser()
        handle = open(f"{path}.run.lock", "ab")  # noqa: SIM115 - held open while leading
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            handle.close()
            return False
        handle.truncate(0)
        handle.write(f"{os.getpid()}\n".encode())
        handle.flush()
        self.lockfile = handle
        return True

    def release(self) -> None:
        if self.connection is not None:
            try:
                self.connection.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": ADVISORY_KEY})
                self.connection.commit()
            finally:
                self.connection.close()
                self.connection = None
        if self.lockfile is not None:
            fcntl.flock(self.lockfile.fileno(), fcntl.LOCK_UN)
            self.lockfile.close()
            self.lockfile = None
