"""Benchmark: feeds that survive a false charset header (issue 16).

Every file of feedparser's own test suite (../shared/data/feeds/feedparser-tests, read-only, never copied)
goes through ``service.reader.feeds.parse_feed`` three times in the same run:

* **baseline**: no Content-Type header at all (the bytes speak for themselves);
* **own header**: the ``Header: Content-type:`` the file's comment declares, when it has one;
* **false utf-16**: ``application/xml; charset=utf-16`` on every file, as a misconfigured server sends it.

A file counts as clean when ``parse_feed`` records no problem. The figure is each row's clean count beside
the baseline's, as a ratio. Before the charset check (commit e12b820) the false-utf-16 row was 936 of 2,106
(0.51 of the baseline's 1,824); a peer corpus lost 1,252 of 2,228 feeds the same way.

    python bench/charset_headers.py [--corpus ../shared/data/feeds/feedparser-tests]
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from service.reader.feeds import parse_feed

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "data" / "feeds" / "feedparser-tests"
_HEADER = re.compile(rb"Header:\s*Content-type:\s*([^\r\n]+)", re.I)
FALSE_UTF16 = "application/xml; charset=utf-16"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    args = parser.parse_args()
    if not args.corpus.is_dir():
        print(f"corpus not present: {args.corpus}")
        return 1
    files = sorted(p for p in args.corpus.rglob("*") if p.is_file() and p.name != "README.md")
    clean = {"baseline (no header)": 0, "own header": 0, "false utf-16 header": 0}
    started = time.perf_counter()
    for path in files:
        body = path.read_bytes()
        match = _HEADER.search(body[:2000])
        own = match.group(1).decode("latin-1").strip() if match else None
        for row, content_type in zip(clean, (None, own, FALSE_UTF16), strict=True):
            if parse_feed(body, "http://feeds.example.org/feed.xml", content_type).problem_kind is None:
                clean[row] += 1
    baseline = clean["baseline (no header)"]
    print(f"feedparser-tests: {len(files)} files, {time.perf_counter() - started:.1f} s")
    print(f"{'row':<24} {'clean':>6} {'ratio to baseline':>18}")
    for row, count in clean.items():
        print(f"{row:<24} {count:>6} {count / baseline:>18.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
