"""When to poll a feed next: a pure policy, no clock and no database (the caller passes ``now``).

After a success (200 or 304) the interval follows the feed's publishing rate, like Miniflux's
entry-frequency scheduler: ``interval = window / entries published in the window`` (a feed with 48 items
a day is polled every 30 minutes, one with nothing in a week at the maximum). The result is clamped to
``[min_interval, max_interval]``. The feed's RSS ``<ttl>`` and the response's ``Cache-Control: max-age``
are publisher requests not to come back sooner: they raise the interval (never above ``max_interval``,
so a ``ttl`` of a week cannot silence a feed). ``Retry-After`` is the strongest request and may exceed
``max_interval`` up to ``max_backoff``.

After an error the wait grows exponentially from ``backoff_base`` (``base * 2**(errors-1)``), is spread by
±``jitter`` so feeds failing together do not retry together, and is capped at ``max_backoff``. Polling
never stops: the cap is a wait, not a verdict (Miniflux disables a feed after 3 errors; we do not).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta

RATE_WINDOW = timedelta(days=7)


@dataclass(frozen=True)
class SchedulePolicy:
    """Bounds of the polling policy. ``from_minutes`` builds one from the config's ``polling`` section."""

    min_interval: timedelta = timedelta(minutes=5)
    max_interval: timedelta = timedelta(hours=6)
    default_interval: timedelta = timedelta(minutes=15)
    rate_window: timedelta = RATE_WINDOW
    backoff_base: timedelta = timedelta(minutes=5)
    max_backoff: timedelta = timedelta(hours=24)
    jitter: float = 0.2

    @classmethod
    def from_minutes(
        cls,
        *,
        min_interval_minutes: float,
        max_interval_minutes: float,
        default_interval_minutes: float,
        max_error_backoff_minutes: float,
    ) -> SchedulePolicy:
        return cls(
            min_interval=timedelta(minutes=min_interval_minutes),
            max_interval=timedelta(minutes=max_interval_minutes),
            default_interval=timedelta(minutes=default_interval_minutes),
            backoff_base=timedelta(minutes=min_interval_minutes),
            max_backoff=timedelta(minutes=max_error_backoff_minutes),
        )


def interval_from_rate(entries_in_window: int, policy: SchedulePolicy) -> timedelta:
    """The entry-frequency interval: the window divided by the entries published in it, clamped."""
    if entries_in_window <= 0:
        return policy.max_interval
    return _clamp(policy.rate_window / entries_in_window, policy.min_interval, policy.max_interval)


def success_interval(
    entries_in_window: int | None,
    policy: SchedulePolicy,
    *,
    ttl_minutes: int | None = None,
    max_age_seconds: float | None = None,
) -> timedelta:
    """The wait after a successful poll. ``entries_in_window`` None means no history yet: the default."""
    if entries_in_window is None:
        interval = _clamp(policy.default_interval, policy.min_interval, policy.max_interval)
    else:
        interval = interval_from_rate(entries_in_window, policy)
    for floor in _publisher_floors(ttl_minutes, max_age_seconds):
        interval = max(interval, min(floor, policy.max_interval))
    return interval


def error_backoff(error_count: int, policy: SchedulePolicy, rng: random.Random) -> timedelta:
    """The wait after the ``error_count``-th consecutive error (1 for the first): exponential, jittered,
    capped at ``max_backoff`` and never below ``min_interval``."""
    exponent = min(max(error_count, 1) - 1, 60)  # 2**60 base intervals is far past any cap
    cap_seconds = policy.max_backoff.total_seconds()
    delay = min(policy.backoff_base.total_seconds() * 2.0**exponent, cap_seconds * 2)
    spread = 1 + rng.uniform(-policy.jitter, policy.jitter)
    return _clamp(timedelta(seconds=delay * spread), policy.min_interval, policy.max_backoff)


def next_check_after_success(
    now: datetime,
    entries_in_window: int | None,
    policy: SchedulePolicy,
    *,
    ttl_minutes: int | None = None,
    max_age_seconds: float | None = None,
    retry_after_seconds: float | None = None,
) -> datetime:
    interval = success_interval(
        entries_in_window, policy, ttl_minutes=ttl_minutes, max_age_seconds=max_age_seconds
    )
    return now + _respect_retry_after(interval, retry_after_seconds, policy)


def next_check_after_error(
    now: datetime,
    error_count: int,
    policy: SchedulePolicy,
    rng: random.Random,
    *,
    retry_after_seconds: float | None = None,
) -> datetime:
    return now + _respect_retry_after(error_backoff(error_count, policy, rng), retry_after_seconds, policy)


def _respect_retry_after(interval: timedelta, retry_after: float | None, policy: SchedulePolicy) -> timedelta:
    """A server's Retry-After is a floor, honoured up to ``max_backoff`` (a year-long value is a bug).

    Clamped as a number before it becomes a ``timedelta``: ``Retry-After: 100000000000000`` overflows
    ``timedelta`` and once ended a whole cycle. NaN and negative values are ignored."""
    if retry_after is None or not retry_after > 0:
        return interval
    seconds = min(retry_after, policy.max_backoff.total_seconds())
    return max(interval, timedelta(seconds=seconds))


def _publisher_floors(ttl_minutes: int | None, max_age_seconds: float | None) -> list[timedelta]:
    floors = []
    if ttl_minutes and ttl_minutes > 0:
        floors.append(timedelta(minutes=ttl_minutes))
    if max_age_seconds and max_age_seconds > 0:
        floors.append(timedelta(seconds=max_age_seconds))
    return floors


def _clamp(value: timedelta, low: timedelta, high: timedelta) -> timedelta:
    return max(low, min(value, high))
