"""Separate worker processes for the tests where writers race each other (tests/test_storage.py,
tests/test_dedup_sql.py): each writer is its own process with its own engine and connections.

They come from a fork server (``multiprocessing``'s ``forkserver``), started once per test process with
SQLAlchemy, psycopg and the storage modules already imported, which forks each writer: a fresh interpreter
per writer (``spawn``) imported all of that again, a few CPU seconds for each of a few dozen processes. The
server is single-threaded, so forking it is safe whatever threads the test process runs.
"""

from __future__ import annotations

import multiprocessing
from multiprocessing.context import ForkServerContext

# Imported by the server before it forks: the writers' own modules (their targets are defined there) and, with
# them, everything those import. A module that fails to import here is only imported by each writer again.
PRELOAD = [
    "service.storage.db",
    "service.storage.items",
    "service.dedup.sqlindex",
    "test_storage",
    "test_dedup_sql",
]


def writer_processes() -> ForkServerContext:
    """The multiprocessing context that starts the racing writers."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(PRELOAD)  # read when the server starts (the first writer of the session)
    return context
