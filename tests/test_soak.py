"""The soak of issue 16, short: ``newsmon run`` for a minute over 50 loopback feeds, five of them hostile
(dripped headers, a huge Retry-After, a gzip bomb, HTML, a 500). No unhandled error, every cycle ends,
items keep being processed, memory stays flat (``bench/soak.py`` runs the ten-minute version)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.soak import report, run_soak


@pytest.mark.slow
def test_a_minute_of_hostile_feeds(tmp_path: Path) -> None:
    result = run_soak(60, 50, tmp_path)
    print("\n" + report(result))
    assert result.unhandled_errors == [] and result.exit_code == 0
    assert result.hostile == 5 and result.cycles >= 3
    assert result.items.get("done", 0) > 0
    assert result.polls.get("ok", 0) > 0 and result.polls.get("error", 0) > 0
    assert result.rss_ratio < 1.5  # flat within 10% over ten minutes; a minute allows for warm-up
