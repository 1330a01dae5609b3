"""Robustness gate: every file of feedparser's own test suite (../shared/data/feeds/feedparser-tests)
goes through ``parse_feed`` without an exception, and problems are recorded by kind.

Measured 2026-11-21 (feedparser 6.0.14): 2,106 files; 1,824 parsed cleanly, 282 with a recorded problem
(xml_syntax 263, not_a_feed 19); 0 unhandled exceptions; ~2 s.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from service.reader.feeds import parse_feed

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "feeds" / "feedparser-tests"
FLOOR_FILES = 2106
FLOOR_CLEAN = 1800  # measured 1,824
MAX_NOT_A_FEED = 25  # measured 19: files that are deliberately not feeds (or are empty)


@pytest.mark.quality
def test_feedparser_suite_goes_through_without_exceptions() -> None:
    if not CORPUS.is_dir():
        pytest.skip(f"evaluation data not present: {CORPUS}")
    files = sorted(p for p in CORPUS.rglob("*") if p.is_file() and p.name != "README.md")
    clean, kinds, by_folder = 0, Counter[str](), Counter[str]()
    for path in files:
        feed = parse_feed(path.read_bytes(), "http://feeds.example.org/feed.xml", None)
        if feed.problem_kind is None:
            clean += 1
            continue
        assert feed.problem and feed.problem.startswith(feed.problem_kind + ": ")
        kinds[feed.problem_kind] += 1
        by_folder[path.relative_to(CORPUS).parts[0]] += 1
    print(
        f"\nfeedparser-tests: {len(files)} files, {clean} clean, {len(files) - clean} with a recorded problem"
    )
    print(f"  problems by kind: {dict(kinds.most_common())}")
    print(f"  problems by folder: {dict(by_folder.most_common())}")
    assert len(files) >= FLOOR_FILES
    assert clean >= FLOOR_CLEAN
    assert kinds["not_a_feed"] <= MAX_NOT_A_FEED
    assert kinds["parser_crash"] == 0
