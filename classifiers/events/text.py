"""The text the events stage reads: title + newline + lead, folded for matching without moving a
character, so every span found indexes the original text too (the evidence the UI highlights).

Folding: NFKC (full-width digits and brackets to ASCII), Simplified to Traditional when the text looks
Simplified, variant folding (臺->台, 県->縣 ...), lower case; each step is kept only where it keeps the
length (a character NFKC would expand, such as …, stays as it is).

Datelines (中央社記者…台北4日電, [記者…/台中報導], 【台北＝…】, "TAIPEI (CNA) --") name where a
reporter filed from, not who acted: their spans are blanked before matching.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from classifiers.normalize import fold_variants, looks_simplified, to_traditional

ENGLISH_SCALE = 2.5
# Only the start of an article is read, as by the relevance model (classifiers.analysis.LEAD_CHARS).
LEAD_CHARS = 1000

_DATELINES = re.compile(
    # (中央社記者楊明珠東京4日專電) (中央社台北4日電) 中央社記者X台北4日電
    r"[(\[【〔]?(?:中央社|cna)[^)\]】〕\n。,，]{0,24}?\d{1,2}日(?:專|綜合外)?電[)\]】〕]?"
    # [記者X/台中報導] 〔記者X／台北報導〕 記者X/綜合報導 (自由時報記者X/台北報導)
    r"|[(\[【〔]?(?:[^\s(\[【〔)\]】〕]{0,6}記者|"
    r"[^\s(\[【〔]{0,6}中心)[^)\]】〕\n。]{0,20}?[/／][^)\]】〕\n。]{0,10}?報導[)\]】〕]?"
    # (台北 8日 中央社) and (高雄中央社) in Japanese CNA items
    r"|[(][^)\n]{1,8}?(?:\d{1,2}日)?\s*中央社[)]"
    # 【台北＝共同】 【台北時事】 （台北＝中央社）
    r"|[【(][^】)\n]{1,10}(?:=|時事|共同)[^】)\n]{0,12}[】)]"
    # TAIPEI (CNA) -- / Taipei, Dec. 4 (CNA) / TAIPEI (Taiwan News) —
    # (also with the place's country or state: MIYAKOJIMA, Japan (Kyodo) --)
    r"|\b[a-z][a-z .]{2,20}(?:,\s*[a-z]{3,9}\.?\s*\d{1,2}|,\s*[a-z][a-z .]{2,20}?)?\s*"
    r"\((?:cna|taiwan news|focus taiwan|reuters|"
    r"ap|kyodo)\)\s*[-—–]*"
    # any outlet after an English dateline that opens the text: TAIPEI (Taipei Times) — / FUKUOKA (The
    # Japan Times) — / TOKYO (Nikkei Asia) —
    r"|(?:^|(?<=\n))[a-z][a-z .]{2,20}(?:,\s*[a-z]{3,9}\.?\s*\d{1,2}|,\s*[a-z][a-z .]{2,20}?)?\s*"
    r"\([a-z][a-z .]{1,24}\)\s*[-—–]+"
    # Kyodo's own English form: KUMAMOTO, Japan, March 20 Kyodo -
    r"|(?:^|(?<=\n))[a-z][a-z .]{2,20}(?:,\s*[a-z][a-z .]{2,20}?)?,\s*[a-z]{3,9}\.?\s*\d{1,2}"
    r"\s+kyodo\s*[-—–]+"
    # 台中=フォーカス台湾 opening a Japanese text (a place, =, the outlet)
    r"|(?:^|(?<=\n))[\u4e00-\u9fff]{1,6}=[^\s=]{1,12}\s",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Reading:
    """``raw``: title + newline + lead as given; ``folded``: the same length, folded and with datelines
    blanked; ``title_end``: where the title stops (0 without a title); ``japanese``: Japanese prose."""

    raw: str
    folded: str
    title_end: int
    japanese: bool
    dated: str  # folded, datelines kept (a dateline's day is a date, not an actor)
    datelines: tuple[tuple[int, int], ...] = ()  # their spans
    english: bool = False  # mostly Latin letters: English says in 2.5 characters what Chinese says in one

    @property
    def scale(self) -> float:
        """How much longer the same lead is in this text's language (English 2.5, Chinese/Japanese 1)."""
        return ENGLISH_SCALE if self.english else 1.0


# Japanese forms the shared folding leaves alone but names need (黄偉哲 = 黃偉哲, 高千穂町 = 高千穗町).
_EXTRA = str.maketrans(
    {
        "黄": "黃",
        "穂": "穗",
        "縄": "繩",
        "戸": "戶",
        "内": "內",
        "郷": "鄉",
        "区": "區",
        "条": "條",
        "万": "萬",
        "塩": "鹽",  # 埔塩郷 = 埔鹽鄉
        "医": "醫",  # 奇美医院 = 奇美醫院
        "薬": "藥",  # 中国医薬大学 = 中國醫藥大學
        # the small ヶ of place names is written full size as often (駒ヶ根市 = 駒ケ根市, 龍ケ崎市)
        "ヶ": "ケ",
        "ヵ": "カ",
        "－": "-",  # a full-width hyphen in a name (摩拉維亞－西里西亞州)
        # romaji with macrons or circumflexes is the same name without them (Ōma = Oma, Ryūkyū, Kôchi)
        **{long: short for long, short in zip("āēīōūâêîôûĀĒĪŌŪÂÊÎÔÛ", "aeiouaeiouAEIOUAEIOU", strict=True)},
    }
)


def fold_name(name: str) -> str:
    """How a gazetteer name is compared (the text's folding, without NFKC: names are clean)."""
    return fold_variants(name).translate(_EXTRA).lower()


