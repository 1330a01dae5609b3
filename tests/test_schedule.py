"""The polling policy: entry frequency, publisher floors, error backoff (fixed random seeds)."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from service.reader.schedule import (
    SchedulePolicy,
    error_backoff,
    interval_from_rate,
    next_check_after_error,
    next_check_after_success,
    success_interval,
)

POLICY = SchedulePolicy()
NOW = datetime(2026, 6, 5, 12, 0, tzinfo=UTC)


def test_rate_sets_the_interval_within_bounds() -> None:
    assert interval_from_rate(7 * 48, POLICY) == timedelta(minutes=30)  # 48 a day -> every 30 min
    assert interval_from_rate(100_000, POLICY) == timedelta(minutes=5)  # clamped to the minimum
    assert interval_from_rate(1, POLICY) == timedelta(hours=6)  # clamped to the maximum
    assert interval_from_rate(0, POLICY) == timedelta(hours=6)


def test_no_history_uses_the_default() -> None:
    assert success_interval(None, POLICY) == timedelta(minutes=15)


def test_ttl_and_max_age_are_floors_within_the_maximum() -> None:
    busy = 7 * 24 * 12  # every 5 minutes
    assert success_interval(busy, POLICY, ttl_minutes=15) == timedelta(minutes=15)
    assert success_interval(busy, POLICY, max_age_seconds=1800) == timedelta(minutes=30)
    assert success_interval(busy, POLICY, ttl_minutes=60 * 24 * 7) == timedelta(hours=6)
    quiet = 7  # once a day -> max 6 h already; a small ttl does not shorten it
    assert success_interval(quiet, POLICY, ttl_minutes=15) == timedelta(hours=6)


def test_error_backoff_grows_exponentially_with_jitter_and_is_capped() -> None:
    rng = random.Random(42)
    waits = [error_backoff(n, POLICY, rng) for n in range(1, 12)]
    for n, wait in enumerate(waits[:8], start=1):
        nominal = timedelta(minutes=5) * 2 ** (n - 1)
        assert nominal * 0.8 <= wait <= nominal * 1.2 or wait == timedelta(hours=24)
    assert waits[3] > waits[2] > waits[1] > waits[0]
    assert all(wait <= timedelta(hours=24) for wait in waits)
    assert waits[-1] == timedelta(hours=24)  # capped: polling goes on once a day, it never stops
    assert error_backoff(10_000, POLICY, rng) == timedelta(hours=24)


def test_jitter_is_reproducible_and_spreads_feeds() -> None:
    first = [error_backoff(3, POLICY, random.Random(seed)) for seed in range(20)]
    again = [error_backoff(3, POLICY, random.Random(seed)) for seed in range(20)]
    assert first == again
    assert len(set(first)) > 15


def test_retry_after_is_respected_up_to_the_backoff_cap() -> None:
    rng = random.Random(1)
    assert next_check_after_error(NOW, 1, POLICY, rng, retry_after_seconds=7200) == NOW + timedelta(hours=2)
    assert next_check_after_error(NOW, 1, POLICY, rng, retry_after_seconds=10**9) == NOW + timedelta(hours=24)
    after = next_check_after_success(NOW, 7 * 48, POLICY, retry_after_seconds=3600)
    assert after == NOW + timedelta(hours=1)


def test_policy_from_config_minutes() -> None:
    policy = SchedulePolicy.from_minutes(
        min_interval_minutes=10,
        max_interval_minutes=120,
        default_interval_minutes=30,
        max_error_backoff_minutes=600,
    )
    assert interval_from_rate(1, policy) == timedelta(minutes=120)
    assert error_backoff(50, policy, random.Random(0)) == timedelta(minutes=600)
