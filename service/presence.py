"""Which workers run on a database, and one daemon per SQLite file (``newsmon run``, ``newsmon status``).

SQLite: the daemon holds an exclusive ``flock`` on ``<db>.lock`` for its life, so a second daemon on the same
file refuses to start; the kernel drops the lock however the process ends, so a stale file never blocks.
PostgreSQL: every daemon holds a shared advisory lock for its life; one that can take it exclusively at
start is alone, so the leases in the database belong to dead workers and can be taken back at once.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from pathlib import Path
from typing import IO

from sqlalchemy import Connection, Engine
from sqlalchemy.engine import make_url

from service.errors import StorageError
from service.storage import locks


def sqlite_path(database_url: str) -> Path | None:
    """The database file of a SQLite URL (None for PostgreSQL or an in-memory database)."""
    url = make_url(database_url)
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return None
    return Path(url.database).resolve()


def lock_path(database: Path) -> Path:
    return database.with_name(database.name + ".lock")


class DaemonFileLock:
    """An exclusive ``flock`` on ``<db>.lock``, held while the daemon runs. The kernel drops it when the
    process ends however it ends (kill -9 included), so a stale file never blocks a restart."""

    def __init__(self, database: Path) -> None:
        self.path = lock_path(database)
        self._file: IO[str] | None = None

    def acquire(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(self.path, "a+", encoding="utf-8")  # noqa: SIM115 - held open for the daemon's life
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            handle.seek(0)
            holder = handle.read().strip() or "unknown"
            handle.close()
            raise StorageError(
                f"{self.path.with_suffix('')}: another newsmon daemon (pid {holder}) is already running on "
                f"this SQLite database (lock file {self.path}); stop it first, or use PostgreSQL to run "
                "several workers"
            ) from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()}\n")
        handle.flush()
        self._file = handle

    def release(self) -> None:
        if self._file is not None:
            with contextlib.suppress(OSError):
                self._file.truncate(0)
            self._file.close()  # closing drops the flock
            self._file = None


def daemon_holding(database: Path) -> int | None:
    """The pid of the daemon running on a SQLite file, or None (for ``newsmon status``)."""
    path = lock_path(database)
    if not path.exists():
        return None
    with open(path, encoding="utf-8") as handle:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_SH | fcntl.LOCK_NB)
        except OSError:
            text_pid = handle.read().strip()
            return int(text_pid) if text_pid.isdigit() else -1
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
    return None


WORKERS_LOCK = "daemon-workers"


class WorkerPresence:
    """Which workers run on this database. On SQLite: the lock file (one daemon only). On PostgreSQL every
    daemon holds a shared advisory lock for its life; a starting daemon that can take it exclusively is
    alone, so the leases in the database belong to dead workers and can be taken back at once."""

    def __init__(self, database_url: str) -> None:
        self.database_url = database_url
        self.alone = False
        self._file_lock: DaemonFileLock | None = None
        self._connection: Connection | None = None

    def acquire_file_lock(self) -> None:
        """Before anything touches the database: refuse a second daemon on the same SQLite file."""
        database = sqlite_path(self.database_url)
        if database is not None:
            self._file_lock = DaemonFileLock(database)
            self._file_lock.acquire()
            self.alone = True

    def join(self, engine: Engine) -> None:
        """Register with the other workers (PostgreSQL) and learn whether this one is alone."""
        if not locks.is_postgres(engine):
            return
        connection = engine.connect()
        self.alone = locks.try_lock(connection, WORKERS_LOCK)
        locks.lock(connection, WORKERS_LOCK, shared=True)  # waits while another starter holds it alone
        if self.alone:
            locks.unlock(connection, WORKERS_LOCK)
        self._connection = connection

    def release(self) -> None:
        if self._connection is not None:
            with contextlib.suppress(Exception):
                self._connection.close()
            self._connection = None
        if self._file_lock is not None:
            self._file_lock.release()
            self._file_lock = None
