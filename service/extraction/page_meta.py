"""Article metadata from a page's markup: title, published time, authors, language, canonical URL.

Read from the untouched tree before clutter removal, in order of trust: JSON-LD (NewsArticle), OpenGraph and
``article:`` meta tags, other ``<meta>`` names, then visible markup (``<h1>``, ``<time datetime>``). Pure
lxml: no network, no date guessing from prose.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import urljoin
from zoneinfo import ZoneInfo

from lxml.html import HtmlElement

# Separators between headline, section and site name. An unspaced hyphen counts only between CJK
# characters (標題-高雄市政府全球資訊網), never inside a Latin word (COVID-19).
_TITLE_SEPARATORS = re.compile(
    r"\s+[|｜\-–—_]\s+|\s*[|｜]\s*|_|(?<=[\u3400-\u9fff）」』])-(?=[\u3400-\u9fff（「『])"
)
_DATE_META = (
    "article:published_time",
    "og:published_time",
    "article:published",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "pubdate",
    "date",
    "dc.date",
    "dc.date.issued",
    "dcterms.created",
    "sailthru.date",
    "parsely-pub-date",
    "datepublished",
)
_DATE_FORMATS = ("%Y/%m/%d %H:%M:%S", "%Y/%m/%d %H:%M", "%Y/%m/%d", "%Y-%m-%d %H:%M", "%Y%m%d")
_ZH_HANT = ("zh-tw", "zh-hk", "zh-mo", "zh-hant")
_ZH_HANS = ("zh-cn", "zh-sg", "zh-hans", "zh-my")


@dataclass(frozen=True)
class PageMeta:
    title: str | None
    published: datetime | None
    authors: tuple[str, ...]
    lang: str | None
    canonical_url: str | None

    def language(self, text: str) -> str | None:
        """The markup's language, refined or replaced by the script of the text where it is vague."""
        if self.lang and self.lang != "zh":
            return self.lang
        guessed = guess_lang(text)
        if self.lang == "zh" and guessed not in ("zh-Hant", "zh-Hans"):
            return "zh"
        return guessed or self.lang


# Frequent characters that exist in only one of the two scripts (pairs: 這/这, 個/个, ...).
_HANT_ONLY = frozenset("這個們來說時會國對為與後發現經過開關話還進體點學實動長問題區應當從將處總車場義灣")
_HANS_ONLY = frozenset("这个们来说时会国对为与后发现经过开关话还进体点学实动长问题区应当从将处总车场义湾")


_KANA = re.compile("[\u3040-\u30ff]")
_HAN = re.compile("[\u4e00-\u9fff]")
_LATIN = re.compile("[A-Za-z]")
_HANT_CHARS = re.compile(f"[{''.join(sorted(_HANT_ONLY))}]")
_HANS_CHARS = re.compile(f"[{''.join(sorted(_HANS_ONLY))}]")


def _count(pattern: re.Pattern[str], text: str) -> int:
    return len(pattern.findall(text))  # counted in C: a Python loop over the characters costs a millisecond


def guess_lang(text: str) -> str | None:
    """Language from the script of the text: ja, zh-Hant, zh-Hans or en."""
    if not text:
        return None
    kana = _count(_KANA, text)
    han = _count(_HAN, text)
    latin = _count(_LATIN, text)
    if kana > 0.05 * max(1, han + kana):
        return "ja"
    if han > latin:
        hant = _count(_HANT_CHARS, text)
        hans = _count(_HANS_CHARS, text)
        if hant == hans:
            return "zh"
        return "zh-Hant" if hant > hans else "zh-Hans"
    return "en" if latin else None


def _meta_values(tree: HtmlElement) -> dict[str, str]:
    values: dict[str, str] = {}
    for el in tree.iter("meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().lower()
        content = (el.get("content") or "").strip()
        if key and content and key not in values:
            values[key] = content
    return values


def _json_ld(tree: HtmlElement) -> list[dict[str, Any]]:
    objects: list[dict[str, Any]] = []
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text or "")
        except ValueError:
            continue
        stack = data if isinstance(data, list) else [data]
        while stack:
            item = stack.pop(0)
            if isinstance(item, dict):
                objects.append(item)
                graph = item.get("@graph")
                if isinstance(graph, list):
                    stack.extend(graph)
    return [o for o in objects if "datePublished" in o or "headline" in o or "author" in o]


_MAX_TITLE_CHARS = 200  # an <h1> longer than this wraps page furniture, not a headline


