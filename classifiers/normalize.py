"""Text normalisation shared by the gazetteer, the model and the keyword baseline.

The one place that uses OpenCC. Steps, in order:

1. NFKC: full-width ASCII to half width, half-width katakana to full width, compatibility forms folded.
2. Simplified to Traditional (OpenCC ``s2t``), only when the text looks Simplified: OpenCC's pure-Python
   converter costs about 2 µs per character, too slow to run on every item, and Japanese shinjitai
   (国, 会, 学) would be "converted" wrongly.
3. Variant folding: 臺->台 and a few Japanese/Chinese variants (県->縣, 姉->姊, 横->橫), so 熊本県, 熊本縣
   and 熊本県 match the same gazetteer entry and share n-grams.
4. Lowercasing (English); whitespace collapsed. Japanese is kept as characters.

It also turns names between Traditional and Japanese forms (OpenCC's JPVariants table: 壽豐鄉 <-> 寿豊郷), for
the gazetteer's build and the firm names the events stage reads in Japanese text.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from pathlib import Path
from typing import Protocol

import numpy as np
from numpy.typing import NDArray

# Variants folded to one form. Left: the form we drop; right: the form we keep (the commoner in Taiwan).
_VARIANT_PAIRS = {
    "臺": "台",
    "湾": "灣",  # Japanese 台湾
    "県": "縣",
    "姉": "姊",
    "横": "橫",
    "広": "廣",
    "浜": "濱",
    "沢": "澤",
    "徳": "德",
    "児": "兒",
    "関": "關",
    "国": "國",
    "会": "會",
    "学": "學",
    "﨑": "崎",
    "髙": "高",
    "黒": "黑",
    "恵": "惠",
    "桜": "櫻",
    "歳": "歲",
    "滝": "瀧",
    "鉄": "鐵",
    "図": "圖",
    "経": "經",
    "済": "濟",
    "実": "實",
    "発": "發",
    "総": "總",
    "団": "團",
    "与": "與",
    "帰": "歸",
    "亜": "亞",
    "仏": "佛",
    "裏": "裡",
    "峯": "峰",
    "爲": "為",
    "綫": "線",
    "衞": "衛",
    "姫": "姬",
    "栄": "榮",
    "覧": "覽",
    "観": "觀",
}
# One regex over the dropped forms, replaced where found: str.translate looks every character of a
# non-ASCII text up in a dictionary, about ten times slower on news, where variants are rare.
_VARIANT_FOUND = re.compile("[" + "".join(_VARIANT_PAIRS) + "]")

_KANA = re.compile(r"[\u3041-\u3096\u30a1-\u30fa]")
_SPACE = re.compile(r"\s+")
_BMP = 0x10000
_OPENCC_DICT = "STCharacters.txt"
_MIN_SIMPLIFIED_CHARS = 3
_MIN_SIMPLIFIED_SHARE = 0.04


class _Converter(Protocol):
    def convert(self, text: str) -> str: ...


@functools.cache
def _s2t() -> _Converter:
    from opencc import OpenCC  # the only OpenCC import in the project

    converter: _Converter = OpenCC("s2t")
    return converter


def _opencc_dictionary(name: str) -> str:
    """One of the dictionaries OpenCC ships (tab-separated lines: a form, its conversions)."""
    import opencc

    return (Path(opencc.__file__).parent / "dictionary" / name).read_text(encoding="utf-8")


@functools.cache
def _simplified_only_chars() -> frozenset[str]:
    """Characters OpenCC turns into something else and that are never a Traditional form themselves."""
    candidates: dict[str, list[str]] = {}
    for line in _opencc_dictionary(_OPENCC_DICT).splitlines():
        parts = line.split("\t")
        if len(parts) >= 2 and len(parts[0]) == 1:
            candidates[parts[0]] = parts[1].split(" ")
    traditional = {value for values in candidates.values() for value in values}
    for line in _opencc_dictionary("TSCharacters.txt").splitlines():
        traditional.add(line.split("\t")[0])
    chars = {c for c, values in candidates.items() if c not in values and c not in traditional}
    chars.discard("台")
    return frozenset(chars)


@functools.cache
def _simplified_table() -> NDArray[np.bool_]:
    """A lookup by code point (Basic Multilingual Plane): True for the Simplified-only characters."""
    table = np.zeros(_BMP, dtype=bool)
    table[[ord(char) for char in _simplified_only_chars() if ord(char) < _BMP]] = True
    return table


def has_kana(text: str) -> bool:
    """True when the text contains hiragana or katakana, i.e. is (partly) Japanese."""
    return _KANA.search(text) is not None


def looks_simplified(text: str) -> bool:
    """True when Simplified-only characters are frequent (at least 3, and 4% of the CJK characters) and the
    text has no kana. A Traditional text may hold a few such characters (群, 床 and 峰 are OpenCC
    "simplified" forms of rare variants); a Simplified one holds them in every sentence."""
    if has_kana(text):
        return False
    # counted over the text's code points as an array: a Python loop per character was a tenth of the
    # classifier's time, and a regex character class of 2,000 characters is slower still
    points = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype="<u4")
    points = points[points < _BMP]
    found = int(_simplified_table()[points].sum())
    if found < _MIN_SIMPLIFIED_CHARS:
        return False
    cjk = int(np.count_nonzero((points >= 0x4E00) & (points <= 0x9FFF)))
    return found >= _MIN_SIMPLIFIED_SHARE * cjk


def to_traditional(text: str) -> str:
    """Simplified to Traditional Chinese (OpenCC s2t), unconditionally."""
    return _s2t().convert(text)


@functools.cache
def _japanese_forms() -> dict[str, str]:
    """Traditional character -> its Japanese form (OpenCC's JPVariants: 壽 -> 寿, 豐 -> 豊, 鄉 -> 郷)."""
    pairs = (line.split("\t") for line in _opencc_dictionary("JPVariants.txt").splitlines())
    return {parts[0]: parts[1].split(" ")[0] for parts in pairs if len(parts) >= 2 and len(parts[0]) == 1}


@functools.cache
def _traditional_forms() -> dict[str, str]:
    """Japanese form -> its Traditional character, where only one Traditional character has that form."""
    found: dict[str, set[str]] = {}
    for traditional, japanese in _japanese_forms().items():
        found.setdefault(japanese, set()).add(traditional)
    # (台 is also how Taiwan itself writes 臺 in names: 台積電, 台海貿易 stay as written)
    return {j: next(iter(chars)) for j, chars in found.items() if len(chars) == 1 and j != "台"}


def traditional_form(name: str) -> str:
    """A name written in Japanese forms, in Traditional characters (豊果国際 -> 豐果國際)."""
    forms = _traditional_forms()
    return "".join(forms.get(char, char) for char in name)


def japanese_form(name: str) -> str:
    """A Traditional name as Japanese media write it (花蓮縣壽豐鄉 -> 花蓮県寿豊郷)."""
    forms = _japanese_forms()
    return "".join(forms.get(char, char) for char in name)


def fold_variants(text: str) -> str:
    """Fold character variants (臺->台, 県->縣 ...) so spellings of one name compare equal."""
    return _VARIANT_FOUND.sub(_kept_form, text)


def _kept_form(found: re.Match[str]) -> str:
    return _VARIANT_PAIRS[found.group()]


def normalize(text: str | None) -> str:
    """Normalise one text for matching and features (see the module docstring for the steps)."""
    if not text:
        return ""
    folded = unicodedata.normalize("NFKC", text)
    if looks_simplified(folded):
        folded = to_traditional(folded)
    folded = fold_variants(folded).lower()
    return _SPACE.sub(" ", folded).strip()
