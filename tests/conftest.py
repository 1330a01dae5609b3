"""Shared fixtures: real SQLite files and a throwaway PostgreSQL database per test session."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers.http_server import LocalServer
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.exc import OperationalError

from service.storage.db import make_engine, migrate

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = REPO.parent / "shared" / "data"
PG_ADMIN_URL = os.environ.get("NEWSMON_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


# `make test` spreads the suite over pytest-xdist workers (`--dist load`: tests are handed out in this order).
# The few tests that take a minute or more go first and the other process tests next, so they wait (on their
# daemons, their loopback sites, their clocks) beside the short CPU-bound tests instead of leaving one worker
# to finish them alone at the end. The order within each group is the collection order.
LONGEST_FIRST = (
    "tests/test_soak.py::test_a_minute_of_hostile_feeds",
    "tests/test_daemon.py::test_two_daemons_on_postgresql_share_200_feeds",
    "tests/test_workers_politeness.py::test_three_daemons_keep_one_gap_and_one_concurrency_per_host",
    "tests/test_daemon.py::test_kill_9_during_a_cycle_then_restart_matches_an_uninterrupted_run",
    "tests/test_classify_quality.py::test_warm_grouped_cross_validation_on_dev",
)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    def rank(item: pytest.Item) -> tuple[int, int]:
        name = item.nodeid.split("[", 1)[0]
        if name in LONGEST_FIRST:
            return 0, LONGEST_FIRST.index(name)
        if item.get_closest_marker("slow"):
            return 1, 0
        return (2, 0) if item.get_closest_marker("quality") else (3, 0)

    items.sort(key=rank)  # stable: the collection order within each rank


def shared_data(*parts: str) -> Path:
    """A path in ../shared/data; the test is skipped when it is absent (CI without the evaluation data)."""
    path = SHARED_DATA.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"evaluation data not present: {path}")
    return path


@pytest.fixture(scope="session")
def pg_server_url() -> Iterator[str]:
    """URL of a fresh PostgreSQL database for this test session, dropped afterwards."""
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    name = f"newsmon_test_{uuid.uuid4().hex[:10]}"
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    except OperationalError as exc:
        admin.dispose()
        pytest.skip(f"PostgreSQL not reachable at {PG_ADMIN_URL}: {exc.orig}")
    url = admin.url.set(database=name).render_as_string(hide_password=False)
    try:
        yield url
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def _reset_postgres(url: str) -> None:
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            connection.execute(text("DROP SCHEMA public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
    finally:
        engine.dispose()


@pytest.fixture
def pg_engine(pg_server_url: str) -> Iterator[Engine]:
    """An engine on the session's PostgreSQL database, emptied first and disposed however the test ends:
    an engine a test made itself and disposed on its last line leaked its psycopg connections whenever an
    assertion failed first, and the ResourceWarning failed whichever test ran next."""
    _reset_postgres(pg_server_url)
    engine = create_engine(pg_server_url)
    try:
        yield engine
    finally:
        engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A database URL with nothing in it, on SQLite (a file) and on PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'newsmon.db'}"
    url: str = request.getfixturevalue("pg_server_url")
    _reset_postgres(url)
    return url


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    """A migrated engine on each backend."""
    engine = make_engine(db_url)
    migrate(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def sqlite_engine(tmp_path: Path) -> Iterator[Engine]:
    """A migrated engine on a SQLite file only."""
    engine = make_engine(f"sqlite:///{tmp_path / 'newsmon.db'}")
    migrate(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def local_server() -> Iterator[LocalServer]:
    """A real HTTP server on 127.0.0.1 (tests/helpers/http_server.py); register routes on it."""
    with LocalServer() as server:
        yield server
