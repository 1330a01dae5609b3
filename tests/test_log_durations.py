"""Durations in log lines read as people say them, not as ``str(timedelta)`` (``0:05:38.966347``)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from service.logs import human_duration


@pytest.mark.parametrize(
    ("duration", "shown"),
    [
        (0.42, "0.4 s"),
        (timedelta(seconds=38.2), "38 s"),
        (timedelta(minutes=5, seconds=38.966347), "5 min 39 s"),
        (timedelta(hours=2, minutes=5, seconds=20), "2 h 05 min"),
        (timedelta(days=3, hours=4, minutes=59), "3 d 4 h"),
        (timedelta(seconds=-90), "-1 min 30 s"),
    ],
)
def test_human_duration(duration: timedelta | float, shown: str) -> None:
    assert human_duration(duration) == shown