_KANA = re.compile(r"[\u3041-\u3096\u30a1-\u30fa]")
# Japanese prose is a fifth or more kana; a Chinese text naming a town in kana (おおい町, みなかみ町) has a
# few in a hundred (measured on our written items: Japanese at least 0.21, the others at most 0.05).
_JAPANESE_KANA_SHARE = 0.1


def _is_japanese(raw: str) -> bool:
    return len(_KANA.findall(raw)) >= _JAPANESE_KANA_SHARE * len(raw) > 0


class _CharFold(dict[int, str]):
    """Character -> its folded form, computed once per character (str.translate calls __missing__ on
    the first sight of a character): NFKC, variant folding, lower case, kept only where the result is one
    character. One C-level translate per text instead of four passes and a per-character loop."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        folded = fold_name(unicodedata.normalize("NFKC", char))
        value = folded if len(folded) == 1 else char
        self[code] = value
        return value


_CHAR_FOLD = _CharFold()


def fold_pattern(pattern: str) -> str:
    """A regular expression written with any variants (台湾, 会談, 姉妹校), made to match the folded text
    (台灣, 會談, 姊妹校): its Chinese and Japanese characters are folded one by one, the rest kept."""
    return "".join(char.translate(_CHAR_FOLD) if "\u3000" <= char <= "\u9fff" else char for char in pattern)


def _has_simplified_char(text: str) -> bool:
    from classifiers.normalize import _simplified_only_chars  # the one list, reused

    return not _simplified_only_chars().isdisjoint(text)


def fold(text: str) -> str:
    """Fold a text for matching, keeping its length (see the module docstring)."""
    # Simplified Chinese first (OpenCC works on the text as written); the cheap test of one
    # Simplified-only character decides whether the full test (normalize.looks_simplified) runs.
    if _has_simplified_char(text) and looks_simplified(text):
        converted = to_traditional(text)
        if len(converted) == len(text):
            text = converted
    return text.translate(_CHAR_FOLD)


# Datelines open an article (or follow a photo caption): only this many characters after the title are
# searched, which also keeps the pattern's cost off long texts.
DATELINE_SCOPE = 240


# Every dateline form holds one of these: without any, the (costly) pattern is not run.
_DATELINE_WORDS = (
    "中央社",
    "報導",
    "报导",
    "電",
    "电",
    "=",
    "時事",
    "共同",
    "(cna)",
    "(taiwan news)",
    "(focus taiwan)",
    "(reuters)",
    "(ap)",
    "(kyodo)",
    " kyodo",
    ") —",
    ") -",
    ")—",
)


def dateline_spans(folded: str, title_end: int = 0) -> list[tuple[int, int]]:
    """Where the datelines are (searched in the first DATELINE_SCOPE characters after the title)."""
    end = title_end + DATELINE_SCOPE
    head = folded[:end]
    if not any(word in head for word in _DATELINE_WORDS):
        return []
    return [m.span() for m in _DATELINES.finditer(folded, 0, end)]


# An English dateline in capitals opening the text, without an outlet: SAPPORO — / KAOHSIUNG, Taiwan — (the
# folded text has no case, so the raw text is read).
_CAPITAL_DATELINE = re.compile(r"[A-Z][A-Z .'-]{2,24}(?:, [A-Z][A-Za-z .]{2,20})?\s*(?:—|–|--?)\s")


def _capital_dateline(raw: str, title_end: int) -> list[tuple[int, int]]:
    start = title_end + 1 if title_end else 0
    match = _CAPITAL_DATELINE.match(raw, start)
    return [match.span()] if match else []


def blank_datelines(folded: str, spans: list[tuple[int, int]]) -> str:
    parts: list[str] = []
    last = 0
    for start, end in spans:
        parts += [folded[last:start], " " * (end - start)]
        last = end
    parts.append(folded[last:])
    return "".join(parts)


# English abbreviations before a name or a number (Gov. Hiroshi Hase, Sept. 9): their full stop ends no
# sentence, so the matching text writes it as a one-dot leader (same length), which no rule reads as a stop.
_ABBREVIATION_STOP = re.compile(
    r"\b(?:gov|sen|rep|reps|mr|mrs|ms|dr|prof|st|gen|lt|col|capt|amb|dept|jan|feb|aug|sept|oct|nov|dec|no|vs)"
    r"\.(?= )"
)


# The stop written in place of an abbreviation's full stop, and "Gov." as the matching text then reads it.
ABBREVIATION_DOT = "\u2024"
GOVERNOR_ABBREVIATION = "gov" + ABBREVIATION_DOT


def _keep_abbreviations(folded: str) -> str:
    return _ABBREVIATION_STOP.sub(lambda m: m.group()[:-1] + ABBREVIATION_DOT, folded)


def read(title: str | None, text: str) -> Reading:
    title = (title or "").strip()
    lead = (text or "")[:LEAD_CHARS]
    raw = f"{title}\n{lead}" if title else lead
    dated = fold(raw)
    spans = dateline_spans(dated, len(title))
    # (a capital dateline only where no other dateline form lies: blanked spans must not overlap)
    spans += [
        s for s in _capital_dateline(raw, len(title)) if not any(a < s[1] and s[0] < b for a, b in spans)
    ]
    spans.sort()
    english = _mostly_latin(dated)
    folded = blank_datelines(dated, spans)
    return Reading(
        raw=raw,
        folded=_keep_abbreviations(folded) if english else folded,
        title_end=len(title),
        japanese=_is_japanese(raw),
        dated=dated,
        datelines=tuple(spans),
        english=english,
    )


def _mostly_latin(folded: str) -> bool:
    head = folded[:300]
    return sum(1 for char in head if "a" <= char <= "z") > len(head) // 2
