"""Work announced between workers on PostgreSQL: LISTEN/NOTIFY, so a worker idle between ticks starts at once.

A transaction that enqueues work (new items stored, an item due again, feeds made due) calls
``work_enqueued(session)``; when it commits, one ``NOTIFY newsmon_work`` goes out (PostgreSQL delivers
notifications at commit, so a rolled-back transaction announces nothing, and the listeners see rows that
are already visible). Each daemon runs a ``WorkListener``: a connection of its own that LISTENs, and a
thread that calls the daemon back when another process announced work. The payload is the announcing
process's token, so a worker is not woken by its own work (it carries that on in the running cycle).

Polling stays the fallback: a notification lost while the listening connection was down (it reconnects)
costs at most one tick. SQLite has one daemon per database: nothing is announced and there is no listener.
"""

from __future__ import annotations

import logging
import threading
import uuid
from collections.abc import Callable
from typing import Any

from sqlalchemy import Engine, event, text
from sqlalchemy.orm import Session

log = logging.getLogger(__name__)

CHANNEL = "newsmon_work"
# Who announced: a worker ignores its own announcements. One token per process (not the pid: two workers
# in two containers may share a pid).
PROCESS_TOKEN = uuid.uuid4().hex
_PENDING = "newsmon.work_enqueued"  # Session.info key: announce at this session's next commit
STOP_CHECK_SECONDS = 0.5  # how often the listening thread looks at its stop flag between notifications
RECONNECT_SECONDS = 5.0  # wait before listening again after the connection failed


def work_enqueued(session: Session) -> None:
    """Announce, when ``session`` commits, that it made work for the workers (nothing on SQLite)."""
    if session.get_bind().dialect.name == "postgresql":
        session.info[_PENDING] = True


@event.listens_for(Session, "before_commit")
def _announce(session: Session) -> None:
    # One NOTIFY per transaction however much work it made; it is part of the transaction (sent at commit).
    if session.info.pop(_PENDING, False):
        announce = text("SELECT pg_notify(:channel, :token)")
        session.execute(announce, {"channel": CHANNEL, "token": PROCESS_TOKEN})


@event.listens_for(Session, "after_rollback")
def _forget(session: Session) -> None:
    session.info.pop(_PENDING, None)


class WorkListener:
    """Calls ``on_work`` (on its own thread) whenever another process announces work on ``engine``'s
    database. ``heard`` counts the notifications received (this process's own included), ``wakes`` the
    calls, ``connects`` the LISTENs put in place (more than one: the connection was lost and made again);
    ``listening`` is set while one is in place."""

    def __init__(
        self, engine: Engine, on_work: Callable[[], None], reconnect_seconds: float = RECONNECT_SECONDS
    ) -> None:
        self.engine = engine
        self.on_work = on_work
        self.reconnect_seconds = reconnect_seconds
        self.connects = 0
        self.heard = 0
        self.wakes = 0
        self.listening = threading.Event()
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._run, name="work-listener", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self, timeout: float = 2.0) -> None:
        self._stopping.set()
        if self._thread.is_alive():
            self._thread.join(timeout)

    def _run(self) -> None:
        while not self._stopping.is_set():
            try:
                self._listen()
            except Exception as exc:  # the database restarted, the network dropped: ticks carry on meanwhile
                self.listening.clear()
                if self._stopping.is_set():
                    return
                log.warning(
                    "%s: listening for other workers' work failed (%s: %s); polling on every tick, listening"
                    " again in %gs",
                    self.engine.url.render_as_string(hide_password=True),
                    exc.__class__.__name__,
                    str(exc).splitlines()[0] if str(exc) else "",
                    self.reconnect_seconds,
                )
                self._stopping.wait(self.reconnect_seconds)

    def _listen(self) -> None:
        # A connection of the engine's (same URL and driver options), taken out of its pool for good: it
        # sits in LISTEN for the worker's life, and closing it really closes it.
        pooled = self.engine.raw_connection()
        driver: Any = pooled.driver_connection  # psycopg.Connection
        pooled.detach()
        try:
            driver.autocommit = True
            driver.execute(f"LISTEN {CHANNEL}")
            self.connects += 1
            if self.connects > 1:
                log.info("listening for other workers' work again")
            self.listening.set()
            while not self._stopping.is_set():
                for notice in driver.notifies(timeout=STOP_CHECK_SECONDS):
                    self.heard += 1
                    if notice.payload != PROCESS_TOKEN:
                        self.wakes += 1
                        self.on_work()
        finally:
            self.listening.clear()
            pooled.close()


def work_listener(engine: Engine, on_work: Callable[[], None]) -> WorkListener | None:
    """A listener for ``engine``'s database (not started), or None on SQLite (one daemon per file)."""
    return WorkListener(engine, on_work) if engine.dialect.name == "postgresql" else None
