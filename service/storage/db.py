"""Engines, sessions and migrations: the only place that knows which database we talk to.

SQLite (the default) runs in WAL mode with foreign keys on and a busy timeout, so the daemon, the web UI and
a CLI command can use one file at once. PostgreSQL works by changing the URL. Migrations are Alembic's,
applied at start by :func:`migrate` (and by ``newsmon migrate``).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, insert, inspect, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from service.errors import StorageError
from service.storage import search  # noqa: F401  (registers the listener that keeps the search index in step)

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
SQLITE_BUSY_TIMEOUT_MS = 30_000


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def make_engine(url: str, echo: bool = False) -> Engine:
    """An engine for ``url``; for a SQLite file, its folder is created and WAL mode switched on."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, echo=echo, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, echo=echo, pool_pre_ping=True)


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"


def dialect_insert(session: Session, table: Any) -> Any:
    """An INSERT in the session's dialect, so it can say ON CONFLICT (DO NOTHING / DO UPDATE) on both
    SQLite and PostgreSQL: the one place storage modules get such a statement."""
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        return postgresql.insert(table)
    if dialect == "sqlite":
        return sqlite.insert(table)
    return insert(table)  # pragma: no cover - other databases are not supported


def _alembic_config(engine: Engine) -> Any:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = engine
    return config


# PostgreSQL advisory lock key ("newsmigr") held while migrating: workers starting together take turns.
MIGRATION_LOCK_KEY = 0x6E65_7773_6D69_6772


@contextmanager
def _migration_lock(engine: Engine) -> Iterator[None]:
    if engine.dialect.name != "postgresql":
        yield  # SQLite: the database file's own write lock serialises migrations
        return
    with engine.connect() as connection:
        connection.execute(text("SELECT pg_advisory_lock(:key)"), {"key": MIGRATION_LOCK_KEY})
        connection.commit()
        try:
            yield
        finally:
            connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": MIGRATION_LOCK_KEY})
            connection.commit()


def migrate(engine: Engine) -> None:
    """Bring the database to the newest schema. Safe at every start, also from several processes at once."""
    from alembic import command

    try:
        with _migration_lock(engine):
            command.upgrade(_alembic_config(engine), "head")
    except OperationalError as exc:
        raise StorageError(f"{_safe_url(engine)}: cannot migrate database: {exc.orig}") from exc


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def has_schema(engine: Engine) -> bool:
    return inspect(engine).has_table("items")


def _safe_url(engine: Engine) -> str:
    return engine.url.render_as_string(hide_password=True)


def check_reachable(engine: Engine) -> None:
    """Raise StorageError naming the (password-less) URL when the database cannot be reached."""
    try:
        with engine.connect():
            pass
    except SQLAlchemyError as exc:
        raise StorageError(
            f"{_safe_url(engine)}: database unreachable: {exc.__class__.__name__}: {exc}"
        ) from exc


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """One transaction: committed when the block ends normally, rolled back on any exception."""
    session = Session(engine, expire_on_commit=False)
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()
