"""Quality gate for the extract stage on ../shared/data/extraction (skipped when the data is absent).

Metrics are the shared ones (``bench/metrics.py``, also used by ``bench/extract.py``): bag-of-characters F1
(words on English pages), micro-averaged; clutter share (output characters in lines mostly absent from the
gold, CJK pages); the Zyte benchmark's own shingle F1 on ``zyte``. twnews_tw's gold keeps standalone bylines,
so there the byline we move to metadata is scored in front of the body (``bench/extraction_data.py``).

Floors are what we measured, pinned; raise them as extraction improves, never lower them silently.
"""

from __future__ import annotations

import json
from functools import cache

import pytest

from bench.extraction_data import SHARED_DATA, evaluated_text, load_set
from bench.metrics import Counts, score_pages, zyte_scores
from service.extraction.extract import extract_article
from service.reader.charset import decode_bytes

pytestmark = pytest.mark.quality

# set: (F1 floor, clutter ceiling), pinned at what we measured on 2026-11-21 (rounded down / up), with
# trafilatura 2.3.1 beside it on the same metric (default / favor_precision):
#   twnews_tw       ours F1 0.9916, clutter 0.76%   trafilatura 0.738 / 34.7%, 0.861 / 16.8%
#   newsmon_dev     ours F1 0.9997, clutter 0.00%   trafilatura 0.896 / 10.4%, 0.948 / 3.6%
#   cwced           ours F1 0.9730, clutter 1.9%    trafilatura 0.912 / 11.3%, 0.933 / 10.1% (our decoding)
#                   (was 0.9341 / 4.43% until decode_bytes stopped reading an undeclared GBK page with two
#                   invalid bytes as ptcp154; before that 0.9346 / 4.12%, when nested data tables were kept as
#                   tables: a forum disclaimer table now counts as clutter)
#   zyte            ours F1 0.9725 (bag of words)   trafilatura 0.957, 0.966
#   readability_zh  ours F1 0.9893 (silver gold: Readability.js's own output, which keeps a copyright line)
#   newspaper4k_zh  ours F1 0.9961 (silver gold: newspaper4k's own output)
# Raised on 2026-12-06 (issue 19: recall guard, repeated lines kept when they are the text's own,
# labelled page-field lines as metadata, titles confirmed by a heading): twnews_tw 0.9947 / 0.77%,
# cwced 0.9738 / 1.85%, zyte 0.9770 (benchmark metric 0.9723); the others unchanged.
FLOORS: dict[str, tuple[float, float]] = {
    "twnews_tw": (0.994, 0.008),
    "newsmon_dev": (0.999, 0.001),
    "cwced": (0.973, 0.019),
    "zyte": (0.976, 0.0),
    "readability_zh": (0.989, 0.001),
    "newspaper4k_zh": (0.996, 0.001),
}
# The Zyte benchmark's own metric (4-word shingles, page-averaged P and R): ours 0.9723 (P 0.974, R 0.971;
# was 0.9703); trafilatura here 0.953 default, 0.959 favor_precision; published: trafilatura 2.0.0 0.958,
# Zyte AutoExtract 0.970.
ZYTE_BENCHMARK_F1_FLOOR = 0.972


@cache
def outputs(set_name: str) -> tuple[tuple[str, str], ...]:
    if not SHARED_DATA.is_dir():
        pytest.skip(f"evaluation data not present: {SHARED_DATA}")
    pairs = []
    for page in load_set(set_name):
        html, _codec = decode_bytes(page.body)
        article = extract_article(html, page.url)
        pairs.append((evaluated_text(set_name, article.text, article.byline), page.gold))
    return tuple(pairs)


def scores(set_name: str) -> Counts:
    return score_pages(outputs(set_name))


@pytest.mark.parametrize("set_name", list(FLOORS))
def test_f1_floor(set_name: str) -> None:
    floor, _ = FLOORS[set_name]
    counts = scores(set_name)
    assert counts.f1 >= floor, (
        f"{set_name}: F1 {counts.f1:.4f} below the pinned floor {floor} "
        f"(P {counts.precision:.4f}, R {counts.recall:.4f})"
    )


@pytest.mark.parametrize("set_name", list(FLOORS))
def test_clutter_ceiling(set_name: str) -> None:
    _, ceiling = FLOORS[set_name]
    counts = scores(set_name)
    assert counts.clutter_share <= ceiling, (
        f"{set_name}: clutter {counts.clutter_share:.2%} above the pinned ceiling {ceiling:.2%}"
    )


def test_zyte_benchmark_metric() -> None:
    result = zyte_scores(outputs("zyte"))
    assert result.f1 >= ZYTE_BENCHMARK_F1_FLOOR, (
        f"zyte benchmark F1 {result.f1:.4f} (P {result.precision:.4f}, R {result.recall:.4f}) "
        f"below {ZYTE_BENCHMARK_F1_FLOOR}"
    )


def test_taiwanese_targets_of_the_issue() -> None:
    """Issue 19's target on Taiwanese pages (issue 9 asked 0.97): F1 >= 0.99 and clutter <= 1%."""
    for set_name in ("twnews_tw", "newsmon_dev"):
        counts = scores(set_name)
        assert counts.f1 >= 0.99 and counts.clutter_share <= 0.01, set_name


def test_newsmon_dev_metadata_matches_its_index() -> None:
    """Title, language and published time against newsmon_dev's index.jsonl (measured: 100 of 100)."""
    index_path = SHARED_DATA / "newsmon_dev" / "index.jsonl"
    if not index_path.exists():
        pytest.skip(f"evaluation data not present: {index_path}")
    rows = {row["id"]: row for row in map(json.loads, index_path.read_text(encoding="utf-8").splitlines())}
    wrong = []
    for page in load_set("newsmon_dev"):
        html, _codec = decode_bytes(page.body)
        article = extract_article(html, page.url)
        row = rows[page.page_id]
        published = article.published.isoformat() if article.published else None
        if (article.title, article.lang, published) != (row["title"], row["lang"], row["published"]):
            wrong.append(page.page_id)
    assert not wrong, f"metadata differs from the index on {wrong}"
