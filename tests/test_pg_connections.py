"""No PostgreSQL connection outlives its test (issue 16: an unclosed psycopg connection left by one test
surfaced as a ``ResourceWarning``, and so as an error, in the next one).

A test session is run inside this one (pytester, in a subprocess): a PostgreSQL test fails an assertion
while its engine holds a pooled connection, and the test after it collects the garbage. With its own engine,
disposed on its last line, the connection leaks into the next test as an error; with the ``pg_engine``
fixture it is closed however the test ends. And no test module makes an engine of its own on the session's
PostgreSQL database: they take ``pg_engine``."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytest_plugins = ["pytester"]

TESTS = Path(__file__).resolve().parent

# The inner session's conftest: this suite's fixtures, loaded from tests/conftest.py under another name.
INNER_CONFTEST = f"""
import importlib.util
import sys

sys.path.insert(0, {str(TESTS)!r})
_spec = importlib.util.spec_from_file_location("newsmon_conftest", {str(TESTS / "conftest.py")!r})
_fixtures = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_fixtures)
pg_server_url = _fixtures.pg_server_url
pg_engine = _fixtures.pg_engine
"""

NEXT_TEST = """
def test_the_next_test():
    # what pytest keeps of the last failure (for post-mortem debugging) would keep the engine alive
    sys.last_type = sys.last_value = sys.last_traceback = None
    if hasattr(sys, "last_exc"):
        sys.last_exc = None
    gc.collect()
"""

OWN_ENGINE = (
    """
import gc
import sys

from sqlalchemy import create_engine, text


def test_fails_with_its_own_engine(pg_server_url):
    engine = create_engine(pg_server_url)
    with engine.connect() as connection:
        connection.execute(text("SELECT 1"))
    assert False, "an assertion fails before the last line"
    engine.dispose()
"""
    + NEXT_TEST
)

FIXTURE_ENGINE = (
    """
import gc
import sys

from sqlalchemy import text


def test_fails_with_the_fixture(pg_engine):
    with pg_engine.connect() as connection:
        connection.execute(text("SELECT 1"))
    assert False, "an assertion fails before the last line"
"""
    + NEXT_TEST
)


def run_inner(pytester: pytest.Pytester, module: str) -> pytest.RunResult:
    pytester.makeconftest(INNER_CONFTEST)
    pytester.makepyfile(test_inner=module)
    return pytester.runpytest_subprocess("-p", "no:cacheprovider", "-W", "error", "-p", "no:randomly")


@pytest.mark.postgres
@pytest.mark.slow
def test_a_failing_postgres_test_leaves_no_connection_to_the_next(
    pytester: pytest.Pytester, pg_server_url: str
) -> None:
    leaking = run_inner(pytester, OWN_ENGINE)
    leaked = leaking.stdout.str()
    # The harness sees the defect: the next test fails on the unclosed connection.
    assert "test_the_next_test FAILED" in leaked or "test_the_next_test - " in leaked, leaked[-3000:]
    assert "ResourceWarning" in leaked and "connection" in leaked, leaked[-3000:]

    closed = run_inner(pytester, FIXTURE_ENGINE)
    closed.assert_outcomes(failed=1, passed=1)
    assert "ResourceWarning" not in closed.stdout.str(), closed.stdout.str()[-3000:]


ENGINE_ON_THE_SESSION_DATABASE = re.compile(r"\b(?:create_engine|make_engine)\(\s*pg_server_url\b")


def test_no_test_module_makes_its_own_engine_on_the_session_database() -> None:
    """An engine made in a test's body leaks its connections when an assertion fails before its last line;
    ``pg_engine`` (tests/conftest.py) disposes of its engine however the test ends."""
    offenders = [
        f"{path.name}:{number}"
        for path in sorted(TESTS.glob("test_*.py"))
        if path.name != Path(__file__).name
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if ENGINE_ON_THE_SESSION_DATABASE.search(line)
    ]
    assert offenders == [], f"use the pg_engine fixture instead: {offenders}"
