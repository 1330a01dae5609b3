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

# Only the start of an article is read, as by the relevance model (classifiers.analysis.LEAD_CHARS).
LEAD_CHARS = 1000

_DATELINES = re.compile(
    # (中央社記者楊明珠東京4日專電) (中央社台北4日電) 中央社記者X台北4日電
    r"[(\[【〔]?(?:中央社|cna)[^)\]】〕\n。,，]{0,24}?\d{1,2}日(?:專|綜合外)?電[)\]】〕]?"
    # [記者X/台中報導] 〔記者X／台北報導〕 記者X/綜合報導 (自由時報記者X/台北報導)
    r"|[(\[【〔]?(?:[^\s(\[【〔)\]】〕]{0,6}記者|"
    r"[^\s(\[【〔]{0,6}中心)[^)\]】〕\n。]{0,20}?[/／][^)\]】〕\n。]{0,10}?報導[)\]】〕]?"
    # 【台北＝共同】 【台北時事】 （台北＝中央社）
    r"|[【(][^】)\n]{1,10}(?:=|時事|共同)[^】)\n]{0,12}[】)]"
    # TAIPEI (CNA) -- / Taipei, Dec. 4 (CNA) / TAIPEI (Taiwan News) —
    r"|\b[a-z][a-z .]{2,20}(?:,\s*[a-z]{3,9}\.?\s*\d{1,2})?\s*\((?:cna|taiwan news|focus taiwan|reuters|"
    r"ap|kyodo)\)\s*[-—–]*",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Reading:
    """``raw``: title + newline + lead as given; ``folded``: the same length, folded and with datelines
    blanked; ``title_end``: where the title stops (0 without a title); ``japanese``: the text has kana."""

    raw: str
    folded: str
    title_end: int
    japanese: bool
    dated: str  # folded, datelines kept (a dateline's day is a date, not an actor)


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
    }
)


def fold_name(name: str) -> str:
    """How a gazetteer name is compared (the text's folding, without NFKC: names are clean)."""
    return fold_variants(name).translate(_EXTRA).lower()


_KANA = re.compile(r"[\u3041-\u3096\u30a1-\u30fa]")


def _same_length(before: str, after: str) -> str:
    if len(after) == len(before):
        return after
    return "".join(
        changed if len(changed) == 1 else char
        for char, changed in ((c, unicodedata.normalize("NFKC", c)) for c in before)
    )


def fold(text: str) -> str:
    """Fold a text for matching, keeping its length (see the module docstring)."""
    folded = _same_length(text, unicodedata.normalize("NFKC", text))
    if looks_simplified(folded):
        converted = to_traditional(folded)
        if len(converted) == len(folded):
            folded = converted
    folded = fold_variants(folded).translate(_EXTRA)
    lowered = folded.lower()
    return (
        lowered
        if len(lowered) == len(folded)
        else "".join(c if len(c.lower()) != 1 else c.lower() for c in folded)
    )


def blank_datelines(folded: str) -> str:
    return _DATELINES.sub(lambda m: " " * len(m.group()), folded)


def read(title: str | None, text: str) -> Reading:
    title = (title or "").strip()
    lead = (text or "")[:LEAD_CHARS]
    raw = f"{title}\n{lead}" if title else lead
    dated = fold(raw)
    return Reading(
        raw=raw,
        folded=blank_datelines(dated),
        title_end=len(title),
        japanese=_KANA.search(raw) is not None,
        dated=dated,
    )
