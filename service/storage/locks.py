"""Cross-process locks in the database, for work that only one worker should do at a time.

On PostgreSQL these are session-level advisory locks (``pg_try_advisory_lock``): held by a connection,
released when it closes, also when the process is killed. On SQLite there is no second worker (the
daemon's lock file guarantees it), so every lock is granted.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Connection, Engine, text

# Advisory lock keys live in one 64-bit space shared with anything else using the database; newsmon's
# are CRC32s of their names in a namespace of their own (the high 32 bits).
_NAMESPACE = 0x6E65_7773  # "news"


def lock_key(name: str) -> int:
    return (_NAMESPACE << 32) | zlib.crc32(name.encode())


def is_postgres(engine: Engine) -> bool:
    return engine.dialect.name == "postgresql"


@contextmanager
def exclusive(engine: Engine, name: str) -> Iterator[bool]:
    """Try to hold the lock ``name`` for the block without waiting. Yields False when another process
    holds it (the block should then skip its work)."""
    if not is_postgres(engine):
        yield True
        return
    with engine.connect() as connection:
        key = lock_key(name)
        got = bool(connection.scalar(text("SELECT pg_try_advisory_lock(:key)"), {"key": key}))
        connection.commit()
        try:
            yield got
        finally:
            if got:
                connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": key})
                connection.commit()


def try_lock(connection: Connection, name: str, *, shared: bool = False) -> bool:
    """Take a session-level advisory lock on ``connection`` without waiting (PostgreSQL only)."""
    function = "pg_try_advisory_lock_shared" if shared else "pg_try_advisory_lock"
    got = bool(connection.scalar(text(f"SELECT {function}(:key)"), {"key": lock_key(name)}))
    connection.commit()
    return got


def lock(connection: Connection, name: str, *, shared: bool = False) -> None:
    """Take a session-level advisory lock on ``connection``, waiting for it (PostgreSQL only)."""
    function = "pg_advisory_lock_shared" if shared else "pg_advisory_lock"
    connection.execute(text(f"SELECT {function}(:key)"), {"key": lock_key(name)})
    connection.commit()


def unlock(connection: Connection, name: str, *, shared: bool = False) -> None:
    function = "pg_advisory_unlock_shared" if shared else "pg_advisory_unlock"
    connection.execute(text(f"SELECT {function}(:key)"), {"key": lock_key(name)})
    connection.commit()


def holders(engine: Engine, name: str) -> int:
    """How many sessions hold the advisory lock ``name`` (PostgreSQL; 0 elsewhere)."""
    if not is_postgres(engine):
        return 0
    key = lock_key(name)
    query = text(
        "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted"
        " AND classid::bigint = :high AND objid::bigint = :low AND objsubid = 1"
    )
    with engine.connect() as connection:
        return int(connection.scalar(query, {"high": key >> 32, "low": key & 0xFFFFFFFF}) or 0)
