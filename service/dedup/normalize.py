"""Text normalisation for duplicate detection: the same story written by different outlets maps to one string.

Pure functions only. The output is a fingerprinting form, not display text: it keeps letters and digits,
drops every space and punctuation mark, removes bylines, datelines, photo credits and editor footers, folds
the 臺/台 variants and writes every number the same way (十萬四三四八, 10萬4348 and １０萬４３４８ all become
``104348``; 百分之十一點九 and 11.9% both become ``11.9%``).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Bylines and datelines. The patterns run before NFKC (which is skipped for most texts, see ``fold``),
# so brackets, slashes and colons match in their full-width and ASCII forms. Each pattern is bounded in
# length so a stray bracket never eats a paragraph.
_LP, _RP, _SL, _CO = "[(（﹙]", "[)）﹚]", "[/／╱]", "[:：]"
_BYLINE_PATTERNS: tuple[str, ...] = (
    rf"{_LP}中央社(?:記者)?[^()（）\n]{{0,40}}?電{_RP}",  # （中央社記者張三台北5日電）
    rf"中央社\s*{_SL}?\s*[^\n/／]{{0,12}}?[0-9０-９一二三四五六七八九十]{{1,3}}日(?:專)?電",
    # ^ 中央社／ 台北5日電
    r"〔[^〕\n]{0,40}?(?:報導|電)〕",  # 〔記者王小明／台北報導〕
    r"【[^】\n]{0,40}?(?:報導|電)】",  # 【記者吳惠民桃園報導】, 【綜合報導】
    r"[\[［][^\]］\n]{0,40}?(?:報導|電)[\]］]",  # [記者張世昌/台中報導]
    r"「記者[^」\n]{0,30}?報導」",  # 「記者:張崇和 高雄報導」
    rf"報導[.．・]?攝影{_SL}[^\n]{{0,12}}$",  # Apple Daily 報導．攝影╱游竹君 at a paragraph end
    rf"{_LP}(?:編輯|譯者|核稿|責任編輯|責編){_CO}[^()（）\n]{{0,60}}{_RP}\s*[0-9]{{0,8}}",
    # ^ （編輯：張三）1150105
    rf"{_LP}(?:圖|圖文|攝影|照片|資料照|影音)[^()（）\n]{{0,30}}{_RP}",  # （圖／記者…翻攝）
    rf"{_LP}[^()（）\n]{{1,24}}提供{_RP}",  # （高市府提供）
)
# Every pattern above starts with one of these characters; the lookahead lets the scan skip all other
# positions at once (twice as fast as trying every alternative everywhere).
_BYLINE_RE = re.compile(
    r"(?=[(（﹙中〔【\[［「報])(?:" + "|".join(f"(?:{p})" for p in _BYLINE_PATTERNS) + ")", re.MULTILINE
)
# 記者賴文萱／高雄報導 on its own line or at a line start.
_LINE_BYLINE_RE = re.compile(r"^[^\n]{0,12}記者[^\n]{0,30}?報導", re.MULTILINE)

# Links and script fragments carry no story (and pages that failed to extract consist of little else).
_URL_RE = re.compile(r"(?:https?://|www\.)[\w./?=&%#:;~+-]+|window\.location\.href")

# Character variants that outlets use interchangeably (NFKC leaves them alone).
_VARIANTS = (
    ("臺", "台"),
    ("裏", "裡"),
    ("峯", "峰"),
    ("綫", "線"),
    ("衆", "眾"),
    ("着", "著"),
    ("〇", "0"),
    ("○", "0"),
    ("零", "0"),
)
# Characters whose NFKC form we keep: full-width letters, digits, % and the decimal point, circled and
# squared signs. NFKC is the slowest step, so it runs only on texts containing one of these; full-width
# punctuation is dropped later anyway.
_COMPAT_RE = re.compile(r"[\u2460-\u24ff\u3200-\u33ff\uff05\uff0e\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]")

_DIGITS = {"0": 0, "一": 1, "二": 2, "兩": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_DIGITS.update({str(d): d for d in range(10)})
_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
_BIG_UNITS = {"萬": 10_000, "億": 100_000_000}
_DIGIT_CHARS = "0123456789一二三四五六七八九兩"
_NUMERAL_CHARS = _DIGIT_CHARS + "十百千萬億"
# One run of numerals in any mix of scripts, starting with a digit, 十 or 百 (百分之…);
# 萬, 億 and 千 alone are words (數萬元, 千萬不要). The callback leaves plain ASCII runs
# alone. The pattern starts with a character class on purpose: that keeps the scan fast
# (an optional prefix or a second branch makes it 2-5x slower).
_NUMERAL_RE = re.compile(
    rf"[{_DIGIT_CHARS}十百][{_NUMERAL_CHARS}]*(?:分之[{_NUMERAL_CHARS}]+)?(?:[點.][{_DIGIT_CHARS}]+)?%?"
)
# Everything but letters, digits, % and decimal points goes (spaces, punctuation, symbols); then every
# point that is not between two digits. Two passes over runs are faster than one alternation per character.
_NON_WORD_RE = re.compile(r"[^\w%.]+")
_STRAY_POINT_RE = re.compile(r"\.(?!\d)|(?<!\d)\.")


def strip_bylines(text: str) -> str:
    """Remove bylines, datelines, photo credits, editor footers and links."""
    if "http" in text or "www." in text or "window." in text:  # substring tests are 10x cheaper
        text = _URL_RE.sub(" ", text)
    return _LINE_BYLINE_RE.sub(" ", _BYLINE_RE.sub(" ", text))


def _section_value(section: str) -> int | None:
    """Value of a numeral without 萬/億: a plain digit string (四三四八) or a 千百十 expression (三千二百)."""
    if not section:
        return 0
    if all(ch in _DIGITS for ch in section):
        return int("".join(str(_DIGITS[ch]) for ch in section))
    total = 0
    pending: int | None = None
    for ch in section:
        if ch in _DIGITS:
            pending = _DIGITS[ch] if pending is None else pending * 10 + _DIGITS[ch]
        elif ch in _SMALL_UNITS:
            total += (1 if pending is None else pending) * _SMALL_UNITS[ch]
            pending = None
        else:
            return None
    return total + (pending or 0)


def numeral_value(numeral: str) -> str:
    """The Arabic form of a numeral run in any mix of Chinese and Arabic digits.

    Plain digit strings keep their leading zeros (0403, 二0一六 -> 2016); runs with units are evaluated
    (十萬四三四八 -> 104348, 10萬4348 -> 104348, 十九 -> 19).
    """
    if all(ch in _DIGITS for ch in numeral):
        return "".join(str(_DIGITS[ch]) for ch in numeral)
    total = 0
    rest = numeral
    for unit, factor in sorted(_BIG_UNITS.items(), key=lambda kv: -kv[1]):
        if unit in rest:
            head, _, rest = rest.partition(unit)
            value = _section_value(head) if head else 1
            if value is None:
                return numeral
            total += value * factor
    tail = _section_value(rest)
    if tail is None:
        return numeral
    return str(total + tail)


def _decimal_value(numeral: str) -> str:
    """A numeral with an optional decimal part (十一點九 -> 11.9)."""
    for point in ("點", "."):
        if point in numeral:
            integer, _, fraction = numeral.partition(point)
            return f"{numeral_value(integer) if integer else '0'}.{numeral_value(fraction)}"
    return numeral_value(numeral)


def _numeral_replacement(match: re.Match[str]) -> str:
    run = match.group()
    return run if run.isascii() else _arabic(run)


@lru_cache(maxsize=4096)  # the same few hundred runs (一, 二0一七, 十九) recur in every text
def _arabic(run: str) -> str:
    percent = "%" if run.endswith("%") else ""
    body = run.removesuffix("%")
    if "分之" in body:
        denominator, _, numerator = body.partition("分之")
        if denominator == "百":  # 百分之十一點九 -> 11.9%
            return _decimal_value(numerator) + "%"
        return f"{_decimal_value(numerator)}/{_decimal_value(denominator)}{percent}"
    return _decimal_value(body) + percent


def normalize_numbers(text: str) -> str:
    """Write every number in Arabic digits (expects NFKC text with variants folded)."""
    return _NUMERAL_RE.sub(_numeral_replacement, text)


def fold(text: str) -> str:
    """NFKC, lower case and the 臺/台-style variants: the first step of every comparison."""
    if _COMPAT_RE.search(text):
        text = unicodedata.normalize("NFKC", text)
    text = text.lower()
    for variant, common in _VARIANTS:
        text = text.replace(variant, common)
    return text


def normalize_text(text: str) -> str:
    """The fingerprinting form of an article body: see the module docstring."""
    kept = _NON_WORD_RE.sub("", normalize_numbers(fold(strip_bylines(text)))).replace("_", "")
    return _STRAY_POINT_RE.sub("", kept) if "." in kept else kept
