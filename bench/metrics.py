"""Extraction metrics shared by ``bench/extract.py`` and ``tests/test_extract_quality.py``.

Definitions (``../shared/README.md``):

- **Bag overlap F1**: text is turned into a bag of tokens; for Chinese and Japanese pages a token is one
  character, whitespace and punctuation left out; for other pages a token is a ``\\w+`` word. Per page the
  overlap is ``sum(min(out[t], gold[t]))``; precision, recall and F1 are micro-averaged over all pages
  (overlap, output and gold sizes summed first).
- **Clutter share**: share of output tokens that sit in output lines *mostly absent from the gold*, on CJK
  pages only. A line is "mostly absent" when fewer than half of its character bigrams occur in the gold
  (single characters would match almost anything: 的, 市, 台 occur in every article). Bigrams reproduce
  the baseline clutter shares measured when the sets were built (twnews_tw 35% / 17%,
  newsmon_dev 10.5% / 3.7%).
- **Zyte benchmark metric** (``article-extraction-benchmark/evaluate.py``, reimplemented faithfully): ``\\w+``
  tokens, 4-token shingles counted as a multiset, per page tp/fp/fn normalised by their sum, precision and
  recall averaged over pages (a page counts for precision when tp+fp > 0, for recall when tp+fn > 0), F1 the
  harmonic mean of the two averages.
"""

from __future__ import annotations

import re
import statistics
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

_WORD_RE = re.compile(r"\w+")
CLUTTER_LINE_MIN_SHARE = 0.5


def normalise(text: str) -> str:
    return unicodedata.normalize("NFKC", text).lower()


def is_cjk_char(char: str) -> bool:
    code = ord(char)
    return (
        0x3040 <= code <= 0x30FF  # kana
        or 0x3400 <= code <= 0x4DBF
        or 0x4E00 <= code <= 0x9FFF
        or 0xF900 <= code <= 0xFAFF
        or 0x20000 <= code <= 0x2FFFF
    )


def is_cjk_text(text: str, threshold: float = 0.3) -> bool:
    """True when CJK characters make up at least ``threshold`` of the letters and digits."""
    letters = [c for c in text if c.isalnum()]
    if not letters:
        return False
    return sum(is_cjk_char(c) for c in letters) / len(letters) >= threshold


def _content_chars(text: str) -> list[str]:
    """Characters except whitespace, punctuation and symbols."""
    return [c for c in normalise(text) if unicodedata.category(c)[0] in "LN"]


def tokens(text: str, cjk: bool) -> list[str]:
    return _content_chars(text) if cjk else _WORD_RE.findall(normalise(text))


@dataclass
class Counts:
    """Summed token counts; micro-averaged scores come from the sums."""

    overlap: int = 0
    output: int = 0
    gold: int = 0
    clutter: int = 0
    clutter_base: int = 0  # output tokens on pages where clutter is measured (CJK)
    pages: int = 0

    def add(self, other: Counts) -> None:
        self.overlap += other.overlap
        self.output += other.output
        self.gold += other.gold
        self.clutter += other.clutter
        self.clutter_base += other.clutter_base
        self.pages += other.pages

    @property
    def precision(self) -> float:
        return self.overlap / self.output if self.output else 0.0

    @property
    def recall(self) -> float:
        return self.overlap / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def clutter_share(self) -> float:
        return self.clutter / self.clutter_base if self.clutter_base else 0.0


def _bigrams(chars: list[str]) -> list[str]:
    if len(chars) < 2:
        return ["".join(chars)] if chars else []
    return ["".join(chars[i : i + 2]) for i in range(len(chars) - 1)]


def clutter_tokens(output: str, gold: str) -> int:
    """Tokens of the output lines whose character bigrams are mostly absent from the gold."""
    gold_chars = _content_chars(gold)
    gold_grams = set(_bigrams(gold_chars)) | set(gold_chars)
    clutter = 0
    for line in output.splitlines():
        chars = _content_chars(line)
        grams = _bigrams(chars)
        if not grams:
            continue
        present = sum(g in gold_grams for g in grams)
        if present / len(grams) < CLUTTER_LINE_MIN_SHARE:
            clutter += len(chars)
    return clutter


def score_page(output: str, gold: str) -> Counts:
    cjk = is_cjk_text(gold)
    out_bag = Counter(tokens(output, cjk))
    gold_bag = Counter(tokens(gold, cjk))
    overlap = sum((out_bag & gold_bag).values())
    counts = Counts(overlap, sum(out_bag.values()), sum(gold_bag.values()), pages=1)
    if cjk:
        counts.clutter = clutter_tokens(output, gold)
        counts.clutter_base = counts.output
    return counts


def score_pages(pairs: Iterable[tuple[str, str]]) -> Counts:
    """Micro-averaged counts over (output, gold) pairs."""
    total = Counts()
    for output, gold in pairs:
        total.add(score_page(output, gold))
    return total


# --- the Zyte article-extraction-benchmark metric -------------------------------------------------


def _shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    words = _WORD_RE.findall(text or "")
    grams = [tuple(words[i : i + n]) for i in range(max(1, len(words) - n + 1))]
    return Counter(g for g in grams if g)


def zyte_tp_fp_fn(gold: str, output: str) -> tuple[float, float, float]:
    true, pred = _shingles(gold), _shingles(output)
    tp = fp = fn = 0.0
    for key in set(true) | set(pred):
        t, p = true.get(key, 0), pred.get(key, 0)
        tp += min(t, p)
        fp += max(0, p - t)
        fn += max(0, t - p)
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total > 0 else (tp, fp, fn)


def _zyte_precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    if tp == fp == 0:
        return 0.0
    return tp / (tp + fp)


def _zyte_recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    if tp == fn == 0:
        return 0.0
    return tp / (tp + fn)


@dataclass(frozen=True)
class ZyteScores:
    precision: float
    recall: float
    f1: float


def zyte_scores(pairs: Iterable[tuple[str, str]]) -> ZyteScores:
    """The benchmark's scores over (output, gold) pairs: macro-averaged P and R, F1 of the averages."""
    rows = [zyte_tp_fp_fn(gold, output) for output, gold in pairs]
    precision = statistics.mean(_zyte_precision(*r) for r in rows if r[0] + r[1] > 0)
    recall = statistics.mean(_zyte_recall(*r) for r in rows if r[0] + r[2] > 0)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return ZyteScores(precision, recall, f1)
