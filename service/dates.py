"""Dates as Taiwanese government documents write them: the ROC (民國) calendar.

The ROC year is the Gregorian year minus 1911 (2026 is 民國115年). One place for the rule: the chapter
report writes every date through :func:`roc_date`, and the interface languages can reuse it.
"""

from __future__ import annotations

from datetime import date

ROC_OFFSET = 1911  # 民國元年 = 1912


def roc_year(year: int) -> int:
    """The ROC year of a Gregorian year (2026 -> 115). Years before 1912 have no ROC year."""
    if year <= ROC_OFFSET:
        raise ValueError(f"{year} is before the ROC calendar (1912 = 民國1年)")
    return year - ROC_OFFSET


def roc_date(day: date) -> str:
    """``115年9月8日`` for 2026-09-08: no zero padding, as the chapter writes it."""
    return f"{roc_year(day.year)}年{day.month}月{day.day}日"


def roc_period(first: date, last: date) -> str:
    """``115年7月1日至115年12月31日``."""
    return f"{roc_date(first)}至{roc_date(last)}"