def _visible_text(el: HtmlElement) -> str:
    """Text of an element without its scripts and styles (some mobile pages put both inside <h1>)."""
    parts = [el.text or ""]
    for child in el:
        if isinstance(child.tag, str) and child.tag not in ("script", "style", "noscript", "template"):
            parts.append(_visible_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _title_parts(raw: str) -> list[str]:
    parts = [p.strip() for p in _TITLE_SEPARATORS.split(raw) if p.strip()]
    if len(parts) <= 1 and raw.count("-") >= 2:
        parts = [p.strip() for p in raw.split("-") if p.strip()]  # 新聞稿-標題-機關 (government sites)
    return parts


def _clean_title(raw: str) -> str:
    """The headline part of a ``<title>``: site names and sections sit on either side of a separator."""
    parts = _title_parts(raw)
    return max(parts, key=len) if parts else raw.strip()


def _title(tree: HtmlElement, meta: dict[str, str], ld: list[dict[str, Any]]) -> str | None:
    """The visible <h1> when it is a headline; else the declared title (OpenGraph, JSON-LD, <title>)."""
    raw_declared = next(
        (
            c.strip()
            for c in (
                meta.get("og:title"),
                meta.get("twitter:title"),
                *(str(o.get("headline", "")) for o in ld),
            )
            if c and c.strip()
        ),
        None,
    )
    declared = _clean_title(raw_declared) if raw_declared else None
    title_el = tree.find(".//title")
    raw_title = title_el.text if title_el is not None and title_el.text else ""
    title_parts = {" ".join(part.split()) for part in _title_parts(raw_title)}
    if len(title_parts) > 1:
        # A short headline (舞鶴市, 系統維護公告) that a heading confirms beside a longer site name.
        headings = {" ".join(_visible_text(el).split()) for el in tree.iter("h1", "h2", "h3")}
        confirmed = [part for part in title_parts if part in headings]
        if confirmed:
            return max(confirmed, key=len)
    for el in tree.iter("h1"):
        text = " ".join(_visible_text(el).split())
        if not 4 <= len(text) <= _MAX_TITLE_CHARS:
            continue
        if raw_declared and len(text) > 1.5 * len(raw_declared) + 10:
            break  # an <h1> wrapping a menu as well as the headline: trust the declared title
        return text
    if declared:
        return declared
    title = tree.find(".//title")
    if title is not None and title.text and title.text.strip():
        return _clean_title(title.text)
    return None


def parse_datetime(value: str, tz: ZoneInfo) -> datetime | None:
    """An ISO or common Taiwanese date string; naive times are taken to be in ``tz``."""
    value = value.strip()
    if not value:
        return None
    parsed: datetime | None = None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        for fmt in _DATE_FORMATS:
            try:
                parsed = datetime.strptime(value, fmt)
                break
            except ValueError:
                continue
    if parsed is None:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=tz)


def _published(
    tree: HtmlElement, meta: dict[str, str], ld: list[dict[str, Any]], tz: ZoneInfo
) -> datetime | None:
    candidates: list[str] = [str(o["datePublished"]) for o in ld if o.get("datePublished")]
    candidates += [meta[key] for key in _DATE_META if key in meta]
    candidates += [str(v) for v in tree.xpath("//time/@datetime")]
    for value in candidates:
        parsed = parse_datetime(value, tz)
        if parsed is not None:
            return parsed
    return None


def _authors(meta: dict[str, str], ld: list[dict[str, Any]]) -> tuple[str, ...]:
    names: list[str] = []
    for obj in ld:
        author = obj.get("author")
        for entry in author if isinstance(author, list) else [author]:
            name = entry.get("name") if isinstance(entry, dict) else entry
            if isinstance(name, str) and name.strip():
                names.append(name.strip())
    if not names and meta.get("author"):
        names = [n.strip() for n in re.split(r"[,、，;]", meta["author"]) if n.strip()]
    return tuple(dict.fromkeys(names))


def normalise_lang(tag: str | None) -> str | None:
    if not tag:
        return None
    tag = tag.strip().replace("_", "-").lower()
    if not tag:
        return None
    if tag.startswith(_ZH_HANT):
        return "zh-Hant"
    if tag.startswith(_ZH_HANS):
        return "zh-Hans"
    return tag.split("-")[0]


def _lang(tree: HtmlElement, meta: dict[str, str]) -> str | None:
    html = tree if tree.tag == "html" else tree.getroottree().getroot()
    return normalise_lang(html.get("lang") or meta.get("content-language") or meta.get("og:locale"))


def _canonical(tree: HtmlElement, meta: dict[str, str], url: str | None) -> str | None:
    hrefs = tree.xpath('//link[@rel="canonical"]/@href')
    candidate = str(hrefs[0]).strip() if hrefs else meta.get("og:url")
    if candidate:
        return urljoin(url, candidate) if url else candidate
    return url


def read_page_meta(tree: HtmlElement, url: str | None, timezone: str) -> PageMeta:
    meta = _meta_values(tree)
    ld = _json_ld(tree)
    return PageMeta(
        title=_title(tree, meta, ld),
        published=_published(tree, meta, ld, ZoneInfo(timezone)),
        authors=_authors(meta, ld),
        lang=_lang(tree, meta),
        canonical_url=_canonical(tree, meta, url),
    )
